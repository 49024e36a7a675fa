"""Entering one month's referrals, and importing many from CSV."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from heard.core import clock
from heard.core.forms import GovukForm
from heard.referrals.csvimport import ReferralFileError, read_referrals
from heard.workdays.sar import add_calendar_months

#: How far back the month list goes.
MONTHS_OFFERED = 120
MAX_FILE_BYTES = 1024 * 1024


def recent_months() -> list[tuple[str, str]]:
    this_month = clock.today().replace(day=1)
    months = [add_calendar_months(this_month, -n) for n in range(MONTHS_OFFERED)]
    return [("", "Choose a month"), *((m.isoformat(), f"{m:%B %Y}") for m in months)]


class MonthForm(GovukForm):
    month = forms.ChoiceField(
        label="Month",
        error_messages={
            "required": "Choose the month",
            "invalid_choice": "Choose a month from the list",
        },
    )
    referrals = forms.IntegerField(
        label="Referrals to children's social care that month",
        min_value=0,
        max_value=1_000_000,
        error_messages={
            "required": "Enter the number of referrals",
            "invalid": "The number of referrals must be a whole number, like 350",
            "min_value": "The number of referrals must be 0 or more",
            "max_value": "The number of referrals must be 1,000,000 or fewer",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        month = self.fields["month"]
        assert isinstance(month, forms.ChoiceField)
        month.choices = recent_months()

    def counts(self) -> dict[date, int]:
        return {date.fromisoformat(self.cleaned_data["month"]): self.cleaned_data["referrals"]}


class ImportForm(GovukForm):
    file = forms.FileField(
        label="CSV file",
        help_text="Two columns with headings: month (like 2025-04) and referrals",
        error_messages={"required": "Select a CSV file", "empty": "The selected file is empty"},
        widget=forms.FileInput,
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 1 MB")
        try:
            self.parsed = read_referrals(upload.read())
        except ReferralFileError as error:
            raise forms.ValidationError(error.errors) from None
        return upload

    def counts(self) -> dict[date, int]:
        return self.parsed
