"""Casework screens. Thin views: the access rule lives in ComplaintQuerySet.visible_to."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import cached_property
from typing import cast

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from heard.accounts.models import User
from heard.accounts.rules import caseworkers
from heard.complaints import audit, letters, transitions
from heard.complaints.forms import (
    CaseFilterForm,
    ComplaintDetailsForm,
    ComplaintForm,
    DocumentForm,
    ElementForm,
    ProcedureForm,
)
from heard.complaints.informal_views import get_informal_for_user
from heard.complaints.models import (
    Complaint,
    ComplaintEvent,
    ComplaintQuerySet,
    Document,
    InformalComplaint,
    LetterTemplate,
    Stage,
)
from heard.complaints.people_forms import ChildForm, ComplainantForm, PersonForm
from heard.complaints.step_forms import STEP_FORMS
from heard.complaints.tasks import work_for
from heard.core import clock
from heard.core.audit_words import in_words
from heard.core.casepages import require_perm
from heard.core.errors import ConcurrentChange, DomainError
from heard.core.files import private_download
from heard.core.notes import note_view
from heard.core.spreadsheet import csv_lines
from heard.workdays import days_left

PAGE_SIZE = 25
#: The list counts matching cases up to this many; beyond it, it says "more than 1,000".
#: An exact count over a broad filter grows with the data; this keeps the list as fast at
#: a million cases as at ten thousand.
COUNT_CAP = 1000


class CappedPaginator(Paginator):
    """A paginator whose count stops at COUNT_CAP + 1 (one query, bounded cost)."""

    @cached_property
    def count(self) -> int:
        # A sliced QuerySet counts as SELECT COUNT(*) FROM (... LIMIT cap + 1).
        queryset = cast("QuerySet[Complaint]", self.object_list)
        return queryset[: COUNT_CAP + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP


@require_GET
def _filtered(request: HttpRequest, today: date) -> tuple[CaseFilterForm, ComplaintQuerySet]:
    """The cases this user may see, filtered and sorted as the list's form says."""
    form = CaseFilterForm(request.GET or None)
    complaints = Complaint.objects.visible_to(request.user).select_related(
        "team", "complainant", "assigned_officer"
    )
    if form.is_bound and form.is_valid():
        return form, form.filter(complaints, today).order_by(*form.ordering())
    return form, complaints.order_by("-received_on", "-pk")


def complaint_list(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    form, complaints = _filtered(request, today)
    page = CappedPaginator(complaints, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(c, days_left(c.next_due_on, today)) for c in page]
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
            "count_cap": COUNT_CAP,
            "query": request.GET.urlencode(),
            # Caseworkers tick cases to reassign them; each is checked again on saving.
            "can_reassign": request.user.has_perm("complaints.add_complaint"),
            "officers": caseworkers().filter(is_active=True)
            if request.user.has_perm("complaints.add_complaint")
            else [],
        },
    )


#: The columns of the list's CSV download.
EXPORT_HEADINGS: list[object] = [
    "Reference",
    "Procedure",
    "Received",
    "Complainant",
    "Stage",
    "Status",
    "Team",
    "Assigned officer",
    "Next deadline",
    "Summary",
]


