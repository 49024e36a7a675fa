from __future__ import annotations

from datetime import date

import pytest

from heard.reporting.periods import Period


def test_year_2021_is_the_financial_year_2021_22():
    year = Period.financial_year(2021)
    assert (year.first, year.last, year.label) == (date(2021, 4, 1), date(2022, 3, 31), "2021/22")
    assert year.previous().label == "2020/21"


def test_the_financial_year_1999_00_is_labelled_with_two_digits():
    assert Period.financial_year(1999).label == "1999/00"


@pytest.mark.parametrize(
    ("number", "first", "last"),
    [
        (1, date(2021, 4, 1), date(2021, 6, 30)),
        (3, date(2021, 10, 1), date(2021, 12, 31)),
        (4, date(2022, 1, 1), date(2022, 3, 31)),
    ],
)
def test_quarters_run_from_april(number, first, last):
    quarter = Period.quarter(2021, number)
    assert (quarter.first, quarter.last) == (first, last)
    assert quarter.label == f"Q{number} 2021/22"


def test_the_quarter_before_q1_is_q4_of_the_year_before():
    previous = Period.quarter(2021, 1).previous()
    assert (previous.first, previous.last, previous.label) == (
        date(2021, 1, 1),
        date(2021, 3, 31),
        "Q4 2020/21",
    )


def test_a_date_range_is_compared_with_as_many_days_before_it():
    period = Period(date(2021, 5, 10), date(2021, 5, 19))
    previous = period.previous()
    assert (previous.first, previous.last, previous.days) == (
        date(2021, 4, 30),
        date(2021, 5, 9),
        10,
    )


def test_a_period_cannot_end_before_it_starts():
    with pytest.raises(ValueError, match="must end on or after"):
        Period(date(2021, 5, 10), date(2021, 5, 9))
