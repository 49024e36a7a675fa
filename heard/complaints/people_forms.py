"""Correcting the complainant's and the children's details, equality answers included."""

from __future__ import annotations

import hashlib
import json
from typing import Any, ClassVar

from django import forms
from django.db import transaction
from django.http import QueryDict

from heard.accounts.models import User
from heard.complaints.choices import ContactMethod, Relationship
from heard.complaints.models import Child, Complainant, Complaint, ComplaintEvent
from heard.core import clock
from heard.core.forms import DateInputField, GovukModelForm

EQUALITY_FIELDS = ["ethnicity", "gender", "age_band", "disability"]
EQUALITY_LABELS = {
    "ethnicity": "Ethnic group (optional)",
    "gender": "Gender (optional)",
    "age_band": "Age (optional)",
    "disability": "Disability (optional)",
}
NOT_ANSWERED = ("", "Not answered")


def fingerprint(values: dict[str, Any]) -> str:
    """A short digest of the saved values, to tell whether someone else changed them."""
    shown = [[name, str(value)] for name, value in values.items()]
    return hashlib.sha256(json.dumps(shown).encode()).hexdigest()[:20]


class PersonForm(GovukModelForm):
    """Shared by the complainant and child forms: the equality questions (blank is "not
    answered", which reports count apart from "prefer not to say"), a saved-values check so a
    second save cannot overwrite a first, and an event on the case."""

    action: ClassVar[str]
    original = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in EQUALITY_FIELDS:
            field = self.fields[name]
            assert isinstance(field, forms.TypedChoiceField)
            field.label = EQUALITY_LABELS[name]
            field.choices = [NOT_ANSWERED, *self.instance._meta.get_field(name).choices]
        names = list(self._meta.fields or [])
        #: Every value the form shows, as saved: the person's, and the case's own (the
        #: complainant's relationship); all are in the staleness check.
        self.saved_values = {name: getattr(self.instance, name) for name in names}
        self.saved_values |= self.saved_elsewhere()
        self.saved = fingerprint(self.saved_values)
        self.initial.setdefault("original", self.saved)
        self.differences: list[tuple[str, str, str]] = []

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("original") and data["original"] != self.saved:
            # Keep what was typed; the next save is checked against what is saved now.
            bound = QueryDict(mutable=True)
            bound.update(self.data)
            bound["original"] = self.saved
            self.data = bound
            self.differences = [
                (str(self.fields[name].label), self._shown(name, saved), self._shown(name, typed))
                for name, saved in self.saved_values.items()
                if (typed := data.get(name, saved)) != saved
            ]
            raise forms.ValidationError(
                "Someone else changed these details after you opened this page. "
                "Check what is saved now, below, then save again."
            )
        return data

    def saved_elsewhere(self) -> dict[str, Any]:
        """Values the form shows that are saved on the complaint, not the person."""
        return {}

    def _shown(self, name: str, value: Any) -> str:
        choices = dict(getattr(self.fields[name], "choices", []))
        return str(choices.get(value, value) if value not in (None, "") else "Not given")

    @transaction.atomic
    def save_for(self, complaint: Complaint, *, by: User) -> list[str]:
        """Save, record which details changed on the case's timeline, and return them."""
        changed = [name for name in self.changed_data if name != "original"]
        if not changed and self.instance.pk:
            return []
        is_new = self.instance.pk is None
        # The audit trail files this change under the case it was made from.
        self.instance._audit_complaint = complaint.pk
        person = self.save()
        if is_new and isinstance(person, Child):
            complaint.children.add(person)
        ComplaintEvent.objects.create(
            complaint=complaint,
            action=self.action if not is_new else "add_child",
            actor=by,
            details={"changed": changed},
        )
        return changed


class ComplainantForm(PersonForm):
    action = "edit_complainant"
    field_order = [
        "name",
        "relationship",
        "address",
        "email",
        "phone",
        "preferred_contact",
    ]
    relationship = forms.ChoiceField(
        label="Relationship to the child",
        choices=[("", "Choose a relationship"), *Relationship.choices],
        error_messages={"required": "Choose the complainant's relationship to the child"},
    )

    class Meta:
        model = Complainant
        fields = ["name", "address", "email", "phone", "preferred_contact", *EQUALITY_FIELDS]
        labels = {
            "name": "Full name",
            "address": "Postal address (optional)",
            "email": "Email address (optional)",
            "phone": "Phone number (optional)",
            "preferred_contact": "Preferred way to contact them",
        }
        error_messages = {
            "name": {"required": "Enter the complainant's name"},
            "email": {
                "invalid": "Enter an email address in the correct format, like name@example.com"
            },
        }
        widgets = {"address": forms.Textarea}

    def __init__(self, *args: Any, complaint: Complaint, **kwargs: Any) -> None:
        self.complaint = complaint
        super().__init__(*args, instance=complaint.complainant, **kwargs)
        self.initial.setdefault("relationship", complaint.relationship)

    def saved_elsewhere(self) -> dict[str, Any]:
        return {"relationship": self.complaint.relationship}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            data.get("preferred_contact") == ContactMethod.EMAIL
            and not data.get("email")
            and "email" not in self.errors
        ):
            self.add_error("email", "Enter an email address, or choose another way to contact them")
        return data

    @transaction.atomic
    def save_for(self, complaint: Complaint, *, by: User) -> list[str]:
        changed = super().save_for(complaint, by=by)
        if "relationship" in changed:
            # The relationship belongs to this complaint, not to the person.
            Complaint.objects.filter(pk=complaint.pk).update(
                relationship=self.cleaned_data["relationship"]
            )
        return changed


class ChildForm(PersonForm):
    action = "edit_child"
    date_of_birth = DateInputField(
        what="the child was born", label="Date of birth (optional)", required=False
    )

    class Meta:
        model = Child
        fields = ["name", "date_of_birth", "record_number", "legal_status", *EQUALITY_FIELDS]
        labels = {
            "name": "Full name",
            "record_number": "Social care record number (optional)",
            "legal_status": "Legal status",
        }
        error_messages = {"name": {"required": "Enter the child's name"}}

    def clean_date_of_birth(self) -> Any:
        born = self.cleaned_data["date_of_birth"]
        if born is not None and born > clock.today():
            raise forms.ValidationError("The date the child was born must be in the past")
        return born
