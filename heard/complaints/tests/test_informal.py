"""The informal stage before Stage 1 (issue 22): switched on per procedure with its own
working-day target, logged on screen, resolved, withdrawn or taken to Stage 1 on the
complaint form, keeping its own dates."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from heard.accounts.tests.factories import UserFactory
from heard.complaints.models import Complaint, InformalComplaint, InformalStatus
from heard.core.errors import RuleViolation, TransitionNotAllowed
from heard.core.tests.factories import TeamFactory
from heard.workdays import add_working_days

pytestmark = pytest.mark.django_db
ON = {"corporate": 10, "children": 5}


@pytest.fixture(autouse=True)
def _switched_on(settings):
    settings.HEARD_INFORMAL_STAGE = ON


def log(**fields):
    values = {
        "by": None,
        "procedure": "corporate",
        "received_on": date(2026, 6, 1),
        "complainant_name": "Sam Jones",
        "team": TeamFactory(name="Highways", service="corporate"),
        "summary": "Pothole not repaired",
        **fields,
    }
    return InformalComplaint.log(**values)


def test_logged_with_its_procedures_target_from_the_calendar():
    informal = log()
    assert informal.reference.startswith("INF-2026-")
    assert informal.target_days == 10
    assert informal.due_on == add_working_days(date(2026, 6, 1), 10)
    assert informal.events.get().action == "receive"


def test_a_procedure_without_an_informal_stage_refuses_one(settings):
    settings.HEARD_INFORMAL_STAGE = {"corporate": 10}
    with pytest.raises(RuleViolation, match="procedure has no informal stage"):
        log(procedure="adults")


def test_resolved_on_the_target_day_is_in_time_and_the_day_after_is_not():
    informal = log()
    informal.resolve(by=None, on=informal.due_on, note="Repaired")
    assert (informal.status, informal.in_time) == (InformalStatus.RESOLVED, True)
    late = log()
    late.resolve(by=None, on=add_working_days(late.due_on, 1), note="Repaired")
    assert late.in_time is False
    with pytest.raises(TransitionNotAllowed):
        late.withdraw(by=None, on=date(2026, 6, 15))


def test_an_end_before_receipt_or_a_resolution_without_what_was_done_is_refused():
    informal = log()
    with pytest.raises(RuleViolation, match="on or after the day it was received"):
        informal.withdraw(by=None, on=date(2026, 5, 31))
    with pytest.raises(RuleViolation, match="Enter what was done"):
        informal.resolve(by=None, on=date(2026, 6, 2), note=" ")
    informal.refresh_from_db()
    assert informal.status == InformalStatus.OPEN


def test_an_officer_logs_one_on_screen_and_takes_it_to_stage_1_keeping_its_dates(client):
    officer = UserFactory(role="complaints_officer")
    client.force_login(officer)
    team = TeamFactory(name="Waste", service="corporate")
    response = client.post(
        reverse("complaints:add_informal"),
        {
            "received_on_0": "1",
            "received_on_1": "6",
            "received_on_2": "2026",
            "procedure": "corporate",
            "complainant_name": "Pat Lee",
            "team": team.pk,
            "summary": "Bin missed three times",
        },
        follow=True,
    )
    informal = InformalComplaint.objects.get()
    assert f"Informal complaint {informal.reference} logged" in response.content.decode()
    page = client.get(reverse("complaints:informal", args=[informal.reference]))
    assert "Take it to Stage 1" in page.content.decode()
    form = client.get(page.context["stage1"])
    assert form.context["form"]["summary"].value() == "Bin missed three times"
    assert form.context["informal"] == informal
    response = client.post(
        reverse("complaints:create"),
        {
            "informal": informal.reference,
            "procedure": "corporate",
            "received_on_0": "10",
            "received_on_1": "6",
            "received_on_2": "2026",
            "channel": "email",
            "team": team.pk,
            "summary": "Bin missed three times",
            "complainant_name": "Pat Lee",
            "relationship": "self",
            "preferred_contact": "email",
            "complainant_email": "pat@example.org",
        },
        follow=True,
    )
    complaint = Complaint.objects.get()
    assert response.status_code == 200, response.context["form"].errors
    informal.refresh_from_db()
    assert (informal.status, informal.received_on, informal.ended_on) == (
        InformalStatus.ESCALATED,
        date(2026, 6, 1),
        date(2026, 6, 10),
    )
    assert informal.complaint == complaint
    assert complaint.received_on == date(2026, 6, 10)
    assert informal.reference in response.content.decode()


def test_a_stage_1_received_before_the_informal_complaint_is_refused_and_nothing_is_saved(client):
    client.force_login(UserFactory(role="complaints_officer"))
    informal = log(received_on=date(2026, 6, 10))
    response = client.post(
        reverse("complaints:create"),
        {
            "informal": informal.reference,
            "procedure": "corporate",
            "received_on_0": "5",
            "received_on_1": "6",
            "received_on_2": "2026",
            "channel": "email",
            "team": informal.team_id,
            "summary": "Pothole",
            "complainant_name": "Sam Jones",
            "relationship": "self",
            "preferred_contact": "email",
            "complainant_email": "sam@example.org",
        },
    )
    assert "on or after the day the informal complaint was" in response.content.decode()
    assert not Complaint.objects.exists()
    informal.refresh_from_db()
    assert informal.status == InformalStatus.OPEN


@pytest.mark.parametrize(
    ("role", "sees", "changes"),
    [
        ("complaints_manager", True, True),
        ("complaints_officer", True, True),
        ("report_viewer", False, False),
        ("investigating_officer", False, False),
    ],
)
def test_who_sees_and_changes_an_informal_complaint(client, role, sees, changes):
    informal = log()
    client.force_login(UserFactory(role=role))
    page = client.get(reverse("complaints:informal", args=[informal.reference]))
    assert page.status_code == (200 if sees else 404)
    step = reverse("complaints:end_informal", args=[informal.reference, "withdraw"])
    response = client.post(step, {"ended_on_0": "2", "ended_on_1": "6", "ended_on_2": "2026"})
    informal.refresh_from_db()
    assert (informal.status == InformalStatus.WITHDRAWN) == changes
    assert response.status_code in ((302,) if changes else (403, 404))


def test_a_responding_manager_sees_only_their_own_teams(client):
    informal = log()
    other = log(team=TeamFactory(name="Parks", service="corporate"))
    client.force_login(UserFactory(role="responding_manager", team=informal.team))
    listed = client.get(reverse("complaints:informal_list")).context["rows"]
    assert [i for i, _ in listed] == [informal]
    page = client.get(reverse("complaints:informal", args=[other.reference]))
    assert page.status_code == 404


def test_the_list_filters_by_status_and_team(client):
    open_one = log()
    withdrawn = log(team=TeamFactory(name="Parks", service="corporate"))
    withdrawn.withdraw(by=None, on=date(2026, 6, 2))
    client.force_login(UserFactory(role="complaints_officer"))
    url = reverse("complaints:informal_list")
    rows = client.get(url, {"status": "withdrawn"}).context["rows"]
    assert [i for i, _ in rows] == [withdrawn]
    rows = client.get(url, {"team": open_one.team_id}).context["rows"]
    assert [i for i, _ in rows] == [open_one]


def test_ending_one_without_a_date_says_which_date_is_missing(client):
    informal = log()
    client.force_login(UserFactory(role="complaints_officer"))
    url = reverse("complaints:end_informal", args=[informal.reference, "resolve"])
    page = client.post(url, {"note": "Repaired"}).content.decode()
    assert "Enter the date it was resolved" in page
    url = reverse("complaints:end_informal", args=[informal.reference, "withdraw"])
    empty = {"ended_on_0": "", "ended_on_1": "", "ended_on_2": "", "note": ""}
    assert "Enter the date it was withdrawn" in client.post(url, empty).content.decode()
    informal.refresh_from_db()
    assert informal.status == InformalStatus.OPEN
