"""Member enquiry screens. Thin views: the access rule lives in EnquiryQuerySet.visible_to."""

from __future__ import annotations

from auditlog.signals import accessed
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from heard.core import clock
from heard.core.casepages import require_perm
from heard.core.notes import note_view
from heard.enquiries.forms import EnquiryFilterForm, EnquiryForm, RespondForm
from heard.enquiries.models import Enquiry, EnquiryEvent, response_period
from heard.workdays import days_left

PAGE_SIZE = 25


def _get_enquiry_for_user(request: HttpRequest, reference: str) -> Enquiry:
    return get_object_or_404(
        Enquiry.objects.visible_to(request.user)
        .select_related("team", "assigned_officer", "logged_by", "responded_by")
        .prefetch_related(Prefetch("events", EnquiryEvent.objects.select_related("actor"))),
        reference=reference,
    )


@require_GET
def enquiry_list(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    form = EnquiryFilterForm(request.GET or None)
    enquiries = Enquiry.objects.visible_to(request.user).select_related("team")
    if form.is_bound and form.is_valid():
        enquiries = form.filter(enquiries, today)
    page = Paginator(enquiries, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        (e, days_left(e.due_on, today) if e.status == "open" else None) for e in page.object_list
    ]
    return render(
        request,
        "enquiries/list.html",
        {"form": form, "page": page, "rows": rows, "period": response_period()},
    )


@require_http_methods(["GET", "POST"])
def enquiry_create(request: HttpRequest) -> HttpResponse:
    user = require_perm(request, "enquiries.add_enquiry")
    form = EnquiryForm(request.POST or None, initial={"assigned_officer": user.pk})
    if request.method == "POST" and form.is_valid():
        enquiry = form.save(by=user)
        if enquiry is not None:
            messages.success(request, f"Enquiry {enquiry.reference} logged")
            return redirect("enquiries:detail", reference=enquiry.reference)
    return render(request, "enquiries/create.html", {"form": form})


@require_GET
def enquiry_detail(request: HttpRequest, reference: str) -> HttpResponse:
    enquiry = _get_enquiry_for_user(request, reference)
    accessed.send(sender=Enquiry, instance=enquiry)
    today = clock.today()
    return render(
        request,
        "enquiries/detail.html",
        {
            "enquiry": enquiry,
            "left": days_left(enquiry.due_on, today) if enquiry.status == "open" else None,
            "can_change": request.user.has_perm("enquiries.change_enquiry", enquiry),
        },
    )


@require_http_methods(["GET", "POST"])
def enquiry_respond(request: HttpRequest, reference: str) -> HttpResponse:
    enquiry = _get_enquiry_for_user(request, reference)
    user = require_perm(request, "enquiries.change_enquiry", enquiry)
    if enquiry.status != "open":
        messages.error(request, "This enquiry has already been answered")
        return redirect("enquiries:detail", reference=enquiry.reference)
    form = RespondForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and form.save(enquiry, by=user):
        messages.success(request, "Reply recorded")
        return redirect("enquiries:detail", reference=enquiry.reference)
    return render(
        request,
        "core/step.html",
        {
            "case": enquiry,
            "detail_url": reverse("enquiries:detail", args=[enquiry.reference]),
            "title": "Record the reply",
            "form": form,
        },
    )


#: A note, or a contact logged, on the case's timeline (heard.core.notes).
enquiry_note = note_view(_get_enquiry_for_user, "enquiries.change_enquiry", "enquiries:detail")
