"""The triage queue, assignment and bulk reassignment (issue 17, points 3 and 4)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from heard.accounts.tests.factories import UserFactory
from heard.complaints.choices import ComplaintStatus, NotAcceptedReason, Procedure, StageStatus
from heard.complaints.models import Complaint
from heard.complaints.tests import factories as f
from heard.core import clock
from heard.core.tests.factories import TeamFactory

pytestmark = pytest.mark.django_db


def days(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


@pytest.fixture
def waiting():
    """Two complaints from the public form and one logged by an officer."""
    holding = TeamFactory(name="To be triaged")
    first = f.Stage1OpenFactory.create(team=holding, awaiting_triage=True, channel="web_form")
    second = f.Stage1OpenFactory.create(team=holding, awaiting_triage=True, channel="web_form")
    f.Stage1OpenFactory.create()
    return first, second


def test_the_queue_and_the_dashboard_count_only_what_waits(client, officer, waiting):
    client.force_login(officer)
    queue = client.get(reverse("complaints:triage"))
    assert [c.reference for c in queue.context["page"]] == [c.reference for c in waiting]
    dashboard = client.get(reverse("dashboard:home"))
    assert dashboard.context["triage_count"] == 2
    assert reverse("complaints:triage") in dashboard.content.decode()


def test_a_public_form_complaint_lands_in_the_queue(client, officer, waiting):
    # The public form's own tests send one; here its flag is what the queue reads.
    first, _ = waiting
    first.refresh_from_db()
    assert first.awaiting_triage is True
    assert Complaint.objects.filter(awaiting_triage=True).count() == 2


def test_accepting_moves_it_into_its_procedure_team_and_officer_with_an_event(
    client, officer, waiting
):
    first, _ = waiting
    team = TeamFactory(name="Children's services")
    client.force_login(officer)
    url = reverse("complaints:accept", args=[first.reference])
    page = client.get(url)
    assert page.status_code == 200
    offered = list(page.context["form"].fields["team"].queryset)
    assert first.team not in offered  # the holding team is not a team to accept into
    response = client.post(
        url,
        {
            "procedure": Procedure.CORPORATE,
            "team": team.pk,
            "officer": officer.pk,
            **days("accepted_on", clock.today()),
        },
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.procedure, first.team, first.assigned_officer, first.awaiting_triage) == (
        Procedure.CORPORATE,
        team,
        officer,
        False,
    )
    labels = [e.label for e in first.events.all()]
    assert (
        "Accepted from the triage queue: Corporate (Complaint Handling Code), Children's "
        "services, assigned to Olivia Officer" in labels
    )
    assert "Moved to another procedure" in labels
    # Taken off the queue, and refused a second time.
    assert client.get(url).status_code == 302
    queue = client.get(reverse("complaints:triage")).context["page"]
    assert first.reference not in [c.reference for c in queue]


def test_assigning_takes_it_off_the_queue_to_its_officer(client, manager, officer, waiting):
    first, _ = waiting
    client.force_login(manager)
    url = reverse("complaints:assign", args=[first.reference])
    assert client.post(url, {"officer": officer.pk}).status_code == 302
    first.refresh_from_db()
    assert (first.assigned_officer, first.awaiting_triage) == (officer, False)
    assert first.events.latest("occurred_at", "pk").label == "Assigned: to Olivia Officer"
    # Its officer's case page then starts from accepting it into its team.
    client.force_login(officer)
    overview = client.get(reverse("complaints:detail", args=[first.reference]))
    assert overview.context["work"].next.name == "acknowledge"


def test_not_a_complaint_ends_stage_1_and_closes_the_case(client, officer, waiting):
    first, _ = waiting
    client.force_login(officer)
    url = reverse("complaints:not_a_complaint", args=[first.reference])
    refused = client.post(url, days("decided_on", clock.today()))
    assert refused.context["form"].errors["note"] == ["Say what it is and where it was sent"]
    response = client.post(
        url,
        {**days("decided_on", clock.today()), "note": "A streetlight repair: sent to Highways"},
    )
    assert response.status_code == 302
    first.refresh_from_db()
    stage = first.active_stage
    assert (first.status, first.awaiting_triage) == (ComplaintStatus.CLOSED, False)
    assert (stage.status, stage.not_accepted_reason) == (
        StageStatus.NOT_ACCEPTED,
        NotAcceptedReason.NOT_A_COMPLAINT,
    )
    assert "Not accepted: not a complaint (a request, an enquiry or feedback)" in [
        e.label for e in first.events.all()
    ]


def test_a_role_that_may_not_change_cases_cannot_triage(client, waiting):
    first, _ = waiting
    viewer = UserFactory(role="responding_manager", team=first.team)
    client.force_login(viewer)
    for name in ("accept", "assign", "not_a_complaint"):
        response = client.post(reverse(f"complaints:{name}", args=[first.reference]), {})
        assert response.status_code == 403, name
    outsider = UserFactory(role="report_viewer")
    client.force_login(outsider)
    assert client.get(reverse("complaints:triage")).status_code == 403
    response = client.get(reverse("complaints:accept", args=[first.reference]))
    assert response.status_code == 404
    first.refresh_from_db()
    assert first.awaiting_triage is True


def test_bulk_reassign_moves_the_ticked_cases_and_names_those_refused(client, officer, manager):
    team = TeamFactory()
    mine = [f.Stage1OpenFactory.create(team=team) for _ in range(3)]
    client.force_login(manager)
    response = client.post(
        reverse("complaints:reassign"),
        {"cases": [c.reference for c in mine[:2]] + ["CSC-1999-99999"], "officer": officer.pk},
    )
    assert response.status_code == 302
    assert [c.assigned_officer for c in Complaint.objects.order_by("reference")] == [
        officer,
        officer,
        None,
    ]
    assert Complaint.objects.get(pk=mine[0].pk).events.filter(action="assign").count() == 1

    # A responding manager may see their team's cases but not change them.
    responder = UserFactory(role="responding_manager", team=team)
    client.force_login(responder)
    response = client.post(
        reverse("complaints:reassign"),
        {"cases": [mine[2].reference], "officer": officer.pk},
        follow=True,
    )
    assert f"You may not reassign {mine[2].reference}" in response.content.decode()
    assert Complaint.objects.get(pk=mine[2].pk).assigned_officer is None


def test_bulk_reassign_with_nothing_ticked_says_so(client, manager, officer):
    client.force_login(manager)
    response = client.post(reverse("complaints:reassign"), {"officer": officer.pk}, follow=True)
    assert "Choose at least one case to reassign" in response.content.decode()


def test_a_case_can_only_be_given_to_the_complaints_team(client, officer):
    """No one can reach a case to someone outside the team through assignment: a report
    viewer or an inactive officer is not a choice, one case at a time or in bulk."""
    complaint = f.Stage1OpenFactory.create()
    viewer = UserFactory(role="report_viewer")
    gone = UserFactory(role="complaints_officer", is_active=False)
    client.force_login(officer)
    for outsider in (viewer, gone):
        single = client.post(
            reverse("complaints:assign", args=[complaint.reference]), {"officer": outsider.pk}
        )
        assert single.status_code == 200
        assert "officer" in single.context["form"].errors
        bulk = client.post(
            reverse("complaints:reassign"),
            {"cases": [complaint.reference], "officer": outsider.pk},
            follow=True,
        )
        assert "Choose an officer from the list" in bulk.content.decode()
    complaint.refresh_from_db()
    assert complaint.assigned_officer is None
    assert not complaint.events.filter(action="assign").exists()
