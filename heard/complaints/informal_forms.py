"""Logging an informal complaint and ending it (resolved or withdrawn)."""

from __future__ import annotations

from typing import Any

from django import forms

from heard.accounts.models import User
from heard.complaints.models.informal import (
    InformalComplaint,
    InformalQuerySet,
    InformalStatus,
    informal_procedures,
)
from heard.core.errors import DomainError
from heard.core.forms import DateInputField, GovukForm
from heard.core.models import Team


class InformalForm(GovukForm):
    received_on = DateInputField(what="it was received", today=True)
    procedure = forms.ChoiceField(
        label="Procedure",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the procedure"},
    )
    complainant_name = forms.CharField(
        label="Complainant's name",
        max_length=200,
        error_messages={"required": "Enter the complainant's name"},
    )
    team = forms.ModelChoiceField(
        label="Team or service it is about",
        queryset=Team.objects.filter(active=True),
        empty_label="Choose a team",
        error_messages={"required": "Choose the team"},
    )
    summary = forms.CharField(
        label="Summary",
        max_length=300,
        error_messages={"required": "Enter a summary of the complaint"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        procedure = self.fields["procedure"]
        assert isinstance(procedure, forms.ChoiceField)
        procedure.choices = informal_procedures()

    def save(self, by: User) -> InformalComplaint | None:
        try:
            return InformalComplaint.log(by=by, **self.cleaned_data)
        except DomainError as error:
            self.add_rule_error(error)
            return None


class EndForm(GovukForm):
    """Resolved informally, or withdrawn."""

    ended_on = DateInputField(what="it ended", today=True)
    note = forms.CharField(
        label="What was done",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
    )

    def __init__(self, *args: Any, step: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.step = step
        # "Date it was resolved", and its errors: "Enter the date it was resolved".
        what = "it was resolved" if step == "resolve" else "it was withdrawn"
        self.fields["ended_on"] = DateInputField(what=what, today=True)
        if step == "withdraw":
            self.fields["note"].label = "Why it was withdrawn (optional)"

    def save(self, informal: InformalComplaint, by: User) -> bool:
        data = self.cleaned_data
        try:
            if self.step == "resolve":
                informal.resolve(by=by, on=data["ended_on"], note=data["note"])
            else:
                informal.withdraw(by=by, on=data["ended_on"], note=data["note"])
        except DomainError as error:
            self.add_rule_error(error)
            return False
        return True


class InformalFilterForm(GovukForm):
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *InformalStatus.choices]
    )
    team = forms.ModelChoiceField(
        label="Team", required=False, queryset=Team.objects.all(), empty_label="Any team"
    )

    def filter(self, found: InformalQuerySet) -> InformalQuerySet:
        data = self.cleaned_data
        if data.get("status"):
            found = found.filter(status=data["status"])
        if data.get("team"):
            found = found.filter(team=data["team"])
        return found
