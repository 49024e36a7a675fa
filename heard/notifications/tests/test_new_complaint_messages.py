"""Messages about a complaint sent through the public form: a receipt to the person and a note
to the complaints team, sent by the background worker, once each, and logged on the case."""

from __future__ import annotations

import io
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from heard.complaints.models import Complaint, ComplaintEvent
from heard.notifications.tasks import send_new_complaint_messages
from heard.public.tests.test_complaint_form import PARENT, answer

# The worker runs each task in its own transaction and closes its connection afterwards, as
# in production: the test's data must be committed, not held in a test transaction.
pytestmark = pytest.mark.django_db(transaction=True)


def work() -> None:
    """What `manage.py db_worker` does in the background, until the queue is empty."""
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO())


def send_form(client, pages=PARENT) -> Complaint:
    answer(client, pages)
    client.post(reverse("public:check"))
    return Complaint.objects.get()


@override_settings(HEARD_COMPLAINTS_TEAM_EMAILS=["team@council.example"])
def test_the_worker_sends_a_receipt_and_tells_the_team(client, manager):
    complaint = send_form(client)
    assert mail.outbox == []  # nothing is sent from the request itself
    work()
    receipt, team = mail.outbox
    assert receipt.to == ["alex@example.com"]
    assert receipt.subject == f"We have received your complaint: {complaint.reference}"
    # Built from HEARD_BASE_URL, whatever Host header the form was sent with (issue 30).
    assert f"http://127.0.0.1:8000/complain/track/{complaint.tracking_token}/" in receipt.body
    assert team.to == ["team@council.example"]
    assert complaint.reference in team.subject
    link = next(line for line in team.body.splitlines() if "/complaints/" in line)
    assert link == f"http://127.0.0.1:8000/complaints/{complaint.reference}/"
    client.force_login(manager)
    assert client.get(link.removeprefix("http://127.0.0.1:8000")).status_code == 200
    # The team's note holds no details of the complaint: they stay in Heard.
    assert "Sam Smith" not in team.body
    assert "review" not in team.body
    logged = ComplaintEvent.objects.filter(complaint=complaint, action="send_message")
    assert sorted(e.details["kind"] for e in logged) == ["new_case", "receipt"]


def test_each_message_is_sent_once_even_if_the_task_runs_again(client):
    complaint = send_form(client)
    work()
    assert send_new_complaint_messages.call(complaint.pk, "https://x.example/t/") == []
    assert len(mail.outbox) == 2


def test_no_receipt_without_an_email_address(client):
    pages = [
        (slug, data)
        if slug != "contact"
        else ("contact", {"name": "Alex", "phone": "07700 900123", "preferred_contact": "phone"})
        for slug, data in PARENT
    ]
    send_form(client, pages)
    work()
    assert [m.subject.split(":")[0] for m in mail.outbox] == ["New complaint from the web form"]


@override_settings(
    HEARD_NOTIFY_API_KEY="test-"
    + "11111111-1111-1111-1111-111111111111-"
    + "2" * 8
    + "-2222-2222-2222-222222222222",
    HEARD_NOTIFY_TEMPLATE_ID="33333333-3333-3333-3333-333333333333",
    EMAIL_BACKEND="heard.notifications.notify.NotifyEmailBackend",
)
def test_gov_uk_notify_sends_each_message_through_one_template():
    from django.core.mail import EmailMessage

    with mock.patch(
        "notifications_python_client.notifications.NotificationsAPIClient.send_email_notification"
    ) as send:
        sent = EmailMessage(
            "Subject line", "Body text\n", "from@x.example", ["a@x.example", "b@x.example"]
        ).send()
    assert sent == 1
    assert [c.kwargs for c in send.call_args_list] == [
        {
            "email_address": address,
            "template_id": "33333333-3333-3333-3333-333333333333",
            "personalisation": {"subject": "Subject line", "body": "Body text\n"},
        }
        for address in ("a@x.example", "b@x.example")
    ]
