"""Figures councils publish beyond the flow (issue 22): stages received from earlier years,
responses with mixed findings, points raised and findings by theme, the Stage 3 panel held
in time, and Ombudsman cases by how far their complaint went. Each drills down to its cases."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from heard.accounts.tests.factories import UserFactory
from heard.imports.service import run_import
from heard.reporting.figures import compute
from heard.reporting.periods import Period
from heard.workdays import add_working_days

pytestmark = pytest.mark.django_db
YEAR = Period.financial_year(2021)
LOG = """\
reference,stage,received,ended,outcome,themes,team,relationship,panel held
A,1,2021-03-20,2021-03-30,Upheld,Delay,Fostering,Parent,
A,2,2021-04-12,,,,,,
B,1,2021-05-04,2021-05-10,Partially upheld,Delay=upheld; Communication=not upheld,Fostering,Parent,
C,1,2021-05-04,2021-05-10,Upheld,Delay=upheld; Communication=upheld,Fostering,Parent,
D,1,2021-04-06,2021-04-20,Upheld,Delay,Fostering,Parent,
D,2,2021-04-27,2021-06-01,Upheld,Delay,,,
D,3,2021-06-07,,,,,,{in_time}
E,1,2021-04-06,2021-04-20,Upheld,Delay,Fostering,Parent,
E,2,2021-04-27,2021-06-01,Upheld,Delay,,,
E,3,2021-06-07,,,,,,{late}
"""
OMBUDSMAN = """\
ombudsman reference,complaint reference,area,received,reply due
21 000 001,D,,2021-09-01,2021-09-29
21 000 002,,children's social care,2021-09-02,2021-09-30
"""


@pytest.fixture(autouse=True)
def _logs():
    # The panel must meet within 30 working days of the request (regulation 19).
    held = {
        "in_time": add_working_days(date(2021, 6, 7), 30).isoformat(),
        "late": add_working_days(date(2021, 6, 7), 31).isoformat(),
    }
    log = LOG.format(**held)
    result = run_import([("log.csv", log.encode()), ("lgo.csv", OMBUDSMAN.encode())])
    assert result.ok, [str(p) for p in result.problems]


def test_each_new_figure_counts_what_its_definition_says():
    figures = compute("children", YEAR)
    c = figures.complaints
    # A's Stage 2 is received this year; A itself was received last year.
    assert [c.stages[n].from_earlier_years for n in "123"] == [0, 1, 0]
    # B's two points had different findings; C's, D's and E's did not.
    assert c.stages["1"].mixed_findings == 1
    # The points on the complaints received this year (B, C, D, E), by theme.
    assert c.points_raised == {"Delay": 4, "Communication": 2}
    delay = c.stages["1"].themes["Delay"].findings
    communication = c.stages["1"].themes["Communication"].findings
    assert (delay["upheld"], communication["upheld"], communication["not_upheld"]) == (4, 1, 1)
    # D's panel met on the 30th working day after the request, E's on the 31st.
    assert (c.panel_held_in_time.numerator, c.panel_held_in_time.denominator) == (1, 2)
    assert figures.ombudsman.received_by_stage_reached == {
        "1": 0,
        "2": 0,
        "3": 1,
        "not_recorded": 1,
    }


@pytest.mark.parametrize(
    ("figure", "listed", "left_out"),
    [
        ("stage.2.from_earlier_years", ["A"], ["D", "E"]),
        ("stage.1.mixed_findings", ["B"], ["C"]),
        ("stage.3.panel_held_in_time", ["D"], ["E"]),
        ("complaints.points_raised.Communication", ["B", "C"], ["D"]),
    ],
)
def test_each_new_figure_drills_down_to_the_cases_it_counted(client, figure, listed, left_out):
    client.force_login(UserFactory(role="complaints_manager"))
    url = reverse("reporting:cases") + f"?year=2021&procedure=children&figure={figure}"
    response = client.get(url)
    assert response.status_code == 200
    references = {row.reference for row in response.context["rows"]}
    assert set(listed) <= references
    assert not references & set(left_out)


def test_complaints_are_counted_by_their_teams_service_area_and_drill_down(client):
    from heard.core.models import Team

    extra = (
        "reference,stage,received,team,service area,relationship\n"
        "F,1,2021-06-01,Safeguarding,,Parent\n"
    )
    assert run_import([("more.csv", extra.encode())]).ok
    Team.objects.filter(name="Fostering").update(service_area="Children in care")
    c = compute("children", YEAR).complaints
    # B, C, D and E this year (A was received last year); F's team has no area.
    assert c.service_areas == {"Children in care": 4, "Not recorded": 1}
    client.force_login(UserFactory(role="complaints_manager"))
    for area, listed in (("Children in care", {"B", "C", "D", "E"}), ("Not recorded", {"F"})):
        url = (
            reverse("reporting:cases")
            + "?"
            + urlencode(
                {"year": 2021, "procedure": "children", "figure": f"complaints.service_area.{area}"}
            )
        )
        assert {row.reference for row in client.get(url).context["rows"]} == listed
