"""Choosing a report: the financial year, a quarter of it or none, and the procedure."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms

from heard.complaints.choices import Procedure
from heard.core import clock
from heard.core.forms import GovukForm, GovukModelForm
from heard.reporting.models import ReportText
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


class ReportTextForm(GovukModelForm):
    """The sections the complaints manager writes."""

    class Meta:
        model = ReportText
        fields = ["introduction", "learning", "actions", "compliments"]
        labels = {
            "introduction": "Introduction (optional)",
            "learning": "Recurring themes and learning (optional)",
            "actions": "Actions to improve (optional)",
            "compliments": "About the compliments (optional)",
        }
        help_texts = {
            "introduction": "Shown before the summary. Leave a blank line between paragraphs.",
            "learning": "Start a line with a dash (-) to make a bulleted list.",
            "actions": "What the service will do, and who will do it.",
            "compliments": "Shown with the compliments figures and the published quotes.",
        }
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in fields}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, value in data.items():
            if isinstance(value, str) and len(value) > 10_000:
                self.add_error(
                    name, f"{self.fields[name].label} must be 10,000 characters or fewer"
                )
        return data
