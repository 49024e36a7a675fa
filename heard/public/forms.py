"""The questions on the public complaint form, one form a page, with GOV.UK error wording."""

from __future__ import annotations

from typing import Any

from django import forms

from heard.complaints.choices import ContactMethod, Procedure, Relationship
from heard.core.equality import AgeBand, Disability, Ethnicity, Gender
from heard.core.forms import DateInputField, GovukForm

#: Who may complain about a child, as the public would put it (the statutory qualifying
#: persons, and "someone else", whose interest the council decides on).
RELATIONSHIPS = [
    (Relationship.CHILD, "I am the child or young person"),
    (Relationship.PARENT, "Parent"),
    (Relationship.PARENTAL_RESPONSIBILITY, "Someone else with parental responsibility"),
    (Relationship.FOSTER_CARER, "Foster carer"),
    (Relationship.SPECIAL_GUARDIAN, "Special guardian"),
    (Relationship.CARE_LEAVER, "I am a care leaver"),
    (Relationship.ADOPTER, "Adoptive parent, or someone wanting to adopt"),
    (Relationship.ADOPTED_PERSON, "I was adopted"),
    (Relationship.BIRTH_PARENT, "Birth parent of an adopted child"),
    (Relationship.SUFFICIENT_INTEREST, "Someone else who cares about the child"),
]

SERVICES = [
    (
        Procedure.CHILDREN,
        "Children's social care",
        "For example social workers, fostering, care or leaving care",
    ),
    (
        Procedure.ADULTS,
        "Adult social care",
        "For example care at home, a care home or a care assessment",
    ),
    (
        Procedure.CORPORATE,
        "Another council service",
        "For example bins, roads, housing or council tax",
    ),
]


class RadiosForm(GovukForm):
    """A page with one question answered by choosing one option."""


class ServiceForm(RadiosForm):
    procedure = forms.ChoiceField(
        label="What is your complaint about?",
        choices=[(value, label) for value, label, _ in SERVICES],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what your complaint is about",
            "invalid_choice": "Select what your complaint is about",
        },
    )
    hints = {value: hint for value, _, hint in SERVICES}


class WhoForm(RadiosForm):
    relationship = forms.ChoiceField(
        label="Who are you?",
        choices=RELATIONSHIPS,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select who you are",
            "invalid_choice": "Select who you are",
        },
    )
    hints: dict[str, str] = {}


class ChildForm(GovukForm):
    child_name = forms.CharField(
        label="Child or young person's full name",
        max_length=200,
        error_messages={"required": "Enter the child or young person's full name"},
    )
    child_date_of_birth = DateInputField(
        what="the child or young person was born",
        label="Date of birth (optional)",
        required=False,
        help_text="For example, 27 3 2012",
    )
    other_children = forms.CharField(
        label="Is the complaint also about other children? (optional)",
        help_text="For example, brothers or sisters. Write each child's full name on a new line.",
        required=False,
        widget=forms.Textarea,
        max_length=2000,
    )


def other_children(text: str) -> list[str]:
    """The names given one per line for the other children a complaint is about."""
    return [line.strip()[:200] for line in text.splitlines() if line.strip()]


class WhatHappenedForm(GovukForm):
    what_happened = forms.CharField(
        label="What happened?",
        widget=forms.Textarea,
        max_length=10000,
        help_text=(
            "Tell us what went wrong, when it happened and who was involved, if you know. "
            "Do not include bank details or passwords."
        ),
        error_messages={"required": "Enter what happened"},
    )


class WantedForm(GovukForm):
    wanted = forms.CharField(
        label="What would you like to happen?",
        widget=forms.Textarea,
        max_length=5000,
        help_text="For example, an apology, a decision looked at again, or a change to a service",
        error_messages={"required": "Enter what you would like to happen"},
    )


class ContactDetailsForm(GovukForm):
    """Ways to reach someone, and the one they would like: it must come with its detail."""

    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        max_length=254,
        help_text="We will send a confirmation and a link to follow your complaint",
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )
    phone = forms.CharField(label="Phone number (optional)", required=False, max_length=40)
    address = forms.CharField(
        label="Postal address (optional)", required=False, widget=forms.Textarea, max_length=1000
    )
    preferred_contact = forms.ChoiceField(
        label="How should we contact you?",
        choices=[("", "Choose one"), *ContactMethod.choices],
        error_messages={"required": "Select how we should contact you"},
    )

    #: The detail each way of contact needs, and the error when it is missing.
    needs = {
        ContactMethod.EMAIL: ("email", "Enter your email address, or choose another way"),
        ContactMethod.PHONE: ("phone", "Enter your phone number, or choose another way"),
        ContactMethod.TEXT: ("phone", "Enter your mobile number, or choose another way"),
        ContactMethod.LETTER: ("address", "Enter your postal address, or choose another way"),
    }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        wanted = data.get("preferred_contact")
        if wanted in self.needs:
            name, message = self.needs[wanted]
            if not data.get(name) and name not in self.errors:
                self.add_error(name, message)
        return data


class ContactForm(ContactDetailsForm):
    name = forms.CharField(
        label="Full name", max_length=200, error_messages={"required": "Enter your full name"}
    )
    field_order = ["name", "email", "phone", "address", "preferred_contact"]


class AdvocateForm(RadiosForm):
    advocate = forms.ChoiceField(
        label="Would you like an advocate?",
        choices=[("yes", "Yes"), ("no", "No"), ("not_sure", "I'm not sure yet")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select yes if you would like an advocate",
            "invalid_choice": "Select yes if you would like an advocate",
        },
    )
    hints: dict[str, str] = {}


class EqualityForm(GovukForm):
    """Optional equality questions (DOMAIN.md section 4): every one may be left blank."""

    ethnicity = forms.ChoiceField(
        label="What is your ethnic group? (optional)",
        required=False,
        choices=[
            ("", "Not answered"),
            *[c for c in Ethnicity.choices if c[0] != Ethnicity.NOT_KNOWN],
        ],
    )
    gender = forms.ChoiceField(
        label="What is your gender? (optional)",
        required=False,
        choices=[("", "Not answered"), *[c for c in Gender.choices if c[0] != Gender.NOT_KNOWN]],
    )
    age_band = forms.ChoiceField(
        label="How old are you? (optional)",
        required=False,
        choices=[("", "Not answered"), *[c for c in AgeBand.choices if c[0] != AgeBand.NOT_KNOWN]],
    )
    disability = forms.ChoiceField(
        label="Do you consider yourself to have a disability? (optional)",
        required=False,
        choices=[
            ("", "Not answered"),
            *[c for c in Disability.choices if c[0] != Disability.NOT_KNOWN],
        ],
    )
