"""Every edition of the report is the committee paper the seeds are, and each is read back:
the PDF (pdftotext, pdfinfo, pdftoppm), the Word file (python-docx) and the workbook
(openpyxl). The two seed reports are generated as their councils would table them."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.core.management import call_command
from django.test import override_settings
from docx import Document as WordDocument
from docx.oxml.ns import qn
from openpyxl import load_workbook

from heard.reporting.models import PaperTemplate, ReportText
from heard.reporting.periods import Period
from heard.reporting.renderers import RENDERERS
from heard.reporting.renderers.xlsx import SHEETS
from heard.reporting.report import build
from heard.reporting.tests.test_seed_reports import SEED_000_IN_HTML, SEED_001_IN_HTML

pytestmark = pytest.mark.django_db

#: Each seed as its council tabled it: the scenario, the year, the council, its committee.
SEEDS = {
    "seed-000": (
        2021,
        "Brighter Futures for Children",
        "Adult Social Care, Children's Services and Education Committee",
    ),
    "seed-001": (
        2015,
        "Leicestershire County Council",
        "Children and Families Overview and Scrutiny Committee",
    ),
}
#: The headings of the seed paper (001), in its order: each must be found, in this order.
SEED_HEADINGS = [
    "purpose",
    "policy framework",
    "background",
    "complaints received and outcomes",
    "compliments",
    "recurring themes",
    "actions",
    "resource implications",
    "conclusions",
    "officers to contact",
]
#: Each seed's figures (DOMAIN.md section 6), as the paper states them.
FIGURES = {"seed-000": SEED_000_IN_HTML, "seed-001": SEED_001_IN_HTML}

_BYTES: dict[str, dict[str, bytes]] = {}


def editions(name: str) -> dict[str, bytes]:
    """The seed's report in each format, made once, with its council on the cover."""
    if name not in _BYTES:
        year, council, committee = SEEDS[name]
        call_command("load_scenario", name, stdout=io.StringIO())
        period = Period.financial_year(year)
        PaperTemplate.objects.create(
            procedure="children",
            kind="annual",
            committee=committee,
            report_of="Director of Children and Family Services",
        )
        ReportText.objects.create(
            procedure="children",
            kind="annual",
            first=period.first,
            last=period.last,
            meeting_on=date(year + 1, 11, 7),
        )
        with override_settings(HEARD_ORGANISATION_NAME=council):
            report = build("children", period)
            _BYTES[name] = {key: r.render(report) for key, r in RENDERERS.items()}
    return _BYTES[name]


@pytest.fixture(params=list(SEEDS))
def seed(request, db) -> tuple[str, dict[str, bytes]]:
    return request.param, editions(request.param)


def flat(text: str) -> str:
    return " ".join(text.split())


def in_order(found: list[str], wanted: list[str]) -> list[str]:
    """The wanted headings missing from `found`, or found out of order."""
    missing, at = [], 0
    lowered = [heading.lower() for heading in found]
    for want in wanted:
        hit = next((i for i in range(at, len(lowered)) if want in lowered[i]), None)
        if hit is None:
            missing.append(want)
        else:
            at = hit + 1
    return missing


def pdf(tmp_path: Path, content: bytes) -> Path:
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    return path


def pdftotext(path: Path, *options: str) -> str:
    return subprocess.run(
        ["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


# --- the PDF --------------------------------------------------------------------------------


def test_the_pdf_is_a_tagged_a4_paper_with_page_numbers(seed, tmp_path):
    _name, content = seed
    path = pdf(tmp_path, content["pdf"])
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert "Tagged:          yes" in info.stdout
    assert "595.276 x 841.89 pts (A4)" in info.stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))
    text = pdftotext(path, "-layout")
    assert f"Page 2 of {pages}" in text
    assert f"Page {pages} of {pages}" in text


