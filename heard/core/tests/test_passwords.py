"""Forgotten passwords: a reset link by email, GOV.UK styled, rate limited, and saying nothing
about which addresses have accounts."""

from __future__ import annotations

import html
import re

import pytest
from django.core import mail
from django.urls import reverse

from heard.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
RESET = reverse("password_reset")
NEW_PASSWORD = "a brand new password 2026"


@pytest.fixture
def tom(db):
    user = UserFactory(username="tom", email="tom.hughes@example.gov.uk")
    user.set_password("the old password 2025")
    user.save()
    return user


def link_in(message) -> str:
    found = re.search(r"https?://[^/\s]+(/password/reset/\S+/)", message.body)
    assert found, message.body
    return found.group(1)


def test_the_sign_in_page_offers_a_password_reset(client):
    page = client.get(reverse("login")).content.decode()
    assert f'href="{RESET}"' in page
    assert "Forgotten your password?" in page


def test_a_known_and_an_unknown_address_get_the_same_answer_and_only_one_gets_mail(client, tom):
    known = client.post(RESET, {"email": "Tom.Hughes@example.gov.uk"}, follow=True)
    unknown = client.post(RESET, {"email": "nobody@example.gov.uk"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain == [(reverse("password_reset_done"), 302)]
    assert known.content.decode() == unknown.content.decode()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["tom.hughes@example.gov.uk"]
    assert "tom" in mail.outbox[0].body
    assert link_in(mail.outbox[0])


def test_the_link_sets_a_new_password_that_signs_in(client, tom):
    client.post(RESET, {"email": tom.email})
    page = client.get(link_in(mail.outbox[0]), follow=True)
    form_url = page.redirect_chain[-1][0]
    content = page.content.decode()
    assert 'type="password"' in content
    assert "Choose a new password" in content
    done = client.post(
        form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )
    assert "Your password has been changed" in done.content.decode()
    tom.refresh_from_db()
    assert tom.check_password(NEW_PASSWORD)
    # The link works once.
    again = client.get(link_in(mail.outbox[0]), follow=True).content.decode()
    assert "This link has expired or has been used" in again


def test_passwords_that_differ_are_refused_with_a_govuk_error_and_not_echoed(client, tom):
    client.post(RESET, {"email": tom.email})
    form_url = client.get(link_in(mail.outbox[0]), follow=True).redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": NEW_PASSWORD, "new_password2": "something else 2026"}
    )
    page = html.unescape(response.content.decode())
    assert "There is a problem" in page
    assert "The passwords do not match" in page
    assert NEW_PASSWORD not in page
    tom.refresh_from_db()
    assert tom.check_password("the old password 2025")


def test_an_empty_address_is_asked_for(client):
    response = client.post(RESET, {"email": ""})
    assert "Enter your email address" in html.unescape(response.content.decode())
    assert not mail.outbox


def test_resets_from_one_address_are_limited(client, tom, settings):
    settings.HEARD_PASSWORD_RESETS_PER_HOUR = 2
    for _ in range(2):
        assert client.post(RESET, {"email": tom.email}).status_code == 302
    refused = client.post(RESET, {"email": tom.email})
    assert refused.status_code == 429
    assert "Too many requests" in refused.content.decode()
    assert len(mail.outbox) == 2


def test_an_inactive_account_gets_no_mail(client, tom):
    tom.is_active = False
    tom.save()
    assert client.post(RESET, {"email": tom.email}).status_code == 302
    assert not mail.outbox


def test_stopping_an_account_ends_a_reset_link_already_sent(client, tom):
    client.post(RESET, {"email": tom.email})
    tom.is_active = False
    tom.save()
    stopped = client.get(link_in(mail.outbox[0]), follow=True).content.decode()
    assert "This link has expired or has been used" in stopped
    # Re-enabled on screen, the account's password is cancelled, so the link stays dead.
    tom.is_active = True
    tom.set_unusable_password()
    tom.save()
    again = client.get(link_in(mail.outbox[0]), follow=True).content.decode()
    assert "This link has expired or has been used" in again


@pytest.mark.parametrize("change", ["email", "password"])
def test_a_new_email_or_password_ends_a_reset_link_already_sent(client, tom, change):
    client.post(RESET, {"email": tom.email})
    if change == "email":
        tom.email = "tom.h@example.gov.uk"
    else:
        tom.set_password("another password entirely 2026")
    tom.save()
    page = client.get(link_in(mail.outbox[0]), follow=True).content.decode()
    assert "This link has expired or has been used" in page


def test_a_new_account_that_never_set_a_password_can_ask_for_a_fresh_link(client):
    new = UserFactory(username="sam", email="sam@example.gov.uk")
    new.set_unusable_password()
    new.save()
    client.post(RESET, {"email": "sam@example.gov.uk"})
    assert [m.to for m in mail.outbox] == [["sam@example.gov.uk"]]
    form_url = client.get(link_in(mail.outbox[0]), follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    new.refresh_from_db()
    assert new.check_password(NEW_PASSWORD)


def test_links_in_emails_are_built_from_heard_base_url_not_the_request(client, tom, settings):
    # The probe sent Host: 127.0.0.1:9999 and got a link to port 9999.
    settings.HEARD_BASE_URL = "https://complaints.example.gov.uk/"
    settings.ALLOWED_HOSTS = ["*"]
    client.post(RESET, {"email": tom.email}, HTTP_HOST="127.0.0.1:9999")
    body = mail.outbox[0].body
    assert "https://complaints.example.gov.uk/password/reset/" in body
    assert "9999" not in body
