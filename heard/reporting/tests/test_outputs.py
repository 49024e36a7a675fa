"""Every edition of the report opens and says the same thing: each is read back."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from django.core.management import call_command
from docx import Document as WordDocument
from openpyxl import load_workbook

from heard.reporting.periods import Period
from heard.reporting.renderers import RENDERERS
from heard.reporting.report import build

pytestmark = pytest.mark.django_db

_BYTES: dict[str, bytes] = {}


@pytest.fixture
def edition(db):
    """The seed 001 report (2015/16) in each format, made once."""
    if not _BYTES:
        call_command("load_scenario", "seed-001", stdout=io.StringIO())
        report = build("children", Period.financial_year(2015))
        for key, renderer in RENDERERS.items():
            _BYTES[key] = renderer.render(report)
    return _BYTES


def test_the_pdf_is_a_tagged_a4_document_with_the_figures_and_page_numbers(edition, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(edition["pdf"])
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert "Tagged:          yes" in info.stdout
    assert "595.276 x 841.89 pts (A4)" in info.stdout
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "annual report 2015/16" in text
    assert "77% of complaints responded to at Stage 1 were not upheld" in text
    assert "£15,130" in text
    assert "Page 1 of" in text


def test_a_page_of_the_pdf_renders_to_an_image(edition, tmp_path):
    assert shutil.which("pdftoppm"), "poppler-utils is installed by make system-packages"
    path = tmp_path / "report.pdf"
    path.write_bytes(edition["pdf"])
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")],
        check=True,
    )
    image = next(tmp_path.glob("page*.png")).read_bytes()
    assert image.startswith(b"\x89PNG")
    assert len(image) > 5_000  # a page with text on it, not a blank


def test_the_word_document_has_real_headings_and_tables(edition):
    word = WordDocument(io.BytesIO(edition["docx"]))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert "Summary" in headings
    assert "Outcomes" in headings
    assert any(p.text.startswith("25 compliments were received") for p in word.paragraphs)
    flow = next(t for t in word.tables if t.rows[0].cells[1].text == "Stage 1")
    received = next(r for r in flow.rows if r.cells[0].text == "Received")
    assert [c.text for c in received.cells] == ["Received", "65", "7", "3"]
    assert len(word.inline_shapes) == 4  # the charts, as pictures


def test_the_workbook_has_a_sheet_per_table_with_numbers_as_numbers(edition):
    book = load_workbook(io.BytesIO(edition["xlsx"]))
    assert book.sheetnames[0] == "Summary"
    flow = book["Complaints at each stage, 20"]
    rows = list(flow.iter_rows(values_only=True))
    assert rows[1] == ("Measure", "Stage 1", "Stage 2", "Stage 3")
    received = next(r for r in rows if r[0] == "Received")
    assert received[1:] == (65, 7, 3)
    costs = book["Costs of the procedure"]
    total = next(r for r in costs.iter_rows(values_only=True) if r[0] == "Total")
    assert total[1:3] == (15130, 13130)


def test_the_json_and_html_editions_carry_the_same_sentences(edition):
    import json

    data = json.loads(edition["json"])
    html = edition["html"].decode()
    for sentence in data["narrative"]:
        assert sentence.replace("'", "&#x27;") in html


def test_text_that_looks_like_a_formula_is_written_as_text_in_the_workbook(db):
    from heard.complaints.tests import factories as f
    from heard.reporting.models import ReportText
    from heard.reporting.renderers import xlsx

    year = Period.financial_year(2024)
    f.Stage1RespondedFactory(received_on=year.first, team=f.TeamFactory(name="=1+1"))
    ReportText.objects.create(
        procedure="children",
        kind="annual",
        first=year.first,
        last=year.last,
        introduction='=HYPERLINK("http://example.com","Click")\n\n+44 20 7946 0000',
    )
    book = load_workbook(io.BytesIO(xlsx.render(build("children", year))))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row if cell.value]
    risky = [c for c in cells if isinstance(c.value, str) and c.value[:1] in "=+-@\t\r"]
    assert {c.value for c in risky} >= {'=HYPERLINK("http://example.com","Click")', "=1+1"}
    assert all(c.data_type == "s" for c in risky), [(c.value, c.data_type) for c in risky]
