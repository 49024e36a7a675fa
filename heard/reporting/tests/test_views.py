"""The report page, its downloads and the drill-down, for each kind of user."""

from __future__ import annotations

import pytest
from django.urls import reverse

from heard.accounts.tests.factories import UserFactory
from heard.imports.service import run_import

pytestmark = pytest.mark.django_db

LOG = (
    "reference,stage,received,ended,outcome,themes,team,relationship\n"
    "A-1,1,2021-05-04,2021-05-10,Upheld,Delay,Fostering,Parent\n"
    "A-2,1,2021-06-04,2021-06-10,Not upheld,Delay,Fostering,Child\n"
    "A-3,1,2021-07-04,,,,Fostering,Parent\n"
    "OLD,1,2020-07-04,2020-07-10,Not upheld,Delay,Fostering,Parent\n"
)
REPORT = reverse("reporting:report") + "?year=2021&procedure=children"


@pytest.fixture(autouse=True)
def _log():
    assert run_import([("log.csv", LOG.encode())]).ok


def client_for(client, role):
    client.force_login(UserFactory(role=role))
    return client


def test_the_complaints_team_sees_the_report_with_every_count_linked_to_its_cases(client):
    response = client_for(client, "complaints_officer").get(REPORT)
    assert response.status_code == 200
    html = response.content.decode()
    assert "3 statutory complaints were received" in html
    assert "figure=stage.1.received" in html


def test_the_cases_behind_a_figure_are_exactly_those_it_counted(client):
    client_for(client, "complaints_manager")
    url = reverse("reporting:cases") + "?year=2021&procedure=children&figure=stage.1.responded"
    html = client.get(url).content.decode()
    assert "2 stages" in html
    assert "A-1" in html
    assert "A-2" in html
    assert "A-3" not in html
    assert "OLD" not in html
    url = reverse("reporting:cases") + "?year=2021&figure=complaints.from_children"
    html = client.get(url).content.decode()
    assert "A-2" in html
    assert "A-1" not in html


def test_a_report_viewer_sees_the_figures_but_not_the_cases(client):
    client_for(client, "report_viewer")
    html = client.get(REPORT).content.decode()
    assert "3 statutory complaints were received" in html
    assert "figure=" not in html
    url = reverse("reporting:cases") + "?year=2021&figure=stage.1.received"
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("role", ["responding_manager", "investigating_officer", "sar_officer"])
def test_other_roles_cannot_see_reports(client, role):
    assert client_for(client, role).get(REPORT).status_code == 403


def test_an_unknown_figure_is_not_found(client):
    client_for(client, "complaints_manager")
    url = reverse("reporting:cases") + "?year=2021&figure=stage.1.nonsense"
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("pdf", "application/pdf"),
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("json", "application/json"),
    ],
)
def test_each_edition_downloads_with_its_own_name(client, fmt, content_type):
    client_for(client, "report_viewer")
    url = reverse("reporting:download", args=[fmt]) + "?year=2021&quarter=1"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (
        f'attachment; filename="heard-report-children-Q1-2021-22.{fmt}"'
    )


def test_a_year_outside_the_list_is_an_error_on_the_form(client):
    client_for(client, "complaints_manager")
    response = client.get(reverse("reporting:report") + "?year=1066")
    assert response.status_code == 200
    assert "Choose a financial year from the list" in response.content.decode()


def test_the_report_makes_the_same_number_of_queries_whatever_the_data(
    client, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client_for(client, "complaints_manager")
    with CaptureQueriesContext(connection) as few:
        client.get(REPORT)
    more = "".join(
        f"M{n},1,2021-0{4 + n % 5}-1{n % 9},2021-0{4 + n % 5}-2{n % 9},Not upheld,Delay,"
        f"Team {n % 7},Parent\n"
        for n in range(40)
    )
    assert run_import([("more.csv", (LOG.splitlines()[0] + "\n" + more).encode())]).ok
    with CaptureQueriesContext(connection) as many:
        client.get(REPORT)
    assert len(many) == len(few)


def test_the_quarterly_report_is_the_same_figures_in_a_shorter_report(client):
    client_for(client, "complaints_manager")
    quarterly = client.get(reverse("reporting:report") + "?year=2021&quarter=1").content.decode()
    annual = client.get(REPORT).content.decode()
    assert "quarterly performance report Q1 2021/22" in quarterly
    assert "Compared with Q4 2020/21" in quarterly
    assert "2 statutory complaints were received" in quarterly  # April to June
    assert "Equality information" in annual
    assert "Equality information" not in quarterly
    assert "Timeliness" in quarterly
