from __future__ import annotations

from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "heard.reporting"
    verbose_name = "Reports"
