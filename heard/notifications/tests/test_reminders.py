"""Reminders of deadlines to the assigned officer, the managers' digest of overdue complaints,
and the message to someone appointed to a stage: each sent once, by the worker."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from heard.accounts.tests.factories import UserFactory
from heard.complaints.choices import AppointmentRole
from heard.complaints.tests import factories as f
from heard.notifications import reminders
from heard.notifications.models import SentMessage
from heard.notifications.tasks import schedule_reminders, send_reminders

pytestmark = pytest.mark.django_db(transaction=True)

LONDON = ZoneInfo("Europe/London")
#: Wednesday 5 March 2025, 9 am: two working days ahead is Friday 7 March.
MORNING = datetime(2025, 3, 5, 9, 0, tzinfo=LONDON)
TODAY = MORNING.date()


def work() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO())


@pytest.fixture
def cases(db):
    """Stage 1 complaints whose acknowledgement (3 working days) falls due on various days."""
    ola = UserFactory(username="ola", email="ola@council.example", role="complaints_officer")
    sam = UserFactory(username="sam", email="sam@council.example", role="complaints_officer")
    UserFactory(username="mia", email="mia@council.example", role="complaints_manager")
    UserFactory(
        username="old", email="old@council.example", role="complaints_manager", is_active=False
    )

    def case(received: date, officer=None):
        return f.Stage1OpenFactory(received_on=received, assigned_officer=officer)

    return {
        "due Friday": case(date(2025, 3, 4), ola),
        "due Thursday": case(date(2025, 3, 3), sam),
        "due today": case(date(2025, 2, 28), ola),
        "missed Monday": case(date(2025, 2, 26), sam),
        "missed, nobody assigned": case(date(2025, 2, 25)),
        "due next Monday": case(date(2025, 3, 5), ola),
    }


def test_each_officer_is_reminded_of_deadlines_within_two_working_days_and_of_missed_ones(
    cases,
):
    for case in cases.values():
        case.refresh_from_db()
    assert cases["due Friday"].next_due_on == date(2025, 3, 7)
    assert cases["missed Monday"].next_due_on == date(2025, 3, 3)
    with time_machine.travel(MORNING, tick=False):
        sent = reminders.send_due(TODAY)
    by_subject = {m.subject: m.to for m in mail.outbox}
    ref = {name: c.reference for name, c in cases.items()}
    assert by_subject == {
        f"Deadline missed: {ref['missed Monday']}": ["sam@council.example"],
        f"Deadline on Wednesday 5 March: {ref['due today']}": ["ola@council.example"],
        f"Deadline on Thursday 6 March: {ref['due Thursday']}": ["sam@council.example"],
        f"Deadline on Friday 7 March: {ref['due Friday']}": ["ola@council.example"],
        "Overdue complaints on 5 March 2025: 2": ["mia@council.example"],
    }
    assert len(sent) == 5
    digest = mail.outbox[-1].body
    assert f"{ref['missed Monday']}, Stage 1: due 3 March 2025, assigned to" in digest
    assert f"{ref['missed, nobody assigned']}, Stage 1: due 28 February 2025" in digest
    assert "/complaints/?overdue=on" in digest
    # Logged on each case's timeline, and never sent twice.
    assert (
        cases["due Friday"].events.filter(action="send_message", details__kind="reminder").exists()
    )
    with time_machine.travel(MORNING + timedelta(hours=1), tick=False):
        assert reminders.send_due(TODAY) == []
    assert len(mail.outbox) == 5


def test_an_acknowledged_complaint_waits_for_its_reply_deadline_and_a_closed_one_is_left(
    cases,
):
    with time_machine.travel(MORNING, tick=False):
        reminders.send_due(TODAY)
        mail.outbox.clear()
        cases["missed Monday"].active_stage.acknowledge(by=None, on=TODAY)  # next: the reply
        friday = cases["due Friday"]
        friday.active_stage.acknowledge(by=None, on=TODAY)
        friday.active_stage.withdraw(by=None, on=TODAY)
        reminders.send_due(TODAY)
    # The acknowledged complaint's next deadline (the reply) is weeks away; the withdrawn one
    # is closed. The digest was sent today already.
    assert mail.outbox == []


@override_settings(HEARD_OVERDUE_DIGEST_EMAILS=["head@council.example"])
def test_the_digest_goes_to_the_addresses_set(cases):
    with time_machine.travel(MORNING, tick=False):
        reminders.send_due(TODAY)
    assert mail.outbox[-1].to == ["head@council.example"]


def test_the_worker_sends_them_from_the_reminder_hour_and_queues_its_next_round(cases):
    DBTaskResult.objects.all().delete()  # the round that setting up the database queued
    with time_machine.travel(MORNING.replace(hour=6), tick=True):
        send_reminders.enqueue()
        work()
    assert mail.outbox == []  # before 7 am nothing is sent
    waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    assert [t.task_path for t in waiting] == ["heard.notifications.tasks.send_reminders"]
    assert waiting.get().run_after > datetime(2025, 3, 5, 6, 59, tzinfo=LONDON)
    with time_machine.travel(MORNING.replace(hour=7, minute=1), tick=True):
        work()  # the next round is due
    assert len(mail.outbox) == 5
    assert SentMessage.objects.count() == 5
    assert not schedule_reminders()  # one round waits already: no second one


def test_migrating_starts_the_round_of_reminders():
    DBTaskResult.objects.all().delete()
    call_command("migrate", verbosity=0)
    assert (
        DBTaskResult.objects.filter(
            task_path="heard.notifications.tasks.send_reminders", status=TaskResultStatus.READY
        ).count()
        == 1
    )


def test_an_investigating_officer_and_an_independent_person_are_told_they_were_appointed():
    complaint = f.Stage2OpenFactory(received_on=date(2025, 1, 6))
    stage = complaint.active_stage
    people = {
        role: f.PractitionerFactory(email=f"{role}@example.org")
        for role in (
            AppointmentRole.INVESTIGATING_OFFICER,
            AppointmentRole.INDEPENDENT_PERSON,
            AppointmentRole.ADJUDICATING_OFFICER,
        )
    }
    for role, person in people.items():
        stage.appoint(by=None, role=role, practitioner=person, on=stage.started_on)
    work()
    told = {tuple(m.to): m for m in mail.outbox}
    assert set(told) == {
        ("investigating_officer@example.org",),
        ("independent_person@example.org",),
    }
    message = told[("investigating_officer@example.org",)]
    assert message.subject == f"You have been appointed to {complaint.reference}"
    assert "as the investigating officer" in message.body
    assert f"/complaints/{complaint.reference}/" in message.body
    assert complaint.summary not in message.body
    work()
    assert len(mail.outbox) == 2
