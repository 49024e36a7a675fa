"""The whole council's casework: each procedure's figures side by side and the council's
total, counted once."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from heard.accounts.tests.factories import UserFactory
from heard.complaints.choices import CostKind, Procedure
from heard.complaints.tests.factories import Stage1OpenFactory
from heard.compliments.models import Compliment
from heard.core.models import Service
from heard.core.tests.factories import TeamFactory
from heard.enquiries.models import Enquiry
from heard.ombudsman.models import Area, OmbudsmanCase
from heard.reporting.council import council_figures
from heard.reporting.periods import Period
from heard.sars.models import SubjectAccessRequest

pytestmark = pytest.mark.django_db

YEAR = Period.financial_year(2025)
ON = date(2025, 6, 2)


def casework(officer, teams):
    """One of each kind of case for each service, and a cost on the adult complaint."""
    for service, team in teams.items():
        complaint = Stage1OpenFactory(procedure=service, team=team, received_on=ON)
        Compliment.log(
            by=officer,
            received_on=ON,
            team=team,
            giver="parent",
            summary="Thanks",
            quote="",
            consent_to_publish=False,
        )
        SubjectAccessRequest.log(
            by=officer,
            received_on=ON,
            requester_name="Sam",
            requester_role="self",
            data_subject_name="Sam",
            care_leaver=False,
            service=service,
            records_sought="My file",
        )
        Enquiry.log(
            by=officer,
            received_on=ON,
            member_kind="councillor",
            member_name="Cllr Patel",
            team=team,
            summary="Asked on behalf of a resident",
        )
        if service == Service.ADULTS:
            # No service area given: the case follows its complaint.
            OmbudsmanCase.log(
                by=officer,
                enquiry_received_on=ON,
                reply_due_on=date(2025, 7, 1),
                ombudsman_reference=f"25 000 {OmbudsmanCase.objects.count():03}",
                complaint=complaint,
                team=team,
                summary="Care package",
            )
            complaint.active_stage.add_cost(
                by=officer, kind=CostKind.ADVOCACY, amount=Decimal("120.50"), incurred_on=ON
            )
        if service == Service.CORPORATE:
            # An Ombudsman case about no complaint of ours, in its own service area.
            OmbudsmanCase.log(
                by=officer,
                enquiry_received_on=ON,
                reply_due_on=date(2025, 7, 1),
                ombudsman_reference=f"25 100 {OmbudsmanCase.objects.count():03}",
                area=Area.CORPORATE,
                team=team,
                summary="Parking",
            )


@pytest.fixture
def teams():
    return {
        Service.CHILDREN: TeamFactory(name="Fostering", service=Service.CHILDREN),
        Service.ADULTS: TeamFactory(name="Reablement", service=Service.ADULTS),
        Service.CORPORATE: TeamFactory(name="Parking", service=Service.CORPORATE),
    }


def test_each_case_counts_in_one_procedure_and_once_in_the_councils_total(officer, teams):
    casework(officer, teams)
    casework(officer, {Service.ADULTS: teams[Service.ADULTS]})
    figures = council_figures(YEAR)
    table = {row.label: (*row.by_procedure.values(), row.total) for row in figures.rows}
    assert table == {
        "Complaints received": (1, 2, 1, 4),
        "Compliments received": (1, 2, 1, 4),
        "Subject access requests received": (1, 2, 1, 4),
        "Ombudsman cases received": (0, 2, 1, 3),
        "Enquiries and other representations received": (1, 2, 1, 4),
        "Cost of complaints (investigators, advocacy, panels)": (
            Decimal("0.00"),
            Decimal("241.00"),
            Decimal("0.00"),
            Decimal("241.00"),
        ),
    }
    assert figures.reconciles
    assert [p for p, _ in figures.procedures] == [p.value for p in Procedure]


def test_a_case_no_procedures_report_counts_shows_as_a_difference(officer, teams):
    casework(officer, teams)
    # A team given a service no procedure reports on (as a bad import might leave it).
    teams[Service.CORPORATE].__class__.objects.filter(pk=teams[Service.CORPORATE].pk).update(
        service="housing"
    )
    figures = council_figures(YEAR)
    broken = [row.label for row in figures.rows if not row.check.holds]
    assert broken == ["Compliments received", "Enquiries and other representations received"]
    assert not figures.reconciles


def test_the_number_of_queries_does_not_grow_with_the_cases(officer, teams):
    casework(officer, teams)
    with CaptureQueriesContext(connection) as few:
        council_figures(YEAR)
    for _ in range(3):
        casework(officer, teams)
    with CaptureQueriesContext(connection) as many:
        council_figures(YEAR)
    assert len(many) == len(few)


def test_the_page_shows_the_table_to_report_viewers_and_links_each_report(client, officer, teams):
    casework(officer, teams)
    client.force_login(UserFactory(role="report_viewer"))
    url = reverse("reporting:council") + "?year=2025"
    page = client.get(url).content.decode()
    assert "The whole council's casework, 2025/26" in page
    assert "Whole council" in page
    assert "£120.50" in page
    assert "Every total reconciles" in page
    assert "?year=2025&amp;quarter=&amp;procedure=adults" in page
    assert reverse("reporting:council") in client.get(reverse("reporting:menu")).content.decode()
    client.force_login(UserFactory(role="sar_officer"))
    assert client.get(url).status_code in (403, 404)
