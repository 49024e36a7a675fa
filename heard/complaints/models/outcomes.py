"""Points of complaint and their findings; remedies, learning and costs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from django.db import models, transaction

from heard.complaints.choices import CostKind, Finding, Procedure, RemedyKind, StageStatus
from heard.complaints.models.events import ComplaintEvent
from heard.core.dates import not_before, require_date
from heard.core.errors import RuleViolation

if TYPE_CHECKING:
    from heard.accounts.models import User


class Element(models.Model):
    """A point of complaint, with the theme it is about."""

    # Neither key has an index of its own: element_unique_number and element_theme_idx lead
    # with them.
    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.CASCADE, related_name="elements", db_index=False
    )
    number = models.PositiveSmallIntegerField()
    theme = models.ForeignKey(
        "complaints.Theme", on_delete=models.PROTECT, related_name="elements", db_index=False
    )
    description = models.TextField()

    class Meta:
        ordering = ["complaint", "number"]
        constraints = [
            models.UniqueConstraint(fields=["complaint", "number"], name="element_unique_number")
        ]
        # The case list's theme filter asks "does this complaint have a point on theme X?".
        indexes = [models.Index(fields=["theme", "complaint"], name="element_theme_idx")]

    def __str__(self) -> str:
        return f"{self.complaint} point {self.number}"


class ElementFinding(models.Model):
    """The finding on one point of complaint at one stage."""

    # No index of its own: finding_once_per_stage leads with it.
    element = models.ForeignKey(
        Element, on_delete=models.CASCADE, related_name="findings", db_index=False
    )
    stage = models.ForeignKey("complaints.Stage", on_delete=models.CASCADE, related_name="findings")
    finding = models.CharField(max_length=20, choices=Finding.choices)
    #: Why: the reasoning the response gives for this finding, printed in its letter.
    reasons = models.TextField(blank=True)
    #: At Stage 1, what the service promises to do about the point (printed with it).
    action = models.TextField("action promised", blank=True)
    #: The point's theme, kept with the finding (set on saving; a point keeps its theme) so
    #: that a year's findings are counted by theme from one index, without looking up every
    #: point (docs/decisions/0006).
    theme = models.ForeignKey(
        "complaints.Theme", on_delete=models.PROTECT, related_name="+", editable=False
    )
    #: Where and when the finding was given, copied from its stage (on saving the finding and
    #: on saving the stage): the findings of the responses in a year are then one range of
    #: `finding_report_idx`, with no look-up of their stages (docs/decisions/0006).
    procedure = models.CharField(
        max_length=20, choices=Procedure.choices, editable=False, default=""
    )
    stage_number = models.PositiveSmallIntegerField(editable=False, default=0)
    #: The stage's response date; empty while the stage is not (or no longer) responded.
    responded_on = models.DateField(null=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["element", "stage"], name="finding_once_per_stage")
        ]
        indexes = [
            models.Index(
                fields=["procedure", "stage_number", "responded_on", "theme", "finding", "stage"],
                name="finding_report_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.element}: {self.get_finding_display()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.theme_id = self.element.theme_id
        stage = self.stage
        self.procedure, self.stage_number = stage.procedure, stage.number
        self.responded_on = stage.ended_on if stage.status == StageStatus.RESPONDED else None
        super().save(*args, **kwargs)


def _due(due_on: date | None, earliest: date, *, what: str) -> None:
    """A date something is due by: given, and not before `what` (it may be in the future)."""
    if due_on is None:
        raise RuleViolation("Enter the date it is due", field="due_on")
    not_before(due_on, earliest, label="due", what=what, field="due_on")


def _completed(on: date | None, earliest: date, *, what: str) -> None:
    if on is not None:
        require_date(on, label="completed", field="completed_on")
        not_before(on, earliest, label="completed", what=what, field="completed_on")


class CaseRecord(models.Model):
    """What a case records beside its steps (a remedy, a learning action, a cost): added,
    corrected and removed by an officer, each with an event on the case's timeline and an
    entry in its audit trail. `check_rules` holds the rules, and runs on every add and correction.
    """

    #: The fields an officer may correct, and the event names' noun ("remedy").
    EDITABLE: ClassVar[tuple[str, ...]]
    noun: ClassVar[str]

    class Meta:
        abstract = True

    def check_rules(self) -> None:
        raise NotImplementedError

    def case_ids(self) -> tuple[int, int | None]:
        """The complaint and stage its events belong to."""
        raise NotImplementedError

    def _event(self, action: str, *, by: User | None, on: date | None, **extra: Any) -> None:
        complaint_id, stage_id = self.case_ids()
        ComplaintEvent.objects.create(
            complaint_id=complaint_id,
            stage_id=stage_id,
            action=f"{action}_{self.noun.replace(' ', '_')}",
            actor=by,
            effective_on=on,
            **extra,
        )

    def add(self, *, by: User | None, on: date | None, details: dict[str, Any]) -> None:
        """Save a new record once its rules are met, with its event."""
        self.check_rules()
        with transaction.atomic():
            self.save()
            self._event("add", by=by, on=on, details=details)

    def correct(self, *, by: User | None, **values: Any) -> list[str]:
        """Correct what was recorded; returns the names of the fields that changed."""
        unknown = set(values) - set(self.EDITABLE)
        if unknown:
            raise RuleViolation(f"These cannot be corrected: {', '.join(sorted(unknown))}")
        with transaction.atomic():
            locked = type(self)._default_manager.select_for_update().get(pk=self.pk)
            changed = [name for name, value in values.items() if getattr(locked, name) != value]
            if changed:
                for name in changed:
                    setattr(locked, name, values[name])
                locked.check_rules()
                locked.save()
                locked._event("correct", by=by, on=None, details={"fields": changed})
        self.refresh_from_db()
        return changed

    def remove(self, *, by: User | None, reason: str) -> None:
        """Take off something recorded in error; the timeline keeps what it was, and why."""
        if not reason.strip():
            raise RuleViolation(f"Give the reason for removing the {self.noun}", field="reason")
        with transaction.atomic():
            self._event("remove", by=by, on=None, reason=reason, details={"removed": str(self)})
            self.delete()


class FollowedThrough(CaseRecord):
    """A record that is carried out by a date (a remedy, a learning action): it is recorded as
    done once, on or after the day it began, and until then it may be overdue."""

    #: The field it began on, and how that date reads in an error.
    begins: ClassVar[tuple[str, str]]
    completed_on: models.DateField[date | None, date | None]

    class Meta:
        abstract = True

    def complete(self, *, by: User | None, on: date) -> None:
        """Record that it was carried out."""
        if self.completed_on is not None:
            raise RuleViolation(
                f"The {self.noun} has already been recorded as done", field="completed_on"
            )
        began, what = self.begins
        require_date(on, label="completed", field="completed_on")
        _completed(on, getattr(self, began), what=what)
        with transaction.atomic():
            self.completed_on = on
            self.save(update_fields=["completed_on"])
            self._event("complete", by=by, on=on, details={self.noun.replace(" ", "_"): self.pk})


class Remedy(FollowedThrough):
    """Something the council will do to put things right: what, by whom and by when, and
    when it was done (the Ombudsman's Complaint Handling Code asks that remedies are
    followed through)."""

    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.CASCADE, related_name="remedies"
    )
    stage = models.ForeignKey("complaints.Stage", on_delete=models.CASCADE, related_name="remedies")
    kind = models.CharField(max_length=20, choices=RemedyKind.choices)
    description = models.TextField("what will be done", blank=True)
    #: Financial remedies only; kept apart from the procedure's costs.
    amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    agreed_on = models.DateField()
    owner = models.CharField("who will do it", max_length=200, blank=True)
    #: Empty only on remedies recorded before Heard asked for it.
    due_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)

    EDITABLE = ("kind", "description", "amount", "agreed_on", "owner", "due_on")
    noun = "remedy"
    begins = ("agreed_on", "the date it was agreed")

    class Meta:
        verbose_name_plural = "remedies"
        ordering = ["agreed_on", "pk"]
        # The remedies not done by their due date (the dashboard's follow-ups and the case
        # list's filter): only those not done are indexed, so it stays small as cases close.
        indexes = [
            models.Index(
                fields=["due_on", "complaint"],
                condition=models.Q(completed_on__isnull=True),
                name="remedy_overdue_idx",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gt=0),
                name="remedy_amount_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(due_on__isnull=True)
                | models.Q(due_on__gte=models.F("agreed_on")),
                name="remedy_due_after_agreed",
            ),
            models.CheckConstraint(
                condition=models.Q(completed_on__isnull=True)
                | models.Q(completed_on__gte=models.F("agreed_on")),
                name="remedy_completed_after_agreed",
            ),
        ]

    def __str__(self) -> str:
        text = self.get_kind_display()
        if self.amount is not None:
            text += f" of £{self.amount}"
        return f"{text}: {self.description}" if self.description else text

    def case_ids(self) -> tuple[int, int | None]:
        return self.complaint_id, self.stage_id

    def check_rules(self) -> None:
        if self.kind not in RemedyKind.values:
            raise RuleViolation("Choose the type of remedy", field="kind")
        if not self.description.strip():
            raise RuleViolation("Describe what will be done", field="description")
        if self.kind == RemedyKind.FINANCIAL:
            if self.amount is None:
                raise RuleViolation("Enter the amount of the financial remedy", field="amount")
            if self.amount <= Decimal(0):
                raise RuleViolation("The amount must be more than £0", field="amount")
        elif self.amount is not None:
            raise RuleViolation("Only a financial remedy has an amount", field="amount")
        require_date(self.agreed_on, label="remedy agreed", field="agreed_on")
        not_before(
            self.agreed_on,
            self.complaint.received_on,
            label="remedy agreed",
            what="the date the complaint was received",
            field="agreed_on",
        )
        if not self.owner.strip():
            raise RuleViolation("Enter who will do it", field="owner")
        _due(self.due_on, self.agreed_on, what="the date it was agreed")
        _completed(self.completed_on, self.agreed_on, what="the date it was agreed")


class LearningAction(FollowedThrough):
    """Something the service will change because of a complaint."""

    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.CASCADE, related_name="learning_actions"
    )
    theme = models.ForeignKey(
        "complaints.Theme", on_delete=models.PROTECT, related_name="learning_actions"
    )
    description = models.TextField()
    owner = models.CharField(max_length=200)
    raised_on = models.DateField()
    #: Empty only on actions imported from a log that gave no date.
    due_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)

    EDITABLE = ("theme", "description", "owner", "raised_on", "due_on")
    noun = "learning action"
    begins = ("raised_on", "the date it was raised")

    class Meta:
        ordering = ["due_on"]
        # As remedy_overdue_idx: the learning actions not done, by due date.
        indexes = [
            models.Index(
                fields=["due_on", "complaint"],
                condition=models.Q(completed_on__isnull=True),
                name="learning_overdue_idx",
            ),
            # A period's learning actions: the report's figures and the paper's list.
            models.Index(fields=["raised_on"], name="learning_raised_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(due_on__isnull=True)
                | models.Q(due_on__gte=models.F("raised_on")),
                name="learning_due_after_raised",
            ),
            models.CheckConstraint(
                condition=models.Q(completed_on__isnull=True)
                | models.Q(completed_on__gte=models.F("raised_on")),
                name="learning_completed_after_raised",
            ),
        ]

    def __str__(self) -> str:
        return self.description[:60]

    def case_ids(self) -> tuple[int, int | None]:
        return self.complaint_id, None

    def check_rules(self) -> None:
        if not self.description.strip():
            raise RuleViolation("Describe what will change", field="description")
        if not self.owner.strip():
            raise RuleViolation("Enter who owns the action", field="owner")
        require_date(self.raised_on, label="raised", field="raised_on")
        _due(self.due_on, self.raised_on, what="the date it was raised")
        _completed(self.completed_on, self.raised_on, what="the date it was raised")


class Cost(CaseRecord):
    """Money spent on a stage: fees, venue, advocacy (not remedy payments)."""

    stage = models.ForeignKey("complaints.Stage", on_delete=models.CASCADE, related_name="costs")
    kind = models.CharField(max_length=20, choices=CostKind.choices)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    incurred_on = models.DateField()
    note = models.CharField(max_length=200, blank=True)

    EDITABLE = ("kind", "amount", "incurred_on", "note")
    noun = "cost"

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="cost_amount_positive"),
        ]
        # Reports add up the costs incurred in a period.
        indexes = [models.Index(fields=["incurred_on"], name="cost_incurred_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: £{self.amount}"

    def case_ids(self) -> tuple[int, int | None]:
        return self.stage.complaint_id, self.stage_id

    def check_rules(self) -> None:
        if self.kind not in CostKind.values:
            raise RuleViolation("Choose the type of cost", field="kind")
        if self.amount is None:
            raise RuleViolation("Enter the amount", field="amount")
        if self.amount <= Decimal(0):
            raise RuleViolation("The amount must be more than £0", field="amount")
        self.stage._check_on(self.incurred_on, label="cost", field="incurred_on")
