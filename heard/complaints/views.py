"""Casework screens. Thin views: the access rule lives in ComplaintQuerySet.visible_to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from heard.complaints.forms import CaseFilterForm
from heard.complaints.models import Complaint, ComplaintEvent, Stage
from heard.core import clock
from heard.workdays import working_days_between

PAGE_SIZE = 25


@dataclass(frozen=True)
class DaysLeft:
    """Working days until a deadline: negative once it has passed."""

    due: date
    working_days: int

    @property
    def overdue(self) -> bool:
        return self.working_days < 0

    @property
    def label(self) -> str:
        n = abs(self.working_days)
        unit = "working day" if n == 1 else "working days"
        if self.working_days < 0:
            return f"Overdue by {n} {unit}"
        if self.working_days == 0:
            return "Due today"
        return f"{n} {unit} left"


def days_left(due: date | None, today: date) -> DaysLeft | None:
    if due is None:
        return None
    if due < today:
        return DaysLeft(due, -working_days_between(due, today))
    return DaysLeft(due, working_days_between(today, due))


@require_GET
def complaint_list(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    form = CaseFilterForm(request.GET or None)
    complaints = (
        Complaint.objects.visible_to(request.user)
        .select_related("team", "complainant")
        .with_next_due()
    )
    if form.is_bound and form.is_valid():
        complaints = form.filter(complaints, today).order_by(*form.ordering())
    else:
        complaints = complaints.order_by("-received_on", "-pk")
    page = Paginator(complaints, PAGE_SIZE).get_page(request.GET.get("page"))
    # next_due_on is annotated by ComplaintQuerySet.with_next_due().
    rows = [(c, days_left(getattr(c, "next_due_on", None), today)) for c in page]
    sort = form.cleaned_data.get("sort") if form.is_bound and form.is_valid() else ""
    order = form.cleaned_data.get("order") if form.is_bound and form.is_valid() else ""
    return render(
        request,
        "complaints/list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "sort": sort or "received",
            "order": order or "desc",
            "today": today,
        },
    )


def _get_complaint_for_user(request: HttpRequest, reference: str) -> Complaint:
    """The complaint, if this user may see it (404 otherwise), with what its page shows."""
    stages = Stage.objects.prefetch_related("appointments__practitioner", "findings", "costs")
    return get_object_or_404(
        Complaint.objects.visible_to(request.user)
        .select_related("team", "complainant", "assigned_officer")
        .prefetch_related(
            "children",
            Prefetch("stages", queryset=stages),
            "elements__theme",
            "elements__findings",
            "remedies",
            "learning_actions__theme",
            Prefetch(
                "events",
                queryset=ComplaintEvent.objects.select_related("actor", "stage").order_by(
                    "-occurred_at", "-pk"
                ),
            ),
        ),
        reference=reference,
    )


@require_GET
def complaint_detail(request: HttpRequest, reference: str) -> HttpResponse:
    today = clock.today()
    complaint = _get_complaint_for_user(request, reference)
    stages = list(complaint.stages.all())
    findings = {
        (finding.element_id, finding.stage_id): finding
        for s in stages
        for finding in s.findings.all()
    }
    elements = [
        (element, [findings.get((element.pk, s.pk)) for s in stages])
        for element in complaint.elements.all()
    ]
    return render(
        request,
        "complaints/detail.html",
        {
            "complaint": complaint,
            "stages": [(s, days_left(s.next_due, today)) for s in stages],
            "elements": elements,
            "costs": [(s, cost) for s in stages for cost in s.costs.all()],
            "today": today,
        },
    )
