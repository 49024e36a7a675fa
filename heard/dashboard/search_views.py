"""The search page: one box, and the cases of every kind that match, a page at a time."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from heard.dashboard.search import COUNT_CAP, SearchPaginator, find, result
from heard.dashboard.search_index import words


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search cases",
        max_length=200,
        error_messages={
            "required": "Enter a reference, a name or words from the case",
            "max_length": "Search for 200 characters or fewer",
        },
    )

    def clean_q(self) -> str:
        text: str = self.cleaned_data["q"]
        if not words(text):
            raise ValidationError("Enter a reference, a name or words: letters or numbers")
        return text


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Cases of every kind that match the words typed, among those this user may see."""
    form = SearchForm(request.GET if "q" in request.GET else None)
    context: dict[str, object] = {"form": form, "count_cap": COUNT_CAP}
    if form.is_bound and form.is_valid():
        page = SearchPaginator(find(request.user, form.cleaned_data["q"])).get_page(
            request.GET.get("page")
        )
        context.update(searched=True, page=page, results=[result(row) for row in page])
    return render(request, "dashboard/search.html", context)
