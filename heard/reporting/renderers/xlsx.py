"""The report as an Excel workbook: one sheet per table, numbers as numbers."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from heard.reporting.builder import build_document
from heard.reporting.document import Cell
from heard.reporting.report import Report

FORMATS = {"count": "#,##0", "percent": "0.00%", "money": "£#,##0.00"}


def _sheet_name(caption: str, used: set[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\]", " ", caption)[:28].strip()
    candidate, n = name, 2
    while candidate.casefold() in used:
        candidate = f"{name[:25]} {n}"
        n += 1
    used.add(candidate.casefold())
    return candidate


def _value(cell: Cell) -> object:
    return (
        cell.number if cell.number is not None and not isinstance(cell.number, str) else cell.text
    )


def append(sheet: Worksheet, values: Sequence[object]) -> None:
    """Add a row; every piece of text stays text. openpyxl would store a string starting
    with "=" as a formula, so a team's name or the report's words typed as "=HYPERLINK(...)"
    would run in Excel: each text cell is marked a string, whatever it starts with."""
    sheet.append(values)
    for written in sheet[sheet.max_row]:
        if isinstance(written.value, str):
            written.data_type = "s"


def render(report: Report) -> bytes:
    document = build_document(report)
    book = Workbook()
    summary = book.active
    assert isinstance(summary, Worksheet)
    summary.title = "Summary"
    append(summary, [document.title])
    summary["A1"].font = Font(bold=True, size=14)
    append(summary, [])
    for paragraph in document.introduction.paragraphs + document.introduction.bullets:
        append(summary, [paragraph])
    for sentence in document.summary:
        append(summary, [sentence])
    append(summary, [])
    append(summary, ["How the figures are counted"])
    summary.cell(row=summary.max_row, column=1).font = Font(bold=True)
    for rule in document.rules:
        append(summary, [rule])
    summary.column_dimensions["A"].width = 140
    used = {"summary"}
    for section in document.sections:
        for table in section.tables:
            sheet = book.create_sheet(_sheet_name(table.caption, used))
            append(sheet, [table.caption])
            sheet["A1"].font = Font(bold=True)
            append(sheet, table.headings)
            for cell in sheet[2]:
                cell.font = Font(bold=True)
            for row in table.rows:
                append(sheet, [_value(cell) for cell in row])
                for written, cell in zip(sheet[sheet.max_row], row, strict=True):
                    if cell.number is not None:
                        written.number_format = FORMATS.get(cell.kind, "General")
            if table.note:
                append(sheet, [])
                append(sheet, [table.note])
            sheet.column_dimensions["A"].width = 48
            for column in "BCDEFGHIJKLM":
                sheet.column_dimensions[column].width = 16
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
