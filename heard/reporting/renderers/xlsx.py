"""The report as an Excel workbook: one sheet per table, numbers as numbers."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Font

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


def render(report: Report) -> bytes:
    document = build_document(report)
    book = Workbook()
    summary = book.active
    summary.title = "Summary"
    summary.append([document.title])
    summary["A1"].font = Font(bold=True, size=14)
    summary.append([])
    for paragraph in document.introduction.paragraphs + document.introduction.bullets:
        summary.append([paragraph])
    for sentence in document.summary:
        summary.append([sentence])
    summary.append([])
    summary.append(["How the figures are counted"])
    summary.cell(row=summary.max_row, column=1).font = Font(bold=True)
    for rule in document.rules:
        summary.append([rule])
    summary.column_dimensions["A"].width = 140
    used = {"summary"}
    for section in document.sections:
        for table in section.tables:
            sheet = book.create_sheet(_sheet_name(table.caption, used))
            sheet.append([table.caption])
            sheet["A1"].font = Font(bold=True)
            sheet.append(table.headings)
            for cell in sheet[2]:
                cell.font = Font(bold=True)
            for row in table.rows:
                sheet.append([_value(cell) for cell in row])
                for written, cell in zip(sheet[sheet.max_row], row, strict=True):
                    if cell.number is not None:
                        written.number_format = FORMATS.get(cell.kind, "General")
            if table.note:
                sheet.append([])
                sheet.append([table.note])
            sheet.column_dimensions["A"].width = 48
            for column in "BCDEFGHIJKLM":
                sheet.column_dimensions[column].width = 16
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
