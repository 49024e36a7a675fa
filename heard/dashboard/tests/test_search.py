"""The search page: every kind of case, found by reference, name, summary or description,
only among the cases the user may see, a page at a time in a constant number of queries."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from heard.accounts.models import Role
from heard.accounts.tests.factories import UserFactory
from heard.core.tests.factories import TeamFactory
from heard.dashboard import search, search_views
from heard.dashboard.search import KINDS, SearchPaginator
from heard.dashboard.tests.search_cases import make

pytestmark = pytest.mark.django_db
SEARCH = reverse("dashboard:search")


@pytest.fixture(autouse=True)
def _informal_stage(settings):
    settings.HEARD_INFORMAL_STAGE = {"corporate": 10}


def found(response) -> list[str]:
    """The references on the page, in order."""
    return [result.reference for result in response.context["results"]]


def test_the_search_page_needs_a_signed_in_user(client):
    response = client.get(SEARCH, {"q": "smith"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_page_first_offers_the_box_with_no_error_and_no_results(client, officer):
    client.force_login(officer)
    response = client.get(SEARCH)
    page = response.content.decode()
    assert response.status_code == 200
    assert '<label class="govuk-label govuk-label--l" for="id_q">Search cases</label>' in page
    assert "There is a problem" not in page
    assert "results" not in response.context


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter a reference, a name or words from the case"),
        ("   ", "Enter a reference, a name or words from the case"),
        ("-- ** ()", "Enter a reference, a name or words: letters or numbers"),
        ("x" * 201, "Search for 200 characters or fewer"),
    ],
)
def test_a_search_with_nothing_to_look_for_says_what_to_enter(client, officer, typed, message):
    client.force_login(officer)
    response = client.get(SEARCH, {"q": typed})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Search cases" in page
    assert f'<a href="#id_q">{message}</a>' in page
    assert f'<span class="govuk-visually-hidden">Error:</span> {message}' in page
    assert "results" not in response.context


def test_a_search_that_finds_nothing_says_so_and_how_to_find_more(client, officer):
    make("complaint", TeamFactory(), name="Ada Lovelace")
    client.force_login(officer)
    response = client.get(SEARCH, {"q": "Babbage"})
    page = response.content.decode()
    assert "No cases match \u2018Babbage\u2019." in page
    assert "check the spelling" in page
    assert response.context["results"] == []


def test_one_search_finds_every_kind_of_case_each_labelled_and_linked_to_its_page(client, officer):
    team = TeamFactory()
    cases = {kind: make(kind, team, name="Marguerite Ashdown") for kind in KINDS}
    client.force_login(officer)
    response = client.get(SEARCH, {"q": "ashdown"})
    page = response.content.decode()
    assert sorted(found(response)) == sorted(case.reference for case in cases.values())
    assert "6 cases match" in page
    for kind, case in cases.items():
        url = reverse(KINDS[kind].url_name, args=[case.reference])
        assert f'<a class="govuk-link" href="{url}">{case.reference}' in page
        assert f'<strong class="govuk-tag govuk-tag--grey">{KINDS[kind].label}</strong>' in page
        assert client.get(url).status_code == 200, url


def test_a_result_shows_the_name_summary_and_date_received(client, officer):
    make("complaint", TeamFactory(), name="Ada Lovelace", summary="Engine not repaired")
    client.force_login(officer)
    page = client.get(SEARCH, {"q": "lovelace"}).content.decode()
    assert "Received 3 March 2025<br>Complainant: Ada Lovelace" in page
    assert "Engine not repaired" in page


def test_a_reference_typed_whole_finds_its_case_first(client, officer):
    team = TeamFactory()
    complaint = make("complaint", team, received_on=date(2025, 3, 3))
    # A later case that mentions the complaint's reference comes after it.
    later = make(
        "compliment",
        team,
        summary=f"Thanks for resolving {complaint.reference}",
        received_on=date(2025, 4, 1),
    )
    make("complaint", team, received_on=date(2025, 3, 4))
    client.force_login(officer)
    response = client.get(SEARCH, {"q": complaint.reference.lower()})
    assert found(response) == [complaint.reference, later.reference]


def test_results_come_most_recently_received_first(client, officer):
    team = TeamFactory()
    days = [date(2025, 1, 6), date(2025, 3, 3), date(2024, 11, 4)]
    cases = [
        make(kind, team, name="Ashdown", received_on=day)
        for kind, day in zip(["complaint", "informal", "sar"], days, strict=True)
    ]
    client.force_login(officer)
    response = client.get(SEARCH, {"q": "ashdown"})
    newest_first = sorted(cases, key=lambda case: case.received_on, reverse=True)
    assert found(response) == [case.reference for case in newest_first]


@pytest.mark.parametrize(
    "typed",
    [
        '"',
        "*",
        "smith AND",
        "NEAR(",
        "o'brien",
        "a:b",
        "x & y | !z",
        "\\",
        "%_",
        "(smith",
        "-smith",
        "^smith",
        "smith*",
        "{smith}",
        "'':*",
    ],
)
def test_punctuation_in_a_search_never_reaches_the_database_as_syntax(client, officer, typed):
    make("complaint", TeamFactory(), name="Jo Smith")
    client.force_login(officer)
    response = client.get(SEARCH, {"q": typed})
    assert response.status_code == 200


def test_a_search_with_no_word_finds_nothing_without_asking_the_database(officer):
    make("complaint", TeamFactory(), name="Jo Smith")
    with CaptureQueriesContext(connection) as captured:
        results = search.find(officer, "-- ** ()")
        assert SearchPaginator(results).count == 0
        assert list(results.ordered) == []
    assert len(captured) == 0


def test_results_come_25_to_a_page(client, officer):
    team = TeamFactory()
    for n in range(26):
        make("compliment", team, summary="Thanks", received_on=date(2025, 1, 1) + timedelta(n))
    client.force_login(officer)
    first = client.get(SEARCH, {"q": "thanks"})
    second = client.get(SEARCH, {"q": "thanks", "page": "2"})
    assert len(found(first)) == 25
    assert len(found(second)) == 1
    assert "26 cases match, page 1 of 2" in first.content.decode()
    assert set(found(first)).isdisjoint(found(second))
    assert 'href="?q=thanks&amp;page=2"' in first.content.decode()


def test_a_search_counts_only_up_to_the_cap(client, officer, monkeypatch):
    monkeypatch.setattr(search, "COUNT_CAP", 3)
    monkeypatch.setattr(search_views, "COUNT_CAP", 3)
    team = TeamFactory()
    for _ in range(5):
        make("compliment", team, summary="Thanks")
    client.force_login(officer)
    response = client.get(SEARCH, {"q": "thanks"})
    assert "More than 3 cases match: add a word to narrow the search" in response.content.decode()
    assert found(response)


def queries_for(client, text: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(SEARCH, {"q": text}).status_code == 200
    return len(captured)


def test_the_number_of_queries_does_not_grow_with_the_cases_found(client, officer):
    team = TeamFactory()
    client.force_login(officer)
    for kind in KINDS:
        make(kind, team, name="Ada Lovelace")
    few = queries_for(client, "lovelace")
    for _ in range(3):
        for kind in KINDS:
            make(kind, team, name="Ada Lovelace")
    assert len(client.get(SEARCH, {"q": "lovelace"}).context["results"]) == 24
    assert queries_for(client, "lovelace") == few


# --- Who finds what: the one access rule of each kind -----------------------------------------


def visible_references(user) -> set[str]:
    return {
        reference
        for kind in KINDS.values()
        for reference in kind.visible(user).values_list("reference", flat=True)
    }


@pytest.mark.parametrize("role", list(Role))
def test_each_role_finds_exactly_the_cases_its_lists_would_show(client, role):
    own, other = TeamFactory(name="Fostering"), TeamFactory(name="Adoption")
    every = {make(kind, team, name="Ashdown").reference for kind in KINDS for team in (own, other)}
    user = UserFactory(role=role, team=own)
    client.force_login(user)
    response = client.get(SEARCH, {"q": "ashdown"})
    assert response.status_code == 200
    assert set(found(response)) == visible_references(user) & every


def test_a_responding_manager_finds_their_teams_cases_and_no_subject_access_request(client):
    own, other = TeamFactory(name="Fostering"), TeamFactory(name="Adoption")
    mine = {kind: make(kind, own, name="Ashdown").reference for kind in KINDS}
    for kind in KINDS:
        make(kind, other, name="Ashdown")
    client.force_login(UserFactory(role=Role.RESPONDING_MANAGER, team=own))
    response = client.get(SEARCH, {"q": "ashdown"})
    assert sorted(found(response)) == sorted(
        reference for kind, reference in mine.items() if kind != "sar"
    )


@pytest.mark.parametrize("role", [Role.REPORT_VIEWER, Role.ADMINISTRATOR])
def test_a_role_with_no_case_access_finds_nothing_and_is_not_offered_search(client, role):
    make("complaint", TeamFactory(), name="Ashdown")
    client.force_login(UserFactory(role=role))
    response = client.get(SEARCH, {"q": "ashdown"})
    assert response.context["results"] == []
    assert not re.search(r">Search</a>", client.get(reverse("dashboard:home")).content.decode())


def test_a_subject_access_officer_finds_only_subject_access_requests(client):
    team = TeamFactory()
    sar = make("sar", team, name="Ashdown")
    make("complaint", team, name="Ashdown")
    client.force_login(UserFactory(role=Role.SAR_OFFICER))
    response = client.get(SEARCH, {"q": "ashdown"})
    assert found(response) == [sar.reference]
    assert ">Search</a>" in client.get(reverse("dashboard:home")).content.decode()


def test_an_investigating_officer_finds_only_the_complaint_they_are_appointed_to(client):
    from heard.complaints.choices import AppointmentRole
    from heard.complaints.tests.factories import PractitionerFactory, Stage2OpenFactory

    user = UserFactory(role=Role.INVESTIGATING_OFFICER)
    theirs = Stage2OpenFactory(summary="Ashdown placement")
    Stage2OpenFactory(summary="Ashdown placement")
    stage = theirs.active_stage
    stage.appoint(
        by=None,
        role=AppointmentRole.INVESTIGATING_OFFICER,
        practitioner=PractitionerFactory(user=user),
        on=stage.started_on,
    )
    client.force_login(user)
    assert found(client.get(SEARCH, {"q": "ashdown"})) == [theirs.reference]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's EXPLAIN QUERY PLAN")
@pytest.mark.parametrize("role", [Role.COMPLAINTS_MANAGER, Role.RESPONDING_MANAGER])
def test_no_query_of_a_search_reads_the_whole_complaints_table(client, role):
    # As the dashboard's and the case list's (test_query_plans.py): through the index's ids.
    from heard.dashboard.tests.test_query_plans import GUARDED, full_scans, selects

    team = TeamFactory(name="Fostering")
    for kind in KINDS:
        make(kind, team, name="Ada Lovelace")
    client.force_login(UserFactory(role=role, team=team))
    with selects() as queries:
        assert client.get(SEARCH, {"q": "ada lovelace"}).status_code == 200
    touched = [q for q in queries if any(table in q[0] for table in GUARDED)]
    assert touched, "the search read no complaints: the guard would pass whatever it ran"
    scans = {sql: lines for sql, params in touched if (lines := full_scans(sql, params))}
    assert not scans, "\n\n".join(f"{sql}\n  -> {lines}" for sql, lines in scans.items())
