"""The public complaint form: its pages, and sending it (a new complaint at Stage 1)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction

from heard.complaints.choices import Channel, Procedure, Relationship
from heard.complaints.models import Child, Complainant, Complaint
from heard.core import clock
from heard.core.models import Team
from heard.public import tracking
from heard.public.forms import (
    AdvocateForm,
    ChildForm,
    ContactForm,
    EqualityForm,
    ServiceForm,
    WantedForm,
    WhatHappenedForm,
    WhoForm,
)
from heard.public.journey import Answers, Journey, Page

#: How long a summary is, as the case list shows it.
SUMMARY_LENGTH = 120


def about_a_child(answers: Answers) -> bool:
    return answers.get("service", "procedure") == Procedure.CHILDREN


def for_someone_else(answers: Answers) -> bool:
    return about_a_child(answers) and answers.get("who", "relationship") != Relationship.CHILD


COMPLAINT = Journey(
    key="public-complaint",
    pages=[
        Page("service", ServiceForm, "What is your complaint about?", short="About"),
        Page("who", WhoForm, "Who are you?", applies=about_a_child, short="Who you are"),
        Page(
            "child",
            ChildForm,
            "Who is the complaint about?",
            applies=for_someone_else,
            short="The child or young person",
        ),
        Page("what-happened", WhatHappenedForm, "What happened?", short="What happened"),
        Page("wanted", WantedForm, "What would you like to happen?", short="What you would like"),
        Page("contact", ContactForm, "Your contact details", short="Your contact details"),
        Page(
            "advocate",
            AdvocateForm,
            "Would you like an advocate?",
            applies=about_a_child,
            short="Advocate",
        ),
        Page(
            "equality",
            EqualityForm,
            "Equality questions (optional)",
            short="Equality questions",
        ),
    ],
)


def summary_of(text: str) -> str:
    """The first words of what happened, as a one-line summary for the case list."""
    line = " ".join(text.split())
    if len(line) <= SUMMARY_LENGTH:
        return line
    return line[: SUMMARY_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def send_complaint(answers: Answers) -> Complaint:
    """Log the complaint the person has checked: Stage 1 starts today, the day it arrives,
    with its deadlines from the calendar. All of it is saved, or none of it."""
    data = answers.cleaned()  # before the transaction: it needs nothing from the database
    with transaction.atomic():
        return _create(data)


def _create(data: dict[str, Any]) -> Complaint:
    procedure = data["procedure"]
    relationship = data.get("relationship") if procedure == Procedure.CHILDREN else None
    complainant = Complainant.objects.create(
        name=data["name"],
        email=data["email"],
        phone=data["phone"],
        address=data["address"],
        preferred_contact=data["preferred_contact"],
        ethnicity=data["ethnicity"],
        gender=data["gender"],
        age_band=data["age_band"],
        disability=data["disability"],
    )
    children = []
    if relationship == Relationship.CHILD:
        children.append(Child.objects.create(name=data["name"]))
    elif relationship:
        children.append(
            Child.objects.create(
                name=data["child_name"], date_of_birth=data.get("child_date_of_birth")
            )
        )
    team, _ = Team.objects.get_or_create(name=settings.HEARD_PUBLIC_FORM_TEAM)
    today = clock.today()
    description = (
        f"What happened:\n{data['what_happened']}\n\n"
        f"What they would like to happen:\n{data['wanted']}"
    )
    extra: dict[str, Any] = {}
    if procedure == Procedure.CHILDREN:
        extra["advocacy_offered_on"] = today  # the form explains advocacy and offers it
        extra["advocacy_taken_up"] = {"yes": True, "no": False}.get(data["advocate"])
    return Complaint.receive(
        by=None,
        tracking_token=tracking.new_token(),
        received_on=today,
        complainant=complainant,
        relationship=relationship or Relationship.SELF,
        team=team,
        summary=summary_of(data["what_happened"]),
        channel=Channel.WEB_FORM,
        children=children,
        description=description,
        procedure=procedure,
        **extra,
    )
