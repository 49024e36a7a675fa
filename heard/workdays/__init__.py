"""The working-day calendar: England and Wales bank holidays plus local closure days.

The functions here are the public interface. They take an optional calendar; without one they
use the installation's current calendar (bank holidays plus the closure days kept in the
database), loaded lazily so that importing this package never touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from heard.workdays.calendar import WorkingCalendar


def _current() -> WorkingCalendar:
    from heard.workdays.store import current_calendar

    return current_calendar()


def add_working_days(start: date, n: int, calendar: WorkingCalendar | None = None) -> date:
    """The n-th working day after start; the day of receipt is day 0 even if not a working day."""
    return (calendar if calendar is not None else _current()).add_working_days(start, n)


def working_days_between(start: date, end: date, calendar: WorkingCalendar | None = None) -> int:
    """Working days after start up to and including end."""
    return (calendar if calendar is not None else _current()).working_days_between(start, end)


def is_working_day(day: date, calendar: WorkingCalendar | None = None) -> bool:
    return (calendar if calendar is not None else _current()).is_working_day(day)


@dataclass(frozen=True)
class DaysLeft:
    """Working days until a deadline: negative once it has passed."""

    due: date
    working_days: int

    @property
    def overdue(self) -> bool:
        return self.working_days < 0

    @property
    def label(self) -> str:
        n = abs(self.working_days)
        unit = "working day" if n == 1 else "working days"
        if self.working_days < 0:
            return f"Overdue by {n} {unit}"
        if self.working_days == 0:
            return "Due today"
        return f"{n} {unit} left"


def days_left(due: date | None, today: date) -> DaysLeft | None:
    """Working days from today to a deadline (none without one), as the lists show it."""
    if due is None:
        return None
    if due < today:
        return DaysLeft(due, -working_days_between(due, today))
    return DaysLeft(due, working_days_between(today, due))
