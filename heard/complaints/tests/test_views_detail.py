"""The case page: what it shows, for whom, and at what cost in queries."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from heard.accounts.tests.factories import UserFactory
from heard.complaints.choices import RemedyKind
from heard.complaints.tests import factories as f

pytestmark = pytest.mark.django_db


def url(complaint):
    return reverse("complaints:detail", args=[complaint.reference])


def test_the_case_page_shows_deadlines_people_findings_and_the_timeline(client, officer):
    complaint = f.Stage3OpenFactory(children=[f.ChildFactory(name="Kai Brennan")])
    f.appoint_panel(complaint.active_stage, complaint.active_stage.started_on)
    complaint.add_remedy(
        by=officer,
        kind=RemedyKind.APOLOGY,
        agreed_on=date(2025, 5, 1),
        description="Apologise in writing",
        owner="Team manager",
        due_on=date(2025, 5, 15),
    )
    client.force_login(officer)

    def section(name):
        return client.get(reverse("complaints:section", args=[complaint.reference, name]))

    html = client.get(url(complaint)).content.decode()
    assert complaint.reference in html
    assert "working day" in html  # the next deadline, in working days, in the header
    people = section("people").content.decode()
    assert "Kai Brennan" in people
    assert "Independent person (Stage 2)" in people
    assert "Panel chair (Stage 3)" in people
    assert "Partially upheld" in section("points").content.decode()  # the Stage 2 finding
    timeline = section("timeline").content.decode()
    assert "Escalated to the next stage" in timeline
    assert "Complaint received" in timeline
    assert "Apology" in section("outcomes").content.decode()


def test_someone_who_may_not_see_the_case_gets_not_found(client):
    complaint = f.Stage1OpenFactory()
    client.force_login(UserFactory(role="report_viewer"))
    assert client.get(url(complaint)).status_code == 404
    assert client.get(reverse("complaints:detail", args=["CSC-1999-00001"])).status_code == 404


def test_the_case_page_needs_the_same_queries_for_a_small_and_a_large_case(client, officer):
    client.force_login(officer)

    def stage3_case(points):
        complaint = f.Stage3OpenFactory(children=[f.ChildFactory() for _ in range(points)])
        f.appoint_panel(complaint.active_stage, complaint.active_stage.started_on)
        for i in range(points):
            complaint.add_element(by=None, theme=f.ThemeFactory(), description=f"Point {i}")
        complaint.add_remedy(
            by=None,
            kind=RemedyKind.APOLOGY,
            agreed_on=date(2025, 5, 1),
            description="Apologise in writing",
            owner="Team manager",
            due_on=date(2025, 5, 15),
        )
        complaint.add_learning_action(
            by=None,
            theme=f.ThemeFactory(),
            description="Brief",
            owner="Head of service",
            raised_on=date(2025, 5, 1),
            due_on=date(2025, 6, 1),
        )
        complaint.active_stage.add_cost(
            by=None, kind="venue", amount=100, incurred_on=complaint.active_stage.started_on
        )
        return complaint

    def count(complaint):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(complaint)).status_code == 200
        return len(queries)

    small, large = stage3_case(1), stage3_case(8)
    count(small)  # the first request after signing in also rewrites the session
    assert count(small) == count(large)
