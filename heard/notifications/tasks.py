"""Background tasks that send messages (Django Tasks, database backend, `manage.py db_worker`)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django_tasks import task

from heard.complaints.models import Complaint
from heard.notifications import messages


@task()
def send_new_complaint_messages(complaint_id: int, tracking_link: str) -> list[str]:
    """A new complaint from the public form: a receipt to the person (if they gave an email
    address) and a note to the complaints team. Returns the kinds sent."""
    complaint = Complaint.objects.select_related("complainant").get(pk=complaint_id)
    case_link = settings.HEARD_BASE_URL.rstrip("/") + reverse(
        "complaints:detail", args=[complaint.pk]
    )
    context = {
        "complaint": complaint,
        "tracking_link": tracking_link,
        "case_link": case_link,
        "organisation_name": settings.HEARD_ORGANISATION_NAME,
    }
    person = [complaint.complainant.email] if complaint.complainant.email else []
    to_send = [
        messages.write("receipt", person, context),
        messages.write("new_case", settings.HEARD_COMPLAINTS_TEAM_EMAILS, context),
    ]
    return [m.kind for m in to_send if messages.send(complaint, m)]
