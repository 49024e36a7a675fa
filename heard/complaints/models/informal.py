"""The informal stage before Stage 1 (pre-complaint, early resolution), which many councils
run and report: a complaint the service tries to put right within a few working days before
it becomes a formal complaint.

A procedure has one only where the council switches it on, with its working-day target
(`HEARD_INFORMAL_STAGE`, "corporate=10,children=5"). An informal complaint is resolved,
withdrawn, or taken to Stage 1: the formal complaint is logged on the usual form and linked
back, and the informal one keeps its own dates (received, ended) for its figures.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models, transaction

from heard.complaints.choices import Procedure
from heard.core import clock
from heard.core.access import TeamScopedQuerySet
from heard.core.dates import long_date
from heard.core.errors import RuleViolation
from heard.core.events import Event
from heard.core.models import ReferenceSequence
from heard.core.workflow import Step, Workflow
from heard.workdays import add_working_days

if TYPE_CHECKING:
    from heard.accounts.models import User
    from heard.complaints.models.complaint import Complaint


class InformalStatus(models.TextChoices):
    OPEN = "open", "Open"
    RESOLVED = "resolved", "Resolved informally"
    WITHDRAWN = "withdrawn", "Withdrawn"
    ESCALATED = "escalated", "Taken to Stage 1"


def informal_target(procedure: str) -> int | None:
    """The procedure's informal stage target in working days, or None where it has none."""
    targets: dict[str, int] = settings.HEARD_INFORMAL_STAGE
    return targets.get(procedure)


def informal_procedures() -> list[tuple[str, str]]:
    """The procedures with an informal stage switched on, as choices."""
    return [(value, label) for value, label in Procedure.choices if informal_target(value)]


class InformalQuerySet(TeamScopedQuerySet["InformalComplaint"]):
    """`visible_to(user)` is the rule in heard.core.access."""

    def open(self) -> InformalQuerySet:
        return self.filter(status=InformalStatus.OPEN)


class InformalComplaint(models.Model):
    reference = models.CharField(max_length=20, unique=True, editable=False)
    procedure = models.CharField(max_length=20, choices=Procedure.choices)
    status = models.CharField(
        max_length=20, choices=InformalStatus.choices, default=InformalStatus.OPEN
    )
    received_on = models.DateField()
    complainant_name = models.CharField("complainant", max_length=200)
    team = models.ForeignKey("core.Team", on_delete=models.PROTECT, related_name="informal")
    summary = models.CharField(max_length=300)
    #: The day it was resolved, withdrawn or taken to Stage 1.
    ended_on = models.DateField(null=True, blank=True)
    note = models.TextField("what was done", blank=True)
    #: The formal complaint it became.
    complaint = models.OneToOneField(
        "complaints.Complaint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="informal",
    )
    #: The working-day target when it was logged (a setting that may change later).
    target_days = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    due_on = models.DateField(null=True, blank=True, editable=False)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InformalQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["procedure", "received_on"], name="informal_received_idx"),
            models.Index(fields=["procedure", "ended_on"], name="informal_ended_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("received_on")),
                name="informal_ends_after_received",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def in_time(self) -> bool | None:
        """Ended by its target date; None while open or with no target."""
        if self.ended_on is None or self.due_on is None:
            return None
        return self.ended_on <= self.due_on

    @classmethod
    def log(
        cls, *, by: User | None, procedure: str, received_on: date, **fields: object
    ) -> InformalComplaint:
        """Log an informal complaint with the next INF reference for its year; due its
        procedure's target in working days after receipt (the day received is day 0)."""
        target = informal_target(procedure)
        if target is None:
            raise RuleViolation(
                f"The {Procedure(procedure).label.lower()} procedure has no informal stage "
                "(HEARD_INFORMAL_STAGE switches one on)",
                field="procedure",
            )
        if received_on > clock.today():
            raise RuleViolation(
                "The date it was received must be today or in the past", field="received_on"
            )
        with transaction.atomic():
            informal = cls.objects.create(
                reference=ReferenceSequence.next_reference("INF", received_on.year),
                procedure=procedure,
                received_on=received_on,
                target_days=target,
                due_on=add_working_days(received_on, target),
                logged_by=by,
                **fields,
            )
            informal.events.create(action="receive", actor=by, effective_on=received_on)
        return informal

    def _end(self, name: str, *, by: User | None, on: date, note: str = "") -> None:
        with WORKFLOW.step(name, self, by=by, on=on) as locked:
            if on > clock.today():
                raise RuleViolation("The date must be today or in the past", field="ended_on")
            if on < locked.received_on:
                raise RuleViolation(
                    "The date must be on or after the day it was received, "
                    f"{long_date(locked.received_on)}",
                    field="ended_on",
                )
            locked.ended_on = on
            locked.note = note

    def resolve(self, *, by: User | None, on: date, note: str) -> None:
        """Put right without a formal complaint."""
        if not note.strip():
            raise RuleViolation("Enter what was done to resolve it", field="note")
        self._end("resolve", by=by, on=on, note=note)

    def withdraw(self, *, by: User | None, on: date, note: str = "") -> None:
        self._end("withdraw", by=by, on=on, note=note)

    def escalate(self, *, by: User | None, complaint: Complaint) -> None:
        """Taken to Stage 1 as `complaint`, received the day it ends here. Called inside the
        transaction that logs the complaint, so both stand or neither does."""
        if complaint.procedure != self.procedure:
            raise RuleViolation(
                f"{self.reference} is a {Procedure(self.procedure).label.lower()} complaint: "
                "log its Stage 1 in the same procedure",
                field="procedure",
            )
        with WORKFLOW.step(
            "escalate", self, by=by, on=complaint.received_on, details={"to": complaint.reference}
        ) as locked:
            if complaint.received_on < locked.received_on:
                raise RuleViolation(
                    "Stage 1 must be received on or after the day the informal complaint was, "
                    f"{long_date(locked.received_on)}",
                    field="received_on",
                )
            locked.ended_on = complaint.received_on
            locked.complaint = complaint


WORKFLOW = Workflow[InformalComplaint](
    Step(
        "resolve",
        label="Record that it was resolved",
        done="Resolved informally",
        sources=frozenset({InformalStatus.OPEN}),
        target=InformalStatus.RESOLVED,
        refusal="This informal complaint has already ended",
    ),
    Step(
        "withdraw",
        label="Record that it was withdrawn",
        done="Withdrawn",
        sources=frozenset({InformalStatus.OPEN}),
        target=InformalStatus.WITHDRAWN,
        refusal="This informal complaint has already ended",
    ),
    Step(
        "escalate",
        label="Take it to Stage 1",
        done="Taken to Stage 1",
        sources=frozenset({InformalStatus.OPEN}),
        target=InformalStatus.ESCALATED,
        refusal="This informal complaint has already ended",
    ),
)


class InformalEvent(Event):
    case = models.ForeignKey(InformalComplaint, on_delete=models.PROTECT, related_name="events")

    LABELS = {
        "receive": "Informal complaint received",
        "import": "Imported",
        **WORKFLOW.labels(),
    }

    class Meta(Event.Meta):
        indexes = [models.Index(fields=["case", "occurred_at"], name="informal_event_case_idx")]
