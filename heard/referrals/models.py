"""Referrals to children's social care, counted per month (DOMAIN.md section 3).

They give the rate "complaints per referral" (1.6% in seed 001).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class MonthlyReferrals(models.Model):
    #: The first day of the month counted.
    month = models.DateField(unique=True)
    referrals = models.PositiveIntegerField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-month"]
        verbose_name_plural = "monthly referrals"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(month__day=1), name="referrals_month_is_first_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%B %Y}: {self.referrals}"
