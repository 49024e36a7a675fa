"""The report as a document: sections of sentences and tables, built once from the figures.

The HTML page, the PDF, the Word file and the Excel workbook all draw this same document, so
they cannot say different things. This module holds its shapes and the cells' formats;
heard.reporting.builder fills it from the figures (`build_document`). A table cell keeps
its number (Excel writes numbers as numbers) and, where a figure counts cases, the
drill-down key that lists them.
"""

from __future__ import annotations

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
class Document:
    title: str
    period: str
    previous: str
    introduction: Section
    summary: list[str]
    sections: list[Section]
    checks: list[dict[str, Any]]
    rules: list[str]

    @property
    def reconciles(self) -> bool:
        return all(check["holds"] for check in self.checks)


# --- cells ---------------------------------------------------------------------------------


def fmt(value: Number) -> str:
    if value is None:
        return NONE
    if isinstance(value, float | Decimal) and value != int(value):
        return f"{value:,}"
    return f"{int(value):,}"


def written(key: str, heading: str, words: str) -> Section:
    """A section the complaints manager wrote: blank lines part paragraphs, and lines that
    start with a dash are a bulleted list."""
    section = Section(key, heading)
    for block in printable(words).replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        listed = [line[1:].strip() for line in lines if line[0] in "-*•"]
        section.bullets += listed
        rest = " ".join(line for line in lines if line[0] not in "-*•")
        if rest:
            section.paragraphs.append(rest)
    return section


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
    return Cell(f"{rounded}%", float(value) / 100, kind="percent")


def points(value: Number) -> Cell:
    if value is None:
        return Cell(NONE)
    rounded = Decimal(str(value)).quantize(Decimal(1))
    sign = "+" if rounded > 0 else ""
    return Cell(f"{sign}{rounded} points", value)


def money(value: Number) -> Cell:
    if value is None:
        return Cell(NONE, None, kind="money")
    return Cell(f"£{Decimal(str(value)):,.2f}".replace(".00", ""), value, kind="money")


def text(value: str) -> Cell:
    """Words in a table: a team's or a theme's name, as stored (made printable, so a control
    character carried in from a log cannot break the Word or PDF edition)."""
    return Cell(printable(value, lines=False))


def change_cells(figure: dict[str, Any]) -> list[Cell]:
    """This period, last period, the change and its percentage, and the chance note."""
    pct = figure.get("change_percent")
    note = ""
    if figure.get("within_chance") and figure.get("change"):
        note = "Within chance variation"
    withheld_before = "suppressed" in figure and figure["previous"] is None
    return [
        Cell(WITHHELD) if withheld_before else Cell(fmt(figure["previous"]), figure["previous"]),
        Cell(fmt(figure["change"]), figure["change"]),
        percent(pct, 2) if pct is not None else Cell(NONE),
        text(note),
    ]


COMPARE_HEADINGS = ["Change", "Change %", "Note"]
