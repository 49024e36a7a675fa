"""The report as a Word document a committee clerk can edit: an A4 paper in UK English with a
cover, contents, real headings, numbered paragraphs, tables whose header rows repeat on
every page, charts with alt text, and page numbers."""

from __future__ import annotations

import io

from docx import Document as WordDocument
from docx.document import Document as Word
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph

from heard.reporting import charts
from heard.reporting.builder import build_document
from heard.reporting.document import Document, Part, Table
from heard.reporting.paper import APPENDICES, Setup
from heard.reporting.report import Report

LANGUAGE = "en-GB"


def _a4(word: Word) -> None:
    for section in word.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(20)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)


def _uk_english(word: Word) -> None:
    """Every style's default language, so spelling is checked in UK English."""
    defaults = word.styles.element.find(qn("w:docDefaults"))
    assert defaults is not None
    run = defaults.find(qn("w:rPrDefault"))
    if run is None:
        run = OxmlElement("w:rPrDefault")
        defaults.insert(0, run)
    properties = run.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run.append(properties)
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        properties.append(language)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        language.set(qn(attribute), LANGUAGE)
    word.core_properties.language = LANGUAGE


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in as it lays the pages out."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None), ("end", None)):
        run = paragraph.add_run()
        if kind:
            mark = OxmlElement("w:fldChar")
            mark.set(qn("w:fldCharType"), kind)
            run._r.append(mark)
        else:
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = f" {text} "
            run._r.append(code)


def _page_numbers(word: Word) -> None:
    footer = word.sections[0].footer.paragraphs[0]
    footer.add_run("Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")


def _header_row(grid: WordTable) -> None:
    """The first row repeats at the top of each page the table runs onto."""
    properties = grid.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    properties.append(repeat)


def _table(word: Word, table: Table) -> None:
    word.add_paragraph(table.caption, style="Caption")
    grid = word.add_table(rows=1, cols=len(table.headings))
    grid.style = "Table Grid"
    for cell, heading in zip(grid.rows[0].cells, table.headings, strict=True):
        cell.text = heading
        for run in cell.paragraphs[0].runs:
            run.bold = True
    _header_row(grid)
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value.text
    if table.note:
        word.add_paragraph(table.note)


def _picture(word: Word, png: bytes, alt: str, width: Mm) -> None:
    """A picture with its alt text (the drawing's description), as Word's own alt text box
    sets it."""
    shape = word.add_picture(io.BytesIO(png), width=width)
    shape._inline.docPr.set("descr", alt)
    shape._inline.docPr.set("title", alt[:80])


def _cover(word: Word, document: Document, paper: Setup) -> None:
    cover = document.cover
    if paper.logo and paper.logo_type in ("image/png", "image/jpeg"):
        _picture(word, paper.logo, f"{cover.organisation} logo", Mm(60))
    word.add_paragraph().add_run(cover.organisation).bold = True
    if cover.committee:
        word.add_paragraph().add_run(cover.committee.upper()).bold = True
    if cover.meeting:
        word.add_paragraph(cover.meeting)
    word.add_heading(document.title, level=0)
    if cover.report_of:
        word.add_paragraph(f"Report of the {cover.report_of}")
    word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _part(word: Word, part: Part, drawn: dict[str, charts.Chart]) -> None:
    word.add_heading(part.heading, level=1)
    for block in part.blocks:
        if block.text:
            prefix = f"{block.number}.\t" if block.number else ""
            word.add_paragraph(prefix + block.text)
        for item in block.items:
            word.add_paragraph(item, style="List Bullet")
    for quote in part.quotes:
        word.add_paragraph(f"“{quote}”", style="Quote")
    for table in part.tables:
        _table(word, table)
    for key in part.charts:
        chart = drawn.pop(key, None)
        if chart:
            _picture(word, chart.png, chart.alt, Mm(165))
            word.add_paragraph(f"{chart.title}. The numbers are in Appendix A.", style="Caption")


def render(report: Report) -> bytes:
    document = build_document(report)
    word = WordDocument()
    _a4(word)
    _uk_english(word)
    _page_numbers(word)
    word.core_properties.title = document.title
    word.core_properties.author = document.cover.organisation
    _cover(word, document, report.paper)
    word.add_heading("Contents", level=1)
    for part in document.parts:
        word.add_paragraph(part.heading, style="List Number")
    for letter, title in APPENDICES:
        word.add_paragraph(f"Appendix {letter}: {title}", style="List Number")
    if not document.reconciles:
        word.add_paragraph(
            "Warning: some figures do not reconcile. See Appendix C, and correct the cases "
            "before publishing."
        )
    drawn_charts = charts.draw(report)
    drawn = {chart.key: chart for chart in drawn_charts}
    for part in document.parts:
        _part(word, part, drawn)
    appendix = dict(APPENDICES)
    word.add_page_break()
    word.add_heading(f"Appendix A: {appendix['A']}", level=1)
    for chart in drawn_charts:
        if chart.key in drawn:  # its part is not in the paper: drawn here
            word.add_heading(chart.title, level=2)
            _picture(word, chart.png, chart.alt, Mm(165))
        _table(word, chart.table)
    for section in document.sections:
        word.add_heading(section.heading, level=2)
        for paragraph in section.paragraphs:
            word.add_paragraph(paragraph)
        for item in section.bullets:
            word.add_paragraph(item, style="List Bullet")
        for table in section.tables:
            _table(word, table)
    word.add_page_break()
    word.add_heading(f"Appendix B: {appendix['B']}", level=1)
    for rule in document.rules:
        word.add_paragraph(rule, style="List Bullet")
    if document.variation and document.variation.rows:
        _table(word, document.variation)
    word.add_heading(f"Appendix C: {appendix['C']}", level=1)
    _table(word, document.reconciliation)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
