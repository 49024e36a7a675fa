"""Deadlines are derived from recorded dates and the calendar, in Python and in SQL alike."""

from __future__ import annotations

import io
import random
from datetime import date, timedelta

import pytest
from django.core.management import call_command

from heard.complaints.choices import Finding
from heard.complaints.models import Complaint, Stage
from heard.complaints.tests import factories as f
from heard.workdays import add_working_days
from heard.workdays.models import ClosureDay

pytestmark = pytest.mark.django_db


def test_stage_1_deadlines_count_working_days_from_receipt_as_day_0():
    stage = f.Stage1OpenFactory(received_on=date(2022, 5, 25)).active_stage
    assert stage.acknowledgement_due == date(2022, 5, 30)
    assert stage.standard_response_due == date(2022, 6, 10)  # over the jubilee holidays
    assert stage.maximum_response_due == date(2022, 6, 24)
    assert stage.next_due == date(2022, 5, 30)


@pytest.mark.parametrize(("days", "due"), [(2, date(2022, 5, 27)), (5, date(2022, 6, 1))])
def test_the_acknowledgement_period_is_a_setting(settings, days, due):
    settings.HEARD_ACKNOWLEDGEMENT_WORKING_DAYS = days
    stage = f.Stage1OpenFactory(received_on=date(2022, 5, 25)).active_stage
    assert stage.acknowledgement_due == due
    assert Stage.objects.with_deadlines().get(pk=stage.pk).acknowledgement_due_on == due


def test_a_stage_is_not_overdue_on_its_deadline_day_and_is_overdue_the_day_after():
    complaint = f.Stage1AcknowledgedFactory()
    stage = complaint.active_stage
    due = stage.response_due
    assert due == date(2025, 3, 17)
    assert not stage.is_overdue(due)
    assert stage.is_overdue(due + timedelta(days=1))
    assert not Complaint.objects.overdue(due).exists()
    assert list(Complaint.objects.overdue(due + timedelta(days=1))) == [complaint]


def test_due_within_includes_today_and_the_last_working_day_of_the_window():
    complaint = f.Stage1AcknowledgedFactory()  # response due Monday 17 March 2025
    assert list(Complaint.objects.due_within(0, date(2025, 3, 17))) == [complaint]
    assert list(Complaint.objects.due_within(1, date(2025, 3, 14))) == [complaint]
    assert not Complaint.objects.due_within(1, date(2025, 3, 13)).exists()
    assert not Complaint.objects.due_within(5, date(2025, 3, 18)).exists()  # overdue instead


def test_an_unacknowledged_stage_is_overdue_once_the_acknowledgement_is_late():
    complaint = f.Stage1OpenFactory()  # acknowledgement due Thursday 6 March 2025
    assert not Complaint.objects.overdue(date(2025, 3, 6)).exists()
    assert list(Complaint.objects.overdue(date(2025, 3, 7))) == [complaint]


def test_pausing_for_advocacy_stops_the_clock_and_resuming_adds_the_paused_days():
    complaint = f.Stage1AcknowledgedFactory()
    complaint.record_advocacy(by=None, offered_on=complaint.received_on)
    stage = complaint.active_stage
    stage.pause_for_advocacy(by=None, on=date(2025, 3, 5))
    stage.refresh_from_db()
    assert stage.response_due is None
    assert not Complaint.objects.overdue(date(2025, 6, 1)).exists()
    stage.resume(by=None, on=date(2025, 3, 12))  # 5 working days paused
    stage.refresh_from_db()
    assert stage.paused_working_days == 5
    assert stage.response_due == date(2025, 3, 24)
    assert stage.maximum_response_due == date(2025, 4, 7)
    assert Stage.objects.with_deadlines().get(pk=stage.pk).derived_next_due_on == date(2025, 3, 24)


def test_an_agreed_extension_replaces_the_standard_deadline():
    stage = f.Stage1AcknowledgedFactory().active_stage
    stage.extend(by=None, new_due=date(2025, 3, 28), reason="Complex", agreed_on=date(2025, 3, 10))
    stage.refresh_from_db()
    assert stage.standard_response_due == date(2025, 3, 17)
    assert stage.response_due == date(2025, 3, 28)
    assert Stage.objects.with_deadlines().get(pk=stage.pk).derived_next_due_on == date(2025, 3, 28)


def test_the_stage_2_clock_starts_at_the_request_by_default():
    stage = f.Stage2OpenFactory().active_stage
    stage.acknowledge(by=None, on=stage.started_on)
    stage.refresh_from_db()
    assert stage.response_due == add_working_days(stage.started_on, 25)
    assert stage.maximum_response_due == add_working_days(stage.started_on, 65)


def test_the_stage_2_clock_can_start_when_the_statement_is_agreed(settings):
    settings.HEARD_STAGE2_CLOCK = "statement_agreed"
    stage = f.Stage2OpenFactory().active_stage
    stage.acknowledge(by=None, on=stage.started_on)
    stage.refresh_from_db()
    assert stage.response_due is None
    assert Stage.objects.with_deadlines().get(pk=stage.pk).derived_next_due_on is None
    agreed = add_working_days(stage.started_on, 7)
    stage.agree_statement(by=None, on=agreed)
    stage.refresh_from_db()
    assert stage.response_due == add_working_days(agreed, 25)
    assert Stage.objects.with_deadlines().get(pk=stage.pk).derived_next_due_on == add_working_days(
        agreed, 25
    )


