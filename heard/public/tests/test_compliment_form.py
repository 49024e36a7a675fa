"""The public compliment form: four questions, checked, then logged as a compliment."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from heard.compliments.models import Compliment, Giver

pytestmark = pytest.mark.django_db

THANKS = [
    ("who", {"giver": "carer"}),
    ("for-whom", {"for_whom": "Priya in the fostering team"}),
    ("words", {"words": "Priya always calls back the same day, and she listens."}),
    ("share", {"consent": "yes"}),
]


def url(slug: str) -> str:
    return reverse("public:compliment:question", args=[slug])


def answer(client, pages) -> None:
    client.get(url(THANKS[0][0]))
    for slug, data in pages:
        response = client.post(url(slug), data)
        assert response.status_code == 302, (slug, response.context["form"].errors)


def test_the_start_page_leads_to_the_first_question(client):
    page = client.get(reverse("public:compliment:start")).content.decode()
    assert f'href="{url("who")}"' in page


def test_a_compliment_sent_online_is_logged_for_the_team_to_file(client, manager):
    with time_machine.travel(date(2025, 6, 4), tick=False):
        answer(client, THANKS)
        check = client.get(reverse("public:compliment:check")).content.decode()
        assert "Priya always calls back the same day" in check
        assert "A carer, such as a foster carer" in check  # the label, not the code
        sent = client.post(reverse("public:compliment:check"))
        assert sent.url == reverse("public:compliment:sent")
        confirmation = client.get(sent.url).content.decode()
    compliment = Compliment.objects.get()
    assert compliment.reference == "CMP-2025-00001"
    assert compliment.reference in confirmation
    assert (compliment.received_on, compliment.giver, compliment.consent_to_publish) == (
        date(2025, 6, 4),
        Giver.CARER,
        True,
    )
    assert compliment.summary.startswith("For Priya in the fostering team: Priya always calls")
    assert compliment.quote == "Priya always calls back the same day, and she listens."
    assert compliment.team.name == "To be triaged"
    client.force_login(manager)
    assert compliment.reference in client.get(reverse("compliments:list")).content.decode()


def test_no_means_the_words_are_not_published(client):
    answer(client, [*THANKS[:-1], ("share", {"consent": "no"})])
    client.post(reverse("public:compliment:check"))
    assert Compliment.objects.get().consent_to_publish is False


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("who", "Select who you are"),
        ("for-whom", "Enter who you would like to thank"),
        ("words", "Enter what you would like to tell them"),
        ("share", "Select yes if we can share what you said"),
    ],
)
def test_each_page_says_what_is_missing(client, slug, message):
    answer(client, THANKS[: [s for s, _ in THANKS].index(slug)])
    response = client.post(url(slug), {})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Compliment.objects.exists()


def test_a_page_opened_after_the_session_ended_asks_to_start_again(client):
    response = client.post(url("words"), {"words": "Thank you"})
    assert response.status_code == 400
    assert "start again" in response.content.decode()


def test_who_to_thank_is_a_one_line_box_and_keeps_what_was_typed(client):
    answer(client, THANKS[:2])
    page = client.get(url("for-whom")).content.decode()
    assert 'type="text" value="Priya in the fostering team"' in page
    assert "<textarea" not in page
