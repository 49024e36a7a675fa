"""The demo's calendar: its financial years, and the days the demo council closes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from heard.workdays.calendar import WorkingCalendar

FIRST_DEMO_YEAR = 2019  # financial year 2019/20


def financial_years(first_year: int, today: date) -> Iterator[tuple[date, date, int]]:
    """Each financial year from April of first_year up to today's: its first day, its last day
    (today, for the year in progress) and how many days that is."""
    start = date(first_year, 4, 1)
    while start <= today:
        end = min(date(start.year + 1, 3, 31), today)
        yield start, end, (end - start).days + 1
        start = date(start.year + 1, 4, 1)


def financial_year_start(day: date) -> date:
    return date(day.year if day.month >= 4 else day.year - 1, 4, 1)


def demo_closure_days(first_year: int, last_year: int) -> list[date]:
    """The working days between Christmas and New Year, when the demo council closes."""
    bank = WorkingCalendar.for_england_and_wales()
    days = []
    for year in range(first_year, last_year + 1):
        for day in range(27, 32):
            candidate = date(year, 12, day)
            if bank.is_working_day(candidate):
                days.append(candidate)
    return days
