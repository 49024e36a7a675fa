"""The complaint form for children and young people: plain words, the same complaint."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser

import pytest
import textstat
import time_machine
from django.urls import reverse

from heard.complaints.choices import Channel, Procedure, Relationship
from heard.complaints.models import Complaint

pytestmark = pytest.mark.django_db

#: A young person's complaint, page by page.
YOUNG = [
    ("name", {"name": "Jo Brown"}),
    ("what-happened", {"what_happened": "My social worker did not come to see me. I was sad."}),
    ("others", {"other_children": "Sam Brown"}),
    ("wanted", {"wanted": "I want to see my social worker every week."}),
    ("advocate", {"advocate": "yes"}),
    (
        "contact",
        {"email": "jo@example.com", "phone": "", "address": "", "preferred_contact": "email"},
    ),
    ("about-you", {"ethnicity": "", "gender": "", "age_band": "10-15", "disability": ""}),
    ("files", {"kept": ""}),
]

#: What each page says when it is sent empty, in plain words.
ERRORS = {
    "name": "Tell us your name",
    "what-happened": "Tell us what has gone wrong",
    "wanted": "Tell us what would make things better",
    "advocate": "Choose yes if you want an advocate",
    "contact": "Pick how we should get in touch",
}

#: Flesch reading ease of 70 or more reads as "fairly easy" (about age 12 and under); the
#: issue asks for a reading age of about 9.
EASY_ENOUGH = 70


def url(slug: str) -> str:
    return reverse("public:young:question", args=[slug])


def answer(client, pages) -> None:
    client.get(reverse("public:young:start"))
    client.get(url(YOUNG[0][0]))
    for slug, data in pages:
        response = client.post(url(slug), data)
        assert response.status_code == 302, (slug, response.context["form"].errors)


class MainText(HTMLParser):
    """The words inside <main>, as a screen reader would read them (hidden helpers too)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.words: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if tag == "main":
            self.depth += 1
        elif self.depth and (tag in ("script", "style") or "heard-honeypot" in classes):
            self.skipping += 1

    def handle_endtag(self, tag):
        if tag == "main":
            self.depth -= 1
        elif self.skipping and tag in ("script", "style", "div"):
            self.skipping -= 1

    def handle_data(self, data):
        if self.depth and not self.skipping and data.strip():
            self.words.append(" ".join(data.split()))


def main_text(response) -> str:
    parser = MainText()
    parser.feed(response.content.decode())
    # Each piece (a heading, a label, an option) reads as a sentence of its own.
    return " ".join(w if w[-1] in ".?!:" else f"{w}." for w in parser.words)


def test_the_adult_start_page_offers_the_young_peoples_form(client):
    page = client.get(reverse("public:start")).content.decode()
    assert f'href="{reverse("public:young:start")}"' in page


def test_a_young_persons_complaint_is_a_childrens_complaint_made_by_the_child(client):
    with time_machine.travel(date(2025, 3, 5), tick=False):
        answer(client, YOUNG)
        assert client.post(reverse("public:young:check")).url == reverse("public:young:sent")
        sent = client.get(reverse("public:young:sent")).content.decode()
    complaint = Complaint.objects.get()
    assert (complaint.procedure, complaint.relationship, complaint.channel) == (
        Procedure.CHILDREN,
        Relationship.CHILD,
        Channel.WEB_FORM,
    )
    assert sorted(c.name for c in complaint.children.all()) == ["Jo Brown", "Sam Brown"]
    assert complaint.complainant.name == "Jo Brown"
    assert complaint.complainant.age_band == "10-15"
    assert (complaint.advocacy_offered_on, complaint.advocacy_taken_up) == (date(2025, 3, 5), True)
    assert complaint.active_stage.acknowledgement_due == date(2025, 3, 10)
    assert "My social worker did not come to see me." in complaint.description
    assert complaint.reference in sent
    assert reverse("public:track", args=[complaint.tracking_token]) in sent


@pytest.mark.parametrize("slug", ERRORS)
def test_each_page_says_what_is_missing_in_plain_words(client, slug):
    before = [p for p in YOUNG if p[0] != slug][: [s for s, _ in YOUNG].index(slug)]
    answer(client, before)
    response = client.post(url(slug), {})
    assert response.status_code == 200
    assert ERRORS[slug] in response.content.decode()


def test_every_question_on_the_last_page_can_be_skipped(client):
    answer(client, [*YOUNG[:-2], ("about-you", {}), ("files", {"kept": ""})])
    assert client.get(reverse("public:young:check")).status_code == 200


def pages_a_young_person_reads(client):
    """Every page of the form, each blank question page and its error, as served."""
    yield "start", client.get(reverse("public:young:start"))
    client.get(url(YOUNG[0][0]))
    for slug, data in YOUNG:
        yield slug, client.get(url(slug))
        if slug in ERRORS:
            yield f"{slug} (error)", client.post(url(slug), {})
        client.post(url(slug), data)
    yield "check", client.get(reverse("public:young:check"))
    client.post(reverse("public:young:check"))
    yield "sent", client.get(reverse("public:young:sent"))


def test_every_page_reads_easily(client):
    scores = {}
    for name, response in pages_a_young_person_reads(client):
        assert response.status_code == 200, name
        scores[name] = textstat.flesch_reading_ease(main_text(response))
    hard = {name: score for name, score in scores.items() if score < EASY_ENOUGH}
    assert not hard, f"pages that read too hard: {hard} (all: {scores})"
    assert len(scores) == 2 + len(YOUNG) + len(ERRORS) + 1  # every page was read


def test_a_one_line_answer_gets_a_one_line_box(client):
    client.get(reverse("public:young:start"))
    page = client.get(url("name")).content.decode()
    assert '<input class="govuk-input" id="id_name" name="name" type="text" value=""' in page
    assert 'autocomplete="name"' in page
    assert "<textarea" not in page
