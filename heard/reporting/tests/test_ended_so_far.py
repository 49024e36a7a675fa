"""The year's complaints by how they have ended so far (issue 22): by whether the
complainant is the child and by relationship (counts of people, withheld when small, like
the rest), and by team (exact); each drills down to its complaints."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from heard.accounts.tests.factories import UserFactory
from heard.imports.service import run_import
from heard.reporting.figures import compute
from heard.reporting.periods import Period
from heard.reporting.report import build

pytestmark = pytest.mark.django_db
YEAR = Period.financial_year(2021)


@pytest.fixture(autouse=True)
def _log():
    rows = ["reference,stage,received,ended,outcome,team,relationship"]
    # Five parents' complaints responded to and one withdrawn (Fostering); six from children,
    # still open (Leaving care); one from a foster carer resolved by ADR.
    rows += [f"P-{n},1,2021-05-0{n},2021-05-2{n},Upheld,Fostering,Parent" for n in range(1, 6)]
    rows += ["W-1,1,2021-06-01,2021-06-03,Withdrawn,Fostering,Parent"]
    rows += [f"C-{n},1,2021-07-0{n},,,Leaving care,Child" for n in range(1, 7)]
    rows += ["F-1,1,2021-08-02,2021-08-10,ADR,Fostering,Foster carer"]
    result = run_import([("log.csv", ("\n".join(rows) + "\n").encode())])
    assert result.ok, [str(p) for p in result.problems]


def test_counts_by_how_they_have_ended_withheld_when_small_and_exact_by_team():
    e = compute("children", YEAR).complaints.ended_so_far
    assert e.by_team["Fostering"] == {
        "responded": 5,
        "resolved_by_adr": 1,
        "withdrawn": 1,
        "not_accepted": 0,
        "open": 0,
    }
    assert e.by_team["Leaving care"]["open"] == 6
    child, adult = e.by_child["child"], e.by_child["adult"]
    assert (child["open"].count, child["open"].suppressed) == (6, False)
    assert (adult["responded"].count, adult["responded"].suppressed) == (5, False)
    # One withdrawn and one by ADR: counts of 1 are withheld.
    assert adult["withdrawn"].suppressed
    assert adult["resolved_by_adr"].suppressed
    parent = e.by_relationship["parent"]
    assert parent["responded"].count == 5
    assert not parent["responded"].suppressed
    assert parent["withdrawn"].suppressed
    assert e.by_relationship["foster_carer"]["resolved_by_adr"].suppressed


def test_the_report_has_the_tables_and_a_withheld_count_says_so(client):
    document = build("children", YEAR)
    data = document.data()["figures"]["complaints"]["ended_so_far"]
    assert data["by_child"]["adult"]["withdrawn"]["value"] is None
    assert data["by_team"]["Fostering"]["responded"]["value"] == 5
    client.force_login(UserFactory(role="complaints_manager"))
    page = client.get(
        reverse("reporting:report") + "?" + urlencode({"year": 2021, "procedure": "children"})
    ).content.decode()
    assert "complaints have ended so far" in page
    assert "by how they have ended so far, by who complained" in page


@pytest.mark.parametrize(
    ("figure", "listed"),
    [
        ("complaints.ended.team.Fostering.responded", {f"P-{n}" for n in range(1, 6)}),
        ("complaints.ended.child.child.open", {f"C-{n}" for n in range(1, 7)}),
        ("complaints.ended.child.adult.withdrawn", {"W-1"}),
        ("complaints.ended.relationship.foster_carer.resolved_by_adr", {"F-1"}),
    ],
)
def test_each_count_drills_down_to_its_complaints(client, figure, listed):
    client.force_login(UserFactory(role="complaints_manager"))
    query = urlencode({"year": 2021, "procedure": "children", "figure": figure})
    rows = client.get(reverse("reporting:cases") + "?" + query).context["rows"]
    assert {row.reference for row in rows} == listed
