"""The append-only record of every step taken on a complaint."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models


class AppendOnlyError(Exception):
    """Events are history: they are never changed or deleted."""


class EventQuerySet(models.QuerySet["ComplaintEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Complaint events cannot be changed")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("Complaint events cannot be deleted")


#: How each kind of event reads on a case's timeline; steps take their labels from the
#: transition table.
EVENT_LABELS = {
    "receive": "Complaint received",
    "add_element": "Point of complaint added",
    "decide_sufficient_interest": "Sufficient-interest decision recorded",
    "decide_out_of_time": "Time-limit decision recorded",
    "record_advocacy": "Advocacy recorded",
    "add_remedy": "Remedy recorded",
    "add_learning_action": "Learning action raised",
    "complete_learning_action": "Learning action completed",
    "add_cost": "Cost recorded",
    "edit_details": "Details corrected",
    "add_document": "Document added",
    "edit_complainant": "Complainant's details corrected",
    "edit_child": "Child's details corrected",
    "add_child": "Child added",
    "add_letter": "Letter created",
}


class ComplaintEvent(models.Model):
    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.PROTECT, related_name="events"
    )
    stage = models.ForeignKey(
        "complaints.Stage", on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    action = models.CharField(max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    occurred_at = models.DateTimeField(auto_now_add=True)
    #: The date the step happened, as recorded (for example the date of the response letter).
    effective_on = models.DateField(null=True, blank=True)
    reason = models.TextField(blank=True)
    details = models.JSONField(default=dict, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["occurred_at", "pk"]
        indexes = [models.Index(fields=["complaint", "occurred_at"], name="event_complaint_idx")]

    def __str__(self) -> str:
        return f"{self.action} on {self.effective_on or self.occurred_at:%d %B %Y}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Complaint events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Complaint events cannot be deleted")

    @property
    def label(self) -> str:
        from heard.complaints.transitions import TRANSITIONS

        if self.action in TRANSITIONS:
            return TRANSITIONS[self.action].done
        return EVENT_LABELS.get(self.action, self.action.replace("_", " ").capitalize())
