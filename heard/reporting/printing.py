"""The print edition of a report: one self-contained HTML page, from which the PDF is made."""

from __future__ import annotations

import base64
from typing import Any

from django.template.loader import render_to_string

from heard.reporting import charts
from heard.reporting.builder import build_document
from heard.reporting.charts import Chart
from heard.reporting.document import Document
from heard.reporting.paper import APPENDICES
from heard.reporting.report import Report


def svg_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def paper_context(document: Document, drawn: list[Chart]) -> dict[str, Any]:
    """The paper's parts, each with the charts drawn in it, and the charts whose part the
    template leaves out (drawn in Appendix A instead): for the page and the print edition."""
    by_key = {chart.key: (chart, svg_uri(chart.svg)) for chart in drawn}
    parts = [
        (part, [by_key.pop(key) for key in part.charts if key in by_key]) for part in document.parts
    ]
    return {
        "document": document,
        "parts": parts,
        "unplaced": list(by_key.values()),
        "appendices": dict(APPENDICES),
    }


def print_html(report: Report) -> str:
    return render_to_string(
        "reporting/print.html", paper_context(build_document(report), charts.draw(report))
    )
