"""Logging an Ombudsman case, its steps, and the list's filters."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from heard.accounts.models import User
from heard.accounts.rules import caseworkers
from heard.complaints.models import Complaint
from heard.core.errors import DomainError
from heard.core.forms import CaseStepForm, DateInputField, GovukForm, MoneyField
from heard.core.models import Team
from heard.ombudsman.models import (
    Area,
    Decision,
    OmbudsmanCase,
    OmbudsmanQuerySet,
    OmbudsmanRemedy,
    OmbudsmanStatus,
)


class OmbudsmanForm(GovukForm):
    ombudsman_reference = forms.CharField(
        label="Ombudsman's reference",
        max_length=30,
        help_text="As on the Ombudsman's letter, for example 24 012 345",
        error_messages={"required": "Enter the Ombudsman's reference"},
    )
    enquiry_received_on = DateInputField(what="the enquiry was received")
    reply_due_on = DateInputField(
        what="the council's reply is due",
        label="Date the council's reply is due (optional)",
        help_text="The date the Ombudsman gave in its letter, for example 27 3 2025. Leave it "
        "blank if it is not recorded.",
        required=False,
    )
    complaint_reference = forms.CharField(
        label="Our complaint reference (optional)",
        required=False,
        max_length=20,
        help_text="The complaint the Ombudsman is looking at, for example CSC-2025-00042",
    )
    area = forms.ChoiceField(
        label="Service area",
        required=False,
        choices=[("", "The complaint's, or choose one"), *Area.choices],
        help_text="A case about one of our complaints follows that complaint's procedure",
    )
    team = forms.ModelChoiceField(
        label="Team or service it is about (optional)",
        queryset=Team.objects.filter(active=True),
        required=False,
        empty_label="Not recorded",
    )
    summary = forms.CharField(
        label="Summary", max_length=300, error_messages={"required": "Enter a summary"}
    )
    assigned_officer = forms.ModelChoiceField(
        label="Assigned officer", required=False, empty_label="Not assigned", queryset=caseworkers()
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_complaint_reference(self) -> Complaint | None:
        reference = self.cleaned_data["complaint_reference"].strip().upper()
        if not reference:
            return None
        complaint = Complaint.objects.visible_to(self.user).filter(reference=reference).first()
        if complaint is None:
            raise forms.ValidationError(f"There is no complaint with the reference {reference}")
        return complaint

    def save(self, by: User) -> OmbudsmanCase | None:
        data = dict(self.cleaned_data)
        data["complaint"] = data.pop("complaint_reference")
        try:
            return OmbudsmanCase.log(by=by, **data)
        except DomainError as error:
            self.add_rule_error(error)
            return None


class ReplyForm(CaseStepForm):
    replied_on = DateInputField(what="the council replied")

    def perform(self, by: User, **data: Any) -> None:
        self.case.record_reply(by=by, on=data["replied_on"])


class DecisionForm(CaseStepForm):
    decided_on = DateInputField(what="of the decision", label="Decision date")
    decision = forms.ChoiceField(
        label="Decision",
        choices=[("", "Choose the decision"), *Decision.choices],
        error_messages={"required": "Choose the Ombudsman's decision"},
    )
    detailed_investigation = forms.BooleanField(
        label="The Ombudsman investigated in detail", required=False
    )
    fault = forms.BooleanField(label="Fault found", required=False)
    injustice = forms.BooleanField(label="Injustice caused", required=False)
    maladministration = forms.BooleanField(label="Maladministration", required=False)
    remedy_already_provided = forms.BooleanField(
        label="The council had already provided a satisfactory remedy", required=False
    )
    public_interest_report = forms.BooleanField(
        label="Public interest report issued", required=False
    )

    def perform(self, by: User, **data: Any) -> None:
        self.case.record_decision(by=by, on=data.pop("decided_on"), **data)


class RemedyForm(CaseStepForm):
    description = forms.CharField(
        label="What the Ombudsman recommended",
        max_length=300,
        error_messages={"required": "Describe the remedy"},
    )
    amount = MoneyField(label="Amount in pounds (optional)", required=False)
    due_on = DateInputField(what="it is due", label="Due by")

    def perform(self, by: User, **data: Any) -> None:
        self.case.add_remedy(by=by, **data)


class CompleteRemedyForm(CaseStepForm):
    remedy: forms.ModelChoiceField[OmbudsmanRemedy] = forms.ModelChoiceField(
        label="Remedy",
        queryset=OmbudsmanRemedy.objects.none(),  # set per case
        empty_label="Choose the remedy",
        error_messages={"required": "Choose the remedy"},
    )
    completed_on = DateInputField(what="it was done")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["remedy"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = self.case.remedies.filter(completed_on=None)

    def perform(self, by: User, **data: Any) -> None:
        self.case.complete_remedy(by=by, remedy=data["remedy"], on=data["completed_on"])


STEP_FORMS: dict[str, type[CaseStepForm]] = {
    "reply": ReplyForm,
    "decide": DecisionForm,
    "add_remedy": RemedyForm,
    "complete_remedy": CompleteRemedyForm,
}


class OmbudsmanFilterForm(GovukForm):
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *OmbudsmanStatus.choices]
    )
    decision = forms.ChoiceField(
        label="Decision", required=False, choices=[("", "Any decision"), *Decision.choices]
    )
    area = forms.ChoiceField(
        label="Service area", required=False, choices=[("", "Any area"), *Area.choices]
    )
    reply_overdue = forms.BooleanField(label="Reply overdue only", required=False)

    def filter(self, cases: OmbudsmanQuerySet, today: date) -> OmbudsmanQuerySet:
        data = self.cleaned_data
        for name in ("status", "decision", "area"):
            if data.get(name):
                cases = cases.filter(**{name: data[name]})
        if data.get("reply_overdue"):
            cases = cases.reply_overdue(today)
        return cases
