"""Compliment screens. Thin views: the access rule lives in ComplimentQuerySet.visible_to."""

from __future__ import annotations

from auditlog.signals import accessed
from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from heard.compliments.forms import ComplimentFilterForm, ComplimentForm
from heard.compliments.models import Compliment
from heard.core.casepages import require_perm
from heard.core.errors import DomainError
from heard.core.forms import GovukForm

PAGE_SIZE = 25


@require_GET
def compliment_list(request: HttpRequest) -> HttpResponse:
    form = ComplimentFilterForm(request.GET or None)
    compliments = Compliment.objects.visible_to(request.user).select_related("team")
    if form.is_bound and form.is_valid():
        compliments = form.filter(compliments)
    page = Paginator(compliments, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "compliments/list.html", {"form": form, "page": page})


@require_http_methods(["GET", "POST"])
def compliment_create(request: HttpRequest) -> HttpResponse:
    user = require_perm(request, "compliments.add_compliment")
    form = ComplimentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        compliment = form.save(by=user)
        messages.success(request, f"Compliment {compliment.reference} logged")
        if "another" in request.POST:
            return redirect("compliments:create")
        return redirect("compliments:detail", reference=compliment.reference)
    return render(request, "compliments/create.html", {"form": form})


@require_http_methods(["GET", "POST"])
def compliment_edit(request: HttpRequest, reference: str) -> HttpResponse:
    """Correct a compliment as logged (a changed quote goes back for review)."""
    user = require_perm(request, "compliments.add_compliment")
    compliment = get_object_or_404(Compliment.objects.visible_to(user), reference=reference)
    form = ComplimentForm(request.POST if request.method == "POST" else None, compliment=compliment)
    if request.method == "POST" and form.is_valid():
        try:
            changed = compliment.correct(by=user, **form.cleaned_data)
        except DomainError as error:
            form.add_rule_error(error)
        else:
            messages.success(request, "Compliment corrected" if changed else "Nothing was changed")
            return redirect("compliments:detail", reference=compliment.reference)
    return render(
        request,
        "core/step.html",
        {
            "case": compliment,
            "detail_url": reverse("compliments:detail", args=[compliment.reference]),
            "title": "Correct the compliment",
            "form": form,
        },
    )


@require_GET
def compliment_detail(request: HttpRequest, reference: str) -> HttpResponse:
    compliment = get_object_or_404(
        Compliment.objects.visible_to(request.user).select_related("team", "logged_by"),
        reference=reference,
    )
    accessed.send(sender=Compliment, instance=compliment)
    return render(request, "compliments/detail.html", {"compliment": compliment})


class QuoteForm(GovukForm):
    words = forms.CharField(
        label="The words a report may quote",
        help_text="Take out anything that could identify someone: a name, a date of birth, a "
        "school or an address. The words as received are kept.",
        widget=forms.Textarea,
        max_length=4000,
        required=False,
    )
    publish = forms.ChoiceField(
        label="May reports quote it?",
        widget=forms.RadioSelect,
        choices=[("yes", "Yes, in these words"), ("no", "No, keep it out of reports")],
        error_messages={"required": "Choose whether reports may quote it"},
    )


@require_GET
def quote_list(request: HttpRequest) -> HttpResponse:
    """The quotes givers agreed may be published, for a complaints manager to review."""
    require_perm(request, "compliments.review_quotes")
    quotes = (
        Compliment.objects.visible_to(request.user)
        .filter(consent_to_publish=True)
        .exclude(quote="")
        .select_related("team", "quote_reviewed_by")
        .order_by(F("quote_reviewed_at").asc(nulls_first=True), "-received_on")
    )
    page = Paginator(quotes, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "compliments/quotes.html", {"page": page})


@require_http_methods(["GET", "POST"])
def quote_review(request: HttpRequest, reference: str) -> HttpResponse:
    """Approve the words a report may quote, edited if need be, or keep the quote out."""
    user = require_perm(request, "compliments.review_quotes")
    compliment = get_object_or_404(Compliment.objects.visible_to(user), reference=reference)
    reviewed = compliment.quote_reviewed_at is not None
    initial = {
        "words": compliment.published_quote if reviewed else compliment.quote,
        "publish": ("yes" if compliment.published_quote else "no") if reviewed else None,
    }
    form = QuoteForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            compliment.review_quote(
                by=user,
                words=form.cleaned_data["words"],
                publish=form.cleaned_data["publish"] == "yes",
            )
        except DomainError as error:
            form.add_rule_error(error)
        else:
            messages.success(request, f"Quote from {compliment.reference} reviewed")
            return redirect("compliments:quotes")
    return render(
        request,
        "core/step.html",
        {
            "case": compliment,
            "detail_url": reverse("compliments:detail", args=[compliment.reference]),
            "title": "Review the quote",
            "form": form,
            "about": f"As received: “{compliment.quote}”",
        },
    )
