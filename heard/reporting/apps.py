from __future__ import annotations

from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "heard.reporting"
    verbose_name = "Reports"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from heard.reporting.models import PaperTemplate, PublishedReport, ReportText

        auditlog.register(ReportText, exclude_fields=["updated_at"])
        # The logo's bytes are not words: the log says who changed the paper, and when.
        auditlog.register(PaperTemplate, exclude_fields=["updated_at", "logo"])
        # Who published which version, and when; the editions themselves are too big to log.
        auditlog.register(PublishedReport, exclude_fields=["pdf", "docx", "xlsx", "html", "data"])
