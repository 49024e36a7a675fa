"""Reminders of deadlines, and the complaints manager's daily digest of what is overdue.

Each open complaint's next deadline is stored on it (`Complaint.next_due_on`, derived from the
stage's dates and the calendar). Its assigned officer is reminded once when the deadline is
`HEARD_REMINDER_WORKING_DAYS` working days away or nearer, and once when it has been missed.
Each reminder is keyed by the case, the stage and the deadline, so a deadline that moves (an
extension) is reminded again, and a run repeated for any reason sends nothing twice.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings

from heard.accounts.models import Role, User
from heard.complaints.choices import ComplaintStatus
from heard.complaints.models import Complaint
from heard.core import links
from heard.notifications import messages
from heard.notifications.models import SentMessage
from heard.workdays import add_working_days

REMINDER, OVERDUE, DIGEST = "reminder", "overdue", "digest"


def key(complaint: Complaint) -> str:
    return f"{complaint.reference}:{complaint.current_stage}:{complaint.next_due_on}"


def due(today: date) -> list[messages.Message | tuple[Complaint, messages.Message]]:
    """Every reminder due today and not yet sent, with its complaint; then the digest."""
    horizon = add_working_days(today, settings.HEARD_REMINDER_WORKING_DAYS)
    complaints = list(
        Complaint.objects.filter(
            status=ComplaintStatus.OPEN, next_due_on__isnull=False, next_due_on__lte=horizon
        )
        .select_related("assigned_officer")
        .order_by("next_due_on", "pk")
    )
    candidates = [(OVERDUE if c.next_due_on < today else REMINDER, c) for c in complaints]  # type: ignore[operator]
    sent = set(
        SentMessage.objects.filter(
            kind__in=[REMINDER, OVERDUE], key__in=[key(c) for _, c in candidates]
        ).values_list("kind", "key")
    )
    found: list[messages.Message | tuple[Complaint, messages.Message]] = []
    for kind, complaint in candidates:
        officer = complaint.assigned_officer
        if (kind, key(complaint)) in sent or officer is None or not officer.email:
            continue
        context = _context(complaint, today)
        found.append((complaint, messages.write(kind, key(complaint), [officer.email], context)))
    overdue = [c for kind, c in candidates if kind == OVERDUE]
    if overdue:
        context = {
            "today": today,
            "overdue": [_context(c, today) for c in overdue],
            "list_link": links.absolute_url("complaints:list") + "?overdue=on",
        }
        found.append(messages.write(DIGEST, today.isoformat(), digest_recipients(), context))
    return found


def _context(complaint: Complaint, today: date) -> dict[str, object]:
    officer = complaint.assigned_officer
    return {
        "complaint": complaint,
        "officer": officer.get_full_name() or officer.username if officer else "nobody",
        "due_on": complaint.next_due_on,
        "case_link": messages.case_link(complaint),
    }


def digest_recipients() -> list[str]:
    """HEARD_OVERDUE_DIGEST_EMAILS, or else every active complaints manager with an email."""
    if settings.HEARD_OVERDUE_DIGEST_EMAILS:
        return list(settings.HEARD_OVERDUE_DIGEST_EMAILS)
    managers = User.objects.filter(role=Role.COMPLAINTS_MANAGER, is_active=True)
    return sorted(email for email in managers.values_list("email", flat=True) if email)


def send_due(today: date) -> list[str]:
    """Send every reminder and digest due today that has not been sent; their keys."""
    sent = []
    for item in due(today):
        complaint, message = item if isinstance(item, tuple) else (None, item)
        if messages.send(message, complaint):
            sent.append(f"{message.kind} {message.key}")
    return sent
