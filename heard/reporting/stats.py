"""Rates, year-on-year changes and the test for chance variation (DOMAIN.md section 5).

Every percentage is kept exact (a fraction) and rounded only when written, half-up, never
truncated: 76.923…% is written "77%" and 7.142…% "7.14%". Seed 001's "77% not upheld" and
seed 000's "7.14% decrease" are both this rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from scipy.stats import binomtest

#: A change is "within chance variation" when the test cannot tell the two counts apart.
CHANCE_THRESHOLD = 0.05

ROUNDING_STATEMENT = (
    "Percentages are rounded half-up (0.5 rounds away from zero), never truncated. "
    "Changes in rates are in percentage points."
)


def round_half_up(value: Fraction | Decimal | int, places: int = 0) -> Decimal:
    """`value` rounded half-up to `places` decimal places (exact: no binary floating point)."""
    if isinstance(value, Fraction):
        exact = Decimal(value.numerator) / Decimal(value.denominator)
    else:
        exact = Decimal(value)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Rate:
    """`numerator` of `denominator`, as a share. None when there is nothing to divide by."""

    numerator: int
    denominator: int
    #: Worked from a count the report withholds (heard.reporting.disclosure): not shown.
    withheld: bool = False

    @property
    def fraction(self) -> Fraction | None:
        if self.withheld or not self.denominator:
            return None
        return Fraction(self.numerator, self.denominator)

    @property
    def percent(self) -> Decimal | None:
        """The rate in per cent, to two places (half-up)."""
        return self.percent_to(2)

    def percent_to(self, places: int) -> Decimal | None:
        share = self.fraction
        return None if share is None else round_half_up(share * 100, places)


def chance_p_value(current: int, previous: int, current_days: int, previous_days: int) -> float:
    """The two-sided p-value of the conditional binomial test for two Poisson counts.

    Given current + previous events, and equal underlying rates, the current period's share
    of them is binomial with p = its share of the time. A large p-value means a change this
    size is what chance alone produces, as 65 against 70 is.
    """
    total = current + previous
    if total == 0:
        return 1.0
    share = current_days / (current_days + previous_days)
    return float(binomtest(current, total, share).pvalue)


@dataclass(frozen=True)
class CountChange:
    """A count beside the previous period's: the change in number and per cent."""

    value: int
    previous: int
    p_value: float

    @property
    def change(self) -> int:
        return self.value - self.previous

    @property
    def change_percent(self) -> Decimal | None:
        """The change as a percentage of the previous count (two places, half-up); None when
        the previous count was nought."""
        if self.previous == 0:
            return None
        return round_half_up(Fraction(self.change * 100, self.previous), 2)

    @property
    def within_chance(self) -> bool:
        return self.p_value >= CHANCE_THRESHOLD


@dataclass(frozen=True)
class RateChange:
    """A rate beside the previous period's: the change in percentage points."""

    value: Rate
    previous: Rate

    @property
    def change_points(self) -> Decimal | None:
        """The difference of the exact rates, in points, to two places (half-up)."""
        now, before = self.value.fraction, self.previous.fraction
        if now is None or before is None:
            return None
        return round_half_up((now - before) * 100, 2)

    def change_points_to(self, places: int) -> Decimal | None:
        now, before = self.value.fraction, self.previous.fraction
        if now is None or before is None:
            return None
        return round_half_up((now - before) * 100, places)
