"""The subject access exemptions' screens (issue 33): the pick-list a partial disclosure
chooses its exemptions from, kept by whoever may configure (heard.core.picklists). An
exemption no longer offered stays on the requests that applied it and in the reports."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET, require_http_methods

from heard.core import picklists
from heard.core.picklists import PickList
from heard.sars.models import Exemption

EXEMPTIONS = PickList(
    model=Exemption,
    title="Subject access exemptions",
    noun="exemption",
    intro="The exemptions a partial disclosure may apply, such as third-party data or the "
    "serious harm test. Reports count requests by the exemptions applied. An exemption no "
    "longer offered stays on the requests that applied it and in the reports.",
    list_url="sars:exemptions",
    add_url="sars:add_exemption",
    edit_url="sars:edit_exemption",
    offered_for="new disclosures",
    article="an",
)


@require_GET
def exemption_list(request: HttpRequest) -> HttpResponse:
    return picklists.item_list(request, EXEMPTIONS)


@require_http_methods(["GET", "POST"])
def exemption_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return picklists.item_edit(request, EXEMPTIONS, pk)
