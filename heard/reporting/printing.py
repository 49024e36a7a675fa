"""The print edition of a report: one self-contained HTML page, from which the PDF is made."""

from __future__ import annotations

import base64

from django.template.loader import render_to_string

from heard.reporting import charts
from heard.reporting.builder import build_document
from heard.reporting.report import Report


def svg_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def print_html(report: Report) -> str:
    drawn = charts.draw(report)
    return render_to_string(
        "reporting/print.html",
        {
            "document": build_document(report),
            "charts": [(chart, svg_uri(chart.svg)) for chart in drawn],
        },
    )
