"""The report as a document: sections of sentences and tables, built once from the figures.

The HTML page, the PDF, the Word file and the Excel workbook all draw this same document, so
they cannot say different things. This module holds its shapes and the cells' formats;
heard.reporting.builder fills it from the figures (`build_document`). A table cell keeps
its number (Excel writes numbers as numbers) and, where a figure counts cases, the
drill-down key that lists them.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from heard.core.text import printable

Number = int | float | Decimal | None
#: What a table shows where there is no figure (nothing to divide by).
NONE = "\u2013"
#: What a table shows for a count of people the report withholds (heard.reporting.disclosure),
#: whether it is small or would give a small one away: the same word for both.
WITHHELD = "Withheld"
WITHHELD_NOTE = (
    "Counts of 1 to 4 people, and counts that would reveal them, are withheld so that no one "
    "can be identified."
)


#: The quarterly performance report for senior leaders is shorter: performance, not the
#: full statutory account.
QUARTERLY_SECTIONS = frozenset(
    {"informal", "stages", "outcomes", "timeliness", "escalation", "themes", "ombudsman", "actions"}
)


@dataclass(frozen=True)
class Cell:
    text: str
    number: Number = None
    drill: str | None = None
    #: Excel's number format for `number`: a count, a percentage or pounds.
    kind: str = "count"


@dataclass
class Table:
    key: str
    caption: str
    headings: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    note: str = ""


@dataclass
class Section:
    key: str
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)


@dataclass
class Block:
    """A paragraph of a paper's part with the list that follows it, and its paragraph number
    (a committee paper numbers its paragraphs through)."""

    text: str = ""
    items: list[str] = field(default_factory=list)
    number: int | None = None


@dataclass
class Part:
    """A part of the committee paper (heard.reporting.paper): its heading, its words, and
    the charts, quotes and tables that go with them."""

    key: str
    heading: str
    blocks: list[Block] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    #: The keys of the charts drawn in this part (heard.reporting.charts).
    charts: list[str] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"part-{self.key}"


@dataclass(frozen=True)
class Cover:
    organisation: str
    title: str
    committee: str
    meeting: str
    report_of: str
    #: The council's logo as a data URI, or empty.
    logo: str = ""


@dataclass
class Document:
    title: str
    period: str
    previous: str
    cover: Cover
    parts: list[Part]
    #: Appendix A: the statistics, section by section.
    sections: list[Section]
    checks: list[dict[str, Any]]
    rules: list[str]
    #: Appendix B: the changes within normal year-to-year variation, with the test's figures.
    variation: Table | None = None

    @property
    def reconciles(self) -> bool:
        return all(check["holds"] for check in self.checks)

    @property
    def reconciliation(self) -> Table:
        """Appendix C: each check, its two sides and whether they agree."""
        table = Table(
            "reconciliation",
            "Reconciliation checks",
            ["Check", "Counted one way", "Counted the other way", "Agree"],
        )
        for check in self.checks:
            table.rows.append(
                [
                    text(check["name"]),
                    count(check["left"]),
                    count(check["right"]),
                    text("Yes" if check["holds"] else "No"),
                ]
            )
        return table


def data_uri(content: bytes, content_type: str) -> str:
    """An image as a data URI, so every edition carries it in the file."""
    if not content:
        return ""
    return f"data:{content_type};base64," + base64.b64encode(content).decode("ascii")


# --- cells ---------------------------------------------------------------------------------


#: The minus sign councils print (U+2212), not a hyphen.
MINUS = "\u2212"


def fmt(value: Number) -> str:
    if value is None:
        return NONE
    if isinstance(value, float | Decimal) and value != int(value):
        return f"{value:,}".replace("-", MINUS)
    return f"{int(value):,}".replace("-", MINUS)


def days(figure: dict[str, Any] | None) -> Cell:
    """A mean or median number of days; none when nothing was answered."""
    value = figure["value"] if figure else None
    return Cell(fmt(value), value)


def count(value: int | None, drill: str | None = None) -> Cell:
    return Cell(fmt(value), value, drill)


def figure_cell(figure: dict[str, Any], drill: str | None = None) -> Cell:
    """A count's value this period: "Withheld" (and no drill-down) where the report withholds
    it."""
    if figure.get("suppressed"):
        return Cell(WITHHELD)
    return count(figure["value"], drill)


def percent(value: Number, places: int = 0) -> Cell:
    if value is None:
        return Cell(NONE, None, kind="percent")
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-places))
    return Cell(f"{rounded}%".replace("-", MINUS), float(value) / 100, kind="percent")


def points(value: Number, places: int = 0) -> Cell:
    """A change in percentage points, at the rate's precision: "+0.4 points", "0 points"
    (never "-0"), "\u22123 points" (a true minus sign)."""
    if value is None:
        return Cell(NONE)
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-places))
    if rounded == 0:
        return Cell(f"{abs(rounded)} points", value)
    sign = "+" if rounded > 0 else MINUS
    return Cell(f"{sign}{abs(rounded)} points", value)


def money(value: Number) -> Cell:
    """Pounds as councils print them: "£15,130", "£12.50", "\u2212£250" (a true minus sign)."""
    if value is None:
        return Cell(NONE, None, kind="money")
    amount = Decimal(str(value))
    shown = f"£{abs(amount):,.2f}".replace(".00", "")
    return Cell(f"{MINUS}{shown}" if amount < 0 else shown, value, kind="money")


def text(value: str) -> Cell:
    """Words in a table: a team's or a theme's name, as stored (made printable, so a control
    character carried in from a log cannot break the Word or PDF edition)."""
    return Cell(printable(value, lines=False))


def change_cells(figure: dict[str, Any]) -> list[Cell]:
    """Last period, the change and its percentage (to two places, as the sentences give
    it). Whether a change is within normal variation is said once, in Appendix B, not
    beside every figure."""
    pct = figure.get("change_percent")
    withheld_before = "suppressed" in figure and figure["previous"] is None
    return [
        Cell(WITHHELD) if withheld_before else Cell(fmt(figure["previous"]), figure["previous"]),
        Cell(fmt(figure["change"]), figure["change"]),
        percent(pct, 2) if pct is not None else Cell(NONE),
    ]


COMPARE_HEADINGS = ["Change", "Change %"]
