"""The report screens: the report itself, its downloads, and the cases behind a figure."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from heard.complaints.choices import Procedure
from heard.core import clock
from heard.core.casepages import require_perm
from heard.core.errors import RuleViolation
from heard.reporting import charts
from heard.reporting.builder import build_document
from heard.reporting.council import council_figures
from heard.reporting.crosstab import as_csv, as_xlsx, grid
from heard.reporting.drill import UnknownFigure, drill, unit_rows
from heard.reporting.figures.tables import (
    MEASURES,
    TableError,
    count_table,
    table_rows,
    year_before,
)
from heard.reporting.forms import ReportForm, TableForm
from heard.reporting.models import PublishedReport
from heard.reporting.periods import Period
from heard.reporting.printing import paper_context
from heard.reporting.publishing import publish
from heard.reporting.renderers import RENDERERS
from heard.reporting.report import build

PAGE_SIZE = 50


@require_GET
def report(request: HttpRequest) -> HttpResponse:
    require_perm(request, "reporting.view_report")
    form = ReportForm.from_query(request.GET)
    context: dict[str, object] = {"form": form}
    if form.is_valid():
        period, kind = form.period()
        built = build(form.cleaned_data["procedure"], period, kind)  # type: ignore[arg-type]
        context.update(
            published=PublishedReport.objects.filter(
                **scope(period, kind, form.cleaned_data["procedure"])
            )
            .defer("pdf", "docx", "xlsx", "html", "data")
            .select_related("published_by"),
            **paper_context(build_document(built), charts.draw(built)),
            document_kind=kind,
            query=form.query(),
            can_drill=request.user.has_perm("reporting.drill_down"),
            formats=RENDERERS,
        )
    return render(request, "reporting/report.html", context)


def chosen(request: HttpRequest) -> tuple[ReportForm, Period, str, str]:
    form = ReportForm.from_query(request.GET)
    if not form.is_valid():
        raise Http404("No such report")
    period, kind = form.period()
    return form, period, kind, form.cleaned_data["procedure"]


def scope(period: Period, kind: str, procedure: str) -> dict[str, object]:
    return {"procedure": procedure, "kind": kind, "first": period.first, "last": period.last}


@require_POST
def publish_view(request: HttpRequest) -> HttpResponse:
    require_perm(request, "reporting.publish_report")
    form, period, kind, procedure = chosen(request)
    built = build(procedure, period, kind)  # type: ignore[arg-type]
    try:
        published = publish(built, by=request.user)
    except RuleViolation as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Version {published.version} of the report is published")
    return redirect(f"{reverse('reporting:report')}?{form.query()}")


@require_GET
def published_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    require_perm(request, "reporting.view_report")
    if fmt not in RENDERERS:
        raise Http404("No such format")
    published = get_object_or_404(PublishedReport, pk=pk)
    response = HttpResponse(published.edition(fmt), content_type=RENDERERS[fmt].content_type)
    name = f"{published.procedure}-{published.first:%Y-%m-%d}-v{published.version}"
    response["Content-Disposition"] = f'attachment; filename="heard-report-{name}.{fmt}"'
    return response


@require_GET
def download(request: HttpRequest, fmt: str) -> HttpResponse:
    require_perm(request, "reporting.view_report")
    if fmt not in RENDERERS:
        raise Http404("No such format")
    form = ReportForm.from_query(request.GET)
    if not form.is_valid():
        raise Http404("No such report")
    period, kind = form.period()
    report_ = build(form.cleaned_data["procedure"], period, kind)  # type: ignore[arg-type]
    renderer = RENDERERS[fmt]
    content = renderer.render(report_)
    response = HttpResponse(content, content_type=renderer.content_type)
    name = f"{report_.procedure}-{period.label.replace('/', '-').replace(' ', '-')}"
    response["Content-Disposition"] = f'attachment; filename="heard-report-{name}.{fmt}"'
    return response


@require_GET
def cases(request: HttpRequest) -> HttpResponse:
    require_perm(request, "reporting.drill_down")
    form = ReportForm.from_query(request.GET)
    figure = request.GET.get("figure", "")
    if not form.is_valid() or not figure:
        raise Http404("No such figure")
    period, _ = form.period()
    procedure = form.cleaned_data["procedure"]
    try:
        found = drill(figure, procedure, period, request.user)
    except UnknownFigure:
        raise Http404("No such figure") from None
    page = Paginator(found.queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [found.row(item) for item in page]
    return render(
        request,
        "reporting/cases.html",
        {
            "page": page,
            "rows": rows,
            "noun": found.noun,
            "figure": figure,
            "period": period,
            "what": Procedure(procedure).label,
            "back": f"{reverse('reporting:report')}?{form.query()}",
            "back_label": "Back to the report",
        },
    )


@require_GET
def council(request: HttpRequest) -> HttpResponse:
    """The whole council's casework in the period: each procedure's figures and the total."""
    require_perm(request, "reporting.view_report")
    form = ReportForm.from_query(request.GET)
    context: dict[str, object] = {"form": form}
    if form.is_valid():
        period, _ = form.period()
        figures = council_figures(period)
        year, quarter = form.cleaned_data["year"], form.cleaned_data["quarter"] or ""
        reports = [
            (value, label, urlencode({"year": year, "quarter": quarter, "procedure": value}))
            for value, label in figures.procedures
        ]
        context.update(figures=figures, reports=reports)
    return render(request, "reporting/council.html", context)


@require_GET
def menu(request: HttpRequest) -> HttpResponse:
    """The reports on offer: the annual report, and the last complete quarter's."""
    last = Period.quarter_of(clock.today()).previous()
    return render(
        request,
        "reporting/menu.html",
        {"this_quarter": last.quarter_number, "this_quarter_year": last.year},
    )


