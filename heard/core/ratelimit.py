"""Limits on how often one person may do something, such as sending the public form.

Counts are kept per key in fixed windows, in the database (RateCount), and raised with one
atomic upsert (heard.core.counters), so two processes counting at once cannot both see a
count below the limit.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest

from heard.core.counters import increment
from heard.core.models import RateCount


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
    at the same moment (one atomic upsert). Made inside the transaction that acts on the
    claim, a failure there releases it."""
    return increment(RateCount, {"key": key, "period": ONCE}, "count") == 1


#: The window a one-time claim is counted in: none (it is cleared with the old windows).
ONCE = 0
