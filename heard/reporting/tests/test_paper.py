"""The committee paper's screens, from an empty database through the screens: the council's
template (headings, order, its own heading, the cover) and one report's words."""

from __future__ import annotations

import io
import json
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from docx import Document as WordDocument

from heard.accounts.tests.factories import UserFactory
from heard.complaints.tests import factories as f
from heard.compliments.models import Compliment, Giver
from heard.reporting.models import PaperTemplate, ReportText
from heard.reporting.paper import default_parts

pytestmark = pytest.mark.django_db

QUERY = "?year=2024&procedure=children"
PAPER = "?procedure=children&kind=annual"
#: The smallest PNG: a logo the cover can carry.
PNG = bytes.fromhex(
    "89504E470D0A1A0A0000000D49484452000000010000000108060000001F15C4890000000A49444154789C63"
    "000100000500010D0A2DB40000000049454E44AE426082"
)


def posted(form: Any) -> dict[str, Any]:
    """What a browser would send back from the form as it is shown."""
    data: dict[str, Any] = {}
    for field in form:
        value = field.value()
        if field.name == "meeting_on":
            data.update({f"meeting_on_{i}": "" for i in range(3)})
        elif isinstance(value, list):
            data[field.name] = value
        else:
            data[field.name] = value or ""
    return data


def rows_posted(formset: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        f"parts-{key}": value for key, value in formset.management_form.initial.items()
    }
    for n, row in enumerate(formset.initial):
        data[f"parts-{n}-key"] = row["key"]
        data[f"parts-{n}-heading"] = row["heading"]
        data[f"parts-{n}-order"] = row["order"] or ""
        if row["included"]:
            data[f"parts-{n}-included"] = "on"
    return data


@pytest.fixture
def manager(client):
    client.force_login(UserFactory(role="complaints_manager"))
    return client


def test_the_paper_starts_from_heards_parts_and_the_manager_reorders_renames_and_adds_one(
    manager,
):
    page = manager.get(reverse("reporting:template") + PAPER)
    assert page.status_code == 200
    data = rows_posted(page.context["parts"])
    data |= {"committee": "Children and Families Overview and Scrutiny Committee", "report_of": ""}
    # Rename the background, put the conclusions first, and add a heading of the council's own.
    headings = [data[f"parts-{n}-heading"] for n in range(len(page.context["parts"].initial))]
    background = headings.index("Background")
    conclusions = headings.index("Conclusions")
    data[f"parts-{background}-heading"] = "Who we are"
    data[f"parts-{conclusions}-order"] = "0.5"  # not a whole number: refused
    response = manager.post(reverse("reporting:template") + PAPER, data)
    assert response.status_code == 200
    assert "Enter the order as a whole number, like 3" in response.content.decode()
    assert not PaperTemplate.objects.exists()

    data[f"parts-{conclusions}-order"] = "1"
    data["parts-0-order"] = "2"  # the purpose, now second (a tie keeps the order shown)
    own = len(headings) - 2  # the first blank row
    data[f"parts-{own}-heading"] = "Equality and human rights implications"
    data[f"parts-{own}-order"] = "99"
    data[f"parts-{own}-included"] = "on"
    response = manager.post(reverse("reporting:template") + PAPER, data)
    assert response.status_code == 302
    paper = PaperTemplate.objects.get()
    keys = [part["key"] for part in paper.parts]
    assert keys[0] == "conclusions"
    assert keys[-1] == "own-equality-and-human-rights-implications"
    assert {"key": "background", "heading": "Who we are"} in paper.parts
    assert paper.committee == "Children and Families Overview and Scrutiny Committee"

    f.Stage1RespondedFactory(received_on=date(2024, 5, 1))
    report = manager.get(reverse("reporting:download", args=["json"]) + QUERY)
    parts = json.loads(report.content)["paper"]["parts"]
    assert [p["heading"] for p in parts][:2] == ["Conclusions", "Purpose of the report"]
    assert parts[-1] == {
        "key": "own-equality-and-human-rights-implications",
        "heading": "Equality and human rights implications",
        "words": "",
        "edited": False,
    }


def test_a_part_left_out_is_not_printed_and_can_be_put_back(manager):
    page = manager.get(reverse("reporting:template") + PAPER)
    data = rows_posted(page.context["parts"]) | {"committee": "", "report_of": ""}
    key_messages = next(
        n for n, row in enumerate(page.context["parts"].initial) if row["key"] == "key_messages"
    )
    del data[f"parts-{key_messages}-included"]
    assert manager.post(reverse("reporting:template") + PAPER, data).status_code == 302
    keys = [part["key"] for part in PaperTemplate.objects.get().parts]
    assert "key_messages" not in keys
    again = manager.get(reverse("reporting:template") + PAPER).context["parts"].initial
    offered = [row for row in again if row["key"] == "key_messages"]
    assert offered == [
        {"key": "key_messages", "heading": "Key messages", "order": None, "included": False}
    ]


