from __future__ import annotations

from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "heard.imports"
    verbose_name = "Imports"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from heard.imports.models import WordMeaning

        auditlog.register(WordMeaning, exclude_fields=["decided_at"])
