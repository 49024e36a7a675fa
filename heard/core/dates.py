"""Dates as officers write them, and the checks every recorded date of a step gets."""

from __future__ import annotations

from datetime import date

from heard.core import clock
from heard.core.errors import RuleViolation


def long_date(day: date) -> str:
    """A date as officers write it: 3 March 2025."""
    return f"{day.day} {day:%B %Y}"


def require_date(value: date | None, *, label: str, field: str) -> date:
    if value is None:
        raise RuleViolation(f"Enter the {label} date", field=field)
    if value > clock.today():
        raise RuleViolation(f"The {label} date must be today or in the past", field=field)
    return value


def not_before(value: date, earliest: date, *, label: str, what: str, field: str) -> None:
    if value < earliest:
        raise RuleViolation(
            f"The {label} date must be on or after {what}, {long_date(earliest)}", field=field
        )
