"""Signing in: lockout after repeated failures, reset on success, and the cool-off."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from heard.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"


@pytest.fixture
def olivia():
    user = UserFactory(username="olivia")
    user.set_password(PASSWORD)
    user.save()
    return user


def attempt(client, password):
    return client.post(reverse("login"), {"username": "olivia", "password": password})


def test_five_failures_lock_the_account_even_against_the_right_password(client, olivia, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        assert attempt(client, "wrong").status_code == 200
    locked = attempt(client, "wrong")
    assert locked.status_code == 429
    assert "Signing in is locked" in locked.content.decode()
    assert attempt(client, PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_successful_sign_in_resets_the_count(client, olivia):
    for _ in range(4):
        attempt(client, "wrong")
    assert attempt(client, PASSWORD).status_code == 302
    client.post(reverse("logout"))
    for _ in range(4):
        assert attempt(client, "wrong").status_code == 200


def test_the_lock_lifts_after_the_cool_off(client, olivia, settings):
    for _ in range(5):
        attempt(client, "wrong")
    assert attempt(client, PASSWORD).status_code == 429
    later = timezone.now() + settings.AXES_COOLOFF_TIME + timedelta(minutes=1)
    with time_machine.travel(later):
        assert attempt(client, PASSWORD).status_code == 302
