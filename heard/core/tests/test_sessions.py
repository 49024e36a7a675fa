"""A form sent after the session ended keeps what was typed through sign-in, for the same
person only; and the page carries the idle limit for the timeout warning."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from heard.accounts.tests.factories import UserFactory
from heard.complaints.tests import factories as f
from heard.core.sessions import UNSENT

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


def person(username: str):
    user = UserFactory.create(username=username, role="complaints_officer")
    user.set_password(PASSWORD)
    user.save()
    return user


def note(complaint):
    return {
        "kind": "phone",
        "direction": "in",
        "with_whom": "the complainant",
        "on_0": "4",
        "on_1": "3",
        "on_2": "2025",
        "words": "Asked when the response is due.",
    }


def signed_out_after_typing(client, username: str):
    """Sign in, open a form, let the session end, then send the form."""
    complaint = f.Stage1OpenFactory.create()
    client.post(reverse("login"), {"username": username, "password": PASSWORD})
    url = reverse("complaints:note", args=[complaint.reference])
    assert client.get(url).status_code == 200
    client.session.flush()  # the idle limit passed: the session is gone
    client.cookies.pop("sessionid", None)
    response = client.post(url, note(complaint))
    return complaint, url, response


def test_a_form_sent_after_the_session_ended_is_kept_and_sent_after_sign_in(client):
    person("olivia")
    complaint, url, response = signed_out_after_typing(client, "olivia")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={reverse('core:resume')}"
    assert not complaint.events.filter(action="note").exists()
    signed_in = client.post(
        reverse("login") + f"?next={reverse('core:resume')}",
        {"username": "olivia", "password": PASSWORD, "next": reverse("core:resume")},
    )
    assert signed_in["Location"] == reverse("core:resume")
    page = client.get(reverse("core:resume"))
    html = page.content.decode()
    assert f'action="{url}"' in html
    assert 'value="Asked when the response is due."' in html
    assert "csrfmiddlewaretoken" in html
    fields = dict(page.context["kept"]["fields"])
    assert "password" not in " ".join(fields)
    assert client.post(url, fields).status_code == 302
    assert complaint.events.get(action="note").reason == "Asked when the response is due."
    # Offered once: the kept form is gone.
    assert client.get(reverse("core:resume"))["Location"] == reverse("dashboard:home")


def test_a_kept_form_is_never_shown_to_someone_else(client):
    person("olivia")
    person("sam")
    signed_out_after_typing(client, "olivia")
    client.post(reverse("login"), {"username": "sam", "password": PASSWORD})
    response = client.get(reverse("core:resume"))
    assert response.status_code == 302
    assert UNSENT not in client.session


def test_a_kept_form_is_not_offered_after_an_hour(client):
    person("olivia")
    signed_out_after_typing(client, "olivia")
    client.post(reverse("login"), {"username": "olivia", "password": PASSWORD})
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        assert client.get(reverse("core:resume")).status_code == 302


def test_a_signed_in_page_carries_the_idle_limit_and_the_warning(client, settings):
    person("olivia")
    client.post(reverse("login"), {"username": "olivia", "password": PASSWORD})
    html = client.get(reverse("dashboard:home")).content.decode()
    assert f'data-heard-idle-seconds="{settings.SESSION_COOKIE_AGE}"' in html
    assert "You are about to be signed out" in html
    assert client.get(reverse("core:keep_alive")).status_code == 204
    client.logout()
    assert "data-heard-idle-seconds" not in client.get(reverse("login")).content.decode()
