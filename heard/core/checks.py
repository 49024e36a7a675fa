"""Heard's own deployment checks, run by `manage.py check --deploy`."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register


@register(Tags.security, deploy=True)
def base_url_is_set(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Every link in an email is built from HEARD_BASE_URL (heard.core.links): without it,
    the links in password, welcome and case emails lead nowhere."""
    parts = urlsplit(settings.HEARD_BASE_URL)
    if parts.scheme in ("http", "https") and parts.netloc:
        return []
    return [
        Error(
            "HEARD_BASE_URL is not set to a full address, such as "
            "https://complaints.example.gov.uk",
            hint="Set HEARD_BASE_URL to where staff reach Heard: links in emails are built "
            "from it.",
            id="heard.E001",
        )
    ]