def test_the_pdf_cover_names_the_council_the_committee_and_the_meeting(seed, tmp_path):
    name, content = seed
    year, council, committee = SEEDS[name]
    cover = flat(pdftotext(pdf(tmp_path, content["pdf"]), "-f", "1", "-l", "1"))
    assert council in cover
    assert committee.upper() in cover
    assert f"7 November {year + 1}" in cover
    assert "annual report" in cover
    assert "Report of the Director of Children and Family Services" in cover


def test_the_pdf_has_a_contents_list_and_the_seed_papers_headings_in_order(seed, tmp_path):
    _name, content = seed
    path = pdf(tmp_path, content["pdf"])
    contents = pdftotext(path, "-f", "2", "-l", "2")
    assert "Contents" in contents
    assert re.search(r"Purpose of the report[ .]+\d+", contents)
    body = pdftotext(path, "-f", "3")
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    assert in_order(lines, SEED_HEADINGS) == []
    assert "Appendix A: The statistics" in body
    assert "Appendix C: The reconciliation checks" in body


def test_the_pdf_states_every_seed_figure(seed, tmp_path):
    name, content = seed
    text = flat(pdftotext(pdf(tmp_path, content["pdf"])))
    missing = [fragment for fragment in FIGURES[name] if flat(fragment) not in text]
    assert missing == []


def test_the_pdf_body_says_chance_variation_once_in_words_and_never_p_equals(seed, tmp_path):
    _name, content = seed
    path = pdf(tmp_path, content["pdf"])
    text = flat(pdftotext(path))
    appendix_b = text.index("Appendix B: How the figures are counted", text.index("Appendix A"))
    body = text[: text.index("Appendix A: The statistics", 2000)]
    assert "p =" not in body
    assert "chance variation" not in body
    assert body.count("within normal year-to-year variation") <= 1
    assert "p-value" in text[appendix_b:]
    assert "-0 points" not in text
    assert "£-" not in text


def test_every_word_of_the_pdf_sits_inside_the_pages_text_area(seed, tmp_path):
    """No table column runs off the page: every word lies within the 18 mm side margins."""
    _name, content = seed
    path = pdf(tmp_path, content["pdf"])
    subprocess.run(["pdftotext", "-bbox", str(path), str(tmp_path / "words.html")], check=True)
    tree = ElementTree.parse(tmp_path / "words.html")
    margin = 18 / 25.4 * 72 - 1  # 18 mm in points, less a point for rounding
    outside = []
    for page in tree.iter("{http://www.w3.org/1999/xhtml}page"):
        width = float(page.get("width"))
        for word in page.iter("{http://www.w3.org/1999/xhtml}word"):
            if float(word.get("xMin")) < margin or float(word.get("xMax")) > width - margin:
                outside.append(word.text)
    assert outside == []


