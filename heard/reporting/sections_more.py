"""Sections of the report councils publish beyond the statutory flow (issue 22), built from
the figures as heard.reporting.builder builds the rest: the informal stage before Stage 1,
and the year's complaints by how they have ended so far."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from heard.complaints.choices import Relationship
from heard.reporting.document import WITHHELD_NOTE, Cell, Section, Table, figure_cell, text
from heard.reporting.figures.filters import ENDED_LABELS, ENDED_SO_FAR

if TYPE_CHECKING:
    from heard.reporting.builder import Builder

CHILD_OR_ADULT = {"child": "The child or young person", "adult": "Someone else"}


def informal(b: Builder) -> Section:
    """The informal (pre-complaint) stage, where the council runs one or has its cases."""
    i = b.f["informal"]
    if not any(i[name]["value"] or i[name]["previous"] for name in ("received", "resolved")):
        return Section("informal", "Informal complaints before Stage 1")
    counts = b.compare_table(
        "informal",
        "Informal complaints (early resolution before Stage 1)",
        [
            ("Received", i["received"], "informal.received"),
            ("Resolved informally", i["resolved"], "informal.resolved"),
            ("Withdrawn", i["withdrawn"], "informal.withdrawn"),
            ("Taken to Stage 1", i["escalated"], "informal.escalated"),
        ],
    )
    timely = Table(
        "informal_on_time",
        "Informal complaints resolved within the target",
        b.rate_headings("Rate", "In time", "Resolved"),
    )
    timely.rows.append(b.rate_row("Resolved within the target", i["resolved_in_time"], None))
    return Section("informal", "Informal complaints before Stage 1", tables=[counts, timely])


def ended_so_far(b: Builder) -> Section:
    """The complaints received in the period by how they have ended so far, by whether the
    complainant is the child, by relationship and by team; each count drills down."""
    e = b.f["complaints"]["ended_so_far"]
    if not b.f["complaints"]["received"]["value"]:
        return Section("ended_so_far", "How this year's complaints have ended so far")
    headings = [ENDED_LABELS[end] for end in ENDED_SO_FAR]

    def table(key: str, caption: str, first: str, rows: dict[str, Any], label: Any) -> Table:
        shown = Table(key, caption, [first, *headings])
        for code, by_end in rows.items():
            if all(by_end[end]["value"] == 0 for end in ENDED_SO_FAR):
                continue  # none this period: the relationships table shows it as 0
            cells: list[Cell] = [text(label(code))]
            # An exact count has no "suppressed": figure_cell shows it as it is.
            cells += [
                figure_cell(by_end[end], f"complaints.ended.{key}.{code}.{end}")
                for end in ENDED_SO_FAR
            ]
            shown.rows.append(cells)
        return shown

    child = table(
        "child",
        f"Complaints received in {b.now} by how they have ended so far, by who complained",
        "Complainant",
        e["by_child"],
        CHILD_OR_ADULT.get,
    )
    child.note = WITHHELD_NOTE
    relationship = table(
        "relationship",
        f"Complaints received in {b.now} by how they have ended so far, by relationship",
        "Relationship",
        e["by_relationship"],
        lambda code: Relationship(code).label if code in Relationship.values else code,
    )
    relationship.note = WITHHELD_NOTE
    team = table(
        "team",
        f"Complaints received in {b.now} by how they have ended so far, by team",
        "Team",
        e["by_team"],
        str,
    )
    return Section(
        "ended_so_far",
        "How this year's complaints have ended so far",
        tables=[child, relationship, team],
    )
