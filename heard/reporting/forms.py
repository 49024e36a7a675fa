"""Choosing a report: the financial year, a quarter of it or none, and the procedure."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django import forms

from heard.complaints.choices import Procedure
from heard.core import clock
from heard.core.forms import DateInputField, GovukForm
from heard.reporting.figures.tables import DIMENSIONS, MEASURES, Spec
from heard.reporting.periods import Period, year_label

#: Years offered before the current one.
YEARS_BACK = 15


def latest_complete_year() -> int:
    """The last financial year that has ended: the annual report's usual subject."""
    return Period.financial_year(clock.today().year).year - (2 if clock.today().month < 4 else 1)


class ReportForm(GovukForm):
    year = forms.TypedChoiceField(
        label="Financial year",
        coerce=int,
        error_messages={"invalid_choice": "Choose a financial year from the list"},
    )
    quarter = forms.TypedChoiceField(
        label="Quarter",
        coerce=int,
        required=False,
        empty_value=None,
        choices=[
            ("", "The whole year"),
            ("1", "Q1: April to June"),
            ("2", "Q2: July to September"),
            ("3", "Q3: October to December"),
            ("4", "Q4: January to March"),
        ],
        error_messages={"invalid_choice": "Choose a quarter from the list"},
    )
    procedure = forms.ChoiceField(
        label="Complaints procedure",
        choices=Procedure.choices,
        error_messages={"invalid_choice": "Choose a procedure from the list"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = latest_complete_year() + 1
        year = self.fields["year"]
        assert isinstance(year, forms.TypedChoiceField)
        year.choices = [(str(y), year_label(y)) for y in range(current, current - YEARS_BACK, -1)]

    @classmethod
    def from_query(cls, data: Any) -> ReportForm:
        """The form over the query string, defaulting to last year's children's report."""
        values = {
            "year": data.get("year") or str(latest_complete_year()),
            "quarter": data.get("quarter") or "",
            "procedure": data.get("procedure") or Procedure.CHILDREN,
        }
        return cls(values)

    def period(self) -> tuple[Period, str]:
        data = self.cleaned_data
        if data["quarter"]:
            return Period.quarter(data["year"], data["quarter"]), "quarterly"
        return Period.financial_year(data["year"]), "annual"

    def query(self) -> str:
        """The choice as a query string, for links to downloads and drill-downs."""
        data = self.cleaned_data
        return urlencode(
            {
                "year": data["year"],
                "quarter": data["quarter"] or "",
                "procedure": data["procedure"],
            }
        )


class TableForm(ReportForm):
    """The table builder's choices: what to count, by what, for which procedure and period.
    A date range, when both dates are given, is the period instead of the year or quarter."""

    measure = forms.ChoiceField(
        label="What to count",
        choices=[(key, m.label) for key, m in MEASURES.items()],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what to count"},
    )
    rows = forms.ChoiceField(
        label="Rows: count by",
        choices=[(key, d.label) for key, d in DIMENSIONS.items()],
        error_messages={"invalid_choice": "Choose a breakdown from the list"},
    )
    columns = forms.ChoiceField(
        label="Columns: and by (optional)",
        required=False,
        choices=[("", "No second breakdown"), *((k, d.label) for k, d in DIMENSIONS.items())],
        error_messages={"invalid_choice": "Choose a breakdown from the list"},
    )
    first = DateInputField(
        what="the period starts",
        label="From (optional)",
        required=False,
        help_text="For example, 1 4 2024",
    )
    last = DateInputField(what="the period ends", label="To (optional)", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        procedure = self.fields["procedure"]
        assert isinstance(procedure, forms.ChoiceField)
        procedure.required = False
        procedure.choices = [("", "All procedures"), *Procedure.choices]

    @classmethod
    def from_query(cls, data: Any) -> TableForm:
        """The form over the query string: last year's stages received by team unless chosen."""
        values = {
            "year": data.get("year") or str(latest_complete_year()),
            "quarter": data.get("quarter") or "",
            "procedure": data.get("procedure", ""),
            "measure": data.get("measure") or "received",
            "rows": data.get("rows") or "team",
            "columns": data.get("columns", ""),
            **{
                f"{name}_{part}": data.get(f"{name}_{part}", "")
                for name in ("first", "last")
                for part in range(3)
            },
        }
        return cls(values)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("first"), data.get("last")
        if first and not last:
            self.add_error("last", "Enter the date the period ends, or leave both dates blank")
        elif last and not first:
            self.add_error("first", "Enter the date the period starts, or leave both dates blank")
        elif first and last and last < first:
            self.add_error("last", "The date the period ends must be on or after the day it starts")
        if data.get("rows") and data.get("rows") == data.get("columns"):
            self.add_error("columns", "Choose a different breakdown for the columns, or none")
        return data

    def spec(self) -> Spec:
        data = self.cleaned_data
        if data.get("first") and data.get("last"):
            period = Period(data["first"], data["last"])
        else:
            period, _ = self.period()
        return Spec(data["measure"], data["rows"], data["columns"], data["procedure"], period)

    def query(self) -> str:
        data = self.cleaned_data
        values: dict[str, Any] = {
            "year": data["year"],
            "quarter": data["quarter"] or "",
            "procedure": data["procedure"],
            "measure": data["measure"],
            "rows": data["rows"],
            "columns": data["columns"],
        }
        for name in ("first", "last"):
            if data.get(name):
                day: date = data[name]
                values |= {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}
        return urlencode(values)
