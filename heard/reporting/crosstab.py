"""The table builder's table as a grid: on screen, as CSV and as Excel, each cell knowing the
cases behind it (heard.reporting.figures.tables counts it)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from heard.complaints.choices import Procedure
from heard.core.spreadsheet import BOM, safe
from heard.reporting.figures.tables import DIMENSIONS, MEASURES, Table
from heard.reporting.renderers.xlsx import append


@dataclass(frozen=True)
class GridCell:
    value: int | str
    #: The cases behind a count, or "" for a heading or a total.
    link: str = ""
    #: What the count is of, for a screen reader: its row and column.
    of: str = ""


@dataclass(frozen=True)
class Grid:
    title: str
    headings: list[str]
    rows: list[list[GridCell]]
    totals: list[GridCell]
    notes: list[str]


def _title(table: Table) -> str:
    spec = table.spec
    by = DIMENSIONS[spec.rows].label.lower()
    if spec.columns:
        by += f" and {DIMENSIONS[spec.columns].label.lower()}"
    procedure = Procedure(spec.procedure).label if spec.procedure else "All procedures"
    return f"{MEASURES[spec.measure].label} by {by}, {spec.period.label} ({procedure})"


def grid(table: Table, query: str, *, links: bool) -> Grid:
    """Rows of the first dimension; for each value of the second (or the only column), the
    period's count and the year before's; then the row's totals. With `links`, each count
    links to its cases (`query` is the table's own query string)."""
    now, before = table.spec.period.label, table.before.label
    headings = [DIMENSIONS[table.spec.rows].label]
    for _, label in table.column_values:
        prefix = f"{label}: " if table.spec.columns else ""
        headings += [f"{prefix}{now}", f"{prefix}{before}"]
    if table.spec.columns:
        headings += [f"Total: {now}", f"Total: {before}"]

    def link(row: Any, column: Any, which: str) -> str:
        if not links:
            return ""
        values = {"row": row, "when": which}
        if table.spec.columns:
            values["column"] = column
        return f"{reverse('reporting:table_cases')}?{query}&{urlencode(values)}"

    rows = []
    for row, label in table.row_values:
        cells = [GridCell(label)]
        for i, (column, _) in enumerate(table.column_values):
            counted, earlier = table.cell(row, column)
            of_now, of_before = (f"{label}, {h}" for h in headings[1 + 2 * i : 3 + 2 * i])
            cells += [
                GridCell(counted, link(row, column, "now") if counted else "", of_now),
                GridCell(earlier, link(row, column, "before") if earlier else "", of_before),
            ]
        if table.spec.columns:
            cells += [GridCell(n) for n in table.row_total(row)]
        rows.append(cells)
    totals = [GridCell("Total")]
    for column, _ in table.column_values:
        totals += [GridCell(n) for n in table.column_total(column)]
    if table.spec.columns:
        totals += [GridCell(n) for n in table.total]
    notes = [
        MEASURES[table.spec.measure].definition,
        f"{now}: {table.spec.period.description}. {before}: {table.before.description}.",
        "Internal figures: small numbers are not withheld. Check them before sharing outside "
        "the council.",
    ]
    return Grid(_title(table), headings, rows, totals, notes)


def as_csv(g: Grid) -> bytes:
    """UTF-8 with a byte-order mark, so Excel reads the names' accents; text that Excel would
    take for a formula is quoted with an apostrophe."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe(g.title)])
    writer.writerow([safe(h) for h in g.headings])
    for row in [*g.rows, g.totals]:
        writer.writerow([safe(cell.value) for cell in row])
    writer.writerow([])
    for note in g.notes:
        writer.writerow([safe(note)])
    return (BOM + out.getvalue()).encode("utf-8")


def as_xlsx(g: Grid) -> bytes:
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = "Table"
    append(sheet, [g.title])
    sheet["A1"].font = Font(bold=True)
    append(sheet, g.headings)
    for written in sheet[2]:
        written.font = Font(bold=True)
    for row in g.rows:
        append(sheet, [cell.value for cell in row])
    append(sheet, [cell.value for cell in g.totals])
    for written in sheet[sheet.max_row]:
        written.font = Font(bold=True)
    append(sheet, [])
    for note in g.notes:
        append(sheet, [note])
    sheet.column_dimensions["A"].width = 40
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
