"""The council's own words, kept from an import's answers and changed in Admin."""

from __future__ import annotations

import html

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from heard.accounts.tests.factories import UserFactory
from heard.imports.models import WordMeaning
from heard.imports.questions import save_answers

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def admin_switched_on(settings):
    """These tests read the Django admin, which an operator may turn on (it is off by
    default: heard.core.middleware.AdminSwitch)."""
    settings.HEARD_ADMIN_ENABLED = True


ADD = reverse("admin:imports_wordmeaning_add")


def test_a_meaning_is_one_the_vocabulary_has_and_is_changed_in_admin(client):
    client.force_login(UserFactory(role="complaints_manager", is_staff=True))
    refused = client.post(
        ADD, {"vocabulary": "relationship", "word_as_written": "Nan", "meaning": "granny"}
    )
    assert refused.status_code == 200
    page = html.unescape(refused.content.decode())
    assert "Choose one of: child (The child or young person)" in page
    assert not WordMeaning.objects.exists()
    client.post(
        ADD,
        {"vocabulary": "relationship", "word_as_written": "Nan", "meaning": "sufficient_interest"},
    )
    kept = WordMeaning.objects.get()
    assert (kept.word, kept.meaning) == ("nan", "sufficient_interest")
    assert LogEntry.objects.get_for_object(kept).exists()


@pytest.mark.parametrize("role", ["complaints_officer", "responding_manager", "report_viewer"])
def test_only_those_who_configure_heard_open_the_word_meanings(client, role):
    client.force_login(UserFactory(role=role, is_staff=True))
    assert client.get(reverse("admin:imports_wordmeaning_changelist")).status_code in (302, 403)


def test_an_answer_the_vocabulary_does_not_have_keeps_nothing():
    with pytest.raises(ValueError, match="“maybe” is not an answer for outcome"):
        save_answers([("relationship", "Nan", "sufficient_interest"), ("outcome", "X", "maybe")])
    assert not WordMeaning.objects.exists()
