from __future__ import annotations

from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "heard.referrals"
    verbose_name = "Referrals"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from heard.referrals.models import MonthlyReferrals

        auditlog.register(MonthlyReferrals)
