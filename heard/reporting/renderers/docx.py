"""The report as a Word document a committee clerk can edit: real headings, real tables."""

from __future__ import annotations

import io

from docx import Document as WordDocument
from docx.shared import Pt

from heard.reporting import charts
from heard.reporting.builder import build_document
from heard.reporting.report import Report


def render(report: Report) -> bytes:
    document = build_document(report)
    word = WordDocument()
    word.core_properties.title = document.title
    word.add_heading(document.title, level=0)
    word.add_paragraph(f"Compared with {document.previous}.")
    intro = document.introduction
    if intro.paragraphs or intro.bullets:
        word.add_heading("Introduction", level=1)
        for paragraph in intro.paragraphs:
            word.add_paragraph(paragraph)
        for item in intro.bullets:
            word.add_paragraph(item, style="List Bullet")
    word.add_heading("Summary", level=1)
    for sentence in document.summary:
        word.add_paragraph(sentence)
    if not document.reconciles:
        word.add_paragraph(
            "Warning: some figures do not reconcile. See “How the figures are counted”."
        )
    for chart in charts.draw(report):
        word.add_heading(chart.title, level=2)
        word.add_picture(io.BytesIO(chart.png), width=Pt(440))
        word.add_paragraph(chart.alt)
    for section in document.sections:
        word.add_heading(section.heading, level=1)
        for paragraph in section.paragraphs:
            word.add_paragraph(paragraph)
        for item in section.bullets:
            word.add_paragraph(item, style="List Bullet")
        for table in section.tables:
            word.add_heading(table.caption, level=2)
            grid = word.add_table(rows=1, cols=len(table.headings))
            grid.style = "Table Grid"
            for cell, heading in zip(grid.rows[0].cells, table.headings, strict=True):
                cell.text = heading
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            for row in table.rows:
                cells = grid.add_row().cells
                for cell, value in zip(cells, row, strict=True):
                    cell.text = value.text
            if table.note:
                word.add_paragraph(table.note)
        for quote in section.quotes:
            word.add_paragraph(f"“{quote}”", style="Quote")
    word.add_heading("How the figures are counted", level=1)
    for rule in document.rules:
        word.add_paragraph(rule, style="List Bullet")
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
