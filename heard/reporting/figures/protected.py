"""The counts of people a report protects, and which of them it withholds (docs/figures.md,
"Small numbers"; issue 31).

Protected: every count of people by a personal characteristic. The equality questions for
complainants and for children, the complainant's relationship to the child (complaints made
by children themselves are its "child" cell), and advocacy offered and taken up. Counts about
the service stay exact.

A reader can set a financial year's report beside its four quarters' reports, so the year and
its quarters are one suppression problem: their counts are read in one pass, by quarter (a
year's count is the sum of its quarters'), and `heard.reporting.disclosure.withhold` decides
for all five periods at once. A date range is a problem on its own. A cell that a published
edition of one of those periods showed or withheld keeps that state.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from django.db import models
from django.db.models import Case, Count, IntegerField, Q, Value, When

from heard.complaints.choices import Relationship
from heard.complaints.models import Complaint
from heard.core.equality import AgeBand, Disability, Ethnicity, Gender, ethnic_group
from heard.reporting.disclosure import Cell, withhold
from heard.reporting.figures.base import Breakdown, between
from heard.reporting.figures.filters import ENDED_SO_FAR, ended_so_far
from heard.reporting.models import PublishedReport, ReportKind
from heard.reporting.periods import Period
from heard.reporting.stats import Rate

EQUALITY_QUESTIONS: dict[str, type[models.TextChoices]] = {
    "ethnicity": Ethnicity,
    "gender": Gender,
    "age_band": AgeBand,
    "disability": Disability,
}
PEOPLE = ("complainant", "child")
#: The finest cells of an equality question besides its answers.
DECLINED, UNANSWERED = "declined", "unanswered"
PREFER_NOT_TO_SAY, NOT_KNOWN = Ethnicity.PREFER_NOT_TO_SAY.value, Ethnicity.NOT_KNOWN.value
#: The finest cells of advocacy.
TAKEN_UP, OFFERED_ONLY, NOT_OFFERED = "taken_up", "offered_only", "not_offered"


@dataclass(frozen=True)
class EqualityFigures:
    """One equality question, of the complaints received in the period."""

    answered: Breakdown
    total: Breakdown
    #: A real answer (not "prefer not to say") over the total; withheld with its inputs.
    completeness: Rate
    declined: Breakdown
    groups: dict[str, Breakdown]


@dataclass(frozen=True)
class PeopleFigures:
    """The protected counts of one period, as the report shows them."""

    relationships: dict[str, Breakdown]
    #: The complaints received by how they have ended so far (`ENDED_SO_FAR`), by whether
    #: the complainant is the child ("child", "adult") and by relationship.
    ended_by_child: dict[str, dict[str, Breakdown]]
    ended_by_relationship: dict[str, dict[str, Breakdown]]
    advocacy_offered: Breakdown
    advocacy_taken_up: Breakdown
    equality: dict[str, EqualityFigures]

    @property
    def from_children(self) -> Breakdown:
        return self.relationships[Relationship.CHILD]


#: Between a relationship and how the complaint ended, in a finest cell's name.
SEP = "|"


def finest(relationship: str, ended: str) -> str:
    """The finest cell of the relationships: a relationship and how the complaint has ended
    so far."""
    return f"{relationship}{SEP}{ended}"


def relationship_of(cell: str) -> str:
    return cell.partition(SEP)[0]


def linked_periods(period: Period) -> list[Period]:
    """The periods a reader can set beside `period`: its financial year and the year's four
    quarters (the year first), or a date range alone."""
    if period.kind == "range":
        return [period]
    year = period.year
    return [Period.financial_year(year), *(Period.quarter(year, n) for n in range(1, 5))]


#: How long the last suppression took, in seconds (bench/report.py prints it).
last_seconds = 0.0


def people_figures(procedure: str, period: Period) -> PeopleFigures:
    """The protected counts of `period`, each withheld as the linked computation decides."""
    global last_seconds
    periods = linked_periods(period)
    # The finest periods: a year's quarters, or the date range itself.
    parts = periods[1:] or periods
    counts = _finest_counts(procedure, parts)
    tables = _tables(counts, parts)
    cells = [cell for p in periods for cell in _cells(tables, p, parts)]
    fixed = _published_states(procedure, periods)
    if fixed:
        cells = [
            Cell(c.key, c.value, c.sums, c.protected, c.rank, fixed[c.key])  # type: ignore[index]
            if c.key in fixed
            else c
            for c in cells
        ]
    started = time.perf_counter()
    # The tables share no finest cell, so each is a problem of its own.
    by_table: dict[str, list[Cell]] = {}
    for cell in cells:
        if not cell.sums:
            continue  # a count of nothing (no complaint in any of the periods): 0, shown
        by_table.setdefault(next(iter(cell.sums))[0], []).append(cell)  # type: ignore[index]
    withheld = {key: why for table in by_table.values() for key, why in withhold(table).items()}
    last_seconds = time.perf_counter() - started
    return _figures(tables, period, parts, withheld)


# --- counting ------------------------------------------------------------------------------


def _bucket(field: str, parts: list[Period]) -> Case | Value:
    """Which of `parts` the date `field` falls in (0, 1, ...)."""
    if len(parts) == 1:
        return Value(0)
    return Case(
        *(When(**{f"{field}__lte": p.last}, then=Value(i)) for i, p in enumerate(parts[:-1])),
        default=Value(len(parts) - 1),
        output_field=IntegerField(),
    )


def _finest_counts(procedure: str, parts: list[Period]) -> dict[tuple[str, int], Counter[str]]:
    """For each table and part: the count in each finest cell (three queries)."""
    span = Period(parts[0].first, parts[-1].last)
    out: dict[tuple[str, int], Counter[str]] = {}

    def add(table: str, part: int, category: str, n: int) -> None:
        out.setdefault((table, part), Counter())[category] += n

    received = Complaint.objects.filter(
        between("received_on", span), procedure=procedure
    ).order_by()
    offered = Q(advocacy_offered_on__isnull=False) | Q(advocacy_taken_up=True)
    for row in (
        received.annotate(part=_bucket("received_on", parts), ended=ended_so_far())
        .values("part", "relationship", "ended")
        .annotate(
            n=Count("*"),
            taken_up=Count("pk", filter=Q(advocacy_taken_up=True)),
            offered=Count("pk", filter=offered),
        )
    ):
        part, n = row["part"], row["n"]
        add("relationships", part, finest(row["relationship"], row["ended"]), n)
        add("advocacy", part, TAKEN_UP, row["taken_up"])
        add("advocacy", part, OFFERED_ONLY, row["offered"] - row["taken_up"])
        add("advocacy", part, NOT_OFFERED, n - row["offered"])
    answers = [
        (question, answer)
        for question, choices in EQUALITY_QUESTIONS.items()
        for answer in choices.values
    ]
    # Complainants: one per complaint.
    for row in (
        received.annotate(part=_bucket("received_on", parts))
        .values("part")
        .annotate(
            total=Count("*"),
            **{f"{q}.{a}": Count("pk", filter=Q(**{f"complainant__{q}": a})) for q, a in answers},
        )
    ):
        _equality("complainant", row, row["total"], add)
    # Children: each child a complaint is about counts once, and a complaint about no child
    # once, unanswered.
    pairs = Complaint.children.through.objects.filter(
        between("complaint__received_on", span), complaint__procedure=procedure
    ).order_by()
    for row in (
        pairs.annotate(part=_bucket("complaint__received_on", parts))
        .values("part")  # type: ignore[misc]
        .annotate(
            pairs=Count("*"),
            complaints=Count("complaint", distinct=True),
            **{f"{q}.{a}": Count("complaint", filter=Q(**{f"child__{q}": a})) for q, a in answers},
        )
    ):
        part = row["part"]
        complaints = sum(out.get(("relationships", part), Counter()).values())
        _equality("child", row, complaints - row["complaints"] + row["pairs"], add)
    # A part with complaints but no child recorded: every one counts once, unanswered.
    for (table, part), tally in list(out.items()):
        if table == "relationships" and ("child_ethnicity", part) not in out:
            _equality("child", {"part": part}, sum(tally.values()), add)
    return out


def _equality(person: str, row: dict[str, Any], total: int, add: Any) -> None:
    for question, choices in EQUALITY_QUESTIONS.items():
        table = f"{person}_{question}"
        answered = 0
        for answer in choices.values:
            if answer == NOT_KNOWN:
                continue  # "not known" is not an answer: it counts as not answered
            n = row.get(f"{question}.{answer}", 0)
            add(table, row["part"], _category(question, answer), n)
            answered += n
        add(table, row["part"], UNANSWERED, total - answered)


def _category(question: str, answer: str) -> str:
    """The finest cell an answer counts in: its ONS group for ethnicity, "declined" for
    "prefer not to say", otherwise the answer."""
    if answer == PREFER_NOT_TO_SAY:
        return DECLINED
    group = ethnic_group(answer) if question == "ethnicity" else None
    return group.value if group else answer


# --- the cells a reader sees ---------------------------------------------------------------


@dataclass(frozen=True)
class _Table:
    name: str
    #: The categories shown, in display order (a fixed list, zeros included).
    groups: list[str]
    #: The finest cells of each part.
    counts: dict[int, Counter[str]]
    #: Its total is shown elsewhere, exactly (complaints received).
    total_known: bool


def _tables(counts: dict[tuple[str, int], Counter[str]], parts: list[Period]) -> list[_Table]:
    def of(name: str) -> dict[int, Counter[str]]:
        return {i: counts.get((name, i), Counter()) for i in range(len(parts))}

    seen = {
        relationship_of(c)
        for (name, _), tally in counts.items()
        if name == "relationships"
        for c in tally
    }
    relationships = [*Relationship.values, *sorted(seen - set(Relationship.values))]
    tables = [
        _Table("relationships", relationships, of("relationships"), total_known=True),
        _Table("advocacy", [TAKEN_UP, OFFERED_ONLY], of("advocacy"), total_known=True),
    ]
    for person in PEOPLE:
        for question, choices in EQUALITY_QUESTIONS.items():
            name = f"{person}_{question}"
            groups = list(
                dict.fromkeys(
                    _category(question, a)
                    for a in choices.values
                    if a not in (PREFER_NOT_TO_SAY, NOT_KNOWN)
                )
            )
            tables.append(_Table(name, groups, of(name), total_known=person == "complainant"))
    return tables


CellKey = tuple[str, str]


def _parts_of(period: Period, parts: list[Period]) -> list[int]:
    return [i for i, p in enumerate(parts) if period.first <= p.first and p.last <= period.last]


def _cells(tables: list[_Table], period: Period, parts: list[Period]) -> Iterable[Cell]:
    """The cells of `period` a reader sees, keyed (period label, JSON path)."""
    mine = _parts_of(period, parts)

    def cell(path: str, table: _Table, categories: Iterable[str], **kwargs: Any) -> Cell:
        cats = list(categories)
        sums: dict[Hashable, int] = {(table.name, i, c): 1 for i in mine for c in cats}
        value = sum(table.counts[i][c] for i in mine for c in cats)
        return Cell((period.label, path), value, sums, **kwargs)

    for table in tables:
        if table.name == "relationships":
            yield from _relationship_cells(table, cell)
            continue
        everything = [*table.groups, *(set().union(*table.counts.values()) - set(table.groups))]
        total = cell(
            f"{table.name}.total",
            table,
            everything,
            rank=0,
            fixed="shown" if table.total_known else None,
        )
        yield total
        if table.name == "advocacy":
            yield cell("advocacy_offered", table, [TAKEN_UP, OFFERED_ONLY], protected=True)
            yield cell("advocacy_taken_up", table, [TAKEN_UP], protected=True)
            continue
        answered = [c for c in everything if c != UNANSWERED]
        yield cell(f"{table.name}.answered", table, answered, rank=0)
        yield cell(f"{table.name}.declined", table, [DECLINED])
        for group in table.groups:
            yield cell(f"{table.name}.groups.{group}", table, [group], protected=True)


def _relationship_cells(table: _Table, cell: Any) -> Iterable[Cell]:
    """The complaints received by relationship, and by how they have ended so far: by
    relationship, and by whether the complainant is a child. Each how-ended total is a count
    about the service, shown exactly, as is the total."""
    # A relationship with no complaint in any of the periods is 0 in every cell, which the
    # reader sees anyway: it is left out of the problem (and shown as 0).
    groups = [
        g
        for g in table.groups
        if any(t[finest(g, e)] for t in table.counts.values() for e in ENDED_SO_FAR)
    ]
    yield cell(
        "relationships.total",
        table,
        [finest(g, e) for g in groups for e in ENDED_SO_FAR],
        rank=0,
        fixed="shown",
    )
    for e in ENDED_SO_FAR:
        yield cell(
            f"ended_so_far.total.{e}",
            table,
            [finest(g, e) for g in groups],
            rank=0,
            fixed="shown",
        )
        adults = [finest(g, e) for g in groups if g != Relationship.CHILD]
        yield cell(f"ended_so_far.by_child.adult.{e}", table, adults, protected=True)
    for g in groups:
        yield cell(
            f"relationships.groups.{g}",
            table,
            [finest(g, e) for e in ENDED_SO_FAR],
            protected=True,
        )
        for e in ENDED_SO_FAR:
            yield cell(
                f"ended_so_far.by_relationship.{g}.{e}", table, [finest(g, e)], protected=True
            )


def _published_states(
    procedure: str, periods: list[Period]
) -> dict[CellKey, Literal["shown", "withheld"]]:
    """The cells an edition already published showed or withheld (one query): shown wins, as
    it cannot be taken back."""
    kinds = {"year": ReportKind.ANNUAL, "quarter": ReportKind.QUARTERLY}
    wanted: dict[tuple[str, date, date], Period] = {
        (kinds[p.kind], p.first, p.last): p for p in periods if p.kind in kinds
    }
    if not wanted:
        return {}
    states: dict[CellKey, Literal["shown", "withheld"]] = {}
    for kind, first, last, data in PublishedReport.objects.filter(
        procedure=procedure, first__gte=periods[0].first, last__lte=periods[0].last
    ).values_list("kind", "first", "last", "data"):
        period = wanted.get((kind, first, last))
        if period is None:
            continue
        for path, figure in _published_cells(data.get("figures", {}).get("complaints", {})):
            if not isinstance(figure, dict) or "suppressed" not in figure:
                continue
            key = (period.label, path)
            if not figure["suppressed"]:
                states[key] = "shown"
            else:
                states.setdefault(key, "withheld")
    return states


def _published_cells(c: dict[str, Any]) -> Iterable[tuple[str, Any]]:
    """The protected cells in a published report's complaint figures, by path."""
    for code, figure in (c.get("relationships") or {}).items():
        yield f"relationships.groups.{code}", figure
    ended = c.get("ended_so_far") or {}
    for code, by_end in (ended.get("by_relationship") or {}).items():
        for e, figure in by_end.items():
            yield f"ended_so_far.by_relationship.{code}.{e}", figure
    for e, figure in ((ended.get("by_child") or {}).get("adult") or {}).items():
        yield f"ended_so_far.by_child.adult.{e}", figure
    yield "advocacy_offered", c.get("advocacy_offered")
    yield "advocacy_taken_up", c.get("advocacy_taken_up")
    for name, e in (c.get("equality") or {}).items():
        for part in ("total", "answered", "declined"):
            yield f"{name}.{part}", e.get(part)
        for code, figure in (e.get("groups") or {}).items():
            yield f"{name}.groups.{code}", figure


