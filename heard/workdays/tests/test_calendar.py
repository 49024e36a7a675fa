"""The pure working-day arithmetic, on both sides of every boundary."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from heard.workdays import add_working_days, working_days_between
from heard.workdays.calendar import CalendarRangeError, WorkingCalendar

CAL = WorkingCalendar.for_england_and_wales()


def add(start: date, n: int) -> date:
    return add_working_days(start, n, calendar=CAL)


def between(start: date, end: date) -> int:
    return working_days_between(start, end, calendar=CAL)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # Spring bank holiday moved to 2 June and the Platinum Jubilee on 3 June 2022.
        (date(2022, 5, 25), 10, date(2022, 6, 10)),
        (date(2022, 5, 25), 9, date(2022, 6, 9)),
        (date(2022, 5, 25), 6, date(2022, 6, 6)),
        (date(2022, 5, 25), 5, date(2022, 6, 1)),
        # Christmas 2022 fell on a Sunday: substitute days 27 December and 2 January.
        (date(2022, 12, 20), 10, date(2023, 1, 6)),
        (date(2022, 12, 20), 9, date(2023, 1, 5)),
        (date(2022, 12, 20), 3, date(2022, 12, 23)),
        (date(2022, 12, 20), 4, date(2022, 12, 28)),
        # The State Funeral, 19 September 2022.
        (date(2022, 9, 16), 1, date(2022, 9, 20)),
        # The Coronation bank holiday, 8 May 2023 (a Monday after the early May one on the 1st).
        (date(2023, 5, 5), 1, date(2023, 5, 9)),
        (date(2023, 5, 4), 1, date(2023, 5, 5)),
    ],
)
def test_adding_working_days_skips_weekends_and_bank_holidays(start, n, expected):
    assert add(start, n) == expected


def test_a_receipt_on_a_saturday_is_day_0_and_monday_is_day_1():
    saturday = date(2025, 3, 1)
    assert add(saturday, 1) == date(2025, 3, 3)
    assert add(saturday, 10) == date(2025, 3, 14)
    assert add(saturday, 0) == saturday


def test_a_receipt_on_good_friday_counts_from_the_tuesday_after_easter_monday():
    good_friday = date(2025, 4, 18)
    assert add(good_friday, 1) == date(2025, 4, 22)
    assert add(good_friday, 9) == date(2025, 5, 2)
    # 5 May 2025 is the early May bank holiday.
    assert add(good_friday, 10) == date(2025, 5, 6)


def test_christmas_day_and_boxing_day_are_not_working_days():
    assert not CAL.is_working_day(date(2024, 12, 25))
    assert not CAL.is_working_day(date(2024, 12, 26))
    assert CAL.is_working_day(date(2024, 12, 27))


def test_days_between_counts_after_the_start_up_to_and_including_the_end():
    assert between(date(2022, 5, 25), date(2022, 6, 10)) == 10
    assert between(date(2022, 5, 25), date(2022, 6, 9)) == 9
    assert between(date(2022, 5, 25), date(2022, 5, 25)) == 0
    # Ending on a non-working day counts the same as the working day before it.
    assert between(date(2022, 5, 25), date(2022, 6, 3)) == between(
        date(2022, 5, 25), date(2022, 6, 1)
    )
    assert between(date(2022, 6, 10), date(2022, 5, 25)) == -10


def test_subtracting_working_days_goes_back_over_holidays():
    assert add(date(2022, 6, 6), -1) == date(2022, 6, 1)
    assert add(date(2022, 6, 4), -1) == date(2022, 6, 1)  # from a Saturday


def test_adding_then_counting_gives_back_the_same_number():
    rng = random.Random(20261122)
    for _ in range(2000):
        start = date(2015, 1, 1) + timedelta(days=rng.randrange(0, 13 * 365))
        n = rng.randrange(0, 66)
        end = add(start, n)
        assert between(start, end) == n
        assert n == 0 or CAL.is_working_day(end)
        if n:
            assert between(start, end - timedelta(days=1)) == n - 1
        other = start + timedelta(days=rng.randrange(-400, 400))
        assert between(start, other) == -between(other, start)


def test_local_closure_days_move_deadlines():
    closed = WorkingCalendar.for_england_and_wales([date(2025, 12, 29), date(2025, 12, 30)])
    assert add_working_days(date(2025, 12, 24), 1, calendar=CAL) == date(2025, 12, 29)
    assert add_working_days(date(2025, 12, 24), 1, calendar=closed) == date(2025, 12, 31)


def test_dates_outside_the_calendar_are_refused_not_guessed():
    with pytest.raises(CalendarRangeError, match="outside the working-day calendar"):
        add(date(1999, 12, 31), 1)
    with pytest.raises(CalendarRangeError):
        add(date(2060, 12, 30), 10)
    with pytest.raises(CalendarRangeError):
        between(date(2020, 1, 1), date(2061, 1, 1))
