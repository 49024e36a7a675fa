"""Working-day arithmetic in SQL, over the calendar table (`CalendarDay`).

Each calendar row carries the count of working days up to and including that day, so "N
working days after the date in a field" is `working_day(count_at(field) + N)`: two indexed
look-ups, the same answer as `add_working_days` gives in Python.
"""

from __future__ import annotations

from django.db.models import DateField, IntegerField, OuterRef, Subquery
from django.db.models.expressions import Combinable

from heard.workdays.models import CalendarDay


def count_at(field: str) -> Subquery:
    """The calendar's working-day count on the date in `field` (NULL if the date is NULL)."""
    return Subquery(
        CalendarDay.objects.filter(day=OuterRef(field)).order_by().values("working_day_number")[:1],
        output_field=IntegerField(),
    )


def working_day(count: Combinable) -> Subquery:
    """The working day whose count is `count`: the date N working days after another."""
    return Subquery(
        CalendarDay.objects.filter(is_working=True, working_day_number=count)
        .order_by()
        .values("day")[:1],
        output_field=DateField(),
    )


def working_days_after(field: str, n: int) -> Subquery:
    """The date n working days after the date in `field`, as add_working_days gives it."""
    # The start's count is looked up inside working_day's subquery, so the field is two
    # levels out.
    start = (
        CalendarDay.objects.filter(day=OuterRef(OuterRef(field)))
        .order_by()
        .values("working_day_number")[:1]
    )
    return working_day(Subquery(start, output_field=IntegerField()) + n)
