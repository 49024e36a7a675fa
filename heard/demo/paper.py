"""The demo council's committee papers: which committee each annual report goes to, and
whose report it is (the headings stay Heard's, for the complaints manager to change)."""

from __future__ import annotations

from heard.complaints.choices import Procedure
from heard.reporting.models import PaperTemplate, ReportKind

PAPERS = {
    Procedure.CHILDREN: (
        "Children and Families Overview and Scrutiny Committee",
        "Director of Children and Family Services",
    ),
    Procedure.ADULTS: (
        "Adults and Communities Overview and Scrutiny Committee",
        "Director of Adults and Communities",
    ),
    Procedure.CORPORATE: ("Scrutiny Commission", "Director of Corporate Resources"),
}


def build_papers() -> int:
    """Each procedure's annual paper; returns how many were set up."""
    for procedure, (committee, report_of) in PAPERS.items():
        PaperTemplate.objects.update_or_create(
            procedure=procedure,
            kind=ReportKind.ANNUAL,
            defaults={"committee": committee, "report_of": report_of},
        )
    return len(PAPERS)
