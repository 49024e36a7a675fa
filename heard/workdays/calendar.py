"""Pure working-day arithmetic.

No Django and no database here: a `WorkingCalendar` is built once from a set of closed days and
answers every question with a couple of list look-ups, so deadlines can be derived on every
read instead of being frozen when a case is created.

Conventions (DOMAIN.md, "Stages and timescales"):
- the day something is received is day 0, even when that day is not a working day;
- "N working days after" a date is the N-th working day strictly after it, and the deadline is
  the end of that day;
- a working day is Monday to Friday, except England and Wales bank holidays (including
  substitute and one-off days) and the council's own closure days.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import holidays

#: The span every calendar covers. Dates outside it raise CalendarRangeError rather than
#: silently ignoring holidays nobody has loaded.
CALENDAR_FIRST_DAY = date(2000, 1, 1)
CALENDAR_LAST_DAY = date(2060, 12, 31)


class CalendarRangeError(ValueError):
    """A date, or the result of an addition, falls outside the calendar's span."""


def england_and_wales_bank_holidays(first_year: int, last_year: int) -> frozenset[date]:
    """Bank holidays in England and Wales, from the maintained `holidays` package.

    Includes Christmas Day and Good Friday (common-law holidays), substitute days and one-off
    days such as 2022-06-03 (Platinum Jubilee) and 2023-05-08 (Coronation).
    """
    calendar = holidays.country_holidays("GB", subdiv="ENG", years=range(first_year, last_year + 1))
    return frozenset(calendar.keys())


class WorkingCalendar:
    """An immutable working-day calendar over a fixed span of dates.

    It keeps, for every day of the span, how many working days there are from the start of the
    span up to and including that day (`_count`), and the list of working days in order
    (`_working`). Adding N working days is then one look-up in each; no day-by-day loop.
    """

    __slots__ = ("_base", "_count", "_working", "closed_days", "first_day", "last_day")

    def __init__(
        self,
        closed_days: Iterable[date],
        first_day: date = CALENDAR_FIRST_DAY,
        last_day: date = CALENDAR_LAST_DAY,
    ) -> None:
        if last_day < first_day:
            raise ValueError("last_day must not be before first_day")
        self.first_day = first_day
        self.last_day = last_day
        self.closed_days = frozenset(d for d in closed_days if first_day <= d <= last_day)
        base = first_day.toordinal()
        closed_ordinals = {d.toordinal() for d in self.closed_days}
        count: list[int] = []
        working: list[int] = []
        for ordinal in range(base, last_day.toordinal() + 1):
            # date.fromordinal(1) is a Monday, so (ordinal - 1) % 7 is the weekday (0 = Monday).
            if (ordinal - 1) % 7 < 5 and ordinal not in closed_ordinals:
                working.append(ordinal)
            count.append(len(working))
        self._base = base
        self._count = count
        self._working = working

    @classmethod
    def for_england_and_wales(
        cls,
        local_closures: Iterable[date] = (),
        first_day: date = CALENDAR_FIRST_DAY,
        last_day: date = CALENDAR_LAST_DAY,
    ) -> WorkingCalendar:
        """Bank holidays of England and Wales plus the council's own closure days."""
        closed = england_and_wales_bank_holidays(first_day.year, last_day.year)
        return cls(closed | frozenset(local_closures), first_day, last_day)

    def _index(self, day: date) -> int:
        index = day.toordinal() - self._base
        if index < 0 or index >= len(self._count):
            raise CalendarRangeError(
                f"{day.isoformat()} is outside the working-day calendar "
                f"({self.first_day.isoformat()} to {self.last_day.isoformat()})"
            )
        return index

    def is_working_day(self, day: date) -> bool:
        index = self._index(day)
        before = self._count[index - 1] if index else 0
        return self._count[index] > before

    def working_day_number(self, day: date) -> int:
        """How many working days there are from the start of the span up to and including day.

        The same number is stored in the database calendar table, so that SQL can derive
        deadlines exactly as this class does.
        """
        return self._count[self._index(day)]

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after start (before it, for negative n); start itself for 0."""
        if n == 0:
            self._index(start)
            return start
        if n > 0:
            position = self._count[self._index(start)] + n - 1
        else:
            index = self._index(start)
            position = (self._count[index - 1] if index else 0) + n
        if position < 0 or position >= len(self._working):
            raise CalendarRangeError(
                f"{start.isoformat()} {n:+d} working days is outside the working-day calendar"
            )
        return date.fromordinal(self._working[position])

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after start up to and including end (negative when end is earlier).

        So add_working_days(start, n) is the first day d with working_days_between(start, d) == n.
        """
        return self._count[self._index(end)] - self._count[self._index(start)]
