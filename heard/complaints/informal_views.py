"""The informal stage's screens: the list, logging one, its page, and ending it (resolved,
withdrawn, or taken to Stage 1 on the complaint form). Thin views: the access rule is
InformalQuerySet.visible_to."""

from __future__ import annotations

from urllib.parse import urlencode

from auditlog.signals import accessed
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from heard.complaints.informal_forms import EndForm, InformalFilterForm, InformalForm
from heard.complaints.models.informal import (
    WORKFLOW,
    InformalComplaint,
    InformalEvent,
    InformalStatus,
    informal_procedures,
)
from heard.core import clock
from heard.core.casepages import require_perm
from heard.core.notes import note_view
from heard.workdays import days_left

PAGE_SIZE = 25


def get_informal_for_user(request: HttpRequest, reference: str) -> InformalComplaint:
    return get_object_or_404(
        InformalComplaint.objects.visible_to(request.user)
        .select_related("team", "logged_by", "complaint")
        .prefetch_related(Prefetch("events", InformalEvent.objects.select_related("actor"))),
        reference=reference,
    )


@require_GET
def informal_list(request: HttpRequest) -> HttpResponse:
    require_perm(request, "complaints.list_informal")
    today = clock.today()
    form = InformalFilterForm(request.GET or None)
    found = InformalComplaint.objects.visible_to(request.user).select_related("team")
    if form.is_bound and form.is_valid():
        found = form.filter(found)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        (i, days_left(i.due_on, today) if i.status == "open" and i.due_on else None)
        for i in page.object_list
    ]
    return render(
        request,
        "complaints/informal_list.html",
        {"form": form, "page": page, "rows": rows, "switched_on": informal_procedures()},
    )


@require_http_methods(["GET", "POST"])
def informal_create(request: HttpRequest) -> HttpResponse:
    user = require_perm(request, "complaints.add_informal")
    if not informal_procedures():
        messages.error(
            request,
            "No procedure has an informal stage: HEARD_INFORMAL_STAGE switches one on "
            "(docs/configuration.md)",
        )
        return redirect("complaints:informal_list")
    form = InformalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        informal = form.save(by=user)
        if informal is not None:
            messages.success(request, f"Informal complaint {informal.reference} logged")
            return redirect("complaints:informal", reference=informal.reference)
    return render(request, "complaints/informal_create.html", {"form": form})


@require_GET
def informal_detail(request: HttpRequest, reference: str) -> HttpResponse:
    informal = get_informal_for_user(request, reference)
    accessed.send(sender=InformalComplaint, instance=informal)
    today = clock.today()
    open_ = informal.status == InformalStatus.OPEN
    stage1 = urlencode(
        {
            "informal": informal.reference,
            "procedure": informal.procedure,
            "team": informal.team_id,
            "summary": informal.summary,
        }
    )
    return render(
        request,
        "complaints/informal_detail.html",
        {
            "informal": informal,
            "left": days_left(informal.due_on, today) if open_ and informal.due_on else None,
            "can_change": request.user.has_perm("complaints.change_informal", informal),
            "steps": WORKFLOW.available(informal) if open_ else [],
            "stage1": f"{reverse('complaints:create')}?{stage1}",
        },
    )


@require_http_methods(["GET", "POST"])
def informal_end(request: HttpRequest, reference: str, step: str) -> HttpResponse:
    informal = get_informal_for_user(request, reference)
    user = require_perm(request, "complaints.change_informal", informal)
    if step not in ("resolve", "withdraw"):
        return redirect("complaints:informal", reference=informal.reference)
    refusal = WORKFLOW.why_not(step, informal)
    if refusal:
        messages.error(request, refusal)
        return redirect("complaints:informal", reference=informal.reference)
    form = EndForm(request.POST or None, step=step)
    if request.method == "POST" and form.is_valid() and form.save(informal, by=user):
        messages.success(request, WORKFLOW[step].done)
        return redirect("complaints:informal", reference=informal.reference)
    return render(
        request,
        "core/step.html",
        {
            "case": informal,
            "detail_url": reverse("complaints:informal", args=[informal.reference]),
            "title": WORKFLOW[step].label,
            "form": form,
        },
    )


#: A note, or a contact logged, on the case's timeline (heard.core.notes).
informal_note = note_view(
    get_informal_for_user, "complaints.change_informal", "complaints:informal"
)
