"""The upload form: a workbook or a CSV file, and whether only to check it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from heard.core.forms import GovukForm
from heard.imports.questions import answers_for, noun_for, suggested

#: Larger files go through `manage.py import_cases` (docs/import.md).
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class UploadForm(GovukForm):
    file = forms.FileField(
        label="Spreadsheet",
        help_text="An Excel workbook (.xlsx) or a CSV file, 20 MB at most",
        error_messages={"required": "Choose the spreadsheet to import"},
    )
    dry_run = forms.BooleanField(label="Only check it: import nothing", required=False)

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if Path(upload.name or "").suffix.lower() not in (".xlsx", ".csv"):
            raise forms.ValidationError("The file must be an Excel workbook (.xlsx) or a CSV file")
        if upload.size and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                "The file must be 20 MB or smaller: import a larger one with import_cases"
            )
        return upload


class AnswersForm(GovukForm):
    """What each word the file uses, and Heard does not know yet, means: one choice each."""

    def __init__(self, *args: Any, questions: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for index, question in enumerate(questions):
            word, rows = question["word"], question["rows"]
            vocabulary = question["vocabulary"]
            self.fields[f"q{index}"] = forms.ChoiceField(
                label=f"“{word}”",
                help_text=f"Used as {noun_for(vocabulary)} on {rows} row{'s' if rows != 1 else ''}",
                choices=[("", "Choose what it means"), *answers_for(vocabulary)],
                initial=suggested(vocabulary),
                error_messages={"required": f"Choose what “{word}” means"},
            )

    def answers(self) -> list[tuple[str, str, str]]:
        """(vocabulary, word, meaning) for each question."""
        return [
            (q["vocabulary"], q["word"], self.cleaned_data[f"q{index}"])
            for index, q in enumerate(self.questions)
        ]
