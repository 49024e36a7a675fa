"""The complaints manager's words, and published versions that later corrections leave alone."""

from __future__ import annotations

import io
import json

import pytest
from django.urls import reverse
from docx import Document as WordDocument

from heard.accounts.tests.factories import UserFactory
from heard.complaints.choices import StageStatus
from heard.complaints.models import Stage
from heard.imports.service import run_import
from heard.reporting.models import PublishedReport, ReportText
from heard.reporting.tests.test_paper import posted

pytestmark = pytest.mark.django_db

HEAD = "reference,stage,received,ended,outcome,themes,team,relationship\n"
QUERY = "?year=2021&procedure=children"


@pytest.fixture
def manager_client(client):
    client.force_login(UserFactory(role="complaints_manager"))
    assert run_import(
        [("log.csv", (HEAD + "A,1,2021-05-04,2021-05-10,Upheld,Delay,Fostering,Parent\n").encode())]
    ).ok
    return client


def test_the_managers_words_appear_in_the_report_and_its_word_edition(manager_client):
    data = posted(manager_client.get(reverse("reporting:edit") + QUERY).context["form"])
    data.update(
        {
            "part_background": "This report covers the year.",
            "part_themes": "- Timeliness of conference papers\n- Contacting social workers",
            "part_actions": "Improve case recording.",
        }
    )
    response = manager_client.post(reverse("reporting:edit") + QUERY, data)
    assert response.status_code == 302
    text = ReportText.objects.get()
    assert (text.kind, text.first.isoformat()) == ("annual", "2021-04-01")
    # Only the parts the manager changed are kept: the rest go on following the figures.
    assert set(text.words) == {"background", "themes", "actions"}
    html = manager_client.get(reverse("reporting:report") + QUERY).content.decode()
    assert "This report covers the year." in html
    assert "<li>Timeliness of conference papers</li>" in html
    word = manager_client.get(reverse("reporting:download", args=["docx"]) + QUERY)
    paragraphs = [p.text for p in WordDocument(io.BytesIO(word.content)).paragraphs]
    assert "Contacting social workers" in paragraphs
    assert any(p.endswith("Improve case recording.") for p in paragraphs)


def test_a_published_version_keeps_its_figures_after_a_correction(manager_client):
    response = manager_client.post(reverse("reporting:publish") + QUERY)
    assert response.status_code == 302
    first = PublishedReport.objects.get()
    assert first.version == 1
    assert bytes(first.pdf).startswith(b"%PDF-")
    assert first.data["figures"]["complaints"]["received"]["value"] == 1

    # A complaint logged late: the live report changes, the published one does not.
    late = HEAD + "B,1,2021-06-04,2021-06-10,Not upheld,Delay,Fostering,Parent\n"
    assert run_import([("late.csv", late.encode())]).ok
    live = manager_client.get(reverse("reporting:download", args=["json"]) + QUERY)
    assert json.loads(live.content)["figures"]["complaints"]["received"]["value"] == 2
    frozen = manager_client.get(reverse("reporting:published", args=[first.pk, "json"]))
    assert json.loads(frozen.content)["figures"]["complaints"]["received"]["value"] == 1

    manager_client.post(reverse("reporting:publish") + QUERY)
    versions = list(PublishedReport.objects.order_by("version").values_list("version", flat=True))
    assert versions == [1, 2]
    page = manager_client.get(reverse("reporting:report") + QUERY).content.decode()
    assert "Version 1, published" in page
    assert "Version 2, published" in page


def test_a_report_that_does_not_reconcile_cannot_be_published(manager_client):
    Stage.objects.update(status=StageStatus.RESPONDED, ended_on=None)
    response = manager_client.post(reverse("reporting:publish") + QUERY, follow=True)
    assert not PublishedReport.objects.exists()
    assert "The figures do not reconcile, so the report cannot be published" in (
        response.content.decode()
    )


@pytest.mark.parametrize("role", ["complaints_officer", "report_viewer"])
def test_only_the_complaints_manager_writes_and_publishes(client, role):
    client.force_login(UserFactory(role=role))
    assert client.get(reverse("reporting:edit") + QUERY).status_code == 403
    assert client.post(reverse("reporting:publish") + QUERY).status_code == 403
