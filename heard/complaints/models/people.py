"""The people in a complaint: complainant, children, and the practitioners appointed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from heard.complaints.choices import AppointmentRole, ContactMethod, LegalStatus
from heard.complaints.models.events import ComplaintEvent
from heard.core.models import EqualityMonitoring


class Complainant(EqualityMonitoring):
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    preferred_contact = models.CharField(
        max_length=20, choices=ContactMethod.choices, default=ContactMethod.EMAIL
    )

    def __str__(self) -> str:
        return self.name


class Child(EqualityMonitoring):
    """A child or young person a complaint is about."""

    name = models.CharField(max_length=200)
    date_of_birth = models.DateField(null=True, blank=True)
    record_number = models.CharField(
        "social care record number", max_length=40, blank=True, db_index=True
    )
    legal_status = models.CharField(
        max_length=40, choices=LegalStatus.choices, default=LegalStatus.NOT_KNOWN
    )

    class Meta:
        verbose_name_plural = "children"

    def __str__(self) -> str:
        return self.name


#: The register's field that lets someone take each appointment role.
ROLE_FLAGS: dict[str, str] = {
    AppointmentRole.RESPONDING_MANAGER: "may_respond",
    AppointmentRole.INVESTIGATING_OFFICER: "may_investigate",
    AppointmentRole.INDEPENDENT_PERSON: "may_be_independent",
    AppointmentRole.ADJUDICATING_OFFICER: "may_adjudicate",
    AppointmentRole.PANEL_CHAIR: "may_sit_on_panel",
    AppointmentRole.PANEL_MEMBER: "may_sit_on_panel",
}

#: The roles the children's regulations give only to someone who is neither a member nor an
#: officer of the council: the Stage 2 independent person (regulation 17) and the review
#: panel (regulation 19). The register records that as "Independent of the council". Each
#: with what it is, as in "… so cannot be the independent person".
INDEPENDENT_ROLES: dict[str, str] = {
    AppointmentRole.INDEPENDENT_PERSON: "be the independent person",
    AppointmentRole.PANEL_CHAIR: "chair the review panel",
    AppointmentRole.PANEL_MEMBER: "sit on the review panel",
}


class PractitionerQuerySet(models.QuerySet["Practitioner"]):
    def for_roles(self, roles: Iterable[str]) -> PractitionerQuerySet:
        """Those on the register, still active, who may take any of these roles."""
        may = Q(pk=None)
        for role in roles:
            role_may = Q(**{ROLE_FLAGS[role]: True})
            if role in INDEPENDENT_ROLES:
                role_may &= Q(is_external=True)
            may |= role_may
        return self.filter(may, active=True)

    def advocacy_providers(self) -> PractitionerQuerySet:
        """Those on the register, still active, who provide advocates."""
        return self.filter(active=True, may_advocate=True)


class FeeBasis(models.TextChoices):
    NONE = "", "No fee"
    DAILY = "daily", "A daily rate"
    FIXED = "fixed", "A fixed fee"


class Practitioner(models.Model):
    """Someone who can be appointed to a stage: a manager, an investigator, an independent
    person, a panel member; or an advocacy provider. This is the register of appointees.

    Many are external contractors with no account, so a user link is optional. The same person
    is always the same row, which is how the rule that the Stage 2 independent person may not
    sit on the Stage 3 panel is checked. Nobody is deleted from the register: someone who no
    longer takes work is made inactive, and keeps their appointments.
    """

    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    #: Neither a member nor an officer of the council: needed for the independent roles.
    is_external = models.BooleanField("Independent of the council", default=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practitioner",
    )
    # The roles they may take: none until the register chooses them, so nobody becomes an
    # investigator or a panel member by default. (Entries made before issue 32 keep the roles
    # they were given then; the independent roles still need is_external.)
    may_respond = models.BooleanField("Responding manager (Stage 1)", default=False)
    may_investigate = models.BooleanField("Investigating officer (Stage 2)", default=False)
    may_be_independent = models.BooleanField("Independent person (Stage 2)", default=False)
    may_adjudicate = models.BooleanField("Adjudicating officer (Stage 2)", default=False)
    may_sit_on_panel = models.BooleanField("Review panel chair or member (Stage 3)", default=False)
    may_advocate = models.BooleanField("Advocacy provider", default=False)
    fee_basis = models.CharField(max_length=10, choices=FeeBasis.choices, blank=True)
    fee = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    active = models.BooleanField(default=True)

    objects = PractitionerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(fee_basis="") & Q(fee__isnull=True))
                | (~Q(fee_basis="") & Q(fee__gt=0)),
                name="practitioner_fee_with_its_basis",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def record_sign_in_change(self, *, by: Any, before: Any) -> int:
        """Put a change of this entry's sign-in (from `before` to `self.user`) on every
        complaint the entry is appointed to: it changes which account reads them. The entry's
        own record of it is the audit trail's. Returns how many complaints."""
        complaints = (
            self.appointments.values_list("stage__complaint_id", flat=True).distinct().order_by()
        )
        details = {
            "appointee": self.name,
            "from": before.get_username() if before else "",
            "to": self.user.get_username() if self.user else "",
        }
        events = [
            ComplaintEvent(
                complaint_id=pk, action="change_appointee_sign_in", actor=by, details=details
            )
            for pk in complaints
        ]
        ComplaintEvent.objects.bulk_create(events)
        return len(events)

    def may_take(self, role: str) -> bool:
        """Whether the register lets them take this appointment role (an independent role
        also needs them independent of the council)."""
        if role in INDEPENDENT_ROLES and not self.is_external:
            return False
        return bool(getattr(self, ROLE_FLAGS[role]))
