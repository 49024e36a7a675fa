"""Compliment screens. Thin views: the access rule lives in ComplimentQuerySet.visible_to."""

from __future__ import annotations

from auditlog.signals import accessed
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from heard.compliments.forms import ComplimentFilterForm, ComplimentForm
from heard.compliments.models import Compliment
from heard.core.casepages import require_perm

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


@require_GET
def compliment_detail(request: HttpRequest, reference: str) -> HttpResponse:
    compliment = get_object_or_404(
        Compliment.objects.visible_to(request.user).select_related("team", "logged_by"),
        reference=reference,
    )
    accessed.send(sender=Compliment, instance=compliment)
    return render(request, "compliments/detail.html", {"compliment": compliment})
