"""The letter wording's screens (issue 33): each standard letter of each procedure, its words
edited in a text area with the placeholders it may use listed beside it, and a preview of the
letter on a sample case. Letters are neither added nor removed here: the migrations make one
of each kind for each procedure. A change is audited with the old and new words."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from heard.complaints.letters import fill
from heard.complaints.models import LetterTemplate
from heard.complaints.models.documents import PLACEHOLDERS
from heard.core.configuration import configurer
from heard.core.forms import GovukModelForm

#: The sample case a preview is filled in from: every placeholder, made-up values.
SAMPLE = {
    "reference": "CSC-2025-00042",
    "today": "14 March 2025",
    "complainant_name": "Alex Sample",
    "complainant_address": "1 Sample Street\nExampletown\nEX1 2MP",
    "child_names": "Jamie Sample",
    "received_on": "3 March 2025",
    "summary": "Calls to the social worker were not returned",
    "points": "1. Calls were not returned\n2. The review meeting was cancelled without notice",
    "findings": "1. Calls were not returned: Upheld\nReasons: the call log shows no reply\n"
    "2. The review meeting was cancelled without notice: Not upheld",
    "decision_reason": "The complaint was made more than a year after the matter",
    "stage_started_on": "3 March 2025",
    "response_due": "17 March 2025",
    "panel_due": "14 April 2025",
    "recommendations": "1. Apologise in writing\nOur response: Accepted",
    "officer_name": "Olivia Officer",
}


def sample_values() -> dict[str, str]:
    return {**SAMPLE, "organisation": settings.HEARD_ORGANISATION_NAME}


class LetterWordingForm(GovukModelForm):
    class Meta:
        model = LetterTemplate
        fields = ["body"]
        labels = {"body": "The letter's words"}
        help_texts = {
            "body": "Plain text. A blank line starts a new paragraph. Words in {braces} are "
            "filled in from the case: the fields you can use are listed on this page."
        }
        error_messages = {"body": {"required": "Enter the letter's words"}}


@require_GET
def letter_list(request: HttpRequest) -> HttpResponse:
    configurer(request)
    letters = LetterTemplate.objects.order_by("procedure", "kind")
    return render(request, "complaints/letter_wordings.html", {"letters": letters})


@require_http_methods(["GET", "POST"])
def letter_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit one letter's words. "Preview" shows the words typed, filled in on the sample
    case, without saving them; "Save" keeps them."""
    configurer(request)
    letter = get_object_or_404(LetterTemplate, pk=pk)
    form = LetterWordingForm(request.POST or None, instance=letter)
    preview_of = letter.body
    if request.method == "POST" and form.is_valid():
        if request.POST.get("action") != "preview":
            form.save()
            messages.success(request, f"Wording of the {letter} letter saved")
            return redirect("complaints:letter_wordings")
        preview_of = form.cleaned_data["body"]
    paragraphs = [
        block.strip("\n")
        for block in fill(preview_of, sample_values()).replace("\r\n", "\n").split("\n\n")
        if block.strip()
    ]
    return render(
        request,
        "complaints/letter_wording.html",
        {
            "letter": letter,
            "form": form,
            "placeholders": PLACEHOLDERS,
            "preview": paragraphs,
            "previewing": request.POST.get("action") == "preview" and form.is_valid(),
        },
    )
