"""Files kept on a case: the private store, how a file is stored, and how it is sent back.

Every case type that keeps files (complaints' documents, the proof sent with a subject access
request, a public form's pending uploads) stores them here and serves them through
`private_download`, so none of them can forget the headers that keep a copy out of caches.
"""

from __future__ import annotations

import hashlib
from typing import IO, Protocol

from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db.models.fields.files import FieldFile
from django.http import FileResponse


def document_storage() -> Storage:
    """The private store (settings.STORAGES["documents"]), outside any public URL."""
    return storages["documents"]


def measure(content: IO[bytes]) -> tuple[int, str]:
    """A file's size in bytes and its SHA-256, read from the start; left at its start."""
    digest = hashlib.sha256()
    content.seek(0)
    for chunk in iter(lambda: content.read(1 << 16), b""):
        digest.update(chunk)
    size = content.tell()
    content.seek(0)
    return size, digest.hexdigest()


class StoredFile(Protocol):
    """A model row that keeps one file: the file itself, its name as sent, its type, size and
    SHA-256."""

    file: FieldFile
    filename: str
    content_type: str
    size: int
    sha256: str


def store_file(record: StoredFile, filename: str, content: IO[bytes]) -> None:
    """Measure the content and write it to the record's private store under a random name;
    the caller saves the record."""
    record.size, record.sha256 = measure(content)
    record.filename = filename
    record.file.save(filename, File(content), save=False)


def private_download(record: StoredFile) -> FileResponse:
    """The file as an attachment, never kept by a browser or a proxy."""
    response = FileResponse(
        record.file.open("rb"),
        as_attachment=True,
        filename=record.filename,
        content_type=record.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
