"""Emails about a case: written from a template, sent through Django's email backend (console,
SMTP or GOV.UK Notify, by settings), and each one logged on the case's timeline."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from heard.complaints.models import Complaint, ComplaintEvent

#: The event that logs a message on a complaint's timeline.
SENT = "send_message"


@dataclass(frozen=True)
class Message:
    #: What the message is for, such as "receipt" or "new_case": one of each per case.
    kind: str
    to: list[str]
    subject: str
    body: str


def write(kind: str, to: list[str], context: dict[str, Any]) -> Message:
    """The message `kind` from its template (notifications/<kind>.txt): the first line is
    the subject, the rest the body."""
    text = render_to_string(f"notifications/{kind}.txt", context).strip()
    subject, _, body = text.partition("\n")
    return Message(kind, to, subject.strip(), body.strip() + "\n")


def already_sent(complaint: Complaint, kind: str) -> bool:
    return ComplaintEvent.objects.filter(
        complaint=complaint, action=SENT, details__kind=kind
    ).exists()


def send(complaint: Complaint, message: Message) -> bool:
    """Send `message` about `complaint` unless one of its kind was sent already (a worker that
    restarts runs its task again), and log it on the case. Returns whether it was sent."""
    if not message.to or already_sent(complaint, message.kind):
        return False
    EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=message.to,
    ).send()
    ComplaintEvent.objects.create(
        complaint=complaint,
        action=SENT,
        details={"kind": message.kind, "to": message.to, "subject": message.subject},
    )
    return True
