"""Heard's own middleware."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

Handler = Callable[[HttpRequest], HttpResponse]


def request_size_limit(get_response: Handler) -> Handler:
    """Refuse (HTTP 413) a request that says its body is larger than HEARD_REQUEST_MAX_MB,
    before any of it is read. Django's own limits cover the form fields and the number of
    fields; this covers the files, which Django streams to disk without a limit."""

    def middleware(request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.HEARD_REQUEST_MAX_MB * 1024 * 1024:
            context = {"limit": settings.HEARD_REQUEST_MAX_MB}
            return render(request, "core/too_large.html", context, status=413)
        return get_response(request)

    return middleware


def no_store(get_response: Handler) -> Handler:
    """`Cache-Control: private, no-store` on every page Heard makes, unless the view said
    otherwise: staff pages and the public forms' pages carry personal data, which no browser
    or proxy cache should keep. Static files are served before this (WhiteNoise) and keep
    their long cache."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = "private, no-store"
        return response

    return middleware


class AdminSwitch:
    """The Django admin answers as a page that does not exist unless HEARD_ADMIN_ENABLED is
    on: configuration is done on Heard's own screens (issue 33), and the admin is kept for an
    operator who turns it on."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, *args: object) -> None:
        match = request.resolver_match
        if match is not None and match.app_name == "admin" and not settings.HEARD_ADMIN_ENABLED:
            raise Http404("The admin is switched off")
