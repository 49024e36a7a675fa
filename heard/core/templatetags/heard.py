"""Template helpers shared by the casework screens."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.http import HttpRequest
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def query_with(request: HttpRequest, **changes: Any) -> str:
    """The current query string with some parameters changed (None removes one).

    Filters live in the URL, so sorting or paging a filtered list keeps its filters.
    """
    query = request.GET.copy()
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = str(value)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag
def column_headers(*labels: str) -> SafeString:
    """A table's plain column headings, in GOV.UK markup."""
    return format_html_join(
        "", '<th scope="col" class="govuk-table__header">{}</th>', ((label,) for label in labels)
    )


@register.filter
def long_date(value: date | None) -> str:
    """3 March 2025, as officers write dates."""
    return f"{value.day} {value:%B %Y}" if value else ""


@register.filter
def page_numbers(paginator: Any, current: int) -> list[int | None]:
    """Page numbers to show: first, last and two either side of the current; None is a gap."""
    last = paginator.num_pages
    # A capped count does not know the real last page, so it is not offered.
    ends = {1} if getattr(paginator, "capped", False) else {1, last}
    wanted = sorted({*ends, *range(max(1, current - 2), min(last, current + 2) + 1)})
    shown: list[int | None] = []
    for number in wanted:
        if shown and shown[-1] is not None and number - shown[-1] > 1:
            shown.append(None)
        shown.append(number)
    return shown


@register.filter
def short_date(value: date | None) -> str:
    """3 Mar 2025, for dense tables."""
    return f"{value.day} {value:%b %Y}" if value else ""
