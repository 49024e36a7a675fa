"""The values each stage keeps for reports are derived, and follow every change they derive
from: the stage's dates, its findings, the calendar and the Stage 2 clock setting."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command

from heard.complaints.choices import Finding, Outcome, StageStatus
from heard.complaints.models import Complaint, ElementFinding, Stage
from heard.complaints.tests import factories as f
from heard.workdays import add_working_days, working_days_between
from heard.workdays.models import ClosureDay

pytestmark = pytest.mark.django_db


def stored(stage: Stage) -> tuple[int | None, int | None, str]:
    row = Stage.objects.values_list(
        "response_working_days", "acknowledgement_working_days", "rolled_up_outcome"
    ).get(pk=stage.pk)
    return row[0], row[1], row[2]


def test_a_stage_keeps_its_working_days_less_the_pause_and_its_outcome():
    complaint = f.Stage1OpenFactory(received_on=date(2025, 3, 3))
    stage = complaint.active_stage
    assert stored(stage) == (None, None, "")
    stage.acknowledge(by=None, on=date(2025, 3, 5))
    assert stored(stage) == (None, 2, "")
    complaint.record_advocacy(by=None, offered_on=complaint.received_on)
    stage.pause_for_advocacy(by=None, on=date(2025, 3, 6))
    stage.resume(by=None, on=date(2025, 3, 13))  # 5 working days paused
    f._with_finding(complaint, stage, Finding.UPHELD)
    responded = date(2025, 3, 24)
    stage.respond(by=None, on=responded)
    stage.refresh_from_db()
    assert stage.working_days_taken == working_days_between(date(2025, 3, 3), responded) - 5
    assert stored(stage) == (stage.working_days_taken, 2, Outcome.UPHELD)


def test_a_finding_keeps_its_points_theme():
    complaint = f.Stage1RespondedFactory()
    finding = ElementFinding.objects.get(stage__complaint=complaint)
    assert finding.theme_id == finding.element.theme_id


def kept(stage: Stage) -> tuple[str, int, date | None]:
    row = ElementFinding.objects.values_list("procedure", "stage_number", "responded_on").get(
        stage=stage
    )
    return row[0], row[1], row[2]


def test_a_finding_keeps_its_stage_and_the_date_of_the_response_it_was_given_in():
    complaint = f.Stage1OpenFactory(received_on=date(2025, 3, 3))
    stage = complaint.active_stage
    f._with_finding(complaint, stage, Finding.UPHELD)
    assert kept(stage) == ("children", 1, None)
    stage.respond(by=None, on=date(2025, 3, 14))
    assert kept(stage) == ("children", 1, date(2025, 3, 14))
    # A corrected response date follows; a stage no longer responded gives none.
    stage.ended_on = date(2025, 3, 13)
    stage.save()
    assert kept(stage) == ("children", 1, date(2025, 3, 13))
    stage.status = StageStatus.WITHDRAWN
    stage.save()
    assert kept(stage) == ("children", 1, None)


def test_a_closure_day_re_times_the_stages_across_it_and_leaves_earlier_ones_alone():
    across = f.Stage1RespondedFactory(received_on=date(2025, 12, 22)).stages.get()
    earlier = f.Stage1RespondedFactory(received_on=date(2025, 6, 2)).stages.get()
    assert stored(across)[0] == 8
    # A stage that ended before the changed day is not written again (marked to show it).
    Stage.objects.filter(pk=earlier.pk).update(response_working_days=-1)
    ClosureDay.objects.create(day=date(2025, 12, 29), description="Christmas closure")
    assert stored(across)[0] == 7
    assert stored(earlier)[0] == -1
    ClosureDay.objects.get().delete()
    assert stored(across)[0] == 8


def test_migrate_re_times_stage_2_by_the_clock_setting(settings):
    complaint = f.Stage2OpenFactory()
    stage = complaint.active_stage
    stage.acknowledge(by=None, on=stage.started_on)
    agreed = add_working_days(stage.started_on, 4)
    stage.agree_statement(by=None, on=agreed)
    f.appoint_stage2(stage, agreed)
    f._with_finding(complaint, stage, Finding.NOT_UPHELD)
    stage.respond(by=None, on=add_working_days(stage.started_on, 20))
    assert stored(stage)[0] == 20
    settings.HEARD_STAGE2_CLOCK = "statement_agreed"
    call_command("migrate", verbosity=0)
    assert stored(stage)[0] == 16


def test_refresh_deadlines_re_derives_every_stages_values():
    stage = f.Stage1RespondedFactory().stages.get()
    expected = stored(stage)
    finding = kept(stage)
    Stage.objects.update(
        response_working_days=None, acknowledgement_working_days=None, rolled_up_outcome=""
    )
    ElementFinding.objects.update(procedure="", stage_number=0, responded_on=None)
    call_command("refresh_deadlines", stdout=io.StringIO())
    assert stored(stage) == expected == (8, 0, Outcome.NOT_UPHELD)
    assert kept(stage) == finding == ("children", 1, stage.ended_on)


def test_a_new_stage_and_its_complaint_store_what_the_database_would_derive():
    """Stage 1 of a new complaint is saved without asking the database for its values."""
    complaint = f.Stage1OpenFactory(received_on=date(2025, 3, 5))
    stage = complaint.active_stage
    kept = (
        stored(stage),
        Complaint.objects.values_list("stage_status", "next_due_on").get(pk=complaint.pk),
    )
    Stage.objects.filter(pk=stage.pk).refresh_report_values()
    Complaint.store_current_deadline(complaint.pk)
    assert kept == (
        stored(stage),
        Complaint.objects.values_list("stage_status", "next_due_on").get(pk=complaint.pk),
    )
    assert kept[1] == (StageStatus.IN_PROGRESS, date(2025, 3, 10))  # acknowledgement due
