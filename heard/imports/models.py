"""An import uploaded from the screen, run in the background, and what became of it."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Running"
    DONE = "done", "Imported"
    CHECKED = "checked", "Checked (nothing written)"
    REFUSED = "refused", "Not imported: there are problems"
    FAILED = "failed", "Failed"


class ImportJob(models.Model):
    """One uploaded file. The file is kept here (not on disk) until the import has run; the
    worker records its progress as it goes, so the person can leave and come back."""

    file_name = models.CharField(max_length=200)
    content = models.BinaryField()
    dry_run = models.BooleanField("only check it", default=False)
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    stage = models.CharField(max_length=100, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list)
    summary = models.JSONField(default=list)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status not in (ImportStatus.QUEUED, ImportStatus.RUNNING)

    @property
    def percent(self) -> int:
        return int(self.done * 100 / self.total) if self.total else 0


class ImportedRow(models.Model):
    """A row of an imported sheet with no reference of its own (compliments, subject access
    requests), and the record it became. A row is already held when its sheet's fingerprint
    and its row number are: never because another record says the same (two compliments on
    one day for one team, from the same kind of giver, are two compliments)."""

    fingerprint = models.CharField(max_length=64)
    row = models.PositiveIntegerField()
    kind = models.CharField(max_length=20)
    record_id = models.PositiveBigIntegerField()
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["fingerprint", "row"], name="imported_row_once")
        ]

    def __str__(self) -> str:
        return f"Row {self.row} of sheet {self.fingerprint[:12]}"
