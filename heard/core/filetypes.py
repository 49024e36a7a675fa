"""What an uploaded file really is, judged by its content (libmagic), not by its name.

A file is accepted only when its content is one of the kinds below *and* its name ends in an
extension of that kind, so a script renamed `letter.pdf`, or a Word file renamed `photo.jpg`,
is refused with a message that says what it really is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import IO

import magic

#: How many bytes libmagic reads. Word files are zip archives whose first entries name them.
SNIFF_BYTES = 8192


@dataclass(frozen=True)
class FileKind:
    name: str
    extensions: tuple[str, ...]


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

#: The kinds of file a case may hold, by the MIME type libmagic gives their content.
ACCEPTED: dict[str, FileKind] = {
    "application/pdf": FileKind("PDF", (".pdf",)),
    DOCX: FileKind("Word document", (".docx",)),
    "application/msword": FileKind("Word document", (".doc",)),
    "message/rfc822": FileKind("email", (".eml",)),
    "application/vnd.ms-outlook": FileKind("Outlook email", (".msg",)),
    "image/jpeg": FileKind("JPEG image", (".jpg", ".jpeg")),
    "image/png": FileKind("PNG image", (".png",)),
    "image/gif": FileKind("GIF image", (".gif",)),
    "image/tiff": FileKind("TIFF image", (".tif", ".tiff")),
}

ACCEPTED_DESCRIPTION = (
    "a PDF, Word document, email (.eml or .msg) or image (JPEG, PNG, GIF or TIFF)"
)

#: What libmagic calls some refused content, so the message can say what the file is.
REFUSED_NAMES = {
    "text/html": "a web page",
    "text/x-shellscript": "a script",
    "text/x-script.python": "a script",
    "application/x-dosexec": "a program",
    "application/x-executable": "a program",
    "application/zip": "a zip file",
    "text/plain": "plain text",
}


class FileTypeError(ValueError):
    """The file is not a kind a case may hold, or is not what its name says."""


def identify(file: IO[bytes]) -> str:
    """The MIME type of a file's content. The file is left at its start."""
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    return str(magic.from_buffer(head, mime=True))


def check(file: IO[bytes], filename: str) -> str:
    """The content type to store for an upload, or FileTypeError saying what is wrong."""
    content_type = identify(file)
    kind = ACCEPTED.get(content_type)
    extension = PurePath(filename).suffix.lower()
    if kind is None:
        what = REFUSED_NAMES.get(content_type, "a kind of file a case cannot hold")
        raise FileTypeError(f"The selected file must be {ACCEPTED_DESCRIPTION}: it is {what}")
    if extension not in kind.extensions:
        raise FileTypeError(
            f"The selected file is a {kind.name} but its name ends in "
            f"“{extension or 'nothing'}”: rename it to end in “{kind.extensions[0]}”"
        )
    return content_type
