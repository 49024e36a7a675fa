"""Template helpers shared by the casework screens."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from django import forms, template
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


@register.simple_tag(takes_context=True)
def selected_filters(context: template.Context, form: Any) -> list[dict[str, str]]:
    """The filters a list is showing, each with its words and a link to the list without it
    (the MOJ filter's selected-filter tags). None while the form has errors: the filters
    were not applied."""
    request: HttpRequest = context["request"]
    if form is None or not form.is_bound or not form.is_valid():
        return []
    chosen = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if field.widget.is_hidden or value in (None, "", False, []):
            continue
        if isinstance(field, forms.BooleanField):
            words = str(field.label)
        elif isinstance(value, date):
            words = f"{field.label}: {long_date(value)}"
        elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            choices = dict(cast("list[tuple[Any, Any]]", field.choices))
            words = f"{field.label}: {choices.get(form.data.get(name), value)}"
        else:
            words = f"{field.label}: {value}"
        rest = request.GET.copy()
        # A date's boxes travel as name_0, name_1 and name_2.
        for key in [name, *(f"{name}_{i}" for i in range(3)), "page"]:
            rest.pop(key, None)
        encoded = rest.urlencode()
        chosen.append({"words": words, "url": f"?{encoded}" if encoded else "?"})
    return chosen


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
