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


#: The event action of a note or a logged contact (heard.core.notes).
NOTE = "note"
#: What a note records, and how the timeline names it.
NOTE_KINDS = {
    "note": ("A note", "Note added"),
    "phone": ("A phone call", "Phone call logged"),
    "letter": ("A letter", "Letter logged"),
    "email": ("An email", "Email logged"),
    "meeting": ("A meeting or visit", "Meeting logged"),
}
#: Which way a contact went.
DIRECTIONS = {"in": "From them", "out": "To them"}


def note_label(details: dict[str, Any]) -> str:
    """How the timeline names a note: "Phone call logged: from the complainant"."""
    kind = NOTE_KINDS.get(details.get("kind", ""), NOTE_KINDS["note"])[1]
    direction = details.get("direction", "")
    with_whom = details.get("with", "")
    if direction in DIRECTIONS:
        way = "from" if direction == "in" else "to"
        return f"{kind}: {way} {with_whom or 'them'}"
    return f"{kind}: {with_whom}" if with_whom else kind


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
        if self.action == NOTE:
            return note_label(self.details)
        return self.LABELS.get(self.action, self.action.replace("_", " ").capitalize())
