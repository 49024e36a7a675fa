from __future__ import annotations

from django.apps import AppConfig


class ComplimentsConfig(AppConfig):
    name = "heard.compliments"
    verbose_name = "Compliments"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from heard.compliments.models import Compliment

        auditlog.register(Compliment)
