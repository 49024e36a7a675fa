"""Ombudsman case screens. Thin views: the access rule is OmbudsmanQuerySet.visible_to and
the steps are the workflow in heard.ombudsman.models."""

from __future__ import annotations

from datetime import date

from auditlog.signals import accessed
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from heard.core import clock
from heard.core.casepages import require_perm, step_page
from heard.core.notes import note_view
from heard.ombudsman.forms import STEP_FORMS, OmbudsmanFilterForm, OmbudsmanForm
from heard.ombudsman.models import WORKFLOW, OmbudsmanCase, OmbudsmanEvent, OmbudsmanStatus
from heard.workdays import DaysLeft, days_left

PAGE_SIZE = 25


def _get_for_user(request: HttpRequest, reference: str) -> OmbudsmanCase:
    return get_object_or_404(
        OmbudsmanCase.objects.visible_to(request.user)
        .select_related("team", "assigned_officer", "complaint")
        .prefetch_related(
            "remedies", Prefetch("events", OmbudsmanEvent.objects.select_related("actor"))
        ),
        reference=reference,
    )


def _reply_left(case: OmbudsmanCase, today: date) -> DaysLeft | None:
    """Working days to the council's reply, while one is awaited."""
    waiting = case.replied_on is None and case.status == OmbudsmanStatus.OPEN
    if not waiting or case.reply_due_on is None:
        return None
    return days_left(case.reply_due_on, today)


@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    form = OmbudsmanFilterForm(request.GET or None)
    cases = OmbudsmanCase.objects.visible_to(request.user).select_related("team")
    if form.is_bound and form.is_valid():
        cases = form.filter(cases, today)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(c, _reply_left(c, today)) for c in page.object_list]
    return render(request, "ombudsman/list.html", {"form": form, "page": page, "rows": rows})


@require_http_methods(["GET", "POST"])
def case_create(request: HttpRequest) -> HttpResponse:
    user = require_perm(request, "ombudsman.add_case")
    initial = {"assigned_officer": user.pk, "complaint_reference": request.GET.get("complaint", "")}
    form = OmbudsmanForm(request.POST or None, initial=initial, user=user)
    if request.method == "POST" and form.is_valid():
        case = form.save(by=user)
        if case is not None:
            messages.success(request, f"Ombudsman case {case.reference} logged")
            return redirect("ombudsman:detail", reference=case.reference)
    return render(request, "ombudsman/create.html", {"form": form})


@require_GET
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    case = _get_for_user(request, reference)
    accessed.send(sender=OmbudsmanCase, instance=case)
    today = clock.today()
    can_change = request.user.has_perm("ombudsman.change_case", case)
    return render(
        request,
        "ombudsman/detail.html",
        {
            "case": case,
            "left": _reply_left(case, today),
            "actions": WORKFLOW.available(case) if can_change else [],
            "can_change": can_change,
            "complaint_visible": case.complaint is not None
            and request.user.has_perm("complaints.view_complaint", case.complaint),
        },
    )


@require_http_methods(["GET", "POST"])
def case_step(request: HttpRequest, reference: str, name: str) -> HttpResponse:
    if name not in STEP_FORMS:
        raise Http404
    case = _get_for_user(request, reference)
    user = require_perm(request, "ombudsman.change_case", case)
    return step_page(
        request,
        case=case,
        by=user,
        workflow=WORKFLOW,
        name=name,
        form_class=STEP_FORMS[name],
        detail_url=reverse("ombudsman:detail", args=[case.reference]),
    )


#: A note, or a contact logged, on the case's timeline (heard.core.notes).
case_note = note_view(_get_for_user, "ombudsman.change_case", "ombudsman:detail")