def test_stage_3_has_three_deadlines_one_after_another():
    complaint = f.Stage3OpenFactory()
    stage = complaint.active_stage
    stage.acknowledge(by=None, on=stage.started_on)
    f.appoint_panel(stage, stage.started_on)
    stage.refresh_from_db()
    assert stage.next_due == add_working_days(stage.started_on, 30)
    held = add_working_days(stage.started_on, 25)
    stage.hold_panel(by=None, on=held)
    stage.refresh_from_db()
    assert stage.next_due == add_working_days(held, 5)
    reported = add_working_days(held, 5)
    stage.send_panel_report(by=None, on=reported)
    stage.refresh_from_db()
    assert stage.next_due == add_working_days(reported, 15)
    assert Stage.objects.with_deadlines().get(pk=stage.pk).derived_next_due_on == stage.next_due


def test_the_escalation_window_is_20_working_days_after_the_response():
    stage = f.Stage1RespondedFactory().active_stage
    assert stage.escalation_deadline == add_working_days(stage.ended_on, 20)


def test_a_new_closure_day_moves_an_open_cases_deadline_in_python_and_in_sql():
    complaint = f.Stage1AcknowledgedFactory(received_on=date(2025, 12, 15))
    stage = complaint.active_stage
    assert stage.response_due == date(2025, 12, 31)
    assert Complaint.objects.overdue(date(2026, 1, 2)).exists()
    ClosureDay.objects.create(day=date(2025, 12, 29), description="Christmas closure")
    stage.refresh_from_db()
    assert stage.response_due == date(2026, 1, 2)
    assert Stage.objects.with_deadlines().get(pk=stage.pk).derived_next_due_on == date(2026, 1, 2)
    complaint.refresh_from_db()
    assert complaint.next_due_on == date(2026, 1, 2)  # the stored deadline moved with it
    assert not Complaint.objects.overdue(date(2026, 1, 2)).exists()
    ClosureDay.objects.get().delete()
    complaint.refresh_from_db()
    assert complaint.next_due_on == date(2025, 12, 31)


def test_after_a_deadline_setting_changes_refresh_deadlines_re_derives_the_stored_ones(settings):
    complaint = f.Stage1OpenFactory(received_on=date(2022, 5, 25))
    complaint.refresh_from_db()
    assert complaint.next_due_on == date(2022, 5, 30)
    escalated = f.Stage2OpenFactory()
    settings.HEARD_ACKNOWLEDGEMENT_WORKING_DAYS = 5
    out = io.StringIO()
    call_command("refresh_deadlines", stdout=out)
    complaint.refresh_from_db()
    assert complaint.next_due_on == date(2022, 6, 1)
    assert "Re-derived the next deadline of 2 open complaints" in out.getvalue()
    escalated.refresh_from_db()
    assert escalated.next_due_on == escalated.active_stage.next_due


def test_sql_and_python_derive_the_same_next_deadline_for_every_kind_of_stage():
    rng = random.Random(7)
    for i in range(40):
        received = date(2024, 1, 2) + timedelta(days=rng.randrange(400))
        complaint = f.Stage1OpenFactory(received_on=received)
        stage = complaint.active_stage
        choice = i % 5
        if choice >= 1:
            stage.acknowledge(by=None, on=add_working_days(received, rng.randint(0, 4)))
        if choice == 2:
            stage.extend(
                by=None,
                new_due=add_working_days(received, rng.randint(11, 20)),
                reason="Complex",
                agreed_on=add_working_days(received, 5),
            )
        if choice == 3:
            complaint.record_advocacy(by=None, offered_on=received)
            stage.pause_for_advocacy(by=None, on=add_working_days(received, 2))
            if rng.random() < 0.7:
                stage.resume(by=None, on=add_working_days(received, rng.randint(3, 12)))
        if choice == 4:
            element = complaint.add_element(by=None, theme=f.ThemeFactory(), description="x")
            stage.record_finding(by=None, element=element, finding=Finding.NOT_UPHELD)
            stage.respond(by=None, on=add_working_days(received, 9))
            complaint.escalate(by=None, requested_on=add_working_days(received, 12))
    sql = dict(Stage.objects.with_deadlines().values_list("pk", "derived_next_due_on"))
    python = {s.pk: s.next_due for s in Stage.objects.all()}
    assert sum(due is not None for due in python.values()) >= 30
    assert sum(not s.is_open for s in Stage.objects.all()) >= 8  # ended stages owe nothing
    assert sql == python
    # And each complaint's stored deadline and stage status, written on every save, are its
    # current stage's.
    stored = {c.pk: (c.next_due_on, c.stage_status) for c in Complaint.objects.all()}
    current = {
        c.pk: (c.active_stage.next_due, c.active_stage.status) for c in Complaint.objects.all()
    }
    assert stored == current
