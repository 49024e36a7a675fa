"""The corporate and adult reports as papers too: each states its own law or code, and the
corporate one adds the Complaint Handling Code's annual report: the self-assessment (edited on
screen), the complaints refused and why, the service improvements, and the governing body's
response."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.urls import reverse
from docx import Document as WordDocument

from heard.accounts.tests.factories import UserFactory
from heard.complaints.choices import NotAcceptedReason
from heard.complaints.tests import factories as f
from heard.core.tests.factories import TeamFactory
from heard.reporting.models import ReportText
from heard.reporting.periods import Period
from heard.reporting.renderers import RENDERERS
from heard.reporting.report import build
from heard.reporting.tests.test_outputs import SEED_HEADINGS, in_order

pytestmark = pytest.mark.django_db

YEAR = Period.financial_year(2024)
CORPORATE = "?year=2024&procedure=corporate"


def complaints(procedure: str) -> None:
    """A year's complaints: one answered, with a learning action done; one refused."""
    team = TeamFactory(service=procedure)
    answered = f.Stage1RespondedFactory.create(
        received_on=date(2024, 5, 1), team=team, procedure=procedure
    )
    action = f.raise_learning_action(
        answered, date(2024, 5, 20), description="Publish bin collection changes a week ahead"
    )
    action.complete(by=None, on=date(2024, 6, 3))
    refused = f.Stage1OpenFactory.create(
        received_on=date(2024, 7, 1), team=team, procedure=procedure
    )
    refused.active_stage.not_accept(
        by=None, on=date(2024, 7, 2), reason=NotAcceptedReason.OTHER_PROCEDURE
    )


def paper(procedure: str) -> dict[str, str]:
    data = json.loads(RENDERERS["json"].render(build(procedure, YEAR)))
    return {part["key"]: part["words"] for part in data["paper"]["parts"]}


def test_the_corporate_paper_adds_the_codes_parts_and_words_from_the_cases():
    complaints("corporate")
    parts = paper("corporate")
    assert "Complaint Handling Code" in parts["policy"]
    assert list(parts).index("code") > list(parts).index("actions")
    assert "1 complaint was not accepted in 2024/25, for these reasons:" in parts["refused"]
    assert "- Belongs to another procedure: 1" in parts["refused"]
    assert "Publish bin collection changes a week ahead" in parts["improvements"]
    assert "done June 2024" in parts["improvements"]
    assert "response to this report will be recorded here" in parts["response"]
    assert "No self-assessment against the Code has been recorded" in parts["code"]


def test_the_adult_paper_states_the_2009_regulations_and_has_no_code_parts():
    complaints("adults")
    parts = paper("adults")
    assert "(England) Regulations 2009" in parts["policy"]
    assert "regulation 18" in parts["policy"]
    assert not {"code", "refused", "improvements", "response"} & set(parts)
    word = WordDocument(io.BytesIO(RENDERERS["docx"].render(build("adults", YEAR))))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert in_order(headings, SEED_HEADINGS) == []


def test_the_children_paper_has_no_code_parts():
    complaints("children")
    assert not {"code", "refused", "improvements", "response"} & set(paper("children"))


def test_the_manager_records_the_self_assessment_and_the_paper_prints_it(client):
    complaints("corporate")
    client.force_login(UserFactory(role="complaints_manager"))
    page = client.get(reverse("reporting:assessment") + CORPORATE)
    assert page.status_code == 200
    rows = page.context["rows"]
    data = {f"areas-{k}": v for k, v in rows.management_form.initial.items()}
    for n, row in enumerate(rows.initial):
        data |= {
            f"areas-{n}-area": row["area"],
            f"areas-{n}-meets": "yes",
            f"areas-{n}-evidence": "Policy published",
            f"areas-{n}-short": "",
        }
    last = len(rows.initial) - 1  # the blank row for an area of the council's own
    data |= {f"areas-{last}-area": "", f"areas-{last}-meets": "", f"areas-{last}-evidence": ""}
    data["areas-1-meets"] = "partly"
    refused = client.post(reverse("reporting:assessment") + CORPORATE, data)
    assert refused.status_code == 200
    assert "Say where the council falls short of this area" in refused.content.decode()
    assert not ReportText.objects.exists()

    data["areas-1-short"] = "Refusal letters do not yet name the Ombudsman; from April they will"
    assert client.post(reverse("reporting:assessment") + CORPORATE, data).status_code == 302
    saved = ReportText.objects.get().assessment
    assert len(saved) == last
    assert saved[1]["meets"] == "partly"

    parts = paper("corporate")
    assert "it meets 7 in full, 1 in part and does not yet meet 0" in parts["code"]
    html = client.get(reverse("reporting:download", args=["html"]) + CORPORATE).content.decode()
    assert "Self-assessment against the Complaint Handling Code" in html
    assert "Refusal letters do not yet name the Ombudsman" in html
    report = client.get(reverse("reporting:report") + CORPORATE).content.decode()
    assert "Self-assessment against the Code" in report


def test_only_the_corporate_annual_report_has_a_self_assessment(client):
    client.force_login(UserFactory(role="complaints_manager"))
    url = reverse("reporting:assessment")
    assert client.get(url + "?year=2024&procedure=children").status_code == 404
    assert client.get(url + "?year=2024&quarter=2&procedure=corporate").status_code == 404


@pytest.mark.parametrize("role", ["complaints_officer", "report_viewer"])
def test_only_the_complaints_manager_records_the_self_assessment(client, role):
    client.force_login(UserFactory(role=role))
    url = reverse("reporting:assessment") + CORPORATE
    assert client.get(url).status_code in (403, 404)
    assert client.post(url, {"areas-TOTAL_FORMS": "0"}).status_code in (403, 404)
    assert not ReportText.objects.exists()


def test_the_papers_queries_do_not_grow_with_the_cases():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    complaints("corporate")
    with CaptureQueriesContext(connection) as few:
        build("corporate", YEAR)
    for _ in range(3):
        complaints("corporate")
    with CaptureQueriesContext(connection) as many:
        report = build("corporate", YEAR)
    assert len(many) == len(few)
    assert len(report.paper.learning) == 4
