"""The case list: filters in the URL, search, sorting, paging, days left, and the access rule."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from heard.accounts.tests.factories import UserFactory
from heard.complaints.choices import Relationship
from heard.complaints.models import Complaint
from heard.complaints.tests import factories as f

pytestmark = pytest.mark.django_db
URL = reverse("complaints:list")


def listed(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return [c.reference for c, _ in response.context["rows"]]


@pytest.fixture
def signed_in(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def cases(officer):
    first = f.Stage1AcknowledgedFactory(
        received_on=date(2025, 3, 3),
        team=f.TeamFactory(name="Fostering"),
        relationship=Relationship.FOSTER_CARER,
        assigned_officer=officer,
        children=[f.ChildFactory(name="Kai Brennan")],
    )
    first.add_element(by=None, theme=f.ThemeFactory(name="Delay"), description="Late visit")
    second = f.Stage2OpenFactory(
        received_on=date(2025, 1, 6), complainant=f.ComplainantFactory(name="Maria Lopez")
    )
    third = f.Stage1RespondedFactory(received_on=date(2024, 11, 4))
    third.close(by=None, on=third.active_stage.ended_on)
    return {"first": first.reference, "second": second.reference, "third": third.reference}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["first", "second", "third"]),
        ({"stage": "2"}, ["second"]),
        ({"status": "closed"}, ["third"]),
        ({"stage_status": "in_progress"}, ["first", "second"]),
        ({"stage_status": "responded"}, ["third"]),
        ({"team": "Fostering"}, ["first"]),
        ({"theme": "Delay"}, ["first"]),
        ({"relationship": "foster_carer"}, ["first"]),
        ({"received_from": "1/1/2025", "received_to": "31/1/2025"}, ["second"]),
        ({"q": "lopez"}, ["second"]),
        ({"q": "brennan"}, ["first"]),
    ],
)
def test_each_filter_narrows_the_list(signed_in, cases, params, expected):
    from heard.complaints.models import Theme
    from heard.core.models import Team

    if "team" in params:
        params["team"] = Team.objects.get(name=params["team"]).pk
    if "theme" in params:
        params["theme"] = Theme.objects.get(name=params["theme"]).pk
    assert listed(signed_in, **params) == [cases[name] for name in expected]


def test_search_finds_a_reference_and_the_officer_filter_works(signed_in, cases, officer):
    assert listed(signed_in, q=cases["second"]) == [cases["second"]]
    assert listed(signed_in, officer=officer.pk) == [cases["first"]]


def test_overdue_and_due_within_use_working_days(signed_in, cases, officer):
    # The first case's response is due Monday 17 March 2025. (Signing in again after each
    # jump in time, as the session's inactivity limit is counted from the last request.)
    with time_machine.travel(date(2025, 3, 14), tick=False):
        signed_in.force_login(officer)
        assert cases["first"] in listed(signed_in, due_within="1")
        assert cases["first"] not in listed(signed_in, overdue="on")
    with time_machine.travel(date(2025, 3, 18), tick=False):
        signed_in.force_login(officer)
        assert cases["first"] in listed(signed_in, overdue="on")
        response = signed_in.get(URL, {"q": cases["first"]})
        ((_, left),) = response.context["rows"]
        assert left.label == "Overdue by 1 working day"


def test_columns_sort_both_ways_and_keep_the_filters(signed_in, cases):
    assert listed(signed_in, sort="received", order="asc") == [
        cases["third"],
        cases["second"],
        cases["first"],
    ]
    assert listed(signed_in, sort="reference", order="desc")[0] == max(cases.values())
    # The closed case owes nothing: it comes last whichever way deadlines are sorted.
    assert listed(signed_in, sort="due", order="asc")[-1] == cases["third"]
    assert listed(signed_in, sort="due", order="desc")[-1] == cases["third"]
    page = signed_in.get(URL, {"status": "open", "sort": "received", "order": "asc"})
    html = page.content.decode()
    assert 'aria-sort="ascending"' in html
    assert "status=open" in html.split('aria-sort="ascending"')[1].split("</th>")[0]


def test_bad_filters_get_specific_errors_and_the_list_is_not_filtered(signed_in, cases):
    response = signed_in.get(
        URL, {"received_from": "31/1/2025", "received_to": "1/1/2025", "due_within": "soon"}
    )
    html = response.content.decode()
    assert "Received to must be the same as or after Received from" in html
    assert "Due within must be a whole number of working days, like 5" in html
    assert response.context["page"].paginator.count == 3
    response = signed_in.get(URL, {"received_from": "31/2/2025"})
    assert "Received from must be a real date, like 3/3/2025" in response.content.decode()


def test_the_list_pages_25_at_a_time(signed_in):
    for _ in range(27):
        f.Stage1OpenFactory()
    assert len(listed(signed_in)) == 25
    assert len(listed(signed_in, page="2")) == 2


def test_the_number_of_queries_does_not_grow_with_the_cases(signed_in):
    def count():
        with CaptureQueriesContext(connection) as queries:
            signed_in.get(URL, {"sort": "due", "order": "asc"})
        return len(queries)

    f.Stage1OpenFactory()
    count()  # the first request after signing in also rewrites the session
    few = count()
    for _ in range(20):
        f.Stage2OpenFactory()
    assert count() == few


def test_a_role_sees_in_the_list_exactly_the_cases_whose_pages_it_may_open(client, cases):
    from heard.core.models import Team

    responder = UserFactory(role="responding_manager", team=Team.objects.get(name="Fostering"))
    client.force_login(responder)
    shown = listed(client)
    assert shown == [cases["first"]]
    for reference in Complaint.objects.values_list("reference", flat=True):
        status = client.get(reverse("complaints:detail", args=[reference])).status_code
        assert status == (200 if reference in shown else 404)


def test_a_case_waiting_out_its_escalation_window_owes_no_deadline(signed_in):
    # Stage 1 answered (after an extension); the council owes nothing until the complainant
    # asks for Stage 2, so the list must not call it overdue.
    complaint = f.Stage1AcknowledgedFactory()
    stage = complaint.active_stage
    stage.extend(by=None, new_due=date(2025, 3, 28), reason="Complex", agreed_on=date(2025, 3, 10))
    element = complaint.add_element(by=None, theme=f.ThemeFactory(), description="Delay")
    stage.record_finding(by=None, element=element, finding="not_upheld")
    stage.respond(by=None, on=date(2025, 3, 26))
    response = signed_in.get(URL)
    ((row, left),) = response.context["rows"]
    assert row.reference == complaint.reference
    assert left is None
    assert "Overdue by" not in response.content.decode()


def test_a_count_beyond_the_cap_says_more_than_and_costs_one_bounded_query(signed_in, monkeypatch):
    from heard.complaints import views

    monkeypatch.setattr(views, "COUNT_CAP", 3)
    for _ in range(5):
        f.Stage1OpenFactory()
    response = signed_in.get(URL)
    html = response.content.decode()
    assert "More than 3 cases" in html
    assert response.context["page"].paginator.count == 4  # counted to cap + 1, no further
