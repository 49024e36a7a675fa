"""Notes and a contact log on every case type with a timeline (heard.core.notes): added on a
screen, kept as an event that says what it was, refused in words when the date or the kind is
wrong, and only by someone who may change the case."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from heard.accounts.tests.factories import UserFactory
from heard.complaints.tests import factories as f
from heard.complaints.tests.test_informal import log as log_informal
from heard.core.events import AppendOnlyError
from heard.enquiries.tests.test_enquiries import make as make_enquiry
from heard.ombudsman.tests.test_ombudsman import make as make_ombudsman
from heard.sars.tests.test_sars import make as make_sar

pytestmark = pytest.mark.django_db

TODAY = date(2026, 7, 1)

#: Each case type: how to make one, its note page and its case page.
CASES = {
    "complaint": (
        lambda: f.Stage1RespondedFactory.create(),
        "complaints:note",
        "complaints:detail",
    ),
    "informal": (lambda: log_informal(), "complaints:note_informal", "complaints:informal"),
    "sar": (lambda: make_sar(), "sars:note", "sars:detail"),
    "ombudsman": (lambda: make_ombudsman(), "ombudsman:note", "ombudsman:detail"),
    "enquiry": (lambda: make_enquiry(), "enquiries:note", "enquiries:detail"),
}


def timeline(case) -> str:
    return reverse("complaints:section", args=[case.reference, "timeline"])


def posted(**fields: str) -> dict[str, str]:
    return {
        "kind": "phone",
        "direction": "in",
        "with_whom": "the complainant",
        "on_0": "30",
        "on_1": "6",
        "on_2": "2026",
        "words": "Rang to ask when the response is due; told 14 July.",
        **fields,
    }


@pytest.fixture(autouse=True)
def informal_stage(settings):
    settings.HEARD_INFORMAL_STAGE = {"corporate": 10}


@pytest.fixture
def officer(client):
    client.force_login(UserFactory(role="complaints_officer"))
    return client


@pytest.mark.parametrize("kind", list(CASES))
@time_machine.travel(TODAY, tick=False)
def test_an_officer_logs_a_phone_call_and_it_is_on_the_timeline(officer, kind):
    make, note, detail = CASES[kind]
    case = make()
    url = reverse(note, args=[case.reference])
    page = officer.get(url)
    assert page.status_code == 200
    # The date starts as today.
    assert page.context["form"]["on"].value() == [1, 7, 2026]
    response = officer.post(url, posted())
    assert response.status_code == 302
    event = case.events.get(action="note")
    assert event.label == "Phone call logged: from the complainant"
    assert event.effective_on == date(2026, 6, 30)
    assert event.reason == "Rang to ask when the response is due; told 14 July."
    # The case page, or the complaint's timeline, where a complaint's note lands.
    assert response.url in (reverse(detail, args=[case.reference]), timeline(case))
    html = officer.get(response.url).content.decode()
    assert "Phone call logged: from the complainant" in html
    assert "told 14 July" in html
    assert "Add a note or log a contact" in html
    with pytest.raises(AppendOnlyError):
        event.save()


@time_machine.travel(TODAY, tick=False)
def test_a_note_may_be_added_to_a_closed_complaint(officer):
    complaint = f.Stage1RespondedFactory.create()
    complaint.refresh_from_db()
    url = reverse("complaints:note", args=[complaint.reference])
    data = posted(kind="note", direction="", with_whom="", words="File reviewed for the audit.")
    assert officer.post(url, data).status_code == 302
    assert complaint.events.get(action="note").label == "Note added"


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"on_0": "2", "on_1": "7"}, "The date it happened must be today or in the past"),
        ({"words": ""}, "Enter what was said or done"),
        ({"kind": "note"}, "A note is not a contact: choose “Not a contact”"),
        ({"on_1": "13"}, "must be a real date"),
    ],
)
def test_a_bad_note_is_refused_in_words_and_nothing_is_saved(officer, fields, error):
    complaint = f.Stage1RespondedFactory.create()
    url = reverse("complaints:note", args=[complaint.reference])
    response = officer.post(url, posted(**fields))
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not complaint.events.filter(action="note").exists()
    # What was typed stays in the form.
    if fields.get("words", "x"):
        assert "told 14 July" in response.content.decode()


@pytest.mark.parametrize("kind", list(CASES))
def test_someone_who_may_not_change_the_case_cannot_add_a_note(client, kind):
    make, note, _detail = CASES[kind]
    case = make()
    client.force_login(UserFactory(role="report_viewer"))
    url = reverse(note, args=[case.reference])
    assert client.get(url).status_code in (403, 404)
    assert client.post(url, posted()).status_code in (403, 404)
    assert not case.events.filter(action="note").exists()
