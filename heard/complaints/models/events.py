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