@require_GET
def table(request: HttpRequest) -> HttpResponse:
    """The table builder: any count by one or two breakdowns, with the year before. For the
    complaints team, who may see every case anyway: its counts are not checked for small
    numbers, so report viewers do not get it."""
    require_perm(request, "reporting.drill_down")
    form = TableForm.from_query(request.GET)
    context: dict[str, object] = {"form": form, "measures": MEASURES}
    if form.is_valid():
        try:
            counted = count_table(form.spec())
        except TableError as error:
            form.add_error("rows", str(error))
        else:
            context.update(grid=grid(counted, form.query(), links=True), query=form.query())
    return render(request, "reporting/table.html", context)


@require_GET
def table_download(request: HttpRequest, fmt: str) -> HttpResponse:
    require_perm(request, "reporting.drill_down")
    form = TableForm.from_query(request.GET)
    if fmt not in ("csv", "xlsx") or not form.is_valid():
        raise Http404("No such table")
    try:
        counted = grid(count_table(form.spec()), form.query(), links=False)
    except TableError:
        raise Http404("No such table") from None
    if fmt == "csv":
        response = HttpResponse(as_csv(counted), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            as_xlsx(counted),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="heard-table.{fmt}"'
    return response


@require_GET
def table_cases(request: HttpRequest) -> HttpResponse:
    """The cases behind one cell of the table builder's table."""
    require_perm(request, "reporting.drill_down")
    form = TableForm.from_query(request.GET)
    if not form.is_valid() or "row" not in request.GET:
        raise Http404("No such cell")
    spec = form.spec()
    before = request.GET.get("when") == "before"
    try:
        rows = table_rows(spec, request.GET["row"], request.GET.get("column"), year_before_=before)
        found = unit_rows(MEASURES[spec.measure].unit, rows, request.user)
    except (TableError, ValueError):
        raise Http404("No such cell") from None
    page = Paginator(found.queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "reporting/cases.html",
        {
            "page": page,
            "rows": [found.row(item) for item in page],
            "noun": found.noun,
            "what": MEASURES[spec.measure].label,
            "period": year_before(spec.period) if before else spec.period,
            "back": f"{reverse('reporting:table')}?{form.query()}",
            "back_label": "Back to the table",
        },
    )
