"""Control characters never reach what Heard keeps or makes (issue 19)."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest
from django.urls import reverse

from heard.complaints import letters
from heard.complaints.models import Complaint, LetterKind, LetterTemplate
from heard.complaints.tests import factories as f
from heard.compliments.models import Compliment
from heard.core.text import printable
from heard.reporting.periods import Period
from heard.reporting.renderers import docx as word_report
from heard.reporting.report import build


def test_printable_keeps_tabs_and_line_breaks_in_long_text_and_drops_other_controls():
    assert printable("a\tb\nc\x00d\x07e\x1bf\x7fg\x85h") == "a\tb\ncdefgh"
    assert printable("one\x0btwo\x0cthree") == "one\ntwo\nthree"  # Word's breaks, pasted
    assert printable("Pat\x0bJones\n\tSmith", lines=False) == "Pat Jones Smith"


@pytest.mark.django_db
def test_a_control_character_typed_into_a_form_is_not_kept(client, officer):
    team = f.TeamFactory()
    client.force_login(officer)
    answers = {
        "procedure": "children",
        "received_on_0": "3",
        "received_on_1": "3",
        "received_on_2": "2025",
        "channel": "email",
        "team": team.pk,
        "summary": "Calls\x0bnot returned",
        "description": "First line\x0bsecond line\x07",
        "complainant_name": "Pat\x1b Jones",
        "relationship": "parent",
        "preferred_contact": "letter",
        "child_legal_status": "not_known",
    }
    # A NUL is refused outright (Django's own check), with nothing saved.
    refused = client.post(reverse("complaints:create"), {**answers, "summary": "Calls\x00"})
    assert refused.context["form"].errors["summary"] == ["Null characters are not allowed."]
    assert not Complaint.objects.exists()
    response = client.post(reverse("complaints:create"), answers)
    assert response.status_code == 302, response.context["form"].errors
    complaint = Complaint.objects.get()
    assert complaint.summary == "Calls not returned"
    assert complaint.description == "First line\nsecond line"
    assert complaint.complainant.name == "Pat Jones"


@pytest.mark.django_db
def test_a_vertical_tab_already_stored_still_gives_a_word_report_and_a_letter(officer):
    year = Period.financial_year(2024)
    team = f.TeamFactory(name="Fostering\x0bteam")
    said = "She listened.\x0bAnd she came back."
    compliment = Compliment.objects.create(
        reference="CMP-2024-00001",
        received_on=date(2024, 5, 1),
        team=team,
        giver="parent",
        summary="Thanks",
        quote=said,
        consent_to_publish=True,
    )
    # Approved as stored (as before forms kept control characters out).
    compliment.review_quote(by=officer, words=said, publish=True)
    made = word_report.render(build("children", year))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(made)).paragraphs)
    assert "She listened.\nAnd she came back." in text

    complaint = f.Stage1OpenFactory(complainant__name="Pat\x0bJones")
    template = LetterTemplate.objects.get(procedure="children", kind=LetterKind.ACKNOWLEDGEMENT)
    letter = letters.create_letter(complaint, template, by=officer)
    body = "\n".join(p.text for p in docx.Document(letter.file.open("rb")).paragraphs)
    assert "Dear Pat\nJones" in body


def test_printable_drops_every_character_xml_refuses_and_noncharacters():
    # The probe's two (U+FFFF and U+FFFE passed the filter and broke Word), lone surrogates,
    # and the other noncharacters; ordinary letters beyond the first plane are kept.
    text = "a\uffffb\ufffec\ud800d\ufdd0e\ufdeff\U0001fffeg\U0010ffffh\U0001f600i\ufffdj"
    assert printable(text) == "abcdefgh\U0001f600i\ufffdj"
    assert printable("Pat\uffff Jones", lines=False) == "Pat Jones"


@pytest.mark.django_db
def test_a_noncharacter_already_stored_still_gives_a_word_report_and_a_letter(officer):
    year = Period.financial_year(2024)
    team = f.TeamFactory(name="Fostering\uffff team")
    said = "She listened.\ufffe And she came back."
    compliment = Compliment.objects.create(
        reference="CMP-2024-00001",
        received_on=date(2024, 5, 1),
        team=team,
        giver="parent",
        summary="Thanks",
        quote=said,
        consent_to_publish=True,
    )
    compliment.review_quote(by=officer, words=said, publish=True)
    made = word_report.render(build("children", year))
    document = docx.Document(io.BytesIO(made))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "She listened. And she came back." in text

    complaint = f.Stage1OpenFactory(complainant__name="Pat\ufffe Jones\uffff")
    template = LetterTemplate.objects.get(procedure="children", kind=LetterKind.ACKNOWLEDGEMENT)
    letter = letters.create_letter(complaint, template, by=officer)
    body = "\n".join(p.text for p in docx.Document(letter.file.open("rb")).paragraphs)
    assert "Dear Pat Jones" in body


@pytest.mark.django_db
def test_a_noncharacter_typed_into_a_form_is_not_kept(client, officer):
    team = f.TeamFactory()
    client.force_login(officer)
    response = client.post(
        reverse("complaints:create"),
        {
            "procedure": "children",
            "received_on_0": "3",
            "received_on_1": "3",
            "received_on_2": "2025",
            "channel": "email",
            "team": team.pk,
            "summary": "Calls\uffff not returned",
            "description": "First\ufffe line",
            "complainant_name": "Pat\U0001ffff Jones",
            "relationship": "parent",
            "preferred_contact": "letter",
            "child_legal_status": "not_known",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    complaint = Complaint.objects.get()
    assert (complaint.summary, complaint.description) == ("Calls not returned", "First line")
    assert complaint.complainant.name == "Pat Jones"
