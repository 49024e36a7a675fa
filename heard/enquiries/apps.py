from __future__ import annotations

from django.apps import AppConfig


class EnquiriesConfig(AppConfig):
    name = "heard.enquiries"
    verbose_name = "Enquiries and other representations"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from heard.enquiries.models import Enquiry

        auditlog.register(Enquiry, exclude_fields=["updated_at"])
