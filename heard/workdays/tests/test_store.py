"""The installation's calendar: closure days in the database, and the SQL calendar table."""

from __future__ import annotations

from datetime import date

import pytest

from heard.workdays import add_working_days, is_working_day
from heard.workdays.calendar import WorkingCalendar
from heard.workdays.models import CalendarDay, ClosureDay
from heard.workdays.store import rebuild_calendar_table

pytestmark = pytest.mark.django_db


def test_the_calendar_table_matches_the_python_calendar():
    calendar = WorkingCalendar.for_england_and_wales()
    rows = dict(CalendarDay.objects.values_list("day", "working_day_number"))
    assert len(rows) == (calendar.last_day - calendar.first_day).days + 1
    for day in (date(2022, 6, 2), date(2022, 6, 3), date(2022, 6, 10), date(2060, 12, 31)):
        assert rows[day] == calendar.working_day_number(day)
    assert not CalendarDay.objects.get(day=date(2023, 5, 8)).is_working


def test_adding_a_closure_day_changes_the_default_calendar_and_the_table():
    assert is_working_day(date(2025, 12, 29))
    assert add_working_days(date(2025, 12, 24), 1) == date(2025, 12, 29)
    ClosureDay.objects.create(day=date(2025, 12, 29), description="Christmas closure")
    assert not is_working_day(date(2025, 12, 29))
    assert add_working_days(date(2025, 12, 24), 1) == date(2025, 12, 30)
    assert not CalendarDay.objects.get(day=date(2025, 12, 29)).is_working


def test_removing_a_closure_day_restores_it():
    closure = ClosureDay.objects.create(day=date(2025, 12, 29), description="Christmas closure")
    closure.delete()
    assert is_working_day(date(2025, 12, 29))
    assert CalendarDay.objects.get(day=date(2025, 12, 29)).is_working


def test_rebuilding_an_unchanged_calendar_does_nothing():
    assert rebuild_calendar_table() is False
    assert rebuild_calendar_table(force=True) is True
