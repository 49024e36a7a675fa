"""Limits on how often one person may do something, such as sending the public form, and
claims on what may be done only once, such as sending one set of answers.

Counts are kept per key in fixed windows, in the database (RateCount), and raised with one
atomic upsert (heard.core.counters), so two processes counting at once cannot both see a
count below the limit. Claims are kept the same way in a table of their own (OneTimeClaim),
which the counts' sweep of old windows never touches.
"""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from heard.core.counters import increment
from heard.core.models import OneTimeClaim, RateCount

#: How long a one-time claim is held. A request that could repeat what was claimed carries a
#: stale copy of a session, so it comes within moments; a day is far past that, and past two
#: of the longest idle sessions allowed (HEARD_SESSION_IDLE_MINUTES is at most 720).
CLAIMS_KEPT = timedelta(days=1)


def client_address(request: HttpRequest) -> str:
    """The address the request came from. Behind `HEARD_TRUSTED_PROXIES` reverse proxies,
    it is the address the nearest of them saw (X-Forwarded-For, counted from the right):
    the addresses further left are whatever the client chose to send."""
    proxies = settings.HEARD_TRUSTED_PROXIES
    if proxies:
        forwarded = [a.strip() for a in request.headers.get("X-Forwarded-For", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return str(request.META.get("REMOTE_ADDR", ""))


def allow(key: str, *, limit: int, seconds: int, amount: int = 1) -> bool:
    """Count `amount` more (one action, or its bytes) for `key` in the current window of
    `seconds`, and say whether the total is within `limit`. It is counted even when refused,
    so retrying does not help."""
    period = int(time.time()) // seconds
    with transaction.atomic():
        count = increment(RateCount, {"key": key, "period": period}, "count", by=amount)
        if count == 1:
            # The first action in a new window: clear out the windows that have ended.
            RateCount.objects.filter(period__lt=period - 1).delete()
    return count <= limit


def first_time(key: str) -> bool:
    """Claim `key`: True for the first request to do so, False for any other, even one made
    at the same moment (one atomic upsert: it waits for the first request's transaction).
    Made inside the transaction that acts on the claim, a failure there releases it. The
    claim is held for CLAIMS_KEPT."""
    if increment(OneTimeClaim, {"key": key}, "count") != 1:
        return False
    now = timezone.now()
    OneTimeClaim.objects.filter(key=key).update(claimed_at=now)
    with transaction.atomic():
        # Clear the claims held long enough. Rows another send is clearing are skipped
        # (PostgreSQL), so two sends never wait on each other, or deadlock, over old claims.
        old = OneTimeClaim.objects.filter(claimed_at__lt=now - CLAIMS_KEPT)
        unlocked = old.select_for_update(skip_locked=True).values("pk")
        OneTimeClaim.objects.filter(pk__in=unlocked).delete()
    return True


def record_outcome(key: str, outcome: dict[str, Any]) -> None:
    """Keep what the first request made of its claim on `key` (such as the reference of the
    complaint it sent), in the same transaction, for the requests that claim it after."""
    OneTimeClaim.objects.filter(key=key).update(outcome=outcome)


def outcome_of(key: str) -> dict[str, Any] | None:
    """What the request that claimed `key` made of it; None while it is not claimed (or its
    claim has not yet been committed)."""
    outcome: dict[str, Any] | None = (
        OneTimeClaim.objects.filter(key=key).values_list("outcome", flat=True).first()
    )
    return outcome