# --- the figures of one period -------------------------------------------------------------


def _figures(
    tables: list[_Table], period: Period, parts: list[Period], withheld: dict[Hashable, Any]
) -> PeopleFigures:
    mine = _parts_of(period, parts)
    by_name = {t.name: t for t in tables}

    def count(table: str, categories: Iterable[str], path: str) -> Breakdown:
        cats = list(categories)
        value = sum(by_name[table].counts[i][c] for i in mine for c in cats)
        return Breakdown(value, (period.label, path) in withheld)

    relationships = by_name["relationships"]
    shown = {
        code: count(
            "relationships",
            [finest(code, e) for e in ENDED_SO_FAR],
            f"relationships.groups.{code}",
        )
        for code in relationships.groups
    }
    by_relationship = {
        code: {
            e: count("relationships", [finest(code, e)], f"ended_so_far.by_relationship.{code}.{e}")
            for e in ENDED_SO_FAR
        }
        for code in relationships.groups
    }
    adults = [g for g in relationships.groups if g != Relationship.CHILD]
    by_child = {
        "child": by_relationship[Relationship.CHILD],
        "adult": {
            e: count(
                "relationships",
                [finest(g, e) for g in adults],
                f"ended_so_far.by_child.adult.{e}",
            )
            for e in ENDED_SO_FAR
        },
    }
    # Most first, as the report lists them; a relationship with none this period is still a
    # cell (it could have to be withheld), so every one is listed.
    ordered = dict(sorted(shown.items(), key=lambda item: (-item[1].count, item[0])))
    equality = {}
    for person in PEOPLE:
        for question in EQUALITY_QUESTIONS:
            name = f"{person}_{question}"
            table = by_name[name]
            everything = [*table.groups, DECLINED, UNANSWERED]
            total = count(name, everything, f"{name}.total")
            answered = count(name, everything[:-1], f"{name}.answered")
            declined = count(name, [DECLINED], f"{name}.declined")
            equality[name] = EqualityFigures(
                answered=answered,
                total=total,
                completeness=Rate(
                    answered.count - declined.count,
                    total.count,
                    withheld=answered.suppressed or declined.suppressed or total.suppressed,
                ),
                declined=declined,
                groups={g: count(name, [g], f"{name}.groups.{g}") for g in table.groups},
            )
    return PeopleFigures(
        relationships=ordered,
        ended_by_child=by_child,
        ended_by_relationship={code: by_relationship[code] for code in ordered},
        advocacy_offered=count("advocacy", [TAKEN_UP, OFFERED_ONLY], "advocacy_offered"),
        advocacy_taken_up=count("advocacy", [TAKEN_UP], "advocacy_taken_up"),
        equality=equality,
    )
