"""The append-only event record every case type keeps: what was done, by whom, and when.

Each case type has its own concrete event table (so each keeps a real foreign key to its
case), built on this one abstract model. Events are history: they are never changed or
deleted, through the model or through a queryset.
"""

from __future__ import annotations

from typing import Any, ClassVar, NoReturn

from django.conf import settings
from django.db import models


class AppendOnlyError(Exception):
    """Events are history: they are never changed or deleted."""


class EventQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Events cannot be changed")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("Events cannot be deleted")


class Event(models.Model):
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

    #: How each action reads on the case's timeline (steps add theirs from the workflow).
    LABELS: ClassVar[dict[str, str]] = {}

    class Meta:
        abstract = True
        ordering = ["occurred_at", "pk"]

    def __str__(self) -> str:
        return f"{self.action} on {self.effective_on or self.occurred_at:%d %B %Y}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Events cannot be deleted")

    @property
    def label(self) -> str:
        return self.LABELS.get(self.action, self.action.replace("_", " ").capitalize())
