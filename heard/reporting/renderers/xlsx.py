"""The report as an Excel workbook: one sheet per table, numbers as numbers."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from heard.reporting import charts
from heard.reporting.builder import build_document
from heard.reporting.document import NONE, Cell, Table
from heard.reporting.report import Report

FORMATS = {"count": "#,##0", "percent": "0.0%", "money": "£#,##0.00", "decimal": "0.00"}

#: Excel's limit on a sheet's name.
SHEET_NAME_LIMIT = 31

#: A shorter name for a section whose heading would not fit a sheet's name whole.
SHEETS = {
    "stages": "Stages",
    "informal": "Informal complaints",
    "ended_so_far": "How complaints ended",
    "representations": "Enquiries",
    "recommendations": "Panel recommendations",
}


def sheet_name(title: str, used: set[str]) -> str:
    """A sheet's name in whole words within Excel's 31 characters, none of the characters
    Excel refuses, and different from every other sheet's (a number is added if not)."""
    words = re.sub(r"[\[\]:*?/\\]", " ", title).replace("'", "").split()
    name = ""
    for word in words:
        if len(f"{name} {word}".strip()) > SHEET_NAME_LIMIT:
            break
        name = f"{name} {word}".strip()
    candidate, n = name or "Sheet", 2
    while candidate.casefold() in used:
        suffix = f" {n}"
        trimmed = name
        while len(trimmed) + len(suffix) > SHEET_NAME_LIMIT and " " in trimmed:
            trimmed = trimmed.rsplit(" ", 1)[0]
        candidate = f"{trimmed}{suffix}"
        n += 1
    used.add(candidate.casefold())
    return candidate


def _value(cell: Cell) -> object:
    """A number as a number; a cell with no figure (shown as a dash) left empty; words as words."""
    if cell.number is not None and not isinstance(cell.number, str):
        return cell.number
    if cell.text in (NONE, ""):
        return None
    return cell.text


def append(sheet: Worksheet, values: Sequence[object]) -> None:
    """Add a row; every piece of text stays text. openpyxl would store a string starting
    with "=" as a formula, so a team's name or the report's words typed as "=HYPERLINK(...)"
    would run in Excel: each text cell is marked a string, whatever it starts with."""
    sheet.append(values)
    for written in sheet[sheet.max_row]:
        if isinstance(written.value, str):
            written.data_type = "s"


def _tables(sheet: Worksheet, tables: list[Table]) -> None:
    """Tables one under another, each with its caption, headings and note, a blank row
    between them."""
    for table in tables:
        if sheet.max_row > 1:
            append(sheet, [])
        append(sheet, [table.caption])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        append(sheet, table.headings)
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for row in table.rows:
            append(sheet, [_value(cell) for cell in row])
            for column, cell in enumerate(row, start=1):
                if cell.number is not None:
                    written = sheet.cell(row=sheet.max_row, column=column)
                    written.number_format = FORMATS.get(cell.kind, "General")
        if table.note:
            append(sheet, [table.note])
    sheet.column_dimensions["A"].width = 48
    for letter in "BCDEFGHIJKLM":
        sheet.column_dimensions[letter].width = 16


def render(report: Report) -> bytes:
    document = build_document(report)
    book = Workbook()
    paper = book.active
    assert isinstance(paper, Worksheet)
    paper.title = "Report"
    append(paper, [document.title])
    paper["A1"].font = Font(bold=True, size=14)
    for part in document.parts:
        append(paper, [])
        append(paper, [part.heading])
        paper.cell(row=paper.max_row, column=1).font = Font(bold=True)
        for block in part.blocks:
            if block.text:
                append(paper, [f"{block.number}. {block.text}" if block.number else block.text])
            for item in block.items:
                append(paper, [f"• {item}"])
        for quote in part.quotes:
            append(paper, [f"“{quote}”"])
    paper.column_dimensions["A"].width = 140
    used = {"report"}
    charts_sheet = book.create_sheet(sheet_name("Charts", used))
    _tables(charts_sheet, [chart.table for chart in charts.draw(report)])
    for section in document.sections:
        title = SHEETS.get(section.key, section.heading)
        _tables(book.create_sheet(sheet_name(title, used)), section.tables)
    rules = book.create_sheet(sheet_name("How the figures are counted", used))
    for rule in document.rules:
        append(rules, [rule])
    rules.column_dimensions["A"].width = 140
    if document.variation and document.variation.rows:
        append(rules, [])
        _tables(rules, [document.variation])
    _tables(book.create_sheet(sheet_name("Reconciliation", used)), [document.reconciliation])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
