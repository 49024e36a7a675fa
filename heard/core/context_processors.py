from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def organisation(request: HttpRequest) -> dict[str, str]:
    """The organisation's name, service name and logo for every page."""
    return {
        "organisation_name": settings.HEARD_ORGANISATION_NAME,
        "service_name": settings.HEARD_SERVICE_NAME,
        "logo_url": settings.HEARD_LOGO_URL,
    }
