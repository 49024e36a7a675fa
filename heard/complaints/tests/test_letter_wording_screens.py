"""The letters' wording, kept on Heard's own screens (issue 33): the fields a letter can use
beside its text area, a preview on a sample case, and every change audited in words."""

from __future__ import annotations

import html

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from heard.accounts.models import Role
from heard.accounts.tests.factories import UserFactory
from heard.complaints.models import LetterTemplate

pytestmark = pytest.mark.django_db
LIST = reverse("complaints:letter_wordings")


def edit_url(letter):
    return reverse("complaints:edit_letter_wording", args=[letter.pk])


@pytest.fixture
def letter(standard_letters):
    return LetterTemplate.objects.get(procedure="children", kind="acknowledgement")


@pytest.mark.parametrize("role", list(Role))
def test_only_roles_that_configure_keep_the_wording_others_find_nothing_there(client, role, letter):
    client.force_login(UserFactory(role=role))
    allowed = role in (Role.COMPLAINTS_MANAGER, Role.ADMINISTRATOR)
    for url in (LIST, edit_url(letter)):
        assert client.get(url).status_code == (200 if allowed else 404)
    posted = client.post(edit_url(letter), {"body": "Hello", "action": "save"})
    assert posted.status_code == (302 if allowed else 404)
    letter.refresh_from_db()
    assert (letter.body == "Hello") == allowed


def test_every_letter_of_every_procedure_is_listed(client, manager, letter):
    client.force_login(manager)
    page = html.unescape(client.get(LIST).content.decode())
    for each in LetterTemplate.objects.all():
        assert edit_url(each) in page
    assert "Adult social care" in page or "Adults" in page


def test_the_fields_a_letter_can_use_are_listed_beside_it(client, manager, letter):
    client.force_login(manager)
    page = html.unescape(client.get(edit_url(letter)).content.decode())
    assert "{complainant_name}" in page
    assert "The complainant's name" in page
    assert "{response_due}" in page


def test_the_preview_shows_the_edited_words_on_a_sample_case_without_saving(
    client, manager, letter
):
    before = letter.body
    client.force_login(manager)
    words = "Dear {complainant_name},\n\nWe will reply by {response_due}. Ref {reference}."
    response = client.post(edit_url(letter), {"body": words, "action": "preview"})
    page = html.unescape(response.content.decode())
    assert "Preview of the words typed (not saved)" in page
    assert "Dear Alex Sample," in page
    assert "We will reply by 17 March 2025. Ref CSC-2025-00042." in page
    letter.refresh_from_db()
    assert letter.body == before


def test_a_placeholder_heard_cannot_fill_is_refused(client, manager, letter):
    client.force_login(manager)
    response = client.post(edit_url(letter), {"body": "Dear {name}", "action": "save"})
    assert response.status_code == 200
    assert "The letter uses {name}, which Heard cannot fill in" in html.unescape(
        response.content.decode()
    )
    response = client.post(edit_url(letter), {"body": "", "action": "save"})
    assert "Enter the letter's words" in html.unescape(response.content.decode())


def test_a_change_is_saved_and_audited_with_the_old_and_new_words(client, manager, letter):
    before = letter.body
    client.force_login(manager)
    response = client.post(
        edit_url(letter), {"body": "New words for {reference}", "action": "save"}, follow=True
    )
    assert "Wording of the" in html.unescape(response.content.decode())
    letter.refresh_from_db()
    assert letter.body == "New words for {reference}"
    entry = LogEntry.objects.get_for_object(letter).get(action=LogEntry.Action.UPDATE)
    assert entry.actor == manager
    assert entry.changes_dict["body"] == [before, "New words for {reference}"]
    # The saved words are what the page previews now.
    page = html.unescape(client.get(edit_url(letter)).content.decode())
    assert "Preview of the saved words" in page
    assert "New words for CSC-2025-00042" in page
