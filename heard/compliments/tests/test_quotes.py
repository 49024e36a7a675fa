"""A compliment's quote reaches a report only in words a complaints manager approved (issue 19:
a quote given with permission to share named a child and his date of birth)."""

from __future__ import annotations

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from heard.compliments.models import Compliment, Giver
from heard.core.tests.factories import TeamFactory
from heard.reporting.figures import compute
from heard.reporting.periods import Period

pytestmark = pytest.mark.django_db
YEAR = Period.financial_year(2024)
SAID = "Jamie (born 3 May 2012) says his social worker Kim was brilliant."


@pytest.fixture
def compliment(db):
    return Compliment.log(
        by=None,
        received_on=date(2024, 6, 3),
        team=TeamFactory(),
        giver=Giver.PARENT,
        summary="Thanks",
        quote=SAID,
        consent_to_publish=True,
    )


def quotes():
    return compute("children", YEAR).compliments.quotes


def review(client, compliment, **answers):
    return client.post(reverse("compliments:review_quote", args=[compliment.reference]), answers)


def test_a_quote_is_in_no_report_until_a_complaints_manager_approves_its_words(
    client, manager, compliment
):
    assert quotes() == []
    client.force_login(manager)
    listed = client.get(reverse("compliments:quotes")).content.decode()
    assert compliment.reference in listed
    assert "To review" in listed
    form = client.get(reverse("compliments:review_quote", args=[compliment.reference]))
    assert form.context["form"].initial["words"] == SAID
    edited = "Their social worker was brilliant."
    assert review(client, compliment, words=edited, publish="yes").status_code == 302
    assert quotes() == [edited]
    compliment.refresh_from_db()
    assert compliment.quote == SAID  # the words as received are kept
    assert compliment.quote_reviewed_by == manager
    change = LogEntry.objects.get_for_object(compliment).filter(action=LogEntry.Action.UPDATE)
    assert change.get().changes_dict["published_quote"] == ["", edited]


def test_a_quote_kept_out_of_reports_stays_out(client, manager, compliment):
    client.force_login(manager)
    review(client, compliment, words=SAID, publish="no")
    assert quotes() == []
    compliment.refresh_from_db()
    assert not compliment.quote_to_review


def test_bad_answers_are_refused_and_nothing_is_approved(client, manager, compliment):
    client.force_login(manager)
    response = review(client, compliment)
    assert response.context["form"].errors["publish"] == ["Choose whether reports may quote it"]
    response = review(client, compliment, words="  ", publish="yes")
    assert response.context["form"].errors["words"] == ["Enter the words the report may quote"]
    compliment.refresh_from_db()
    assert compliment.quote_to_review
    assert quotes() == []


def test_only_a_complaints_manager_reviews_quotes(client, officer, compliment):
    client.force_login(officer)
    assert client.get(reverse("compliments:quotes")).status_code == 403
    assert review(client, compliment, words="x", publish="yes").status_code == 403
    assert quotes() == []


def test_a_compliment_is_corrected_on_screen_and_a_changed_quote_goes_back_for_review(
    client, manager, compliment
):
    client.force_login(manager)
    review(client, compliment, words=SAID, publish="yes")
    assert quotes() == [SAID]
    edit = reverse("compliments:edit", args=[compliment.reference])
    form = client.get(edit).context["form"]
    assert form.initial["quote"] == SAID
    answers = {
        "received_on_0": "3",
        "received_on_1": "6",
        "received_on_2": "2024",
        "team": compliment.team_id,
        "giver": Giver.PARENT,
        "summary": "Thanks\x0bto the team",
        "quote": "The social worker was brilliant.",
        "consent_to_publish": "on",
    }
    assert client.post(edit, answers).status_code == 302
    compliment.refresh_from_db()
    assert compliment.summary == "Thanks to the team"  # no control character kept
    assert compliment.quote_to_review  # new words: reviewed again before any report
    assert quotes() == []
    assert client.post(edit, {**answers, "summary": ""}).context["form"].errors["summary"] == [
        "Enter a summary of the compliment"
    ]
