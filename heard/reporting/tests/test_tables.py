"""The table builder (issue 22): any count by one or two breakdowns, for any period, with the
year before beside it; on screen, in Excel and CSV, each count linked to its cases."""

from __future__ import annotations

import io
from datetime import date
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from heard.accounts.tests.factories import UserFactory
from heard.core.models import Team
from heard.imports.service import run_import
from heard.reporting.figures.tables import Spec, TableError, count_table, year_before
from heard.reporting.periods import Period

pytestmark = pytest.mark.django_db
YEAR = Period.financial_year(2021)
# A is last year's complaint, escalated this year; B, C and D are this year's. B's Stage 1
# took 4 working days and D's 5 (within 10); C's took 21; A's took 6 (last year).
LOG = """\
reference,stage,received,ended,outcome,themes,team,service area,relationship,advocate
A,1,2020-05-04,2020-05-12,Upheld,Delay,Fostering,Children in care,Child,yes
A,2,2021-04-12,,,,,,,
B,1,2021-05-04,2021-05-10,Partially upheld,Delay=upheld; Communication=not upheld,Fostering,,\
Parent,no
C,1,2021-06-01,2021-06-30,Not upheld,Communication,Safeguarding,Early help,Child,
C,2,2021-07-05,,,,,,,
D,1,2022-02-01,2022-02-08,Upheld,Delay,Safeguarding,,Parent,
"""


@pytest.fixture(autouse=True)
def _log():
    result = run_import([("log.csv", LOG.encode())])
    assert result.ok, [str(p) for p in result.problems]


def counts(measure, rows, columns="", procedure="children", period=YEAR):
    table = count_table(Spec(measure, rows, columns, procedure, period))
    labels = dict(table.row_values)
    column_labels = dict(table.column_values)
    return {
        (labels[r], column_labels[c]) if columns else labels[r]: value
        for (r, c), value in table.cells.items()
    }


def test_stages_received_by_team_with_the_year_before():
    # A's Stage 2 and B's Stage 1 this year, A's Stage 1 last year.
    assert counts("received", "team") == {"Fostering": (2, 1), "Safeguarding": (3, 0)}


def test_responses_by_outcome_and_whether_the_complainant_is_a_child():
    assert counts("responded", "outcome", "child") == {
        ("Partially upheld", "An adult"): (1, 0),
        ("Upheld", "An adult"): (1, 0),
        ("Not upheld", "A child or young person"): (1, 0),
        ("Upheld", "A child or young person"): (0, 1),
    }


def test_responses_in_time_by_stage_use_the_stage_standard():
    assert counts("in_time", "stage") == {"Stage 1": (2, 1)}


def test_points_raised_and_findings_by_theme():
    assert counts("points_raised", "theme") == {"Delay": (2, 1), "Communication": (2, 0)}
    assert counts("findings", "theme", "outcome") == {
        ("Delay", "Upheld"): (2, 1),
        ("Communication", "Not upheld"): (2, 0),
    }


def test_year_first_received_stage_reached_service_area_and_advocacy():
    assert counts("received", "first_year") == {"2020/21": (1, 1), "2021/22": (4, 0)}
    assert counts("received", "stage_reached", "stage") == {
        ("Stage 2", "Stage 1"): (1, 1),
        ("Stage 2", "Stage 2"): (2, 0),
        ("Stage 1", "Stage 1"): (2, 0),
    }
    # The import placed Fostering in the first area the log gave it; Safeguarding likewise.
    assert counts("received", "service_area") == {"Children in care": (2, 1), "Early help": (3, 0)}
    Team.objects.filter(name="Safeguarding").update(service_area="")
    assert counts("received", "service_area")["Not recorded"] == (3, 0)
    assert counts("received", "advocacy") == {
        "Advocacy taken up": (1, 1),
        "Not taken up": (1, 0),
        "Not recorded": (3, 0),
    }


def test_the_years_complaints_by_how_they_have_ended_so_far(client):
    # B, C and D this year: B and D ended with their Stage 1 response; C is open at Stage 2.
    assert counts("complaints", "ended", "child") == {
        ("Responded", "An adult"): (2, 0),
        ("Not ended yet", "A child or young person"): (1, 1),
    }
    assert counts("complaints", "team") == {"Fostering": (1, 1), "Safeguarding": (2, 0)}
    with pytest.raises(TableError, match="Complaints received are complaints: they cannot"):
        count_table(Spec("complaints", "theme", "", "children", YEAR))
    client.force_login(UserFactory(role="complaints_manager"))
    cell = page(client, measure="complaints", rows="ended").context["grid"].rows
    ended = {row[0].value: row[1].link for row in cell}
    listed = client.get(ended["Responded"]).context["rows"]
    assert [row.reference for row in listed] == ["B", "D"]


