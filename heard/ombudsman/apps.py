from __future__ import annotations

from django.apps import AppConfig


class OmbudsmanConfig(AppConfig):
    name = "heard.ombudsman"
    verbose_name = "Ombudsman cases"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from heard.ombudsman.models import OmbudsmanCase, OmbudsmanRemedy

        auditlog.register(OmbudsmanCase, exclude_fields=["updated_at"])
        auditlog.register(OmbudsmanRemedy)
