"""Logging a subject access request, its steps, and the list's filters."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from heard.accounts.models import User
from heard.core.errors import DomainError
from heard.core.forms import CaseFileField, CaseStepForm, DateInputField, GovukForm
from heard.core.models import Service
from heard.sars.models import (
    SAR_ROLES,
    Exemption,
    RequesterRole,
    SarDocument,
    SarOutcome,
    SarQuerySet,
    SarStatus,
    SubjectAccessRequest,
)

PROOF_HINTS = {
    "fee": "Usually none: a fee may be charged only for a manifestly unfounded or excessive "
    "request, or for further copies",
}


def sar_officers() -> Any:
    return User.objects.filter(role__in=SAR_ROLES, is_active=True).order_by(
        "first_name", "last_name"
    )


class ProofFields(forms.Form):
    identity_verified_on = DateInputField(
        what="proof of identity was received",
        label="Proof of identity received (optional)",
        required=False,
    )
    authority_received_on = DateInputField(
        what="proof of authority was received",
        label="Proof of authority received (optional)",
        required=False,
        help_text="Only when someone asks for another person's records. For example, 27 3 2025",
    )
    fee = forms.DecimalField(
        label="Fee in pounds (optional)",
        required=False,
        max_digits=8,
        decimal_places=2,
        help_text=PROOF_HINTS["fee"],
        error_messages={"invalid": "Enter the fee as an amount, like 10 or 10.50"},
    )
    fee_received_on = DateInputField(
        what="the fee was paid", label="Fee paid (optional)", required=False
    )


class SarForm(ProofFields, GovukForm):
    received_on = DateInputField(what="the request was received")
    requester_name = forms.CharField(
        label="Requester's name",
        max_length=200,
        error_messages={"required": "Enter the name of the person asking"},
    )
    requester_role = forms.ChoiceField(
        label="Who is asking",
        choices=[("", "Choose who is asking"), *RequesterRole.choices],
        error_messages={"required": "Choose who is asking"},
    )
    requester_email = forms.EmailField(
        label="Their email address (optional)",
        required=False,
        max_length=254,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )
    requester_phone = forms.CharField(
        label="Their phone number (optional)", required=False, max_length=40
    )
    requester_address = forms.CharField(
        label="Their postal address (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea,
    )
    data_subject_name = forms.CharField(
        label="Whose records",
        max_length=200,
        help_text="The person the records are about, even if it is the requester",
        error_messages={"required": "Enter the name of the person the records are about"},
    )
    data_subject_born_on = DateInputField(
        what="of birth", label="Their date of birth (optional)", required=False
    )
    care_leaver = forms.BooleanField(label="A care leaver asking for their file", required=False)
    service = forms.ChoiceField(
        label="Which service's records",
        choices=Service.choices,
        initial=Service.CHILDREN,
        widget=forms.RadioSelect,
        required=False,  # children's, as most requests are care leavers' files, unless chosen
        help_text="The annual report of that service counts the request",
    )
    records_sought = forms.CharField(
        label="What was asked for",
        widget=forms.Textarea,
        max_length=4000,
        error_messages={"required": "Enter what was asked for"},
    )
    assigned_officer = forms.ModelChoiceField(
        label="Assigned officer",
        required=False,
        empty_label="Not assigned",
        queryset=sar_officers(),
    )

    field_order = [
        "received_on",
        "requester_name",
        "requester_role",
        "requester_email",
        "requester_phone",
        "requester_address",
        "data_subject_name",
        "data_subject_born_on",
        "care_leaver",
        "service",
        "records_sought",
        "identity_verified_on",
        "authority_received_on",
        "fee",
        "fee_received_on",
        "assigned_officer",
    ]

    def clean_service(self) -> str:
        return self.cleaned_data.get("service") or Service.CHILDREN

    def save(self, by: User) -> SubjectAccessRequest | None:
        try:
            return SubjectAccessRequest.log(by=by, **self.cleaned_data)
        except DomainError as error:
            self.add_rule_error(error)
            return None


class ProofForm(ProofFields, CaseStepForm):
    title = "Record proof and fee"

    def __init__(self, *args: Any, case: SubjectAccessRequest, **kwargs: Any) -> None:
        # Shows what is recorded now, to be added to or corrected.
        fields = ("identity_verified_on", "authority_received_on", "fee", "fee_received_on")
        kwargs.setdefault("initial", {name: getattr(case, name) for name in fields})
        super().__init__(*args, case=case, **kwargs)

    def perform(self, by: User, **data: Any) -> None:
        self.case.record_proof(by=by, **data)


class AskForm(CaseStepForm):
    title = "Ask for clarification"
    asked_on = DateInputField(what="clarification was asked for")
    question = forms.CharField(
        label="What was asked",
        widget=forms.Textarea,
        max_length=4000,
        help_text="The clock stops until the requester answers",
        error_messages={"required": "Enter what was asked"},
    )

    def perform(self, by: User, **data: Any) -> None:
        self.case.ask_for_clarification(by=by, on=data["asked_on"], question=data["question"])


class AnsweredForm(CaseStepForm):
    title = "Record the clarification"
    answered_on = DateInputField(what="the clarification was received")

    def perform(self, by: User, **data: Any) -> None:
        self.case.receive_clarification(by=by, on=data["answered_on"])


class ExtendForm(CaseStepForm):
    title = "Extend the deadline"
    told_on = DateInputField(
        what="the requester was told",
        help_text="It must be within the first month. For example, 27 3 2025",
    )
    months = forms.TypedChoiceField(
        label="Time allowed in all",
        coerce=int,
        choices=[("", "Choose two or three months"), (2, "Two months"), (3, "Three months")],
        error_messages={"required": "Choose two or three months"},
    )
    reason = forms.CharField(
        label="Why (the requester is told this)",
        widget=forms.Textarea,
        max_length=4000,
        error_messages={"required": "Give the reasons for the extension"},
    )

    def perform(self, by: User, **data: Any) -> None:
        self.case.extend(by=by, **data)


class CloseForm(CaseStepForm):
    title = "Record the outcome"
    closed_on = DateInputField(what="the response was sent")
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=[("", "Choose the outcome"), *SarOutcome.choices],
        error_messages={"required": "Choose the outcome"},
    )
    pages_reviewed = forms.IntegerField(
        label="Pages reviewed",
        required=False,
        min_value=0,
        error_messages={
            "invalid": "Enter the pages reviewed as a whole number",
            "min_value": "The pages reviewed cannot be less than 0",
        },
    )
    pages_disclosed = forms.IntegerField(
        label="Pages disclosed",
        required=False,
        min_value=0,
        error_messages={
            "invalid": "Enter the pages disclosed as a whole number",
            "min_value": "The pages disclosed cannot be less than 0",
        },
    )
    exemptions = forms.ModelMultipleChoiceField(
        label="Exemptions applied",
        required=False,
        queryset=Exemption.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
        help_text="Only when the records are disclosed in part",
    )
    search_limited = forms.BooleanField(
        label="A reasonable and proportionate search limited the scope", required=False
    )
    search_decision = forms.CharField(
        label="The search decision and why (if the scope was limited)",
        required=False,
        widget=forms.Textarea,
        max_length=4000,
    )

    def perform(self, by: User, **data: Any) -> None:
        self.case.close(
            by=by,
            on=data["closed_on"],
            outcome=data["outcome"],
            pages_reviewed=data["pages_reviewed"],
            pages_disclosed=data["pages_disclosed"],
            exemptions=list(data["exemptions"]),
            search_limited=data["search_limited"],
            search_decision=data["search_decision"],
        )


STEP_FORMS: dict[str, type[CaseStepForm]] = {
    "record_proof": ProofForm,
    "ask_clarification": AskForm,
    "receive_clarification": AnsweredForm,
    "extend": ExtendForm,
    "close": CloseForm,
}


class SarFilterForm(GovukForm):
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *SarStatus.choices]
    )
    outcome = forms.ChoiceField(
        label="Outcome", required=False, choices=[("", "Any outcome"), *SarOutcome.choices]
    )
    care_leaver = forms.BooleanField(label="Care leavers only", required=False)
    overdue = forms.BooleanField(label="Overdue only", required=False)
    stopped = forms.BooleanField(label="Clock stopped only", required=False)
    due_within = forms.IntegerField(
        label="Due within this many working days",
        required=False,
        min_value=0,
        max_value=100,
        error_messages={
            "invalid": "Enter the number of working days as a whole number",
            "min_value": "The number of working days cannot be less than 0",
            "max_value": "The number of working days must be 100 or fewer",
        },
    )

    def filter(self, requests: SarQuerySet, today: date) -> SarQuerySet:
        data = self.cleaned_data
        if data.get("status"):
            requests = requests.filter(status=data["status"])
        if data.get("outcome"):
            requests = requests.filter(outcome=data["outcome"])
        if data.get("care_leaver"):
            requests = requests.filter(care_leaver=True)
        if data.get("overdue"):
            requests = requests.overdue(today)
        if data.get("stopped"):
            requests = requests.clock_stopped()
        if data.get("due_within") is not None:
            requests = requests.due_within(today, data["due_within"])
        return requests


class SarDocumentForm(GovukForm):
    """Add a file to a request: proof that came by post or email, or another document."""

    file = CaseFileField()
    kind = forms.ChoiceField(
        label="What is it?",
        choices=[("", "Choose what it is"), *SarDocument.Kind.choices],
        help_text="Adding proof does not start the clock: record the date you accepted it "
        "with “Record proof and fee”",
        error_messages={"required": "Choose what the document is"},
    )
    title = forms.CharField(
        label="Title (optional)",
        max_length=200,
        required=False,
        help_text="For example, Passport copy sent by email. Leave it empty to use the file name",
    )

    def save(self, sar: SubjectAccessRequest, *, by: User) -> SarDocument | None:
        upload = self.cleaned_data["file"]
        try:
            return SarDocument.attach(
                sar,
                kind=self.cleaned_data["kind"],
                filename=upload.name,
                content=upload,
                content_type=upload.content_type,
                by=by,
                title=self.cleaned_data["title"],
            )
        except DomainError as error:
            self.add_rule_error(error)
            return None
