"""Every figure beside last period's: the tree that every renderer draws from.

`compare(current, previous)` walks the two Figures in step and gives plain data (dicts,
lists, numbers, strings): a count becomes its value, last period's value, the change as a
number and a percentage, and whether the change is within chance variation; a rate becomes
its numerator, denominator and percentage, with last period's and the change in points.
The JSON keys are documented in docs/figures.md.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from fractions import Fraction
from typing import Any

from heard.reporting.figures import Figures
from heard.reporting.figures.base import Breakdown, Check
from heard.reporting.periods import Period
from heard.reporting.stats import CountChange, Rate, RateChange, chance_p_value, round_half_up


def _number(value: Decimal | None) -> float | int | None:
    """A Decimal as a JSON number: whole numbers stay whole."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def period_data(period: Period) -> dict[str, str]:
    return {
        "label": period.label,
        "first": period.first.isoformat(),
        "last": period.last.isoformat(),
        "kind": period.kind,
    }


def rate_data(rate: Rate) -> dict[str, Any]:
    if rate.withheld:
        return {"numerator": None, "denominator": None, "percent": None, "suppressed": True}
    return {
        "numerator": rate.numerator,
        "denominator": rate.denominator,
        "percent": _number(rate.percent),
    }


class Comparer:
    def __init__(self, current: Period, previous: Period) -> None:
        self.days = (current.days, previous.days)

    def count(self, value: int, previous: int) -> dict[str, Any]:
        change = CountChange(value, previous, chance_p_value(value, previous, *self.days))
        return {
            "value": value,
            "previous": previous,
            "change": change.change,
            "change_percent": _number(change.change_percent),
            "within_chance": change.within_chance,
            "p_value": round(change.p_value, 4),
        }

    def breakdown(self, value: Breakdown, previous: Breakdown) -> dict[str, Any]:
        """A count of people: withheld this period or last, it is null, and so is everything
        worked from it (a change would give the withheld count away)."""
        if not (value.suppressed or previous.suppressed):
            return {**self.count(value.count, previous.count), "suppressed": False}
        return {
            "value": None if value.suppressed else value.count,
            "previous": None if previous.suppressed else previous.count,
            "change": None,
            "change_percent": None,
            "within_chance": None,
            "p_value": None,
            "suppressed": value.suppressed,
        }

    def rate(self, value: Rate, previous: Rate) -> dict[str, Any]:
        return {
            **rate_data(value),
            "previous": rate_data(previous),
            "change_points": _number(RateChange(value, previous).change_points),
        }

    def amount(self, value: Decimal | None, previous: Decimal | None) -> dict[str, Any]:
        change = None if value is None or previous is None else value - previous
        percent = (
            round_half_up(Fraction(change) * 100 / Fraction(previous), 2)
            if change is not None and previous
            else None
        )
        return {
            "value": _number(value),
            "previous": _number(previous),
            "change": _number(change),
            "change_percent": _number(percent),
        }

    def walk(self, value: Any, previous: Any) -> Any:
        if isinstance(value, bool) or value is None or isinstance(value, str):
            return value
        if isinstance(value, int):
            return self.count(value, previous if isinstance(previous, int) else 0)
        if isinstance(value, Rate):
            return self.rate(value, previous if isinstance(previous, Rate) else Rate(0, 0))
        if isinstance(value, Decimal):
            return self.amount(value, previous if isinstance(previous, Decimal) else None)
        if isinstance(value, Period):
            return period_data(value)
        if isinstance(value, Check):
            return {
                "name": value.name,
                "left": value.left,
                "right": value.right,
                "holds": value.holds,
                "statement": value.statement,
            }
        if isinstance(value, Breakdown):
            return self.breakdown(
                value, previous if isinstance(previous, Breakdown) else Breakdown(0)
            )
        if isinstance(value, list):
            return list(value)
        if isinstance(value, dict):
            earlier: dict[str, Any] = previous if isinstance(previous, dict) else {}
            return {key: self.walk(item, earlier.get(key)) for key, item in value.items()}
        if dataclasses.is_dataclass(value):
            out = {}
            for f in dataclasses.fields(value):
                item = getattr(value, f.name)
                if f.metadata.get("setting"):
                    out[f.name] = item
                else:
                    out[f.name] = self.walk(item, getattr(previous, f.name, None))
            return out
        raise TypeError(f"No comparison for {type(value).__name__}")


def compare(current: Figures, previous: Figures) -> dict[str, Any]:
    """The figures of `current`, each beside the same figure of `previous`."""
    tree: dict[str, Any] = Comparer(current.period, previous.period).walk(current, previous)
    tree["previous_period"] = period_data(previous.period)
    return tree


def checks(figures: Figures) -> list[Check]:
    """Every reconciliation check in the figures."""
    found = [stage.reconciliation for stage in figures.complaints.stages.values()]
    found.append(figures.ombudsman.reconciliation)
    return found