def test_every_procedure_or_one_and_any_dates():
    assert counts("received", "procedure", procedure="") == {
        "Children's social care (statutory)": (5, 1)
    }
    assert counts("received", "procedure", procedure="adults") == {}
    june = Period(date(2021, 6, 1), date(2021, 6, 30))
    assert year_before(june) == Period(date(2020, 6, 1), date(2020, 6, 30))
    assert counts("received", "team", period=june) == {"Safeguarding": (1, 0)}


def test_a_breakdown_a_measure_cannot_have_is_refused_in_words():
    with pytest.raises(TableError, match="Stages received are stages: they cannot be counted by"):
        count_table(Spec("received", "theme", "", "children", YEAR))
    with pytest.raises(TableError, match="cannot be counted by stage"):
        count_table(Spec("points_raised", "stage", "", "children", YEAR))


def test_the_query_count_does_not_grow_with_the_data():
    spec = Spec("findings", "team", "theme", "", YEAR)
    with CaptureQueriesContext(connection) as few:
        count_table(spec)
    more = LOG.replace("A,", "E,").replace("B,", "F,").replace("C,", "G,").replace("D,", "H,")
    assert run_import([("more.csv", more.encode())]).ok
    with CaptureQueriesContext(connection) as many:
        table = count_table(spec)
    assert table.total == (8, 2)
    assert len(many) == len(few) <= 3


def page(client, **choices):
    values = {"year": 2021, "procedure": "children", **choices}
    return client.get(reverse("reporting:table") + "?" + urlencode(values))


def test_the_page_shows_the_table_and_each_count_lists_the_cases_it_counted(client):
    client.force_login(UserFactory(role="complaints_manager"))
    response = page(client, measure="received", rows="team", columns="stage")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Stages received by team and stage, 2021/22" in body
    grid = response.context["grid"]
    safeguarding = next(row for row in grid.rows if row[0].value == "Safeguarding")
    # Stage 1 this year, last year; Stage 2 this year, last year; the row's totals.
    assert [cell.value for cell in safeguarding[1:]] == [2, 0, 1, 0, 3, 0]
    listed = client.get(safeguarding[1].link)
    assert listed.status_code == 200
    assert [row.reference for row in listed.context["rows"]] == ["C", "D"]
    assert "Back to the table" in listed.content.decode()
    last_year = next(row for row in grid.rows if row[0].value == "Fostering")[2].link
    assert [row.reference for row in client.get(last_year).context["rows"]] == ["A"]


def test_a_breakdown_the_measure_cannot_have_is_an_error_on_the_page(client):
    client.force_login(UserFactory(role="complaints_manager"))
    body = page(client, measure="received", rows="theme").content.decode()
    assert "There is a problem" in body
    assert "they cannot be counted by theme" in body
    body = page(client, measure="received", rows="team", columns="team").content.decode()
    assert "Choose a different breakdown for the columns, or none" in body
    dates = {"first_0": "1", "first_1": "7", "first_2": "2021", "last_0": "", "last_1": ""}
    body = page(client, measure="received", rows="team", **dates).content.decode()
    assert "Enter the date the period ends, or leave both dates blank" in body


def test_excel_and_csv_hold_the_same_counts_and_csv_defuses_formulas(client):
    Team.objects.filter(name="Fostering").update(name="=HYPERLINK(1)")
    client.force_login(UserFactory(role="complaints_manager"))
    choices = {"year": 2021, "procedure": "children", "measure": "received", "rows": "team"}
    query = urlencode(choices)
    csv_body = client.get(reverse("reporting:table_download", args=["csv"]) + "?" + query)
    text = csv_body.content.decode("utf-8-sig")
    assert "'=HYPERLINK(1),2,1" in text
    assert "Safeguarding,3,0" in text
    xlsx = client.get(reverse("reporting:table_download", args=["xlsx"]) + "?" + query)
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    assert ("Safeguarding", 3, 0) in rows
    assert ("=HYPERLINK(1)", 2, 1) in rows
    assert sheet.cell(row=3, column=1).data_type == "s"


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("complaints_manager", True),
        ("complaints_officer", True),
        # Its counts are not checked for small numbers: not for report viewers.
        ("report_viewer", False),
        ("responding_manager", False),
    ],
)
def test_the_table_builder_is_the_complaints_teams(client, role, allowed):
    client.force_login(UserFactory(role=role))
    choices = {"year": 2021, "procedure": "children", "measure": "received", "rows": "team"}
    cases = {**choices, "row": Team.objects.get(name="Safeguarding").pk}
    for url in (
        reverse("reporting:table") + "?" + urlencode(choices),
        reverse("reporting:table_download", args=["csv"]) + "?" + urlencode(choices),
        reverse("reporting:table_cases") + "?" + urlencode(cases),
    ):
        assert client.get(url).status_code == (200 if allowed else 403)
    menu = client.get(reverse("reporting:menu")).content.decode()
    assert ("Build a table" in menu) == allowed
