"""The subject access request deadline: one calendar month, by the ICO's rule (DOMAIN.md s.3)."""

from __future__ import annotations

from datetime import date

import pytest

from heard.workdays.models import ClosureDay
from heard.workdays.sar import add_calendar_months, sar_due_date


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (date(2025, 9, 3), date(2025, 10, 3)),  # the same date next month
        (date(2024, 1, 31), date(2024, 2, 29)),  # no 31 February: the month's last day (leap)
        (date(2025, 1, 31), date(2025, 2, 28)),  # ... and in a common year
        (date(2025, 3, 31), date(2025, 4, 30)),
        (date(2025, 12, 15), date(2026, 1, 15)),  # over the year end
    ],
)
def test_the_deadline_is_the_same_date_next_month_or_that_months_last_day(received, due):
    assert sar_due_date(received) == due


def test_a_deadline_on_a_saturday_moves_to_the_monday():
    assert date(2025, 10, 4).weekday() == 5
    assert sar_due_date(date(2025, 9, 4)) == date(2025, 10, 6)


def test_a_deadline_on_a_bank_holiday_moves_to_the_next_working_day():
    # 26 May 2025 is the spring bank holiday.
    assert sar_due_date(date(2025, 4, 26)) == date(2025, 5, 27)
    # Christmas Day and Boxing Day, then a weekend.
    assert sar_due_date(date(2025, 11, 25)) == date(2025, 12, 29)


def test_the_day_of_receipt_is_day_one_even_at_a_weekend():
    assert date(2025, 9, 6).weekday() == 5
    assert sar_due_date(date(2025, 9, 6)) == date(2025, 10, 6)


def test_the_31_january_deadline_on_a_saturday_28_february_rolls_into_march():
    assert date(2026, 2, 28).weekday() == 5
    assert sar_due_date(date(2026, 1, 31)) == date(2026, 3, 2)


def test_days_with_the_clock_stopped_for_clarification_are_added():
    assert sar_due_date(date(2025, 9, 3), clock_stopped_days=5) == date(2025, 10, 8)
    # Added before the weekend roll-forward: 3 Oct + 1 day is Saturday 4 October.
    assert sar_due_date(date(2025, 9, 3), clock_stopped_days=1) == date(2025, 10, 6)


def test_an_extension_runs_to_three_months_from_the_start():
    assert sar_due_date(date(2025, 1, 31), months=3) == date(2025, 4, 30)
    # 28 February 2026 is a Saturday.
    assert sar_due_date(date(2025, 11, 30), months=3) == date(2026, 3, 2)


@pytest.mark.parametrize("months", [0, 4])
def test_the_period_is_one_to_three_months(months):
    with pytest.raises(ValueError, match="1 to 3 months"):
        sar_due_date(date(2025, 9, 3), months=months)


def test_stopped_days_cannot_be_negative():
    with pytest.raises(ValueError, match="cannot be negative"):
        sar_due_date(date(2025, 9, 3), clock_stopped_days=-1)


@pytest.mark.django_db
def test_a_local_closure_day_does_not_move_the_statutory_deadline():
    ClosureDay.objects.create(day=date(2025, 10, 3), description="Office move")
    assert sar_due_date(date(2025, 9, 3)) == date(2025, 10, 3)


@pytest.mark.parametrize(
    ("day", "months", "result"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2025, 1, 29), 1, date(2025, 2, 28)),
        (date(2025, 1, 28), 1, date(2025, 2, 28)),
        (date(2025, 11, 30), 3, date(2026, 2, 28)),
        (date(2025, 12, 31), 2, date(2026, 2, 28)),
        (date(2025, 5, 15), 12, date(2026, 5, 15)),
    ],
)
def test_calendar_months_keep_the_date_or_use_the_last_day(day, months, result):
    assert add_calendar_months(day, months) == result
