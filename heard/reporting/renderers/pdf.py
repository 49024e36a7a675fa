"""The report as a tagged A4 PDF with page numbers, made by WeasyPrint from the print HTML."""

from __future__ import annotations

from weasyprint import HTML

from heard.reporting.printing import print_html
from heard.reporting.report import Report


def render(report: Report) -> bytes:
    # PDF/UA tags the headings, paragraphs and tables, so screen readers can read it.
    document = HTML(string=print_html(report)).write_pdf(pdf_variant="pdf/ua-1")
    assert document is not None
    return bytes(document)