def test_the_cover_carries_a_png_logo_and_refuses_anything_else(manager):
    page = manager.get(reverse("reporting:template") + PAPER)
    data = rows_posted(page.context["parts"]) | {"committee": "", "report_of": ""}
    bad = manager.post(
        reverse("reporting:template") + PAPER,
        data | {"logo": SimpleUploadedFile("logo.gif", b"GIF89a...", "image/gif")},
    )
    assert "The logo must be a PNG or JPEG file" in bad.content.decode()
    broken = manager.post(
        reverse("reporting:template") + PAPER,
        data | {"logo": SimpleUploadedFile("logo.png", PNG[:12], "image/png")},
    )
    assert "The logo could not be read as an image" in broken.content.decode()
    assert not PaperTemplate.objects.exists()
    good = manager.post(
        reverse("reporting:template") + PAPER,
        data | {"logo": SimpleUploadedFile("logo.png", PNG, "image/png")},
    )
    assert good.status_code == 302
    assert PaperTemplate.objects.get().logo_type == "image/png"
    f.Stage1RespondedFactory(received_on=date(2024, 5, 1))
    html = manager.get(reverse("reporting:download", args=["html"]) + QUERY).content.decode()
    assert 'src="data:image/png;base64,' in html
    assert "Example Borough Council logo" in html
    word = WordDocument(
        io.BytesIO(manager.get(reverse("reporting:download", args=["docx"]) + QUERY).content)
    )
    alts = [shape._inline.docPr.get("descr") for shape in word.inline_shapes]
    assert alts[0] == "Example Borough Council logo"


def test_the_words_start_as_heards_and_only_a_changed_part_is_kept(manager):
    f.Stage1RespondedFactory(received_on=date(2024, 5, 1))
    form = manager.get(reverse("reporting:edit") + QUERY).context["form"]
    data = posted(form)
    assert data["part_purpose"].startswith("The purpose of this report is to present")
    assert "2006" in data["part_policy"]
    data["part_conclusions"] = "A good year.\n\n- Keep going"
    data |= {"meeting_on_0": "7", "meeting_on_1": "11", "meeting_on_2": "2025"}
    assert manager.post(reverse("reporting:edit") + QUERY, data).status_code == 302
    text = ReportText.objects.get()
    assert text.words == {"conclusions": "A good year.\n\n- Keep going"}
    assert text.meeting_on.isoformat() == "2025-11-07"
    pdf_html = manager.get(reverse("reporting:download", args=["html"]) + QUERY).content.decode()
    assert "7 November 2025" in pdf_html
    assert "A good year." in pdf_html

    # Emptying the box hands the part back to the figures.
    data["part_conclusions"] = ""
    manager.post(reverse("reporting:edit") + QUERY, data)
    assert ReportText.objects.get().words == {}


def test_the_manager_picks_the_compliments_to_quote(manager):
    team = f.TeamFactory(service="children")
    said = ["Thank you for listening.", "Kind and quick.", "Kind and quick."]
    for n in range(len(said)):
        Compliment.log(
            by=None,
            received_on=date(2024, 6, 1 + n),
            team=team,
            giver=Giver.values[0],
            summary="Compliment",
            consent_to_publish=True,
        )
    Compliment.objects.update(quote_reviewed_at=timezone.now())
    for n, compliment in enumerate(Compliment.objects.order_by("received_on")):
        compliment.published_quote = said[n]
        compliment.save(update_fields=["published_quote"])
    page = manager.get(reverse("reporting:edit") + QUERY)
    assert [c for c, _ in page.context["form"].fields["quotes"].choices] == [
        "Thank you for listening.",
        "Kind and quick.",
    ]
    # Nothing chosen yet: the paper quotes the first few, each once.
    html = manager.get(reverse("reporting:download", args=["html"]) + QUERY).content.decode()
    assert html.count("“Kind and quick.”") == 1
    data = posted(page.context["form"]) | {"quotes": ["Kind and quick."]}
    assert manager.post(reverse("reporting:edit") + QUERY, data).status_code == 302
    html = manager.get(reverse("reporting:download", args=["html"]) + QUERY).content.decode()
    assert "“Kind and quick.”" in html
    assert "Thank you for listening." not in html
    # A quote that may no longer be published drops out, though it was chosen.
    Compliment.objects.filter(published_quote="Kind and quick.").update(consent_to_publish=False)
    html = manager.get(reverse("reporting:download", args=["html"]) + QUERY).content.decode()
    assert "Kind and quick." not in html


@pytest.mark.parametrize("role", ["complaints_officer", "responding_manager", "report_viewer"])
def test_only_the_complaints_manager_may_change_the_paper(client, role):
    client.force_login(UserFactory(role=role))
    for url in (reverse("reporting:template") + PAPER, reverse("reporting:edit") + QUERY):
        assert client.get(url).status_code in (403, 404)
        assert client.post(url, {"committee": "Taken over"}).status_code in (403, 404)
    assert not PaperTemplate.objects.exists()
    assert not ReportText.objects.exists()


def test_a_part_key_the_procedure_does_not_offer_becomes_the_councils_own(manager):
    page = manager.get(reverse("reporting:template") + PAPER)
    data = rows_posted(page.context["parts"]) | {"committee": "", "report_of": ""}
    data["parts-0-key"] = "code"  # the corporate Code's part, posted on the children's paper
    assert manager.post(reverse("reporting:template") + PAPER, data).status_code == 302
    keys = [part["key"] for part in PaperTemplate.objects.get().parts]
    assert "code" not in keys
    assert keys[0] == "own-purpose-of-the-report"
    assert len(keys) == len(default_parts("children", "annual"))


def test_the_paper_screen_links_from_the_report(manager):
    f.Stage1RespondedFactory(received_on=date(2024, 5, 1))
    html = manager.get(reverse("reporting:report") + QUERY).content.decode()
    assert "Change the paper's headings" in html
