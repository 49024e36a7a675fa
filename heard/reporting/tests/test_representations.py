"""Enquiries and other representations in a procedure's report: by kind, with last year's,
each count linked to its cases, and replies within the target."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from heard.accounts.tests.factories import UserFactory
from heard.core.models import Service
from heard.core.tests.factories import TeamFactory
from heard.enquiries.models import Enquiry, RepresentationKind
from heard.reporting.comparison import compare
from heard.reporting.figures import compute
from heard.reporting.periods import Period

pytestmark = pytest.mark.django_db
YEAR = Period.financial_year(2021)


def log(kind, received, team, **fields):
    member = {"member_kind": "mp", "member_name": "Jo Smith MP"}
    return Enquiry.log(
        by=None,
        received_on=received,
        kind=kind,
        team=team,
        summary=f"A {kind}",
        **(member if kind == RepresentationKind.MEMBER_ENQUIRY else {}),
        **fields,
    )


def test_each_kind_is_counted_in_its_procedures_report_beside_last_years(client):
    fostering = TeamFactory(name="Fostering")
    home_care = TeamFactory(name="Home care", service=Service.ADULTS)
    concern = log(RepresentationKind.CONCERN, date(2021, 5, 4), fostering)
    log(RepresentationKind.CONCERN, date(2021, 6, 1), fostering)
    log(RepresentationKind.PROFESSIONAL, date(2021, 6, 2), fostering)
    log(RepresentationKind.MEMBER_ENQUIRY, date(2020, 6, 2), fostering)  # last year
    log(RepresentationKind.COMMENT, date(2021, 6, 2), home_care)  # the adults' report
    # A reply on day 10 is in time; on day 11 it is late (10 working days is the target).
    concern.respond(by=None, on=date(2021, 5, 18))
    Enquiry.objects.get(kind=RepresentationKind.PROFESSIONAL).respond(by=None, on=date(2021, 6, 17))

    children = compute("children", YEAR).representations
    assert children.received == 3
    assert children.by_kind == {
        "member_enquiry": 0,
        "enquiry": 0,
        "concern": 2,
        "comment": 0,
        "professional_complaint": 1,
    }
    assert (children.responded_in_time.numerator, children.responded_in_time.denominator) == (
        1,
        2,
    )
    assert compute("adults", YEAR).representations.by_kind["comment"] == 1
    tree = compare(compute("children", YEAR), compute("children", YEAR.previous()))
    member = tree["representations"]["by_kind"]["member_enquiry"]
    assert (member["value"], member["previous"]) == (0, 1)

    client.force_login(UserFactory(role="complaints_manager"))
    report = client.get(reverse("reporting:report") + "?year=2021&procedure=children")
    html = report.content.decode()
    assert "Enquiries and other representations received, by kind" in html
    assert "figure=representations.kind_concern" in html
    drill = client.get(
        reverse("reporting:cases")
        + "?year=2021&procedure=children&figure=representations.kind_concern"
    ).content.decode()
    assert concern.reference in drill
    assert Enquiry.objects.get(kind=RepresentationKind.PROFESSIONAL).reference not in drill
