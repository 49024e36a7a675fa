"""The quick compliment form and the list's filters."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db.models import Q

from heard.accounts.models import User
from heard.compliments.models import Compliment, ComplimentQuerySet, Giver
from heard.core import clock
from heard.core.forms import DateInputField, GovukForm
from heard.core.models import Team


class ComplimentForm(GovukForm):
    """Everything on one short page, so logging one takes under a minute."""

    received_on = DateInputField(what="the compliment was received")
    team = forms.ModelChoiceField(
        label="Team or service it is about",
        queryset=Team.objects.filter(active=True),
        empty_label="Choose a team",
        error_messages={"required": "Choose the team"},
    )
    giver = forms.ChoiceField(
        label="Who gave it?",
        choices=[("", "Choose who"), *Giver.choices],
        error_messages={"required": "Choose who gave the compliment"},
    )
    summary = forms.CharField(
        label="Summary",
        max_length=300,
        help_text="One line, for lists and reports",
        error_messages={"required": "Enter a summary of the compliment"},
    )
    quote = forms.CharField(
        label="What they said (optional)", required=False, widget=forms.Textarea, max_length=4000
    )
    consent_to_publish = forms.BooleanField(
        label="They agreed it may be published without their name", required=False
    )

    def clean_received_on(self) -> date:
        received: date = self.cleaned_data["received_on"]
        if received > clock.today():
            raise forms.ValidationError(
                "The date the compliment was received must be today or in the past"
            )
        return received

    def __init__(self, *args: Any, compliment: Compliment | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if compliment is not None:
            # A team no longer offered stays on the compliments already about it.
            team = self.fields["team"]
            assert isinstance(team, forms.ModelChoiceField)
            team.queryset = Team.objects.filter(Q(active=True) | Q(pk=compliment.team_id))
            self.initial.update({name: getattr(compliment, name) for name in Compliment.EDITABLE})
            self.initial["team"] = compliment.team_id

    def save(self, by: User) -> Compliment:
        return Compliment.log(by=by, **self.cleaned_data)


class ComplimentFilterForm(GovukForm):
    team = forms.ModelChoiceField(
        label="Team", required=False, queryset=Team.objects.all(), empty_label="Any team"
    )
    received_from = DateInputField(what="to list from", label="Received from", required=False)
    received_to = DateInputField(what="to list to", label="Received to", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("received_from"), data.get("received_to")
        if first and last and last < first:
            self.add_error(
                "received_to", "The date to list to must be the same as or after the date from"
            )
        return data

    def filter(self, compliments: ComplimentQuerySet) -> ComplimentQuerySet:
        data = self.cleaned_data
        if data.get("team"):
            compliments = compliments.filter(team=data["team"])
        if data.get("received_from"):
            compliments = compliments.filter(received_on__gte=data["received_from"])
        if data.get("received_to"):
            compliments = compliments.filter(received_on__lte=data["received_to"])
        return compliments
