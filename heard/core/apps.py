from __future__ import annotations

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "heard.core"
    verbose_name = "Heard"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from heard.accounts.models import User
        from heard.core import (
            checks,  # noqa: F401  (registers the deployment checks)
            configuration,
        )
        from heard.core.models import Team

        auditlog.register(Team)
        configuration.register(
            "Teams and service areas",
            "core:teams",
            "The teams cases are about, and the service areas they sit in.",
            Team,
        )
        # Who changed an account's role, team or sign-in; never its password.
        auditlog.register(User, exclude_fields=["password", "last_login"])
