"""The themes: the default list, based on Getting the Best from Complaints (DOMAIN.md), and
the screens on which the complaints manager keeps it (heard.core.picklists)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET, require_http_methods

from heard.complaints.models import Theme
from heard.core import picklists
from heard.core.picklists import PickList

DEFAULT_THEMES = [
    "Quality or appropriateness of service",
    "Delay",
    "Service not provided or withdrawn",
    "Communication",
    "Staff conduct or attitude",
    "Sensitivity or empathy of staff",
    "Professional decision making",
    "Assessment, care planning and review",
    "Eligibility or criteria",
    "Policy or procedure",
    "Information accuracy",
    "Contact arrangements",
    "Other",
]


def seed_default_themes() -> int:
    """Create the default themes if there are none at all; returns how many were created.

    Runs after every migrate, so a new installation (or a flushed test database) has the
    list; a council that has edited its themes keeps its own list.
    """
    if Theme.objects.exists():
        return 0
    Theme.objects.bulk_create(
        Theme(name=name, order=order) for order, name in enumerate(DEFAULT_THEMES, start=1)
    )
    return len(DEFAULT_THEMES)


#: The themes' screens (issue 33): the complaints manager keeps the list on screen.
THEMES = PickList(
    model=Theme,
    title="Complaint themes",
    noun="theme",
    intro="What each point of complaint is about. Reports count points and learning actions "
    "by theme. A theme no longer offered stays on the cases that have it and in the reports.",
    list_url="complaints:themes",
    add_url="complaints:add_theme",
    edit_url="complaints:edit_theme",
    offered_for="new points of complaint",
)


@require_GET
def theme_list(request: HttpRequest) -> HttpResponse:
    return picklists.item_list(request, THEMES)


@require_http_methods(["GET", "POST"])
def theme_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return picklists.item_edit(request, THEMES, pk)
