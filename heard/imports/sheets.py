"""Reading an import file into sheets of rows: an Excel workbook (one sheet per kind of case)
or CSV files (one kind each, told apart by their headings). docs/import.md has the columns."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from zipfile import BadZipFile

from openpyxl import load_workbook

from heard.imports.cells import key

#: The kinds of sheet, in the order they are imported (a complaint before its Ombudsman case).
KINDS = (
    "complaints",
    "compliments",
    "representations",
    "ombudsman",
    "subject_access",
    "referrals",
)

SHEET_NAMES = {
    "complaints": {"complaints", "complaint stages", "complaints log", "stages"},
    "compliments": {"compliments"},
    "representations": {
        "representations",
        "other representations",
        "enquiries",
        "member enquiries",
    },
    "ombudsman": {"ombudsman", "ombudsman cases", "lgsco"},
    "subject_access": {"subject access", "subject access requests", "sars", "sar"},
    "referrals": {"referrals", "monthly referrals"},
}

#: A heading only one kind of sheet has, so a CSV file says what it holds.
SIGNATURES = {
    "complaints": "stage",
    "compliments": "giver",
    "representations": "representation",
    "ombudsman": "ombudsman reference",
    "subject_access": "requester",
    "referrals": "month",
}


class FileProblem(ValueError):
    """The file as a whole cannot be read."""


@dataclass
class Sheet:
    kind: str
    name: str
    headings: list[str]
    rows: list[tuple[int, list[object]]] = field(default_factory=list)

    @property
    def fingerprint(self) -> str:
        """What the sheet holds, as a hash: its headings and every cell, not the file's bytes,
        so the same log saved again (or as CSV from the workbook) is the same sheet. With a
        row's number it tells a row already imported (`heard.imports.models.ImportedRow`)."""
        content = json.dumps([self.kind, self.headings, self.rows], default=str)
        return hashlib.sha256(content.encode()).hexdigest()

    def columns(self, known: dict[str, set[str]]) -> tuple[dict[str, int], list[str]]:
        """Where each known column is, by any accepted heading; and the headings ignored."""
        found: dict[str, int] = {}
        ignored: list[str] = []
        for index, heading in enumerate(self.headings):
            name = next((c for c, spellings in known.items() if heading in spellings), None)
            if name is None:
                if heading:
                    ignored.append(heading)
            elif name not in found:
                found[name] = index
        return found, ignored


def _kind_of(headings: list[str]) -> str | None:
    for kind, signature in SIGNATURES.items():
        if any(h == signature or h.startswith(signature) for h in headings):
            return kind
    return None


def _rows(values: Iterable[Iterable[object]]) -> tuple[list[str], list[tuple[int, list[object]]]]:
    iterator = iter(values)
    try:
        headings = [key(cell) for cell in next(iterator)]
    except StopIteration:
        return [], []
    rows = []
    for number, cells in enumerate(iterator, start=2):
        row = list(cells)
        if any(str(cell).strip() for cell in row if cell is not None):
            rows.append((number, row))
    return headings, rows


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")  # Excel writes a byte-order mark
    except UnicodeDecodeError:
        return content.decode("cp1252")  # Excel's "CSV" on Windows


def read_file(name: str, content: bytes) -> list[Sheet]:
    """The sheets in an .xlsx or .csv file, each with its kind."""
    suffix = Path(name).suffix.lower()
    if suffix == ".csv":
        headings, rows = _rows(csv.reader(io.StringIO(_decode(content))))
        kind = _kind_of(headings)
        if kind is None:
            raise FileProblem(
                f"{name}: the headings do not say what the file holds. A complaints file has a "
                "“stage” column, compliments “giver”, Ombudsman cases “ombudsman reference”, "
                "subject access requests “requester” and referrals “month”"
            )
        return [Sheet(kind, name, headings, rows)]
    if suffix != ".xlsx":
        raise FileProblem(f"{name}: the file must be an Excel workbook (.xlsx) or a CSV file")
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (BadZipFile, KeyError, OSError, ValueError):
        raise FileProblem(f"{name}: the file is not an Excel workbook that can be read") from None
    sheets = []
    for worksheet in book.worksheets:
        kind = next((k for k, names in SHEET_NAMES.items() if key(worksheet.title) in names), None)
        headings, rows = _rows(worksheet.iter_rows(values_only=True))
        kind = kind or _kind_of(headings)
        if kind is not None:
            sheets.append(Sheet(kind, f"{name}, sheet “{worksheet.title}”", headings, rows))
    book.close()
    if not sheets:
        raise FileProblem(
            f"{name}: no sheet is named Complaints, Compliments, Ombudsman, Subject access or "
            "Referrals"
        )
    return sheets
