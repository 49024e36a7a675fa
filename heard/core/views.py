from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from heard.complaints.models import Complaint, Stage
from heard.complaints.querysets import ComplaintQuerySet
from heard.core import clock


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """A first overview of the caseload; the full dashboard comes with the casework screens."""
    today = clock.today()
    visible = Complaint.objects.visible_to(request.user)
    context = {
        "today": today,
        "open_count": visible.open().count(),
        "overdue_count": visible.overdue(today).count(),
        "due_soon_count": visible.due_within(5, today).count(),
        "open_by_stage": _open_stages_by_number(visible),
    }
    return render(request, "core/home.html", context)


def _open_stages_by_number(visible: ComplaintQuerySet) -> list[tuple[int, int]]:
    counts = dict(
        Stage.objects.open()
        .filter(complaint__in=visible)
        .values("number")
        .order_by("number")
        .annotate(total=Count("pk"))
        .values_list("number", "total")
    )
    return [(number, counts.get(number, 0)) for number in (1, 2, 3)]


@login_not_required
@require_GET
def brand_css(request: HttpRequest) -> HttpResponse:
    """The organisation's colour as a CSS custom property, so no inline style is needed."""
    colour = settings.HEARD_BRAND_COLOUR
    response = HttpResponse(f":root{{--heard-brand-colour:{colour};}}\n", content_type="text/css")
    response["Cache-Control"] = "public, max-age=3600"
    return response
