"""Reporting periods: financial years, quarters and any date range (DOMAIN.md section 5).

Each period knows the one before it, so every figure can be shown beside last period's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from heard.workdays.sar import add_calendar_months

Kind = Literal["year", "quarter", "range"]


def financial_year_of(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def year_label(year: int) -> str:
    """The financial year starting in April of `year`, as reports write it: "2021/22"."""
    return f"{year}/{(year + 1) % 100:02d}"


@dataclass(frozen=True)
class Period:
    first: date
    last: date
    kind: Kind = "range"

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError("A period must end on or after the day it starts")

    @classmethod
    def financial_year(cls, year: int) -> Period:
        """1 April `year` to 31 March the year after: `financial_year(2021)` is 2021/22."""
        return cls(date(year, 4, 1), date(year + 1, 3, 31), "year")

    @classmethod
    def quarter(cls, year: int, number: int) -> Period:
        """Quarter 1 to 4 of the financial year starting in `year` (Q1 is April to June)."""
        if number not in (1, 2, 3, 4):
            raise ValueError("A quarter is 1, 2, 3 or 4")
        first = add_calendar_months(date(year, 4, 1), 3 * (number - 1))
        return cls(first, add_calendar_months(first, 3) - timedelta(days=1), "quarter")

    @classmethod
    def quarter_of(cls, day: date) -> Period:
        """The financial-year quarter that `day` falls in."""
        year = financial_year_of(day)
        return cls.quarter(year, (day.month - 4) % 12 // 3 + 1)

    @property
    def quarter_number(self) -> int:
        """1 to 4 for a quarter (Q1 is April to June)."""
        return (self.first.month - 4) % 12 // 3 + 1

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def year(self) -> int:
        return financial_year_of(self.first)

    @property
    def label(self) -> str:
        if self.kind == "year":
            return year_label(self.year)
        if self.kind == "quarter":
            return f"Q{self.quarter_number} {year_label(self.year)}"
        return f"{self.first:%-d %B %Y} to {self.last:%-d %B %Y}"

    @property
    def description(self) -> str:
        """The dates in words, for the report's statement of its basis."""
        return f"{self.first:%-d %B %Y} to {self.last:%-d %B %Y}"

    def previous(self) -> Period:
        """The period before: last financial year, last quarter, or the same number of days
        immediately before a date range."""
        if self.kind == "year":
            return Period.financial_year(self.year - 1)
        if self.kind == "quarter":
            months = self.first.year * 12 + self.first.month - 1 - 3
            start = date(months // 12, months % 12 + 1, 1)
            return Period(start, self.first - timedelta(days=1), "quarter")
        return Period(self.first - timedelta(days=self.days), self.first - timedelta(days=1))

    def years_back(self, count: int) -> list[Period]:
        """This financial year and the `count - 1` before it, oldest first (for trend charts)."""
        return [Period.financial_year(self.year - back) for back in range(count - 1, -1, -1)]
