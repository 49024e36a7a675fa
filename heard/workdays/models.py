"""Closure days (configuration) and the calendar table (derived, for SQL).

`CalendarDay` is not a source of truth: it is rebuilt from the bank holidays and the closure
days whenever those change, so that queries such as "overdue" can derive deadlines inside the
database exactly as `WorkingCalendar` does in Python.
"""

from __future__ import annotations

from django.db import models


class ClosureDay(models.Model):
    """A day the council's complaints service is closed, beyond the bank holidays."""

    day = models.DateField(unique=True, help_text="For example 28 December.")
    description = models.CharField(max_length=200, help_text="Why the service is closed.")

    class Meta:
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d %B %Y}: {self.description}"


class CalendarDay(models.Model):
    """One row per day of the calendar span, rebuilt from the calendar; never edited."""

    day = models.DateField(primary_key=True)
    is_working = models.BooleanField()
    #: Working days from the start of the span up to and including this day.
    working_day_number = models.IntegerField()

    class Meta:
        ordering = ["day"]
        indexes = [
            models.Index(fields=["working_day_number", "is_working"], name="calday_number_idx")
        ]

    def __str__(self) -> str:
        return f"{self.day} ({self.working_day_number})"


class CalendarBuild(models.Model):
    """A fingerprint of the closed days the calendar table was last built from."""

    fingerprint = models.CharField(max_length=64)
    built_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.fingerprint
