"""Publishing a report: freezing its figures, words and editions as a new version."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max

from heard.core.errors import RuleViolation
from heard.reporting.models import PublishedReport
from heard.reporting.renderers import RENDERERS
from heard.reporting.report import Report


def publish(report: Report, *, by: Any) -> PublishedReport:
    """Publish `report` as the next version of its period's report. A report whose figures
    do not reconcile is refused: the contradiction must be corrected in the cases first."""
    failing = [check for check in report.checks if not check.holds]
    if failing:
        names = ", ".join(f"{c.name} ({c.left} against {c.right})" for c in failing)
        raise RuleViolation(
            f"The figures do not reconcile, so the report cannot be published: {names}. "
            "Correct the cases, then publish."
        )
    period = report.current.period
    scope = {
        "procedure": report.procedure,
        "kind": report.kind,
        "first": period.first,
        "last": period.last,
    }
    editions = {fmt: RENDERERS[fmt].render(report) for fmt in ("pdf", "docx", "xlsx", "html")}
    for _attempt in range(3):
        try:
            with transaction.atomic():
                latest = PublishedReport.objects.filter(**scope).aggregate(n=Max("version"))
                return PublishedReport.objects.create(
                    **scope,
                    version=(latest["n"] or 0) + 1,
                    title=report.title,
                    published_by=by,
                    data=report.data(),
                    **editions,
                )
        except IntegrityError:  # someone published the same version a moment before
            continue
    raise RuleViolation("Someone else is publishing this report: try again in a moment")
