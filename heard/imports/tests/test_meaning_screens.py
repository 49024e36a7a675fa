"""The council's own words on Heard's own screens (issue 33): change what a word means, or
forget it so the next import asks again; audited; for those who may configure only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from heard.accounts.tests.factories import UserFactory
from heard.imports.models import WordMeaning
from heard.imports.questions import save_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def nan():
    save_answers([("relationship", "Nan", "sufficient_interest")])
    return WordMeaning.objects.get()


def test_a_meaning_is_changed_among_the_lists_answers_and_audited(client, manager, nan):
    client.force_login(manager)
    listed = client.get(reverse("imports:meanings")).content.decode()
    assert "Nan" in listed
    url = reverse("imports:edit_meaning", args=[nan.pk])
    refused = client.post(url, {"meaning": "granny"})
    assert refused.status_code == 200
    assert refused.context["form"].errors["meaning"] == ["Choose what the word means"]
    assert client.post(url, {"meaning": "foster_carer"}).status_code == 302
    nan.refresh_from_db()
    assert (nan.meaning, nan.decided_by) == ("foster_carer", manager)
    audit = client.get(reverse("core:configuration_audit")).content.decode()
    assert "Nan" in audit
    assert "Foster carer" in audit or "foster_carer" in audit


def test_a_word_removed_is_asked_about_again(client, manager, nan):
    client.force_login(manager)
    response = client.post(reverse("imports:edit_meaning", args=[nan.pk]), {"remove": "yes"})
    assert response.status_code == 302
    assert not WordMeaning.objects.exists()


@pytest.mark.parametrize("role", ["complaints_officer", "responding_manager", "report_viewer"])
def test_a_role_that_may_not_configure_finds_nothing_there(client, role, nan):
    client.force_login(UserFactory(role=role))
    assert client.get(reverse("imports:meanings")).status_code == 404
    url = reverse("imports:edit_meaning", args=[nan.pk])
    assert client.post(url, {"meaning": "foster_carer"}).status_code == 404
    nan.refresh_from_db()
    assert nan.meaning == "sufficient_interest"
