"""The committee paper's screens: the council's template for a procedure's paper, and the
words of one report."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from heard.complaints.choices import Procedure
from heard.core.casepages import require_perm
from heard.reporting.code import AreaRows, saved_rows, starting_rows
from heard.reporting.models import PaperTemplate, ReportKind, ReportText
from heard.reporting.paper import Words, default_parts, offered
from heard.reporting.paper_forms import (
    PaperSetupForm,
    PaperWordsForm,
    PartRows,
    chosen_parts,
    rows,
)
from heard.reporting.periods import Period
from heard.reporting.report import build
from heard.reporting.views import chosen, scope


def report_text(period: Period, kind: str, procedure: str) -> ReportText:
    """The report's words as saved, or new ones not yet saved."""
    found = ReportText.objects.filter(**scope(period, kind, procedure)).first()
    return found or ReportText(**scope(period, kind, procedure))


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest) -> HttpResponse:
    """One report's words: each part starts as the words Heard writes from the figures."""
    user = require_perm(request, "reporting.edit_report")
    form, period, kind, procedure = chosen(request)
    report = build(procedure, period, kind)  # type: ignore[arg-type]
    heard = Words(report)
    parts = report.parts()
    words = PaperWordsForm(
        request.POST or None,
        parts=parts,
        heard={part["key"]: heard(part["key"]) for part in parts},
        quotes=report.current.compliments.quotes,
        initial={"meeting_on": report.paper.meeting_on, "quotes": report.paper.quotes},
    )
    if request.method == "POST" and words.is_valid():
        text = report_text(period, kind, procedure)
        text.meeting_on = words.cleaned_data["meeting_on"]
        text.words = words.words()
        text.quotes = words.cleaned_data["quotes"]
        text.updated_by = user
        text.save()
        messages.success(request, "The report's words are saved")
        return redirect(f"{reverse('reporting:report')}?{form.query()}")
    return render(
        request,
        "reporting/edit.html",
        {
            "form": words,
            "query": form.query(),
            "period": period,
            "kind": kind,
            "procedure": procedure,
        },
    )


class PaperChoice(forms.Form):
    procedure = forms.ChoiceField(choices=Procedure.choices)
    kind = forms.ChoiceField(choices=ReportKind.choices)


@require_http_methods(["GET", "POST"])
def template(request: HttpRequest) -> HttpResponse:
    """The council's paper for a procedure's annual or quarterly report: which headings, in
    which order, the committee it goes to, and the logo on its cover."""
    user = require_perm(request, "reporting.edit_report")
    choice = PaperChoice(
        {
            "procedure": request.GET.get("procedure") or Procedure.CHILDREN,
            "kind": request.GET.get("kind") or ReportKind.ANNUAL,
        }
    )
    if not choice.is_valid():
        raise Http404("No such paper")
    procedure, kind = choice.cleaned_data["procedure"], choice.cleaned_data["kind"]
    saved = PaperTemplate.objects.filter(procedure=procedure, kind=kind).first()
    paper = saved or PaperTemplate(procedure=procedure, kind=kind)

    current = (
        [(p["key"], p["heading"]) for p in paper.parts]
        if paper.parts
        else default_parts(procedure, kind)
    )
    keys = offered(procedure)
    setup = PaperSetupForm(
        request.POST or None,
        request.FILES or None,
        initial={"committee": paper.committee, "report_of": paper.report_of},
    )
    parts = PartRows(request.POST or None, initial=rows(current, keys), prefix="parts")
    if request.method == "POST" and setup.is_valid() and parts.is_valid():
        chosen_rows = chosen_parts([row.cleaned_data for row in parts], keys)
        if not chosen_rows:
            setup.add_error(None, "Tick at least one part to print")
        else:
            with transaction.atomic():
                paper.parts = chosen_rows
                paper.committee = setup.cleaned_data["committee"].strip()
                paper.report_of = setup.cleaned_data["report_of"].strip()
                if setup.cleaned_data["logo"]:
                    paper.logo, paper.logo_type = setup.cleaned_data["logo"]
                elif setup.cleaned_data["remove_logo"]:
                    paper.logo, paper.logo_type = b"", ""
                paper.updated_by = user
                paper.save()
            messages.success(request, "The paper's headings are saved")
            return redirect(f"{reverse('reporting:template')}?procedure={procedure}&kind={kind}")
    return render(
        request,
        "reporting/template.html",
        {
            "setup": setup,
            "parts": parts,
            "error_forms": [setup, *parts],
            "procedure": Procedure(procedure),
            "kind": ReportKind(kind),
            "has_logo": bool(paper.logo),
            "choices": [(p, k) for p in Procedure for k in ReportKind],
        },
    )


@require_http_methods(["GET", "POST"])
def assessment(request: HttpRequest) -> HttpResponse:
    """The corporate annual report's self-assessment against the Complaint Handling Code."""
    user = require_perm(request, "reporting.edit_report")
    form, period, kind, procedure = chosen(request)
    if procedure != Procedure.CORPORATE or kind != ReportKind.ANNUAL:
        raise Http404("Only the corporate annual report has a self-assessment")
    text = report_text(period, kind, procedure)
    rows = AreaRows(
        request.POST or None, initial=starting_rows(list(text.assessment)), prefix="areas"
    )
    if request.method == "POST" and rows.is_valid():
        text.assessment = saved_rows([row.cleaned_data for row in rows])
        text.updated_by = user
        text.save()
        messages.success(request, "The self-assessment is saved")
        return redirect(f"{reverse('reporting:report')}?{form.query()}")
    return render(
        request,
        "reporting/code.html",
        {"rows": rows, "error_forms": list(rows), "query": form.query(), "period": period},
    )
