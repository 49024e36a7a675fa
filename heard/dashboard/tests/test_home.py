"""The dashboard: open work across every kind of case, counted for what the user may see."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from heard.complaints.tests import factories as f
from heard.complaints.tests.factories import RECEIVED

pytestmark = pytest.mark.django_db


def test_the_dashboard_counts_open_overdue_and_due_soon_complaints(client, officer):
    f.Stage1AcknowledgedFactory()  # response due Monday 17 March 2025
    f.Stage1RespondedFactory()
    client.force_login(officer)
    with time_machine.travel(date(2025, 3, 18), tick=False):
        response = client.get(reverse("dashboard:home"))
    assert (
        response.context["open_count"],
        response.context["overdue_count"],
        response.context["due_soon_count"],
    ) == (2, 1, 0)
    # One open complaint, its Stage 1 in progress; the answered one is within its window.
    assert response.context["by_stage_and_status"] == [
        (1, [1, 0, 0, 0, 1]),
        (2, [0, 0, 0, 0, 0]),
        (3, [0, 0, 0, 0, 0]),
    ]
    page = response.content.decode()
    assert "?overdue=on&amp;sort=due&amp;order=asc" in page


def test_the_dashboard_counts_only_cases_the_user_may_see(client):
    from heard.accounts.tests.factories import UserFactory

    f.Stage1AcknowledgedFactory()
    viewer = UserFactory(role="report_viewer")
    client.force_login(viewer)
    response = client.get(reverse("dashboard:home"))
    assert response.context["open_count"] == 0
    assert response.context["by_stage_and_status"] == [(n, [0] * 5) for n in (1, 2, 3)]


def test_my_open_work_counts_the_open_complaints_assigned_to_me(client, officer):
    f.Stage1OpenFactory(assigned_officer=officer)
    f.Stage1OpenFactory()
    client.force_login(officer)
    response = client.get(reverse("dashboard:home"))
    assert response.context["my_count"] == 1
    assert f"?officer={officer.pk}&amp;status=open" in response.content.decode()


def test_the_dashboard_counts_the_open_complaints_assigned_to_no_one(client, officer):
    f.Stage1OpenFactory(assigned_officer=officer)
    f.Stage1OpenFactory()
    client.force_login(officer)
    response = client.get(reverse("dashboard:home"))
    assert response.context["unassigned_count"] == 1
    html = response.content.decode()
    assert "1 open complaint not assigned to anyone" in html
    assert "?status=open&amp;unassigned=on" in html
    assert reverse("complaints:create") in html


def test_the_dashboard_counts_open_and_overdue_complaints_by_procedure(client, officer):
    from heard.complaints.choices import Procedure

    f.Stage1OpenFactory(procedure=Procedure.ADULTS)  # received in 2025: long overdue now
    f.Stage1OpenFactory(procedure=Procedure.ADULTS)
    f.Stage1OpenFactory(procedure=Procedure.CORPORATE)
    client.force_login(officer)
    response = client.get(reverse("dashboard:home"))
    rows = {code: (open_, overdue) for code, _, open_, overdue in response.context["by_procedure"]}
    assert rows == {"children": (0, 0), "adults": (2, 2), "corporate": (1, 1)}
    assert "?procedure=adults&amp;overdue=on" in response.content.decode()


def test_the_dashboard_shows_the_latest_month_of_referrals(client, officer):
    from heard.referrals.models import MonthlyReferrals

    MonthlyReferrals.objects.create(month=date(2025, 1, 1), referrals=300)
    MonthlyReferrals.objects.create(month=date(2025, 2, 1), referrals=341)
    client.force_login(officer)
    page = client.get(reverse("dashboard:home")).content.decode()
    assert "341 in February 2025, the latest month recorded" in page


@pytest.fixture
def owed():
    """Follow-ups on two teams' cases, and things that are not follow-ups: a remedy done, one
    not yet due, an advocacy answer given, and a closed case whose answer was never known."""
    from heard.complaints.choices import Relationship
    from heard.core import clock

    fostering, adoption = f.TeamFactory(name="Fostering"), f.TeamFactory(name="Adoption")
    today = clock.today()
    for team in (fostering, adoption):
        answered = f.Stage1RespondedFactory(team=team)
        agreed = answered.active_stage.ended_on
        f.agree_remedy(answered, agreed)
        f.agree_remedy(answered, agreed)  # two on one case: still one case to follow up
        f.raise_learning_action(answered, agreed)
        offered = f.Stage1OpenFactory(team=team, relationship=Relationship.CHILD)
        offered.record_advocacy(by=None, offered_on=offered.received_on, taken_up=None)
    settled = f.Stage1RespondedFactory(team=fostering)
    agreed = settled.active_stage.ended_on
    f.agree_remedy(settled, agreed).complete(by=None, on=agreed)
    f.agree_remedy(settled, agreed, due_on=today + timedelta(days=30))
    f.raise_learning_action(settled, agreed, due_on=today)  # due today: not overdue yet
    f.Stage1OpenFactory(team=fostering, relationship=Relationship.CHILD).record_advocacy(
        by=None, offered_on=RECEIVED, taken_up=False
    )
    return {"fostering": fostering}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("complaints_officer", {"advocacy": 2, "remedies": 2, "learning": 2}),
        ("responding_manager", {"advocacy": 1, "remedies": 1, "learning": 1}),
        ("report_viewer", {"advocacy": 0, "remedies": 0, "learning": 0}),
    ],
)
def test_each_follow_up_counts_the_cases_its_list_shows_to_that_user(client, owed, role, expected):
    from heard.accounts.tests.factories import UserFactory

    client.force_login(UserFactory(role=role, team=owed["fostering"]))
    panel = client.get(reverse("dashboard:home")).context["follow_ups"]
    counts = {name: count for name, _, count in panel}
    assert counts == expected
    if role != "report_viewer":  # who sees no complaints has no case list to open
        for name, count in counts.items():
            listed = client.get(reverse("complaints:list"), {"follow_up": name}).context["rows"]
            assert len(listed) == count, name


def test_the_dashboard_runs_as_many_queries_whatever_is_owed(client, officer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(officer)
    client.get(reverse("dashboard:home"))  # the calendar and the session, loaded once
    with CaptureQueriesContext(connection) as nothing_owed:
        client.get(reverse("dashboard:home"))
    answered = f.Stage1RespondedFactory()
    f.agree_remedy(answered, answered.active_stage.ended_on)
    f.raise_learning_action(answered, answered.active_stage.ended_on)
    with CaptureQueriesContext(connection) as owed:
        client.get(reverse("dashboard:home"))
    assert len(owed) == len(nothing_owed)
