"""heard.core.ratelimit: counts in fixed windows, shared through the database."""

from __future__ import annotations

import pytest
import time_machine
from django.test import RequestFactory, override_settings

from heard.core.models import OneTimeClaim, RateCount
from heard.core.ratelimit import allow, client_address, first_time, outcome_of, record_outcome

pytestmark = pytest.mark.django_db


def test_a_key_is_allowed_up_to_its_limit_in_a_window_and_refused_after():
    with time_machine.travel(1_000_000_000, tick=False):
        assert [allow("k", limit=3, seconds=60) for _ in range(5)] == [
            True,
            True,
            True,
            False,
            False,
        ]
        assert allow("other", limit=3, seconds=60)  # each key counts alone


def test_a_new_window_starts_the_count_again_and_clears_old_windows():
    with time_machine.travel(1_000_000_000, tick=False):
        for _ in range(4):
            allow("k", limit=3, seconds=60)
    with time_machine.travel(1_000_000_000 + 180, tick=False):
        assert allow("k", limit=3, seconds=60)
    assert list(RateCount.objects.values_list("count", flat=True)) == [1]


def test_the_address_is_the_connections_own_unless_proxies_are_trusted():
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9"
    )
    assert client_address(request) == "10.0.0.1"
    with override_settings(HEARD_TRUSTED_PROXIES=1):
        # The nearest proxy saw 203.0.113.9; "6.6.6.6" is whatever the client claimed.
        assert client_address(request) == "203.0.113.9"


def test_a_one_time_claim_outlives_the_sweep_of_old_rate_windows():
    with time_machine.travel(1_000_000_000, tick=False):
        assert first_time("public-sent:abc")
    with time_machine.travel(1_000_000_000 + 7200, tick=False):
        # Another key's first count in a new window clears the windows that have ended...
        assert allow("password-reset:someone@example.com", limit=3, seconds=60)
        # ...and not the claim: it is still held.
        assert not first_time("public-sent:abc")


def test_a_claims_outcome_is_there_for_every_later_claimant():
    assert outcome_of("public-sent:abc") is None
    assert first_time("public-sent:abc")
    record_outcome("public-sent:abc", {"reference": "C-2025-0001"})
    assert not first_time("public-sent:abc")
    assert outcome_of("public-sent:abc") == {"reference": "C-2025-0001"}
    assert outcome_of("public-sent:other") is None


def test_claims_are_kept_a_day_then_cleared_by_the_next_new_claim():
    with time_machine.travel(1_000_000_000, tick=False):
        assert first_time("old")
    with time_machine.travel(1_000_000_000 + 86_400 - 60, tick=False):
        assert first_time("recent")
    with time_machine.travel(1_000_000_000 + 86_400 + 60, tick=False):
        assert not first_time("old")  # a claim already made sweeps nothing
        assert first_time("new")
        assert set(OneTimeClaim.objects.values_list("key", flat=True)) == {"recent", "new"}
