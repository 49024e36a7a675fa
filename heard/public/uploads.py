"""Files added to a public form: checked on upload (type by content, size, how many) and kept
as PendingUploads until the form is sent. The session keeps only their random keys, and each
file belongs to the page of answers it was added on, which holds only the files its answer
names."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from heard.core import filetypes
from heard.core.forms import GovukForm
from heard.public.models import PendingUpload


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files chosen at once; cleans to a list (empty when none was chosen)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(one, initial) for one in files]


class FilesForm(GovukForm):
    """Choose files. Choosing new ones replaces those added before; choosing none keeps those
    the form names in `kept` (the page lists them), which must be files of this page."""

    attachments = MultipleFileField(
        label="Add files (optional)",
        required=False,
        error_messages={"empty": "The selected file is empty"},
    )
    kept = forms.CharField(required=False, widget=forms.HiddenInput)
    #: The error when no file is given, for a page where one is needed; "" when optional.
    needed = ""
    #: The hint under the heading, before what files are accepted.
    hint = "For example, letters or photos. You can choose more than one."
    #: Tells the question page to show its file input and the files added before.
    is_files_page = True

    @property
    def limit_mb(self) -> int:
        return int(settings.HEARD_PUBLIC_UPLOAD_MAX_MB)

    def __init__(self, *args: Any, holder: str = "", **kwargs: Any) -> None:
        """`holder` names the page of answers the files belong to (Answers.bind): with none,
        no file added before is kept."""
        super().__init__(*args, **kwargs)
        self.holder = holder
        self.kept_uploads: list[PendingUpload] = []

    def clean_attachments(self) -> list[UploadedFile]:
        files = self.cleaned_data["attachments"]
        most, limit = settings.HEARD_PUBLIC_UPLOAD_MAX_FILES, settings.HEARD_PUBLIC_UPLOAD_MAX_MB
        if len(files) > most:
            raise forms.ValidationError(f"Select {most} files or fewer")
        for upload in files:
            if upload.size > limit * 1024 * 1024:
                raise forms.ValidationError(f"“{upload.name}” must be smaller than {limit} MB")
            try:
                upload.content_type = filetypes.check(upload, upload.name)
            except filetypes.FileTypeError as error:
                raise forms.ValidationError(f"“{upload.name}”: {error}") from None
        return files

    def clean_kept(self) -> str:
        kept = self.cleaned_data["kept"]
        try:
            keys = [uuid.UUID(key) for key in kept.split(",") if key]
        except ValueError:
            keys = []
        found = {u.pk: u for u in PendingUpload.held_by(self.holder).filter(pk__in=keys)}
        if len(found) != len(keys) or (kept and not keys):
            # Cleared after the session ended, or not a key this page of answers gave out.
            self.add_error("attachments", "The files you added have expired. Add them again.")
            return ""
        self.kept_uploads = [found[key] for key in keys]
        return kept

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            self.needed
            and not data.get("attachments")
            and not self.kept_uploads
            and not self.errors
        ):
            self.add_error("attachments", self.needed)
        data["uploads"] = self.kept_uploads
        return data

    def typed(self) -> dict[str, str]:
        """What to keep in the session for this page: the keys of the files now chosen. New
        files are stored here, and replace every file of this page, named in `kept` or not.
        The page's files that the answer no longer names go, so a page holds at most
        HEARD_PUBLIC_UPLOAD_MAX_FILES, however it is posted."""
        assert self.holder, "bound by Answers.bind"
        chosen: list[UploadedFile] = self.cleaned_data["attachments"]
        if not chosen:
            PendingUpload.let_go(self.holder, keeping=self.kept_uploads)
            return {"kept": self.cleaned_data["kept"]}
        PendingUpload.clear_abandoned()
        stored: list[PendingUpload] = []
        try:
            for upload in chosen:
                pending = PendingUpload(
                    filename=upload.name or "file",
                    content_type=upload.content_type or "",
                    size=upload.size or 0,
                    holder=self.holder,
                )
                pending.file.save(pending.filename, upload, save=False)
                pending.save()
                stored.append(pending)
        except Exception:
            # The new files are not all stored: those that were go, and the files added
            # before stay, so what the session names is still there to send.
            for pending in stored:
                pending.discard()
            raise
        # Only once the new files are stored do the ones they replace go.
        PendingUpload.let_go(self.holder, keeping=stored)
        return {"kept": ",".join(str(pending.pk) for pending in stored)}

    def shown(self) -> list[tuple[str, str]]:
        """The answer on "Check your answers": the names of the files."""
        names = ", ".join(u.filename for u in self.kept_uploads)
        return [
            (str(self.fields["attachments"].label).removesuffix(" (optional)"), names or "None")
        ]
