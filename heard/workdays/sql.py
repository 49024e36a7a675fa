"""Working-day arithmetic in SQL, over the calendar table (`CalendarDay`).

Each calendar row carries the count of working days up to and including that day, so "N
working days after the date in a field" is `working_day(count_at(field) + N)`: two indexed
look-ups, the same answer as `add_working_days` gives in Python.
"""

from __future__ import annotations

from typing import Any

from django.db.models import DateField, Func, IntegerField, OuterRef, Subquery
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


class AddMonths(Func):
    """The same date `months` calendar months later, or that month's last day when it has no
    such date: `heard.workdays.sar.add_calendar_months` in SQL, on SQLite and PostgreSQL."""

    output_field = DateField()

    def __init__(self, expression: Combinable | str, months: int) -> None:
        if months < 0:
            raise ValueError("AddMonths counts forward")
        self.months = months
        super().__init__(expression)

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        sql, params = compiler.compile(self.source_expressions[0])
        # The first of the month, plus the months, plus the day of the month less one: capped
        # at the last day of the target month (SQLite itself would run into the next month).
        # A literal % is doubled, as in every query Django formats with parameters.
        same_day = (
            f"date({sql}, 'start of month', '+{self.months} months', "
            f"'+' || (CAST(strftime('%%d', {sql}) AS INTEGER) - 1) || ' days')"
        )
        last_day = f"date({sql}, 'start of month', '+{self.months + 1} months', '-1 day')"
        return f"min({same_day}, {last_day})", [*params, *params, *params]

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        sql, params = compiler.compile(self.source_expressions[0])
        # PostgreSQL's month interval already ends at the last day of a shorter month.
        return f"(({sql}) + interval '{self.months} months')::date", list(params)
