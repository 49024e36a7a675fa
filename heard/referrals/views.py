"""Monthly referrals: read the figures, enter a month, or import a CSV file."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from heard.core.casepages import require_perm
from heard.referrals.forms import ImportForm, MonthForm
from heard.referrals.models import MonthlyReferrals
from heard.referrals.store import save_counts


def _page(request: HttpRequest, month_form: MonthForm, import_form: ImportForm) -> HttpResponse:
    return render(
        request,
        "referrals/list.html",
        {
            "months": MonthlyReferrals.objects.all(),
            "month_form": month_form,
            "import_form": import_form,
            "can_change": request.user.has_perm("referrals.change_monthlyreferrals"),
        },
    )


@require_GET
def referral_list(request: HttpRequest) -> HttpResponse:
    require_perm(request, "referrals.view_monthlyreferrals")
    return _page(request, MonthForm(), ImportForm())


@require_POST
def referral_save(request: HttpRequest) -> HttpResponse:
    user = require_perm(request, "referrals.change_monthlyreferrals")
    form = MonthForm(request.POST)
    if not form.is_valid():
        return _page(request, form, ImportForm())
    save_counts(form.counts(), by=user)
    month = next(iter(form.counts()))
    messages.success(request, f"Referrals for {month:%B %Y} saved")
    return redirect("referrals:list")


@require_POST
def referral_import(request: HttpRequest) -> HttpResponse:
    user = require_perm(request, "referrals.change_monthlyreferrals")
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, MonthForm(), form)
    added, changed = save_counts(form.counts(), by=user)
    messages.success(request, f"Imported: {added} months added, {changed} changed")
    return redirect("referrals:list")
