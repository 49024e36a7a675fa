"""Subject access request screens. Thin views: the access rule is SarQuerySet.visible_to and
the steps are the workflow in heard.sars.models."""

from __future__ import annotations

from auditlog.signals import accessed
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from heard.core import clock
from heard.core.casepages import require_perm, step_page
from heard.core.files import private_download
from heard.core.notes import note_view
from heard.sars.forms import STEP_FORMS, SarDocumentForm, SarFilterForm, SarForm
from heard.sars.models import WORKFLOW, SarDocument, SarEvent, SarStatus, SubjectAccessRequest
from heard.workdays import days_left

PAGE_SIZE = 25


def _get_for_user(request: HttpRequest, reference: str) -> SubjectAccessRequest:
    return get_object_or_404(
        SubjectAccessRequest.objects.visible_to(request.user)
        .select_related("assigned_officer", "logged_by")
        .prefetch_related(
            "clarifications",
            "exemptions",
            "documents",
            Prefetch("events", SarEvent.objects.select_related("actor")),
        ),
        reference=reference,
    )


@require_GET
def sar_list(request: HttpRequest) -> HttpResponse:
    require_perm(request, "sars.list_sars")
    today = clock.today()
    form = SarFilterForm(request.GET or None)
    requests = SubjectAccessRequest.objects.visible_to(request.user)
    if form.is_bound and form.is_valid():
        requests = form.filter(requests, today)
    page = Paginator(requests, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(r, days_left(r.due_on, today)) for r in page.object_list]
    return render(request, "sars/list.html", {"form": form, "page": page, "rows": rows})


@require_http_methods(["GET", "POST"])
def sar_create(request: HttpRequest) -> HttpResponse:
    user = require_perm(request, "sars.add_sar")
    form = SarForm(request.POST or None, initial={"assigned_officer": user.pk})
    if request.method == "POST" and form.is_valid():
        sar = form.save(by=user)
        if sar is not None:
            messages.success(request, f"Subject access request {sar.reference} logged")
            return redirect("sars:detail", reference=sar.reference)
    return render(request, "sars/create.html", {"form": form})


@require_GET
def sar_detail(request: HttpRequest, reference: str) -> HttpResponse:
    sar = _get_for_user(request, reference)
    accessed.send(sender=SubjectAccessRequest, instance=sar)
    today = clock.today()
    can_change = request.user.has_perm("sars.change_sar", sar)
    return render(
        request,
        "sars/detail.html",
        {
            "sar": sar,
            "left": days_left(sar.due_on, today) if sar.status == SarStatus.OPEN else None,
            "actions": WORKFLOW.available(sar) if can_change else [],
            "can_change": can_change,
        },
    )


@require_http_methods(["GET", "POST"])
def sar_step(request: HttpRequest, reference: str, name: str) -> HttpResponse:
    if name not in STEP_FORMS:
        raise Http404
    sar = _get_for_user(request, reference)
    user = require_perm(request, "sars.change_sar", sar)
    return step_page(
        request,
        case=sar,
        by=user,
        workflow=WORKFLOW,
        name=name,
        form_class=STEP_FORMS[name],
        detail_url=reverse("sars:detail", args=[sar.reference]),
    )


@require_http_methods(["GET", "POST"])
def sar_document_add(request: HttpRequest, reference: str) -> HttpResponse:
    """Add a file to the request, for those who may record steps on it; audited as an event."""
    sar = _get_for_user(request, reference)
    user = require_perm(request, "sars.change_sar", sar)
    form = SarDocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        document = form.save(sar, by=user)
        if document is not None:
            messages.success(request, f"Document “{document.title or document.filename}” added")
            return redirect("sars:detail", reference=sar.reference)
    return render(
        request,
        "core/upload.html",
        {
            "case": sar,
            "detail_url": reverse("sars:detail", args=[sar.reference]),
            "noun": "request",
            "form": form,
            "max_mb": settings.HEARD_UPLOAD_MAX_MB,
        },
    )


@require_GET
def sar_document(request: HttpRequest, reference: str, pk: int) -> FileResponse:
    """A file sent with a request, to those who may see the request (404 otherwise); every
    download is audited."""
    document = get_object_or_404(
        SarDocument.objects.filter(
            request__in=SubjectAccessRequest.objects.visible_to(request.user)
        ),
        pk=pk,
        request__reference=reference,
    )
    accessed.send(sender=SarDocument, instance=document)
    return private_download(document)


#: A note, or a contact logged, on the case's timeline (heard.core.notes).
sar_note = note_view(_get_for_user, "sars.change_sar", "sars:detail")
