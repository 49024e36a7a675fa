"""Logging and answering enquiries and other representations, and the list's filters."""

from __future__ import annotations

from typing import Any

from django import forms

from heard.accounts.models import User
from heard.accounts.rules import caseworkers
from heard.core.errors import DomainError
from heard.core.forms import DateInputField, GovukForm
from heard.core.models import Team
from heard.enquiries.models import (
    Enquiry,
    EnquiryQuerySet,
    EnquiryStatus,
    MemberKind,
    RepresentationKind,
)


class EnquiryForm(GovukForm):
    received_on = DateInputField(what="the enquiry was received")
    kind = forms.ChoiceField(
        label="What is it?",
        choices=RepresentationKind.choices,
        initial=RepresentationKind.MEMBER_ENQUIRY,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what it is"},
    )
    member_kind = forms.ChoiceField(
        label="From a (councillor's or MP's enquiry only)",
        required=False,
        choices=[("", "Choose councillor or MP"), *MemberKind.choices],
    )
    member_name = forms.CharField(
        label="Name",
        help_text="The councillor or MP; for anything else, whoever made it (optional)",
        required=False,
        max_length=200,
    )
    constituent = forms.CharField(label="On behalf of (optional)", required=False, max_length=200)
    team = forms.ModelChoiceField(
        label="Team or service it is about",
        queryset=Team.objects.filter(active=True),
        empty_label="Choose a team",
        error_messages={"required": "Choose the team"},
    )
    summary = forms.CharField(
        label="Summary",
        max_length=300,
        error_messages={"required": "Enter a summary of the enquiry"},
    )
    assigned_officer = forms.ModelChoiceField(
        label="Assigned officer", required=False, empty_label="Not assigned", queryset=caseworkers()
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # Shown with every other missing answer (Enquiry.log checks the same).
        if data.get("kind") == RepresentationKind.MEMBER_ENQUIRY:
            if not data.get("member_kind"):
                self.add_error("member_kind", "Choose whether it is from a councillor or an MP")
            if not data.get("member_name"):
                self.add_error("member_name", "Enter the councillor's or MP's name")
        return data

    def save(self, by: User) -> Enquiry | None:
        try:
            return Enquiry.log(by=by, **self.cleaned_data)
        except DomainError as error:
            self.add_rule_error(error)
            return None


class RespondForm(GovukForm):
    responded_on = DateInputField(what="the reply was sent")
    response = forms.CharField(
        label="What the reply said (optional)",
        required=False,
        widget=forms.Textarea,
        max_length=4000,
    )

    def save(self, enquiry: Enquiry, by: User) -> bool:
        try:
            enquiry.respond(
                by=by,
                on=self.cleaned_data["responded_on"],
                response=self.cleaned_data["response"],
            )
        except DomainError as error:
            self.add_rule_error(error)
            return False
        return True


class EnquiryFilterForm(GovukForm):
    kind = forms.ChoiceField(
        label="What it is",
        required=False,
        choices=[("", "Every kind"), *RepresentationKind.choices],
    )
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *EnquiryStatus.choices]
    )
    member_kind = forms.ChoiceField(
        label="From", required=False, choices=[("", "Councillors and MPs"), *MemberKind.choices]
    )
    team = forms.ModelChoiceField(
        label="Team", required=False, queryset=Team.objects.all(), empty_label="Any team"
    )
    overdue = forms.BooleanField(label="Overdue only", required=False)

    def filter(self, enquiries: EnquiryQuerySet, today: Any) -> EnquiryQuerySet:
        data = self.cleaned_data
        if data.get("kind"):
            enquiries = enquiries.filter(kind=data["kind"])
        if data.get("status"):
            enquiries = enquiries.filter(status=data["status"])
        if data.get("member_kind"):
            enquiries = enquiries.filter(member_kind=data["member_kind"])
        if data.get("team"):
            enquiries = enquiries.filter(team=data["team"])
        if data.get("overdue"):
            enquiries = enquiries.overdue(today)
        return enquiries
