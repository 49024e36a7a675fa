"""An import uploaded from the screen, run in the background, and what became of it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Running"
    DONE = "done", "Imported"
    CHECKED = "checked", "Checked (nothing written)"
    REFUSED = "refused", "Not imported: there are problems"
    QUESTIONS = "questions", "Waiting for you to say what some words mean"
    FAILED = "failed", "Failed"


class ImportJob(models.Model):
    """One uploaded file. The file is kept here (not on disk) until the import has run, or
    while it waits for what some words mean; the worker records its progress as it goes, so
    the person can leave and come back."""

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
    #: The words the file uses that Heard does not know yet (heard.imports.questions): the
    #: file is kept until they are answered, then imported again.
    questions = models.JSONField(default=list)
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


class WordMeaning(models.Model):
    """What a word in the council's own logs means: its answer to an import's question,
    used by every later import (heard.imports.questions). Editable in Admin."""

    #: Which list the word belongs to: relationship, outcome, theme, procedure...
    vocabulary = models.CharField(max_length=40)
    #: The word folded for matching (case, spaces and punctuation ignored).
    word = models.CharField(max_length=200, editable=False)
    #: The word as the log first wrote it.
    word_as_written = models.CharField("word", max_length=200)
    #: The value it means: a choice's code, or a theme's id.
    meaning = models.CharField(max_length=40)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["vocabulary", "word"]
        constraints = [
            models.UniqueConstraint(fields=["vocabulary", "word"], name="one_meaning_per_word")
        ]

    def __str__(self) -> str:
        return f"“{self.word_as_written}” ({self.vocabulary}) means {self.meaning}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        from heard.imports.cells import key

        self.word = key(self.word_as_written)
        super().save(*args, **kwargs)
