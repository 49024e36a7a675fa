"""The public complaint form: its pages, and sending it (a new complaint at Stage 1)."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest

from heard.complaints.choices import Channel, Procedure, Relationship
from heard.complaints.models import Child, Complainant, Complaint, Document
from heard.core import clock
from heard.core.models import Team
from heard.notifications.tasks import send_new_complaint_messages
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
    other_children,
)
from heard.public.journey import Answers, Journey, Page
from heard.public.models import PendingUpload
from heard.public.online import OnlineForm
from heard.public.uploads import FilesForm

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
            intro=(
                "An advocate is someone who is on the child or young person's side. They help "
                "them say what they think and want, and they do not work for the social care "
                "team.",
                "Advocates are free. If you say yes, we will ask an advocacy service to get in "
                "touch.",
            ),
        ),
        Page(
            "equality",
            EqualityForm,
            "Equality questions (optional)",
            short="Equality questions",
            intro=(
                "These questions help us check that we treat everyone fairly. You do not have "
                "to answer them, and your answers do not change how we deal with your "
                "complaint.",
            ),
        ),
        Page(
            "files",
            FilesForm,
            "Add files (optional)",
            short="Files",
            intro=(
                "If you have letters, emails or photos that help explain your complaint, you "
                "can add them here. You do not have to.",
            ),
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
    if relationship:
        children += [
            Child.objects.create(name=name)
            for name in other_children(data.get("other_children", ""))
        ]
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
    complaint = Complaint.receive(
        by=None,
        tracking_token=tracking.new_token(),
        received_on=today,
        complainant=complainant,
        relationship=relationship or Relationship.SELF,
        team=team,
        summary=summary_of(data["what_happened"]),
        channel=Channel.WEB_FORM,
        awaiting_triage=True,
        children=children,
        description=description,
        procedure=procedure,
        **extra,
    )
    attach_uploads(complaint, data.get("uploads", []))
    return complaint


def attach_uploads(complaint: Complaint, uploads: list[PendingUpload]) -> None:
    """Move the files the person added onto the case, as Stage 1's documents. The pending
    copies go once the case is saved."""
    stage = complaint.active_stage
    for upload in uploads:
        with upload.file.open("rb") as content:
            Document.attach(
                complaint,
                by=None,
                stage=stage,
                title=upload.filename,
                filename=upload.filename,
                content=content,
                content_type=upload.content_type,
            )
        transaction.on_commit(upload.discard)


def queue_messages(request: HttpRequest, complaint: Complaint) -> None:
    """The receipt and the team's note go out from the worker once the complaint is saved."""
    link = tracking.link(complaint.tracking_token or "")
    transaction.on_commit(partial(send_new_complaint_messages.enqueue, complaint.pk, link))


COMPLAINT_FORM = OnlineForm(
    namespace="public",
    journey=COMPLAINT,
    send=send_complaint,
    what="complaint",
    start_template="public/start.html",
    next_template="public/next/complaint.html",
    after_send=queue_messages,
    check_title="Check your answers before sending your complaint",
    send_heading="Now send your complaint",
    declaration=(
        "By sending this complaint you confirm that, to the best of your knowledge, the "
        "details you are providing are correct.",
    ),
    send_button="Send complaint",
    sent_title="Complaint sent",
    tracked=True,
)
