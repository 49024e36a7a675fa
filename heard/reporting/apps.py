from __future__ import annotations

from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "heard.reporting"
    verbose_name = "Reports"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from heard.reporting.models import PublishedReport, ReportText

        auditlog.register(ReportText, exclude_fields=["updated_at"])
        # Who published which version, and when; the editions themselves are too big to log.
        auditlog.register(PublishedReport, exclude_fields=["pdf", "docx", "xlsx", "html", "data"])
