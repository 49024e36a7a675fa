"""The report as one self-contained HTML file (the print edition)."""

from __future__ import annotations

from heard.reporting.printing import print_html
from heard.reporting.report import Report


def render(report: Report) -> bytes:
    return print_html(report).encode("utf-8")
