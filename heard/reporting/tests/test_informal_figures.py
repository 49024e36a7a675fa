"""The informal stage's figures (issue 22): received, resolved, withdrawn, taken to Stage 1
and resolved within the target, each drilling down to its cases."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from heard.accounts.tests.factories import UserFactory
from heard.complaints.models import InformalComplaint
from heard.complaints.tests import factories as f
from heard.core.tests.factories import TeamFactory
from heard.reporting.figures import compute
from heard.reporting.periods import Period
from heard.reporting.report import build
from heard.workdays import add_working_days

pytestmark = pytest.mark.django_db
YEAR = Period.financial_year(2025)


@pytest.fixture
def cases(settings):
    settings.HEARD_INFORMAL_STAGE = {"corporate": 10}
    team = TeamFactory(name="Highways", service="corporate")

    def log(received, **fields):
        return InformalComplaint.log(
            by=None,
            procedure="corporate",
            received_on=received,
            complainant_name="A resident",
            team=team,
            summary="Pothole",
            **fields,
        )

    in_time = log(date(2025, 5, 1))
    in_time.resolve(by=None, on=in_time.due_on, note="Filled")
    late = log(date(2025, 6, 2))
    late.resolve(by=None, on=add_working_days(late.due_on, 1), note="Filled late")
    withdrawn = log(date(2025, 7, 1))
    withdrawn.withdraw(by=None, on=date(2025, 7, 3))
    escalated = log(date(2026, 3, 20))
    complaint = f.Stage1OpenFactory(procedure="corporate", received_on=date(2026, 4, 2), team=team)
    escalated.escalate(by=None, complaint=complaint)
    log(date(2024, 5, 1))  # last year's, still open
    return {"in_time": in_time, "late": late, "withdrawn": withdrawn, "escalated": escalated}


def test_each_informal_figure_counts_what_its_definition_says(cases):
    i = compute("corporate", YEAR).informal
    # Received this year: three in 2025/26 and the one escalated in 2026/27 was received in
    # March 2026; it was taken to Stage 1 in April, next year.
    assert (i.received, i.resolved, i.withdrawn, i.escalated) == (4, 2, 1, 0)
    assert (i.resolved_in_time.numerator, i.resolved_in_time.denominator) == (1, 2)
    assert compute("corporate", Period.financial_year(2026)).informal.escalated == 1
    # Another procedure's report counts none of them.
    assert compute("children", YEAR).informal.received == 0


def test_the_report_has_an_informal_section_and_each_count_drills_down(cases, client):
    document = build("corporate", YEAR).data()
    informal = document["figures"]["informal"]
    assert informal["received"]["value"] == 4
    assert informal["received"]["previous"] == 1
    client.force_login(UserFactory(role="complaints_manager"))
    url = reverse("reporting:report") + "?" + urlencode({"year": 2025, "procedure": "corporate"})
    assert (
        "Informal complaints (early resolution before Stage 1)" in client.get(url).content.decode()
    )
    for figure, listed in (
        ("informal.resolved", {cases["in_time"], cases["late"]}),
        ("informal.resolved_in_time", {cases["in_time"]}),
        ("informal.withdrawn", {cases["withdrawn"]}),
    ):
        query = urlencode({"year": 2025, "procedure": "corporate", "figure": figure})
        rows = client.get(reverse("reporting:cases") + "?" + query).context["rows"]
        assert {row.reference for row in rows} == {i.reference for i in listed}
