"""The complaints manager's words in a report, and published editions that never change."""

from __future__ import annotations

import json

from django.conf import settings
from django.db import models

from heard.complaints.choices import Procedure


class ReportKind(models.TextChoices):
    ANNUAL = "annual", "Annual report"
    QUARTERLY = "quarterly", "Quarterly performance report"


class ReportScope(models.Model):
    """Which report: the procedure, the kind and the period."""

    procedure = models.CharField(max_length=20, choices=Procedure.choices)
    kind = models.CharField(max_length=20, choices=ReportKind.choices)
    first = models.DateField()
    last = models.DateField()

    class Meta:
        abstract = True


class ReportText(ReportScope):
    """The complaints manager's words in one report: the meeting it goes to, each part's
    words where they replace the words Heard writes from the figures (heard.reporting.paper),
    and the compliments chosen to quote. Shown in every edition, and frozen into each
    published version."""

    meeting_on = models.DateField("date of the meeting", null=True, blank=True)
    #: A part's key to the manager's words for it; a part not here has Heard's words.
    words = models.JSONField(default=dict, blank=True)
    #: The compliments' published quotes the manager chose, in order.
    quotes = models.JSONField(default=list, blank=True)
    #: Corporate annual reports: the self-assessment against the Ombudsman's Complaint
    #: Handling Code, [{"area", "meets", "evidence", "short"}] (heard.reporting.code).
    assessment = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "kind", "first", "last"], name="report_text_once"
            )
        ]

    def __str__(self) -> str:
        return f"Text of the {self.get_kind_display().lower()} {self.first} to {self.last}"


class PaperTemplate(models.Model):
    """A council's committee paper for one procedure's report: its headings in order (each
    a part of heard.reporting.paper, or one of the council's own), the committee it goes to,
    whose report it is, and the logo on its cover."""

    procedure = models.CharField(max_length=20, choices=Procedure.choices)
    kind = models.CharField(max_length=20, choices=ReportKind.choices)
    #: [{"key": "purpose", "heading": "Purpose of the report"}, ...] in the paper's order.
    parts = models.JSONField(default=list)
    committee = models.CharField(max_length=200, blank=True)
    report_of = models.CharField("whose report it is", max_length=200, blank=True)
    logo = models.BinaryField(blank=True, default=b"")
    logo_type = models.CharField(max_length=40, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["procedure", "kind"], name="paper_template_once")
        ]

    def __str__(self) -> str:
        return f"The {self.get_kind_display().lower()} paper on {self.get_procedure_display()}"


class PublishedReport(ReportScope):
    """A report as it was published: its figures, words and every edition, byte for byte.
    Later corrections to cases change the live report, never this; publishing again adds a
    new version beside it."""

    version = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    data = models.JSONField()
    pdf = models.BinaryField()
    docx = models.BinaryField()
    xlsx = models.BinaryField()
    html = models.BinaryField()

    class Meta:
        ordering = ["-published_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "kind", "first", "last", "version"],
                name="published_report_version_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title}, version {self.version}"

    def edition(self, fmt: str) -> bytes:
        if fmt == "json":
            return json.dumps(self.data, indent=2, ensure_ascii=False).encode("utf-8")
        return bytes(getattr(self, fmt))
