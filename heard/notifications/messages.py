"""Emails about a case: written from a template, sent through Django's email backend (console,
SMTP or GOV.UK Notify, by settings), each one recorded in the ledger (SentMessage) and, when it
is about a case, logged on the case's timeline."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from heard.complaints.models import Complaint, ComplaintEvent
from heard.core import links
from heard.notifications.models import SentMessage

#: The event that logs a message on a complaint's timeline.
SENT = "send_message"


@dataclass(frozen=True)
class Message:
    #: What the message is for, such as "receipt" or "reminder".
    kind: str
    #: Which one of its kind: the same kind and key is never sent twice.
    key: str
    to: list[str]
    subject: str
    body: str


def write(kind: str, key: str, to: list[str], context: dict[str, Any]) -> Message:
    """The message `kind` from its template (notifications/<kind>.txt): the first line is
    the subject, the rest the body."""
    text = render_to_string(f"notifications/{kind}.txt", context).strip()
    subject, _, body = text.partition("\n")
    return Message(kind, key, to, subject.strip(), body.strip() + "\n")


def case_link(complaint: Complaint) -> str:
    return links.absolute_url("complaints:detail", complaint.reference)


def send(message: Message, complaint: Complaint | None = None) -> bool:
    """Send `message` unless one of its kind and key was sent already, and record it. Returns
    whether it was sent.

    The ledger row, the email and the timeline entry happen in one transaction: if the worker
    is killed before it commits, nothing is recorded and a later run sends the message; once
    it commits, no run sends it again. Only a failure between the mail server taking the
    message and the commit (milliseconds) could send it twice."""
    if not message.to:
        return False
    with transaction.atomic():
        try:
            with transaction.atomic():
                SentMessage.objects.create(
                    kind=message.kind,
                    key=message.key,
                    to=message.to,
                    subject=message.subject,
                    complaint=complaint,
                )
        except IntegrityError:
            return False  # sent already, or being sent by another worker that committed first
        EmailMessage(
            subject=message.subject,
            body=message.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=message.to,
        ).send()
        if complaint is not None:
            ComplaintEvent.objects.create(
                complaint=complaint,
                action=SENT,
                details={"kind": message.kind, "to": message.to, "subject": message.subject},
            )
    return True
