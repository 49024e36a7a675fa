"""The site shell's own pages: the brand stylesheet and the error pages."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET


@login_not_required
@require_GET
def brand_css(request: HttpRequest) -> HttpResponse:
    """The organisation's colour as a CSS custom property, so no inline style is needed."""
    colour = settings.HEARD_BRAND_COLOUR
    response = HttpResponse(f":root{{--heard-brand-colour:{colour};}}\n", content_type="text/css")
    response["Cache-Control"] = "public, max-age=3600"
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its security token, usually because the page was open a long time
    or cookies are off (CSRF_FAILURE_VIEW). Nothing was saved; on a public form the answers
    already given are still kept."""
    return render(request, "core/csrf_failure.html", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: rendered from settings alone, since the error may be anywhere else."""
    context = {
        "organisation_name": settings.HEARD_ORGANISATION_NAME,
        "service_name": settings.HEARD_SERVICE_NAME,
        "home_url": "/",
    }
    return HttpResponse(render_to_string("500.html", context), status=500)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler404: one answer for every missing page, wherever it is. The menu marks no
    section as the current one, so a page that exists but is not open to this user (any
    configuration screen, heard.core.configuration) reads exactly as one that does not."""
    request.resolver_match = None
    return render(request, "404.html", status=404)
