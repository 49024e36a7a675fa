"""Staff users and their roles (DOMAIN.md section 1)."""

from __future__ import annotations

from typing import Any, ClassVar

from auditlog.models import LogEntry
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
    #: A new address someone other than the holder gave the account: it takes the place of
    #: `email` only once confirmed from it (heard.core.people), so until then every reset
    #: link still goes to the address the holder confirmed.
    pending_email = models.EmailField("New email address, not yet confirmed", blank=True)

    objects: ClassVar[HeardUserManager] = HeardUserManager()

    #: What the next save does to the password, for the audit trail: set or cancelled.
    _password_audit = ""

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def set_password(self, raw_password: str | None) -> None:
        super().set_password(raw_password)
        self._password_audit = "set"

    def set_unusable_password(self) -> None:
        super().set_unusable_password()
        self._password_audit = "cancelled" if self.pk else ""

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save, and put a password set or cancelled in the audit trail (django-auditlog
        leaves the password field out, so no hash is ever logged). A hash upgraded on sign-in
        is not a new password and is not logged (Django saves it without `set_password`'s
        mark)."""
        audit, self._password_audit = self._password_audit, ""
        if audit == "set" and getattr(self, "_password", None) is None:
            audit = ""  # check_password's hash upgrade clears the mark set_password left
        super().save(*args, **kwargs)
        if audit:
            LogEntry.objects.log_create(
                self,
                action=LogEntry.Action.UPDATE,
                changes={"password": ["(not shown)", audit]},
            )