def test_every_page_of_the_pdf_renders_to_an_image(seed, tmp_path):
    assert shutil.which("pdftoppm"), "poppler-utils is installed by make system-packages"
    _name, content = seed
    path = pdf(tmp_path, content["pdf"])
    subprocess.run(["pdftoppm", "-png", "-r", "30", str(path), str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page*.png"))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert len(images) == int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))
    for image in images:
        data = image.read_bytes()
        assert data.startswith(b"\x89PNG")
        assert len(data) > 2_000  # a page with something on it, not a blank


# --- the Word file --------------------------------------------------------------------------


def test_the_word_file_is_an_a4_paper_in_uk_english(seed):
    _name, content = seed
    word = WordDocument(io.BytesIO(content["docx"]))
    for section in word.sections:
        # Word keeps sizes in twentieths of a point: A4 to the nearest millimetre.
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    defaults = word.styles.element.find(qn("w:docDefaults"))
    language = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert language.get(qn("w:val")) == "en-GB"
    assert word.core_properties.language == "en-GB"
    footer = word.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer
    assert "NUMPAGES" in footer


def test_the_word_file_has_the_cover_and_the_seed_papers_headings_in_order(seed):
    name, content = seed
    _year, council, committee = SEEDS[name]
    word = WordDocument(io.BytesIO(content["docx"]))
    texts = [p.text for p in word.paragraphs]
    assert texts.index(council) < texts.index(committee.upper()) < 5
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert in_order(headings, SEED_HEADINGS) == []
    assert any(h.startswith("Appendix A") for h in headings)
    text = flat(" ".join(texts))
    missing = [fragment for fragment in FIGURES[name] if flat(fragment) not in text]
    assert missing == []


def test_every_word_table_repeats_its_header_row(seed):
    _name, content = seed
    word = WordDocument(io.BytesIO(content["docx"]))
    assert word.tables
    for table in word.tables:
        first = table.rows[0]._tr
        assert first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    rows = [
        [c.text for c in row.cells]
        for t in word.tables
        if t.rows[0].cells[-1].text.startswith("Stage")
        for row in t.rows
    ]
    assert ["Received", "65"] in [row[:2] for row in rows]


def test_every_picture_in_the_word_file_has_alt_text(seed):
    _name, content = seed
    word = WordDocument(io.BytesIO(content["docx"]))
    assert len(word.inline_shapes) == 4  # the charts
    for shape in word.inline_shapes:
        assert shape._inline.docPr.get("descr", "").startswith("Bar chart of")


# --- the workbook ---------------------------------------------------------------------------


def test_the_workbooks_sheet_names_are_whole_words(seed):
    _name, content = seed
    book = load_workbook(io.BytesIO(content["xlsx"]))
    titles = {*SHEETS.values(), "Charts", "Reconciliation"}
    words = {w for title in titles for w in title.split()}
    data = json.loads(content["json"])
    words |= {w for part in data["paper"]["parts"] for w in part["heading"].split()}
    html = content["html"].decode()
    words |= set(re.findall(r"[\w'\u2019]+", html))
    for sheet in book.sheetnames:
        assert len(sheet) <= 31
        assert all(w in words for w in sheet.split()), sheet
    assert "Stages" in book.sheetnames
    assert "Costs" in book.sheetnames


def test_the_workbook_keeps_numbers_as_numbers_and_empty_cells_empty(seed):
    name, content = seed
    book = load_workbook(io.BytesIO(content["xlsx"]))
    rows = list(book["Stages"].iter_rows(values_only=True))
    received = next(r for r in rows if r[0] == "Received")
    assert received[1] == 65
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                assert value not in ("", "\u2013", "-"), sheet.title
    if name == "seed-001":
        costs = list(book["Costs"].iter_rows(values_only=True))
        total = next(r for r in costs if r[0] == "Total")
        assert total[1:3] == (15130, 13130)


def test_the_json_carries_the_papers_parts_and_the_page_shows_them(seed):
    _name, content = seed
    data = json.loads(content["json"])
    html = content["html"].decode()
    keys = [part["key"] for part in data["paper"]["parts"]]
    assert keys[:3] == ["purpose", "policy", "background"]
    for part in data["paper"]["parts"]:
        assert part["heading"].replace("'", "&#x27;") in html


def test_text_that_looks_like_a_formula_is_written_as_text_in_the_workbook(db):
    from heard.complaints.tests import factories as f
    from heard.reporting.renderers import xlsx

    year = Period.financial_year(2024)
    f.Stage1RespondedFactory(received_on=year.first, team=f.TeamFactory(name="=1+1"))
    ReportText.objects.create(
        procedure="children",
        kind="annual",
        first=year.first,
        last=year.last,
        words={"background": '=HYPERLINK("http://example.com","Click")\n\n+44 20 7946 0000'},
    )
    book = load_workbook(io.BytesIO(xlsx.render(build("children", year))))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row if cell.value]
    risky = [c for c in cells if isinstance(c.value, str) and c.value[:1] in "=+-@\t\r"]
    assert {c.value for c in risky} >= {"=1+1"}
    assert any("HYPERLINK" in str(c.value) for c in cells)
    assert all(c.data_type == "s" for c in risky), [(c.value, c.data_type) for c in risky]
