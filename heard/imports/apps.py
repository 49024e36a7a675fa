from __future__ import annotations

from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "heard.imports"
    verbose_name = "Imports"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from heard.core import configuration
        from heard.imports.models import WordMeaning

        auditlog.register(WordMeaning, exclude_fields=["decided_at"])
        configuration.register(
            "Words in the council's logs",
            "imports:meanings",
            "What each word an import asked about means: change a meaning, or remove a word "
            "so the next import asks again.",
            WordMeaning,
        )
