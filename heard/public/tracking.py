"""Following a complaint sent online: a long random link shows its status and next deadline,
and nothing else, until a set time after it closes."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings

from heard.complaints.choices import ComplaintStatus, StageStatus
from heard.complaints.models import Complaint
from heard.core import links


def new_token() -> str:
    """256 random bits, URL-safe: unguessable, and unrelated to the reference."""
    return secrets.token_urlsafe(32)


def link_expired(complaint: Complaint, today: date) -> bool:
    """A link works until `HEARD_TRACKING_DAYS_AFTER_CLOSE` days after the complaint closes."""
    if complaint.status != ComplaintStatus.CLOSED or complaint.closed_on is None:
        return False
    return today > complaint.closed_on + timedelta(days=settings.HEARD_TRACKING_DAYS_AFTER_CLOSE)


@dataclass(frozen=True)
class PublicStatus:
    """What the person is told: where their complaint is, and the next date they can expect."""

    status: str
    next_step: str = ""


def public_status(complaint: Complaint) -> PublicStatus:
    """From the complaint's stored stage status and next deadline, and whether its current
    stage is acknowledged."""
    stage = complaint.current_stage
    due = complaint.next_due_on
    when = f"{due.day} {due:%B %Y}" if due else ""
    if complaint.status == ComplaintStatus.CLOSED:
        return PublicStatus("Your complaint is closed.")
    if complaint.stage_status == StageStatus.PAUSED:
        return PublicStatus(
            f"Your complaint (stage {stage}) is on hold while an advocate is found for you.",
            "We will write to you when we start again.",
        )
    if complaint.stage_status in (StageStatus.RESPONDED, StageStatus.ESCALATED_UNANSWERED):
        return PublicStatus(
            f"We have replied to your complaint at stage {stage}.",
            "If you are not happy with our reply, you can ask us to look at it again.",
        )
    if complaint.stage_status in (
        StageStatus.IN_PROGRESS,
        StageStatus.PANEL_HELD,
        StageStatus.PANEL_REPORTED,
    ):
        acknowledged = complaint.active_stage.acknowledged_on is not None
        if not acknowledged:
            return PublicStatus(
                f"We have received your complaint (stage {stage}).",
                f"We will write to confirm we have it by {when}." if when else "",
            )
        return PublicStatus(
            f"We are looking into your complaint (stage {stage}).",
            f"We aim to reply by {when}." if when else "",
        )
    return PublicStatus("Your complaint is closed.")


def link(token: str) -> str:
    """The tracking page's full address, for the receipt emailed to the complainant: built
    from HEARD_BASE_URL, never from the request's Host header (heard.core.links)."""
    return links.absolute_url("public:track", token)
