"""The upload form: a workbook or a CSV file, and whether only to check it."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.core.files.uploadedfile import UploadedFile

from heard.core.forms import GovukForm

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
