from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from heard.reporting.stats import CountChange, Rate, RateChange, chance_p_value, round_half_up


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Fraction(50, 65) * 100, 0, Decimal(77)),  # 76.92: seed 001's "77% not upheld"
        (Fraction(5, 2), 0, Decimal(3)),  # half rounds up, not to even
        (Fraction(-5, 2), 0, Decimal(-3)),  # and away from zero below it
        (Fraction(-500, 70), 2, Decimal("-7.14")),
        (Fraction(1, 8) * 100, 1, Decimal("12.5")),
        (Fraction(59, 65) * 100, 0, Decimal(91)),
    ],
)
def test_rounding_is_half_up(value, places, expected):
    assert round_half_up(value, places) == expected


def test_a_rate_with_nothing_to_divide_by_has_no_percentage():
    assert Rate(0, 0).percent is None


def test_65_against_70_is_a_7_14_percent_decrease_within_chance():
    change = CountChange(65, 70, chance_p_value(65, 70, 365, 365))
    assert change.change == -5
    assert change.change_percent == Decimal("-7.14")
    assert change.within_chance


def test_a_doubling_of_a_large_count_is_not_within_chance():
    change = CountChange(200, 100, chance_p_value(200, 100, 365, 365))
    assert change.p_value < 0.001
    assert not change.within_chance


def test_the_chance_test_allows_for_periods_of_different_lengths():
    # 60 in a 366-day year against 60 in a 365-day one is no change at all.
    assert chance_p_value(60, 60, 366, 365) > 0.9
    # 90 in a quarter against 100 in a year is a real rise.
    assert chance_p_value(90, 100, 91, 365) < 0.001


def test_a_change_from_nothing_has_no_percentage():
    assert CountChange(4, 0, 0.1).change_percent is None


def test_rate_changes_are_in_percentage_points_of_the_exact_rates():
    change = RateChange(Rate(65, 4063), Rate(57, 4750))
    # 1.59980% - 1.2%: 0.4 points to one place, though each rate alone reads 1.6 and 1.2.
    assert change.change_points_to(1) == Decimal("0.4")
    assert change.change_points == Decimal("0.40")