@require_GET
def complaint_export(request: HttpRequest) -> StreamingHttpResponse:
    """The filtered list as CSV, streamed a row at a time so memory stays flat however many
    cases match; only the cases this user may see (the same rule as the list)."""
    require_perm(request, "complaints.list_complaints")
    today = clock.today()
    form, complaints = _filtered(request, today)
    if form.is_bound and not form.is_valid():
        complaints = complaints.none()
    audit.record_export(request.user, request.GET.urlencode())

    def rows() -> Iterator[list[object]]:
        yield list(EXPORT_HEADINGS)
        for c in complaints.iterator(chunk_size=2000):
            yield [
                c.reference,
                c.get_procedure_display(),
                c.received_on.isoformat(),
                c.complainant.name,
                c.current_stage,
                c.get_status_display(),
                c.team.name,
                c.assigned_officer.get_full_name() if c.assigned_officer else "",
                c.next_due_on.isoformat() if c.next_due_on else "",
                c.summary,
            ]

    response = StreamingHttpResponse(csv_lines(rows()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="heard-cases-{today:%Y-%m-%d}.csv"'
    return response


def complaint_for_user(request: HttpRequest, reference: str) -> Complaint:
    """The complaint, if this user may see it (404 otherwise), with what its page shows."""
    stages = Stage.objects.prefetch_related(
        "appointments__practitioner", "findings", "costs", "recommendations__element"
    )
    return get_object_or_404(
        Complaint.objects.visible_to(request.user)
        .select_related("team", "complainant", "assigned_officer")
        .prefetch_related(
            "children",
            Prefetch("stages", queryset=stages),
            "elements__theme",
            "elements__findings",
            "remedies__stage",
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


#: The case page's sections (the MOJ sub-navigation): URL segment, heading.
SECTIONS = {
    "overview": "Overview",
    "points": "Points and findings",
    "people": "People",
    "documents": "Documents",
    "outcomes": "Costs and remedies",
    "timeline": "Timeline",
}


def case_header(request: HttpRequest, complaint: Complaint, today: date) -> dict[str, object]:
    """What every section of the case page shows above its sub-navigation: status, stage,
    next deadline and assigned officer, and the sections this user may open."""
    sections = [
        (
            name,
            label,
            reverse("complaints:detail", args=[complaint.reference])
            if name == "overview"
            else reverse("complaints:section", args=[complaint.reference, name]),
        )
        for name, label in SECTIONS.items()
    ]
    if request.user.has_perm("complaints.view_audit", complaint):
        sections.append(("audit", "Audit", reverse("complaints:audit", args=[complaint.reference])))
    return {
        "complaint": complaint,
        "sections": sections,
        "next_due": days_left(complaint.next_due_on, today),
        "today": today,
    }


@require_GET
def complaint_detail(
    request: HttpRequest, reference: str, section: str = "overview"
) -> HttpResponse:
    """The case page: a header, the sub-navigation and one section; the overview holds the
    current stage's task list with its next step as the one primary button."""
    if section not in SECTIONS:
        raise Http404("No such section")
    today = clock.today()
    complaint = complaint_for_user(request, reference)
    audit.record_view(complaint)
    stages = list(complaint.stages.all())
    can_change = request.user.has_perm("complaints.change_complaint", complaint)
    context = case_header(request, complaint, today)
    context.update(
        section=section,
        title=SECTIONS[section],
        can_change=can_change,
        stages=[(s, days_left(s.next_due, today)) for s in stages],
    )
    if section == "overview":
        context.update(
            work=work_for(complaint, today) if can_change else None,
            informal=InformalComplaint.objects.filter(complaint=complaint).first(),
            # The Ombudsman's cases about this complaint, through the reverse relation (the
            # ombudsman app is built on complaints, not the other way round).
            ombudsman_cases=list(complaint.ombudsman_cases.visible_to(request.user)),
        )
    elif section == "points":
        findings = {
            (finding.element_id, finding.stage_id): finding
            for s in stages
            for finding in s.findings.all()
        }
        context["elements"] = [
            (element, [findings.get((element.pk, s.pk)) for s in stages])
            for element in complaint.elements.all()
        ]
        context["can_find"] = can_change and not transitions.refusal(
            "record_finding", complaint.active_stage, today
        )
    elif section == "people":
        context["can_advocacy"] = can_change and not transitions.refusal(
            "record_advocacy", complaint.active_stage, today
        )
    elif section == "documents":
        numbers = {s.number for s in stages}
        context["documents"] = list(
            Document.objects.visible_to(request.user)
            .filter(complaint=complaint)
            .select_related("stage", "added_by")
        )
        context["letters"] = (
            [
                t
                for t in LetterTemplate.objects.filter(procedure=complaint.procedure)
                if t.applies_to(complaint, numbers)
            ]
            if can_change
            else []
        )
    elif section == "outcomes":
        context.update(
            costs=[(s, cost) for s in stages for cost in s.costs.all()],
            remedies=complaint.remedies.all(),
            learning_actions=complaint.learning_actions.all(),
        )
    return render(request, f"complaints/case/{section}.html", context)


@require_http_methods(["GET", "POST"])
def complaint_step(request: HttpRequest, reference: str, step: str) -> HttpResponse:
    """Show and record one step of the transition table on the case's current stage."""
    complaint = complaint_for_user(request, reference)
    user = case_editor(request, complaint)
    form_class = STEP_FORMS.get(step)
    if form_class is None:
        raise Http404("No such step")
    stage = complaint.active_stage
    refusal = transitions.refusal(step, stage, clock.today())
    if refusal and step != "escalate":  # escalation is judged on the request date, below
        messages.error(
            request, f"{transitions.TRANSITIONS[step].label} is not possible: {refusal}."
        )
        return redirect("complaints:detail", reference=complaint.reference)
    form = form_class(
        request.POST or None,
        request.FILES or None,
        stage=stage,
        initial={"version": stage.version},
    )
    changed_by_others: list[ComplaintEvent] = []
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["version"] != stage.version:
            # Someone saved this case after the officer opened the form: show what changed and
            # keep what they typed, instead of applying it over the other change.
            changed_by_others = list(complaint.events.all()[:5])
            data = request.POST.copy()
            data["version"] = str(stage.version)
            form = form_class(data, request.FILES or None, stage=stage)
            form.is_valid()
            form.add_error(
                None,
                "Someone else changed this case after you opened this page. "
                "Check their changes below, then save again.",
            )
        elif form.save(by=user):
            messages.success(request, transitions.TRANSITIONS[step].done)
            return redirect("complaints:detail", reference=complaint.reference)
    return render(
        request,
        "complaints/step.html",
        {
            "case": complaint,
            "detail_url": reverse("complaints:detail", args=[complaint.reference]),
            "title": form.title,
            "stage": stage,
            "form": form,
            "changed_by_others": changed_by_others,
        },
    )


def case_editor(request: HttpRequest, complaint: Complaint) -> User:
    """The signed-in user, if they may record steps on this case (403 otherwise)."""
    return require_perm(request, "complaints.change_complaint", complaint)


def _caseworker(request: HttpRequest) -> User:
    return require_perm(request, "complaints.add_complaint")


@require_http_methods(["GET", "POST"])
def complaint_create(request: HttpRequest) -> HttpResponse:
    """Log a new complaint; it starts at Stage 1 on the day it was received."""
    user = _caseworker(request)
    # Taking an informal complaint to Stage 1: the form starts from what it holds.
    reference = request.POST.get("informal") or request.GET.get("informal")
    informal = get_informal_for_user(request, reference) if reference else None
    initial: dict[str, object] = {}
    if informal is not None:
        initial = {
            "procedure": informal.procedure,
            "team": informal.team_id,
            "summary": informal.summary,
            "complainant_name": informal.complainant_name,
            "received_on": clock.today(),
        }
    form = ComplaintForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            complaint = form.save(by=user)
            if complaint is not None and informal is not None:
                try:
                    informal.escalate(by=user, complaint=complaint)
                except DomainError as error:
                    transaction.set_rollback(True)
                    form.add_rule_error(error)
                    complaint = None
        if complaint is not None:
            messages.success(request, f"Complaint {complaint.reference} logged")
            return redirect("complaints:detail", reference=complaint.reference)
    return render(request, "complaints/create.html", {"form": form, "informal": informal})


@require_http_methods(["GET", "POST"])
def element_create(request: HttpRequest, reference: str) -> HttpResponse:
    """Add a point of complaint, with its theme."""
    complaint = complaint_for_user(request, reference)
    user = case_editor(request, complaint)
    form = ElementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            complaint.add_element(
                by=user,
                theme=form.cleaned_data["theme"],
                description=form.cleaned_data["description"],
            )
        except DomainError as error:
            form.add_rule_error(error)
        else:
            messages.success(request, "Point of complaint added")
            return redirect("complaints:detail", reference=complaint.reference)
    return render(request, "complaints/element_create.html", {"form": form, "complaint": complaint})


@require_GET
def complaint_audit(request: HttpRequest, reference: str) -> HttpResponse:
    """Every change to the case and every view of it: who, when, what, and from where."""
    complaint = complaint_for_user(request, reference)
    require_perm(request, "complaints.view_audit", complaint)
    page = Paginator(audit.entries_for(complaint), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "complaints/audit.html",
        {
            **case_header(request, complaint, clock.today()),
            "section": "audit",
            "title": "Audit trail",
            "page": page,
            "entries": in_words(list(page.object_list)),
        },
    )


@require_http_methods(["GET", "POST"])
def procedure_change(request: HttpRequest, reference: str) -> HttpResponse:
    """Move a complaint logged under the wrong procedure (open, at Stage 1)."""
    complaint = complaint_for_user(request, reference)
    user = case_editor(request, complaint)
    form = ProcedureForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and form.save(complaint, by=user):
        moved = complaint.events.filter(action="change_procedure").latest("occurred_at", "pk")
        said = [f"Moved to the {complaint.get_procedure_display()} procedure"]
        if moved.details.get("no_longer_applies"):
            said.append(f"No longer applies: {'; '.join(moved.details['no_longer_applies'])}")
        if moved.details.get("now_needed"):
            said.append(
                f"Now needed: {'; '.join(moved.details['now_needed'])} (under People on the "
                "case page)"
            )
        messages.success(request, ". ".join(said))
        return redirect("complaints:detail", reference=complaint.reference)
    return render(request, "complaints/procedure.html", {"complaint": complaint, "form": form})


@require_http_methods(["GET", "POST"])
def complaint_edit(request: HttpRequest, reference: str) -> HttpResponse:
    """Correct a complaint's details, refusing a save made from an out-of-date page."""
    complaint = complaint_for_user(request, reference)
    user = case_editor(request, complaint)
    form = ComplaintDetailsForm(
        request.POST or None,
        initial=ComplaintDetailsForm.initial_for(complaint),
        complaint=complaint,
    )
    differences: list[tuple[str, str, str]] = []
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.editable}
        try:
            changed = complaint.update_details(
                by=user, version=form.cleaned_data["version"], **values
            )
        except ConcurrentChange as error:
            complaint.refresh_from_db()
            differences = form.differences(complaint)
            data = request.POST.copy()
            data["version"] = str(complaint.version)
            form = ComplaintDetailsForm(data, complaint=complaint)
            form.is_valid()
            form.add_error(None, error.message)
        except DomainError as error:
            form.add_rule_error(error)
        else:
            messages.success(request, "Details saved" if changed else "Nothing was changed")
            return redirect("complaints:detail", reference=complaint.reference)
    return render(
        request,
        "complaints/edit.html",
        {"complaint": complaint, "form": form, "differences": differences},
    )


@require_http_methods(["GET", "POST"])
def document_upload(request: HttpRequest, reference: str) -> HttpResponse:
    """Add a letter, email, PDF, Word file or image to the case."""
    complaint = complaint_for_user(request, reference)
    user = case_editor(request, complaint)
    form = DocumentForm(request.POST or None, request.FILES or None, complaint=complaint)
    if request.method == "POST" and form.is_valid():
        document = form.save(complaint, by=user)
        messages.success(request, f"Document “{document.title}” added")
        return redirect(_documents_url(complaint))
    return render(
        request,
        "core/upload.html",
        {
            "case": complaint,
            "detail_url": reverse("complaints:detail", args=[complaint.reference]),
            "noun": "case",
            "form": form,
            "max_mb": settings.HEARD_UPLOAD_MAX_MB,
        },
    )


@require_GET
def document_download(request: HttpRequest, reference: str, pk: int) -> FileResponse:
    """A document, if this user may open it (404 otherwise); every download is audited."""
    document = get_object_or_404(
        Document.objects.visible_to(request.user), pk=pk, complaint__reference=reference
    )
    audit.record_download(document)
    return private_download(document)


@require_POST
def letter_create(request: HttpRequest, reference: str, kind: str) -> HttpResponse:
    """Fill in a standard letter for the case and keep it among its documents."""
    complaint = complaint_for_user(request, reference)
    user = case_editor(request, complaint)
    template = get_object_or_404(LetterTemplate, kind=kind, procedure=complaint.procedure)
    try:
        letters.create_letter(complaint, template, by=user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{template} letter created: download it from Documents")
    return redirect(_documents_url(complaint))


def _documents_url(complaint: Complaint) -> str:
    return reverse("complaints:section", args=[complaint.reference, "documents"])


@require_http_methods(["GET", "POST"])
def complainant_edit(request: HttpRequest, reference: str) -> HttpResponse:
    """Correct the complainant's contact details, relationship and equality answers."""
    complaint = complaint_for_user(request, reference)
    user = case_editor(request, complaint)
    form = ComplainantForm(request.POST or None, complaint=complaint)
    return _person_form(request, complaint, user, form, "Correct the complainant's details")


@require_http_methods(["GET", "POST"])
def child_edit(request: HttpRequest, reference: str, pk: int | None = None) -> HttpResponse:
    """Correct a child's details, or add a child the complaint is about."""
    complaint = complaint_for_user(request, reference)
    user = case_editor(request, complaint)
    child = get_object_or_404(complaint.children.all(), pk=pk) if pk is not None else None
    form = ChildForm(request.POST or None, instance=child)
    title = "Correct the child's details" if child else "Add a child"
    return _person_form(request, complaint, user, form, title)


def _person_form(
    request: HttpRequest, complaint: Complaint, user: User, form: PersonForm, title: str
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        changed = form.save_for(complaint, by=user)
        messages.success(request, "Details saved" if changed else "Nothing was changed")
        return redirect("complaints:section", reference=complaint.reference, section="people")
    return render(
        request, "complaints/person.html", {"complaint": complaint, "form": form, "title": title}
    )


#: A note, or a phone call, letter, email or meeting logged, on the complaint's timeline.
complaint_note = note_view(
    complaint_for_user,
    "complaints.change_complaint",
    "complaints:detail",
    lambda c: reverse("complaints:section", args=[c.reference, "timeline"]),
)
