"""The subject access request deadline: one calendar month, by the ICO's rule (DOMAIN.md s.3).

UK GDPR Art. 12(3) gives a month. The ICO counts it from the day the clock starts (day 1, a
working day or not) to the same date in the next month, or that month's last day when it has
no such date. A deadline on a weekend or a bank holiday moves to the next working day. The
roll-forward uses bank holidays only: a council's own closure day does not move a statutory
deadline.
"""

from __future__ import annotations

import functools
from calendar import monthrange
from datetime import date, timedelta

from heard.workdays.calendar import WorkingCalendar

#: With an extension for complex or numerous requests, at most three months in total.
MAXIMUM_MONTHS = 3


def add_calendar_months(day: date, months: int) -> date:
    """The same date `months` later, or the last day of that month if it has no such date."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


@functools.cache
def _bank_holidays() -> WorkingCalendar:
    return WorkingCalendar.for_england_and_wales()


def sar_due_date(
    received: date,
    *,
    months: int = 1,
    clock_stopped_days: int = 0,
    calendar: WorkingCalendar | None = None,
) -> date:
    """When a subject access request must be answered.

    `received` is the day the clock starts: the latest of receipt, proof of identity, proof of
    authority and any fee. `months` is 1, or up to 3 with an extension. `clock_stopped_days`
    are the calendar days the clock stood still while the council waited for clarification;
    they push the deadline back before it is moved off a weekend or bank holiday.
    """
    if not 1 <= months <= MAXIMUM_MONTHS:
        raise ValueError(f"A SAR period is 1 to {MAXIMUM_MONTHS} months, not {months}")
    if clock_stopped_days < 0:
        raise ValueError("Days with the clock stopped cannot be negative")
    working = calendar if calendar is not None else _bank_holidays()
    due = add_calendar_months(received, months) + timedelta(days=clock_stopped_days)
    return due if working.is_working_day(due) else working.add_working_days(due, 1)
