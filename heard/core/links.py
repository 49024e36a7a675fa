"""Full addresses for links that leave Heard in an email.

An email is read away from the request that sent it, and the request's Host header is the
sender's to choose: a link built from it could point anywhere. Every link in an email is built
from HEARD_BASE_URL instead (required in production: `check --deploy` says so).
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def absolute(path: str) -> str:
    """`path` (from the site's root) at HEARD_BASE_URL."""
    return str(settings.HEARD_BASE_URL).rstrip("/") + path


def absolute_url(name: str, *args: object, **kwargs: object) -> str:
    """The full address of the URL pattern `name`, as `reverse` takes it."""
    return absolute(reverse(name, args=args or None, kwargs=kwargs or None))
