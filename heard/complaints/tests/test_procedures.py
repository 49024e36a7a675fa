"""Adult social care and corporate complaints on the same model, and moving a complaint
between procedures (DOMAIN.md section 3)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from heard.accounts.models import Role
from heard.accounts.tests.factories import UserFactory
from heard.complaints import transitions
from heard.complaints.choices import AppointmentRole, Finding, Procedure, StageStatus
from heard.complaints.models import Complaint, Stage
from heard.complaints.tests import factories as f
from heard.core.errors import RuleViolation, TransitionNotAllowed
from heard.workdays import add_working_days
from heard.workdays.calendar import WorkingCalendar
from heard.workdays.models import CalendarDay
from heard.workdays.sar import add_calendar_months
from heard.workdays.sql import AddMonths

pytestmark = pytest.mark.django_db


def receive(procedure, received_on=date(2025, 3, 3)):
    return f.Stage1OpenFactory(procedure=procedure, received_on=received_on)


def sql_due(stage):
    return Stage.objects.with_deadlines().get(pk=stage.pk).derived_next_due_on


def respond(complaint, on):
    stage = complaint.active_stage
    element = complaint.elements.first() or complaint.add_element(
        by=None, theme=f.ThemeFactory(), description="The bin was not collected"
    )
    stage.record_finding(by=None, element=element, finding=Finding.UPHELD)
    stage.respond(by=None, on=on)
    complaint.refresh_from_db()


# --- adult social care ----------------------------------------------------------------------


def test_an_adult_complaint_is_acknowledged_in_3_working_days_and_answered_within_six_months():
    complaint = receive(Procedure.ADULTS, date(2025, 8, 29))
    assert complaint.reference.startswith("ASC-2025-")
    stage = complaint.active_stage
    # Friday 29 August 2025; Monday 1 September is day 1 (no bank holiday that week).
    assert stage.next_due == date(2025, 9, 3) == sql_due(stage)
    stage.acknowledge(by=None, on=date(2025, 9, 1))
    stage.refresh_from_db()
    # Six calendar months: 28 February 2026, as in SQL.
    assert stage.next_due == date(2026, 2, 28) == sql_due(stage)


def test_an_adult_response_date_is_agreed_and_can_be_agreed_again():
    complaint = receive(Procedure.ADULTS)
    stage = complaint.active_stage
    stage.acknowledge(by=None, on=date(2025, 3, 4))
    stage.extend(
        by=None, new_due=date(2025, 4, 15), reason="Agreed by phone", agreed_on=date(2025, 3, 4)
    )
    stage.refresh_from_db()
    assert stage.next_due == date(2025, 4, 15) == sql_due(stage)
    stage.extend(
        by=None,
        new_due=date(2025, 5, 1),
        reason="Records from a provider",
        agreed_on=date(2025, 4, 10),
    )
    stage.refresh_from_db()
    assert stage.response_due == date(2025, 5, 1)
    labels = [t.label for t in transitions.available(stage, date(2025, 4, 11))]
    assert "Agree the response date" in labels


def test_an_adult_complaint_has_one_local_stage_and_no_childrens_steps():
    complaint = receive(Procedure.ADULTS)
    respond(complaint, date(2025, 3, 20))
    with pytest.raises(
        TransitionNotAllowed, match="no further stage: the complainant may go to the Ombudsman"
    ):
        complaint.escalate(by=None, requested_on=date(2025, 3, 21))
    other = receive(Procedure.ADULTS)
    with pytest.raises(TransitionNotAllowed, match="not part of the adult social care"):
        other.active_stage.pause_for_advocacy(by=None, on=date(2025, 3, 4))


# --- corporate ------------------------------------------------------------------------------


def test_a_corporate_complaint_runs_two_stages_by_the_complaint_handling_code():
    complaint = receive(Procedure.CORPORATE)
    assert complaint.reference.startswith("COR-2025-")
    stage = complaint.active_stage
    assert stage.next_due == add_working_days(date(2025, 3, 3), 5) == sql_due(stage)
    stage.acknowledge(by=None, on=date(2025, 3, 5))
    stage.refresh_from_db()
    # 10 working days from the acknowledgement, not from receipt.
    assert stage.next_due == date(2025, 3, 19) == sql_due(stage)
    with pytest.raises(RuleViolation, match="beyond 20 working days after it was acknowledged"):
        stage.extend(
            by=None, new_due=date(2025, 4, 3), reason="Complex", agreed_on=date(2025, 3, 10)
        )
    stage.extend(by=None, new_due=date(2025, 4, 2), reason="Complex", agreed_on=date(2025, 3, 10))
    with pytest.raises(TransitionNotAllowed, match="only once"):
        stage.extend(by=None, new_due=date(2025, 4, 2), reason="Again", agreed_on=date(2025, 3, 11))
    responder = f.PractitionerFactory()
    stage.appoint(
        by=None,
        role=AppointmentRole.RESPONDING_MANAGER,
        practitioner=responder,
        on=date(2025, 3, 5),
    )
    respond(complaint, date(2025, 3, 28))

    stage2 = complaint.escalate(by=None, requested_on=date(2025, 4, 7))
    assert stage2.next_due == add_working_days(date(2025, 4, 7), 5) == sql_due(stage2)
    stage2.acknowledge(by=None, on=date(2025, 4, 8))
    stage2.refresh_from_db()
    assert stage2.next_due == add_working_days(date(2025, 4, 8), 20) == sql_due(stage2)
    with pytest.raises(RuleViolation, match="someone else must handle Stage 2"):
        stage2.appoint(
            by=None,
            role=AppointmentRole.RESPONDING_MANAGER,
            practitioner=responder,
            on=date(2025, 4, 8),
        )
    respond(complaint, date(2025, 4, 30))
    with pytest.raises(TransitionNotAllowed, match="no further stage"):
        complaint.escalate(by=None, requested_on=date(2025, 5, 1))


# --- moving between procedures --------------------------------------------------------------


def test_a_corporate_complaint_moved_to_childrens_keeps_its_history_and_gets_statutory_deadlines():
    complaint = receive(Procedure.CORPORATE)
    stage = complaint.active_stage
    stage.acknowledge(by=None, on=date(2025, 3, 5))
    stage.extend(by=None, new_due=date(2025, 4, 2), reason="Complex", agreed_on=date(2025, 3, 10))
    complaint.change_procedure(
        by=None,
        procedure=Procedure.CHILDREN,
        on=date(2025, 3, 11),
        reason="It is about a child in need: the statutory procedure applies",
    )
    assert complaint.procedure == Procedure.CHILDREN
    assert complaint.reference.startswith("COR-")  # links and letters keep working
    # The stage's copy of the procedure (which reports count by) moves with it.
    assert Stage.objects.get(complaint=complaint).procedure == Procedure.CHILDREN
    stage = complaint.active_stage
    # Statutory Stage 1: 10 working days from receipt; the corporate extension is dropped.
    assert stage.extended_to is None
    assert stage.next_due == add_working_days(date(2025, 3, 3), 10) == sql_due(stage)
    assert complaint.next_due_on == stage.next_due
    events = list(complaint.events.values_list("action", flat=True))
    assert events == ["receive", "acknowledge", "extend", "change_procedure"]
    moved = complaint.events.get(action="change_procedure")
    assert moved.details == {
        "from": "corporate",
        "to": "children",
        "extension_dropped": "2025-04-02",
    }
    assert moved.label == "Moved to another procedure"


def test_a_childrens_complaint_moved_to_corporate_says_what_no_longer_applies(client, officer):
    complaint = f.Stage1OpenFactory(relationship="parent")
    complaint.children.add(f.ChildFactory(name="Alex"))
    client.force_login(officer)
    response = client.post(
        reverse("complaints:procedure", args=[complaint.reference]),
        {
            "procedure": Procedure.CORPORATE,
            "decided_on_0": str(complaint.received_on.day),
            "decided_on_1": str(complaint.received_on.month),
            "decided_on_2": str(complaint.received_on.year),
            "reason": "It is about the council's parking, not a child's care",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Moved to the Corporate" in page
    assert (
        "No longer applies: the complainant&#x27;s relationship to the child; the children it"
        in page
    )
    complaint.refresh_from_db()
    assert complaint.relationship == "self"
    assert complaint.children.get().name == "Alex"  # kept, should it move back
    moved = complaint.events.get(action="change_procedure")
    assert moved.details["relationship_was"] == "parent"


def test_a_complaint_of_the_complainants_own_moved_to_childrens_asks_for_the_relationship():
    complaint = receive(Procedure.CORPORATE)
    complaint.relationship = "self"
    complaint.save()
    complaint.change_procedure(
        by=None, procedure=Procedure.CHILDREN, on=complaint.received_on, reason="About a child"
    )
    moved = complaint.events.get(action="change_procedure")
    assert moved.details["now_needed"] == ["the complainant's relationship to the child"]


def test_a_complaint_is_moved_only_while_open_at_stage_1_with_a_reason():
    complaint = receive(Procedure.CORPORATE)
    with pytest.raises(RuleViolation, match="Give the reason"):
        complaint.change_procedure(
            by=None, procedure=Procedure.CHILDREN, on=date(2025, 3, 4), reason=" "
        )
    with pytest.raises(RuleViolation, match="already under"):
        complaint.change_procedure(
            by=None, procedure=Procedure.CORPORATE, on=date(2025, 3, 4), reason="x"
        )
    with pytest.raises(RuleViolation, match="on or after the date the complaint was received"):
        complaint.change_procedure(
            by=None, procedure=Procedure.CHILDREN, on=date(2025, 3, 1), reason="x"
        )
    respond(complaint, date(2025, 3, 20))
    complaint.escalate(by=None, requested_on=date(2025, 3, 24))
    with pytest.raises(TransitionNotAllowed, match="only while it is open at Stage 1"):
        complaint.change_procedure(
            by=None, procedure=Procedure.CHILDREN, on=date(2025, 3, 25), reason="x"
        )
    assert Complaint.objects.get(pk=complaint.pk).procedure == Procedure.CORPORATE


def test_the_move_screen_records_the_move_and_shows_specific_errors(client):
    complaint = receive(Procedure.CORPORATE)
    client.force_login(UserFactory(role=Role.COMPLAINTS_OFFICER))
    detail = reverse("complaints:detail", args=[complaint.reference])
    assert "Move to another procedure" in client.get(detail).content.decode()
    url = reverse("complaints:procedure", args=[complaint.reference])
    page = client.post(
        url,
        {
            "procedure": Procedure.CHILDREN,
            "decided_on_0": "1",
            "decided_on_1": "3",
            "decided_on_2": "2025",
            "reason": "Statutory",
        },
    ).content.decode()
    assert "The decision date must be on or after the date the complaint was received" in page
    response = client.post(
        url,
        {
            "procedure": Procedure.CHILDREN,
            "decided_on_0": "4",
            "decided_on_1": "3",
            "decided_on_2": "2025",
            "reason": "Statutory",
        },
    )
    assert response.url == detail
    complaint.refresh_from_db()
    assert complaint.procedure == Procedure.CHILDREN
    client.force_login(UserFactory(role=Role.RESPONDING_MANAGER, team=complaint.team))
    assert client.get(url).status_code == 403


def test_the_list_filters_by_procedure(client):
    adult = receive(Procedure.ADULTS)
    receive(Procedure.CHILDREN)
    client.force_login(UserFactory(role=Role.COMPLAINTS_OFFICER))
    response = client.get(reverse("complaints:list"), {"procedure": Procedure.ADULTS})
    assert '<select class="govuk-select" id="id_procedure"' in response.content.decode()
    rows = response.context["rows"]
    assert [c.reference for c, _ in rows] == [adult.reference]


# --- SQL and Python agree -------------------------------------------------------------------


def test_add_months_in_sql_matches_python_on_every_day_of_four_years():
    rows = CalendarDay.objects.filter(day__range=(date(2024, 1, 1), date(2027, 12, 31)))
    for months in (1, 3, 6):
        # Captured, so the query is also formatted for the log as it is with DEBUG on.
        with CaptureQueriesContext(connection) as queries:
            derived = dict(
                rows.annotate(later=AddMonths("day", months)).values_list("day", "later")
            )
        assert "%d" in queries[0]["sql"] or "interval" in queries[0]["sql"]
        assert len(derived) == 1461
        wrong = {d: v for d, v in derived.items() if v != add_calendar_months(d, months)}
        assert not wrong, (months, list(wrong.items())[:5])


@pytest.mark.parametrize("procedure", [Procedure.ADULTS, Procedure.CORPORATE])
def test_python_and_sql_deadlines_agree_for_every_receipt_day_of_a_month(procedure):
    calendar = WorkingCalendar.for_england_and_wales()
    day = date(2025, 12, 1)
    stages = []
    while day.month == 12:
        complaint = receive(procedure, day)
        stage = complaint.active_stage
        if day.day % 2:
            stage.acknowledge(by=None, on=calendar.add_working_days(day, 1))
        stages.append(stage.pk)
        day = date(2025, 12, day.day + 1) if day.day < 31 else date(2026, 1, 1)
    derived = dict(
        Stage.objects.with_deadlines()
        .filter(pk__in=stages)
        .values_list("pk", "derived_next_due_on")
    )
    for stage in Stage.objects.filter(pk__in=stages).select_related("complaint"):
        assert stage.next_due == derived[stage.pk], stage.started_on
        assert stage.status == StageStatus.IN_PROGRESS


@pytest.mark.parametrize("procedure", list(Procedure))
def test_every_stage_carries_its_complaints_procedure(procedure):
    complaint = receive(procedure)
    assert complaint.active_stage.procedure == procedure
