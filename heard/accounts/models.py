"""Staff users and their roles (DOMAIN.md section 1)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
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


class HeardUserManager(UserManager["User"]):
    def create_superuser(
        self, username: str, email: str | None = None, password: str | None = None, **extra: Any
    ) -> User:
        """The first administrator (`manage.py createsuperuser`, docs/operations.md).

        Django's command is kept for its prompts, but the account it makes is not a Django
        superuser: it holds the administrator role, which may configure Heard (the admin site's
        lists, teams and people) and nothing more. Every permission is the role's, checked by
        the rules, so no account passes every check unasked.
        """
        extra.setdefault("role", Role.ADMINISTRATOR)
        extra["is_staff"] = True
        extra["is_superuser"] = False
        return self.create_user(username, email, password, **extra)


class User(AbstractUser):
    role = models.CharField(max_length=40, choices=Role.choices, default=Role.REPORT_VIEWER)
    team = models.ForeignKey(
        "core.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="members"
    )

    objects: ClassVar[HeardUserManager] = HeardUserManager()

    def __str__(self) -> str:
        return self.get_full_name() or self.username
