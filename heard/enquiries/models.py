"""Enquiries from councillors and MPs, and the other representations a complaints team
counts beside complaints (an enquiry, a concern, a comment, a professional's complaint): a
light case with its own response target.

The target is `HEARD_ENQUIRY_RESPONSE_WORKING_DAYS` working days after receipt (default 10),
derived from the calendar like every other deadline, never typed in.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models, transaction

from heard.core import clock
from heard.core.access import TeamScopedQuerySet
from heard.core.dates import long_date
from heard.core.errors import RuleViolation
from heard.core.events import Event
from heard.core.models import ReferenceSequence
from heard.core.workflow import Step, Workflow
from heard.workdays import add_working_days
from heard.workdays.sql import working_days_after

if TYPE_CHECKING:
    from heard.accounts.models import User


class RepresentationKind(models.TextChoices):
    """What the representation is (councils count and report each kind beside complaints)."""

    MEMBER_ENQUIRY = "member_enquiry", "Councillor's or MP's enquiry"
    ENQUIRY = "enquiry", "Enquiry"
    CONCERN = "concern", "Concern"
    COMMENT = "comment", "Comment"
    PROFESSIONAL = "professional_complaint", "Professional's complaint"


class MemberKind(models.TextChoices):
    COUNCILLOR = "councillor", "Councillor"
    MP = "mp", "MP"


class EnquiryStatus(models.TextChoices):
    OPEN = "open", "Open"
    RESPONDED = "responded", "Responded"


def response_period() -> int:
    return int(settings.HEARD_ENQUIRY_RESPONSE_WORKING_DAYS)


class EnquiryQuerySet(TeamScopedQuerySet["Enquiry"]):
    """`visible_to(user)` is the rule in heard.core.access."""

    def open(self) -> EnquiryQuerySet:
        return self.filter(status=EnquiryStatus.OPEN)

    def with_due(self) -> EnquiryQuerySet:
        """Annotate `response_due_on` (the `due_on` property), derived in SQL from the
        calendar table."""
        return self.annotate(response_due_on=working_days_after("received_on", response_period()))

    def overdue(self, today: date) -> EnquiryQuerySet:
        """Open enquiries whose response target has passed (it was before today)."""
        # An annotation, which django-stubs cannot see through with_due().
        return self.open().with_due().filter(response_due_on__lt=today)  # type: ignore[misc]


class Enquiry(models.Model):
    reference = models.CharField(max_length=20, unique=True, editable=False)
    status = models.CharField(
        max_length=20, choices=EnquiryStatus.choices, default=EnquiryStatus.OPEN
    )
    received_on = models.DateField()
    kind = models.CharField(
        max_length=30,
        choices=RepresentationKind.choices,
        default=RepresentationKind.MEMBER_ENQUIRY,
        db_default=RepresentationKind.MEMBER_ENQUIRY,
    )
    #: A councillor's or MP's enquiry only.
    member_kind = models.CharField("from a", max_length=20, choices=MemberKind.choices, blank=True)
    #: The councillor or MP; for another kind, whoever made it (optional).
    member_name = models.CharField("name", max_length=200, blank=True)
    constituent = models.CharField("on behalf of", max_length=200, blank=True)
    team = models.ForeignKey("core.Team", on_delete=models.PROTECT, related_name="enquiries")
    summary = models.CharField(max_length=300)
    assigned_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enquiries",
    )
    responded_on = models.DateField(null=True, blank=True)
    response = models.TextField("what the reply said", blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EnquiryQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name_plural = "enquiries"
        indexes = [models.Index(fields=["status", "received_on"], name="enquiry_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(responded_on__isnull=True)
                | models.Q(responded_on__gte=models.F("received_on")),
                name="enquiry_responded_after_received",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def due_on(self) -> date:
        """The response target: N working days after receipt (the day received is day 0)."""
        return add_working_days(self.received_on, response_period())

    @property
    def responded_in_time(self) -> bool | None:
        return None if self.responded_on is None else self.responded_on <= self.due_on

    @classmethod
    def log(cls, *, by: User | None, received_on: date, **fields: object) -> Enquiry:
        """Log an enquiry or other representation with the next ENQ reference for its year.
        A councillor's or MP's enquiry says which and who; no other kind is from a member."""
        kind = fields.setdefault("kind", RepresentationKind.MEMBER_ENQUIRY)
        if kind not in RepresentationKind.values:
            raise RuleViolation("Choose what it is", field="kind")
        if kind == RepresentationKind.MEMBER_ENQUIRY:
            if not fields.get("member_kind"):
                raise RuleViolation(
                    "Choose whether it is from a councillor or an MP", field="member_kind"
                )
            if not str(fields.get("member_name") or "").strip():
                raise RuleViolation("Enter the councillor's or MP's name", field="member_name")
        elif fields.get("member_kind"):
            raise RuleViolation(
                "Only a councillor's or MP's enquiry is from a councillor or an MP: choose "
                "that, or leave “From a” empty",
                field="member_kind",
            )
        if received_on > clock.today():
            raise RuleViolation(
                "The date the enquiry was received must be today or in the past",
                field="received_on",
            )
        with transaction.atomic():
            enquiry = cls.objects.create(
                reference=ReferenceSequence.next_reference("ENQ", received_on.year),
                received_on=received_on,
                logged_by=by,
                **fields,
            )
            enquiry.events.create(action="receive", actor=by, effective_on=received_on)
        return enquiry

    def respond(self, *, by: User | None, on: date, response: str = "") -> None:
        """Record the reply. Only an open enquiry can be answered, once."""
        with WORKFLOW.step("respond", self, by=by, on=on) as locked:
            if on > clock.today():
                raise RuleViolation(
                    "The date the reply was sent must be today or in the past", field="responded_on"
                )
            if on < locked.received_on:
                raise RuleViolation(
                    "The date the reply was sent must be on or after the date the enquiry was "
                    f"received, {long_date(locked.received_on)}",
                    field="responded_on",
                )
            locked.responded_on = on
            locked.response = response
            locked.responded_by = by


WORKFLOW = Workflow[Enquiry](
    Step(
        "respond",
        label="Record the reply",
        done="Reply recorded",
        sources=frozenset({EnquiryStatus.OPEN}),
        target=EnquiryStatus.RESPONDED,
        refusal="This enquiry has already been answered",
    ),
)


class EnquiryEvent(Event):
    case = models.ForeignKey(Enquiry, on_delete=models.PROTECT, related_name="events")

    LABELS = {"receive": "Enquiry received", **WORKFLOW.labels()}

    class Meta(Event.Meta):
        indexes = [models.Index(fields=["case", "occurred_at"], name="enquiry_event_case_idx")]
