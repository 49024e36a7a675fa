"""Every edition withholds exactly the counts the JSON withholds (issue 31): the page, the
Excel workbook and the Word file, cell for cell, and none says "fewer than 5"."""

from __future__ import annotations

import io
import json
from collections import Counter
from typing import Any

import docx
import lxml.html  # type: ignore[import-untyped]
import pytest
from django.urls import reverse
from openpyxl import load_workbook

from heard.complaints.choices import Relationship
from heard.core.equality import AgeBand, Disability, EthnicGroup, Gender
from heard.reporting.document import WITHHELD
from heard.reporting.periods import Period
from heard.reporting.renderers import docx as word
from heard.reporting.renderers import json as json_edition
from heard.reporting.renderers import xlsx
from heard.reporting.report import build
from heard.reporting.tests.test_disclosure_audit import build_logs

pytestmark = pytest.mark.django_db

#: A withheld cell: (its row's label, its column's heading).
Where = tuple[str, str]

QUESTIONS = {
    "ethnicity": ("Ethnicity", EthnicGroup),
    "gender": ("Gender", Gender),
    "age_band": ("Age", AgeBand),
    "disability": ("Disability", Disability),
}


def expected(tree: dict[str, Any]) -> Counter[Where]:
    """The cells the JSON withholds, where the editions put them."""
    now, before = tree["figures"]["period"]["label"], tree["figures"]["previous_period"]["label"]
    c = tree["figures"]["complaints"]
    out: Counter[Where] = Counter()

    def compared(label: str, figure: dict[str, Any]) -> None:
        if figure["value"] is None:
            out[label, now] += 1
        if figure["previous"] is None:
            out[label, before] += 1

    for code, figure in c["relationships"].items():
        compared(Relationship(code).label, figure)
    compared("Directly from children and young people", c["from_children"])
    compared("Made with an advocate", c["via_advocate"])
    compared("Advocacy offered", c["advocacy_offered"])
    for question, (label, choices) in QUESTIONS.items():
        e = c["equality"][f"complainant_{question}"]
        for key, heading in (
            ("total", "Complaints"),
            ("answered", "Answered"),
            ("declined", "Prefer not to say"),
        ):
            if e[key]["suppressed"]:
                out[label, heading] += 1
        if e["completeness"].get("suppressed"):
            out[label, "Complete"] += 1
        for code, group in e["groups"].items():
            if group["suppressed"]:
                out[choices(code).label, now] += 1
    return out


def withheld_in(tables: list[tuple[list[str], list[list[str]]]]) -> Counter[Where]:
    """The cells that read "Withheld" in an edition's tables (headings, then rows)."""
    out: Counter[Where] = Counter()
    for headings, rows in tables:
        for row in rows:
            for heading, value in zip(headings, row, strict=False):
                if value == WITHHELD:
                    out[row[0], heading] += 1
    return out


def workbook_tables(content: bytes) -> list[tuple[list[str], list[list[str]]]]:
    """Each sheet after the paper holds tables one under another, a blank row between:
    caption, headings, then rows."""
    book = load_workbook(io.BytesIO(content))
    tables = []
    for sheet in book.worksheets[1:]:
        block: list[list[str]] = []
        for row in [*sheet.iter_rows(values_only=True), ()]:
            values = [str(v) if v is not None else "" for v in row]
            if any(values):
                block.append(values)
            elif block:
                if len(block) > 1:
                    tables.append((block[1], block[2:]))
                block = []
    return tables


def word_tables(content: bytes) -> list[tuple[list[str], list[list[str]]]]:
    tables = []
    for table in docx.Document(io.BytesIO(content)).tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        tables.append((rows[0], rows[1:]))
    return tables


def page_tables(content: bytes) -> list[tuple[list[str], list[list[str]]]]:
    tables = []
    for table in lxml.html.fromstring(content).iter("table"):
        headings = [th.text_content().strip() for th in table.iterfind("thead/tr/th")]
        rows = [
            [cell.text_content().strip() for cell in tr.iterchildren("th", "td")]
            for tr in table.iterfind("tbody/tr")
        ]
        tables.append((headings, rows))
    return tables


@pytest.mark.parametrize(
    ("period", "kind", "query"),
    [
        (Period.financial_year(2024), "annual", "year=2024&procedure=children"),
        (Period.quarter(2024, 3), "quarterly", "year=2024&quarter=3&procedure=children"),
    ],
)
def test_the_page_the_workbook_and_the_word_file_withhold_what_the_json_withholds(
    client, manager, period, kind, query
):
    build_logs(seed=5)
    report = build("children", period, kind)
    tree = json.loads(json_edition.render(report))
    wanted = expected(tree)
    assert wanted, "the logs have small counts, so something is withheld"
    client.force_login(manager)
    page = client.get(f"{reverse('reporting:report')}?{query}").content
    workbook = xlsx.render(report)
    word_file = word.render(report)
    editions = {
        "page": withheld_in(page_tables(page)),
        "Excel": withheld_in(workbook_tables(workbook)),
        "Word": withheld_in(word_tables(word_file)),
    }
    # The quarterly report leaves out the sections with counts of people.
    for name, found in editions.items():
        assert found == (wanted if kind == "annual" else Counter()), name
    words = [
        page.decode(),
        " ".join(v for _, rows in workbook_tables(workbook) for row in rows for v in row),
        " ".join(p.text for p in docx.Document(io.BytesIO(word_file)).paragraphs),
        json_edition.render(report).decode(),
    ]
    assert not any("fewer than" in text.lower() for text in words)
