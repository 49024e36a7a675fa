"""Points of complaint and their findings; remedies, learning and costs."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import models, transaction

from heard.complaints.choices import CostKind, Finding, Procedure, RemedyKind, StageStatus
from heard.complaints.models.events import ComplaintEvent
from heard.core.dates import not_before, require_date

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


class Remedy(models.Model):
    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.CASCADE, related_name="remedies"
    )
    stage = models.ForeignKey("complaints.Stage", on_delete=models.CASCADE, related_name="remedies")
    kind = models.CharField(max_length=20, choices=RemedyKind.choices)
    description = models.TextField(blank=True)
    #: Financial remedies only; kept apart from the procedure's costs.
    amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    agreed_on = models.DateField()

    class Meta:
        verbose_name_plural = "remedies"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gt=0),
                name="remedy_amount_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class LearningAction(models.Model):
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
    due_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(due_on__gte=models.F("raised_on")),
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

    def complete(self, *, by: User | None, on: date) -> None:
        """Mark the action done, on or after the day it was raised."""
        require_date(on, label="completed", field="completed_on")
        not_before(
            on,
            self.raised_on,
            label="completed",
            what="the date it was raised",
            field="completed_on",
        )
        with transaction.atomic():
            self.completed_on = on
            self.save(update_fields=["completed_on"])
            ComplaintEvent.objects.create(
                complaint_id=self.complaint_id,
                action="complete_learning_action",
                actor=by,
                effective_on=on,
                details={"learning_action": self.pk},
            )


class Cost(models.Model):
    """Money spent on a stage: fees, venue, advocacy (not remedy payments)."""

    stage = models.ForeignKey("complaints.Stage", on_delete=models.CASCADE, related_name="costs")
    kind = models.CharField(max_length=20, choices=CostKind.choices)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    incurred_on = models.DateField()
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="cost_amount_positive"),
        ]
        # Reports add up the costs incurred in a period.
        indexes = [models.Index(fields=["incurred_on"], name="cost_incurred_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: £{self.amount}"
