"""Staff users and their roles (DOMAIN.md section 1)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    COMPLAINTS_MANAGER = "complaints_manager", "Complaints manager"
    COMPLAINTS_OFFICER = "complaints_officer", "Complaints officer"
    RESPONDING_MANAGER = "responding_manager", "Responding manager"
    INVESTIGATING_OFFICER = "investigating_officer", "Investigating officer"
    INDEPENDENT_PERSON = "independent_person", "Independent person"
    ADJUDICATING_OFFICER = "adjudicating_officer", "Adjudicating officer"
    PANEL_MEMBER = "panel_member", "Review panel member"
    SAR_OFFICER = "sar_officer", "Subject access officer"
    REPORT_VIEWER = "report_viewer", "Report viewer"
    ADMINISTRATOR = "administrator", "Administrator"


class User(AbstractUser):
    role = models.CharField(max_length=40, choices=Role.choices, default=Role.REPORT_VIEWER)
    team = models.ForeignKey(
        "core.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="members"
    )

    def __str__(self) -> str:
        return self.get_full_name() or self.username
