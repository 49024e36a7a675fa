from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse


def organisation(request: HttpRequest) -> dict[str, object]:
    """The organisation's name, service name and logo for every page (and whether the menu
    offers the Django admin, which is off unless HEARD_ADMIN_ENABLED)."""
    return {
        "admin_enabled": settings.HEARD_ADMIN_ENABLED,
        "organisation_name": settings.HEARD_ORGANISATION_NAME,
        "service_name": settings.HEARD_SERVICE_NAME,
        "logo_url": settings.HEARD_LOGO_URL,
        # The header's link: the public start page on the public forms, else the dashboard.
        "home_url": reverse("public:start" if _public(request) else "dashboard:home"),
    }


def _public(request: HttpRequest) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and match.app_names[:1] == ["public"]
