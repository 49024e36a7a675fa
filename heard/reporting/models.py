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
    """The sections the complaints manager writes: saved with the report, shown in every
    edition, and frozen into each published version."""

    introduction = models.TextField(blank=True)
    learning = models.TextField("recurring themes and learning", blank=True)
    actions = models.TextField("actions to improve", blank=True)
    compliments = models.TextField("about the compliments", blank=True)
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

    def sections(self) -> dict[str, str]:
        return {
            "introduction": self.introduction,
            "learning": self.learning,
            "actions": self.actions,
            "compliments": self.compliments,
        }


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
