"""The report screens: the report itself, its downloads, and the cases behind a figure."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from heard.complaints.choices import Procedure
from heard.reporting import charts
from heard.reporting.document import build_document
from heard.reporting.drill import UnknownFigure, drill
from heard.reporting.forms import ReportForm
from heard.reporting.printing import svg_uri
from heard.reporting.renderers import RENDERERS
from heard.reporting.report import build

PAGE_SIZE = 50


def _require(request: HttpRequest, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


@require_GET
def report(request: HttpRequest) -> HttpResponse:
    _require(request, "reporting.view_report")
    form = ReportForm.from_query(request.GET)
    context: dict[str, object] = {"form": form}
    if form.is_valid():
        period, kind = form.period()
        built = build(form.cleaned_data["procedure"], period, kind)  # type: ignore[arg-type]
        context.update(
            document=build_document(built),
            charts=[(chart, svg_uri(chart.svg)) for chart in charts.draw(built)],
            query=form.query(),
            can_drill=request.user.has_perm("reporting.drill_down"),
            formats=RENDERERS,
        )
    return render(request, "reporting/report.html", context)


@require_GET
def download(request: HttpRequest, fmt: str) -> HttpResponse:
    _require(request, "reporting.view_report")
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
    _require(request, "reporting.drill_down")
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
            "procedure": Procedure(procedure).label,
            "back": f"?{form.query()}",
        },
    )
