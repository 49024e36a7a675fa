from __future__ import annotations

from django.apps import AppConfig


class SarsConfig(AppConfig):
    name = "heard.sars"
    verbose_name = "Subject access requests"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from heard.core import configuration
        from heard.sars.models import Clarification, Exemption, SarDocument, SubjectAccessRequest

        auditlog.register(
            SubjectAccessRequest, exclude_fields=["updated_at"], m2m_fields={"exemptions"}
        )
        auditlog.register(Clarification)
        auditlog.register(SarDocument)
        auditlog.register(Exemption)
        configuration.register(
            "Subject access exemptions",
            "sars:exemptions",
            "The exemptions a partial disclosure may apply: add, reword or stop offering one.",
            Exemption,
        )
