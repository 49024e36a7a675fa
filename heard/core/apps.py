from __future__ import annotations

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "heard.core"
    verbose_name = "Heard"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from heard.core.models import Team

        auditlog.register(Team)
