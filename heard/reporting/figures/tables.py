"""The table builder: any count Heard reports, by one or two dimensions, for any period, with
the same period a year before beside it (issue 22).

A table is one grouped query over the rows the measure counts (stages, points of complaint
or findings), whichever the dimensions and however many cases there are: each dimension is
an expression on those rows or their complaint, so a cell counts rows and the rows of a cell
are the drill-down's list (`table_rows`), one for one. The totals are sums of the groups:
every dimension gives each row exactly one value, so nothing is counted twice.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import reduce
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    Min,
    Q,
    QuerySet,
    Value,
    When,
)

from heard.complaints.choices import (
    Finding,
    Outcome,
    Procedure,
    Relationship,
    StageStatus,
)
from heard.complaints.models import Complaint, Element, ElementFinding, Stage, Theme
from heard.complaints.procedures import RULES
from heard.core import clock
from heard.core.models import Team
from heard.reporting.figures.base import between
from heard.reporting.figures.filters import AGREED, ENDED_LABELS, ended_so_far, within
from heard.reporting.periods import Period, financial_year_of, year_label
from heard.workdays.sar import add_calendar_months

NOT_RECORDED = "Not recorded"


@dataclass(frozen=True)
class Measure:
    label: str
    #: What a cell counts: "stage", "point" or "finding".
    unit: str
    #: The date that puts a row in the period.
    dated_by: str
    definition: str


MEASURES: dict[str, Measure] = {
    "complaints": Measure(
        "Complaints received",
        "complaint",
        "received_on",
        "Complaints received in the period, each once whatever stages it went on to.",
    ),
    "received": Measure(
        "Stages received",
        "stage",
        "started_on",
        "Stages of complaints received (started) in the period; a complaint's Stage 1 is the "
        "complaint itself.",
    ),
    "responded": Measure(
        "Responses sent",
        "stage",
        "ended_on",
        "Stages responded to in the period (ended with a response).",
    ),
    "in_time": Measure(
        "Responses within the time standard",
        "stage",
        "ended_on",
        "Responses sent in the period within their stage's standard (children's: 10, 25 and "
        "20 working days; corporate: the council's settings; adults': by the agreed date).",
    ),
    "points_raised": Measure(
        "Points of complaint raised",
        "point",
        "complaint__received_on",
        "Points of complaint on the complaints received in the period.",
    ),
    "findings": Measure(
        "Findings on points of complaint",
        "finding",
        "responded_on",
        "Findings on the points of the responses sent in the period, one per point and stage.",
    ),
}

#: How each unit reaches its complaint.
COMPLAINT = {
    "complaint": "",
    "stage": "complaint__",
    "point": "complaint__",
    "finding": "element__complaint__",
}


@dataclass(frozen=True)
class Dimension:
    label: str
    #: The expression for each unit it applies to, given the path to the complaint.
    expression: Callable[[str, str], Any]
    #: The label of each value, from the values found.
    labels: Callable[[list[Any]], dict[Any, str]] = field(default=lambda values: {})
    #: Turns a value from a link back into the value the expression gives.
    parse: Callable[[str], Any] = str


def _procedure(unit: str, c: str) -> Any:
    return F("procedure" if unit in ("stage", "finding") else f"{c}procedure")


def _stage(unit: str, c: str) -> Any:
    return {"stage": F("number"), "finding": F("stage_number")}.get(unit)


def _child(unit: str, c: str) -> Any:
    return Case(
        When(**{f"{c}relationship": Relationship.CHILD}, then=Value("child")),
        default=Value("adult"),
        output_field=CharField(),
    )


def _advocacy(unit: str, c: str) -> Any:
    return Case(
        When(**{f"{c}advocacy_taken_up": True}, then=Value("yes")),
        When(**{f"{c}advocacy_taken_up": False}, then=Value("no")),
        default=Value("not_recorded"),
        output_field=CharField(),
    )


def _outcome(unit: str, c: str) -> Any:
    if unit == "finding":
        return F("finding")
    if unit == "stage":
        return Case(
            When(~Q(status=StageStatus.RESPONDED), then=Value("none")),
            When(rolled_up_outcome="", then=Value(Outcome.NO_FINDING.value)),
            default=F("rolled_up_outcome"),
            output_field=CharField(),
        )
    return None


def _ended(unit: str, c: str) -> Any:
    """How the complaint has ended so far (the figures' `ended_so_far`)."""
    return ended_so_far(c)


def _first_year(unit: str, c: str) -> Any:
    """The financial year (April to March) the complaint was first received in: a comparison
    with each year's 1 April, latest first, in the database (no date function per row), from
    the year of the earliest complaint held to this one."""
    earliest = Complaint.objects.aggregate(first=Min("received_on"))["first"] or clock.today()
    years = range(financial_year_of(clock.today()), financial_year_of(earliest) - 1, -1)
    return Case(
        *(When(**{f"{c}received_on__gte": date(y, 4, 1)}, then=Value(y)) for y in years),
        default=Value(financial_year_of(earliest)),
        output_field=IntegerField(),
    )


def _names(model: Any) -> Callable[[list[Any]], dict[Any, str]]:
    return lambda values: dict(model.objects.filter(pk__in=values).values_list("pk", "name"))


DIMENSIONS: dict[str, Dimension] = {
    "procedure": Dimension("Procedure", _procedure, lambda v: dict(Procedure.choices)),
    "stage": Dimension("Stage", _stage, lambda v: {n: f"Stage {n}" for n in v}, int),
    "service_area": Dimension(
        "Service area",
        lambda unit, c: F(f"{c}team__service_area"),
        lambda v: {value: value or NOT_RECORDED for value in v},
    ),
    "team": Dimension("Team", lambda unit, c: F(f"{c}team"), _names(Team), int),
    "relationship": Dimension(
        "Relationship", lambda unit, c: F(f"{c}relationship"), lambda v: dict(Relationship.choices)
    ),
    "child": Dimension(
        "Child or adult",
        _child,
        lambda v: {"child": "A child or young person", "adult": "An adult"},
    ),
    "advocacy": Dimension(
        "Advocacy",
        _advocacy,
        lambda v: {"yes": "Advocacy taken up", "no": "Not taken up", "not_recorded": NOT_RECORDED},
    ),
    "theme": Dimension(
        "Theme",
        lambda unit, c: F("theme") if unit in ("point", "finding") else None,
        _names(Theme),
        int,
    ),
    "ended": Dimension(
        "How it has ended so far",
        _ended,
        lambda v: ENDED_LABELS,
    ),
    "outcome": Dimension(
        "Outcome",
        _outcome,
        lambda v: {**dict(Outcome.choices), **dict(Finding.choices), "none": "No response yet"},
    ),
    "stage_reached": Dimension(
        "Stage reached",
        lambda unit, c: F(f"{c}current_stage"),
        lambda v: {n: f"Stage {n}" for n in v},
        int,
    ),
    "first_year": Dimension(
        "Year first received", _first_year, lambda v: {y: year_label(y) for y in v}, int
    ),
}


class TableError(ValueError):
    """A table that cannot be counted, with the reason in words."""


def year_before(period: Period) -> Period:
    """The same days a year earlier: last financial year, the same quarter last year, or a
    date range moved back twelve months."""
    if period.kind == "year":
        return period.previous()
    if period.kind == "quarter":
        return Period.quarter(period.year - 1, period.quarter_number)
    return Period(add_calendar_months(period.first, -12), add_calendar_months(period.last, -12))


def _procedures(procedure: str) -> list[str]:
    return [procedure] if procedure else list(Procedure.values)


def _rows(measure: str, procedure: str) -> QuerySet[Any]:
    """The rows the measure counts, in any period. The procedures and stage numbers are
    named, so the report indexes (procedure, number, date) are read as a few ranges."""
    unit = MEASURES[measure].unit
    procedures = _procedures(procedure)
    numbers = list(range(1, max(RULES[Procedure(p)].last_stage for p in procedures) + 1))
    if unit == "complaint":
        return Complaint.objects.filter(procedure__in=procedures)
    if unit == "point":
        return Element.objects.filter(complaint__procedure__in=procedures)
    if unit == "finding":
        return ElementFinding.objects.filter(procedure__in=procedures, stage_number__in=numbers)
    # A procedure has no stage past its last (heard.complaints.procedures).
    rows = Stage.objects.filter(procedure__in=procedures, number__in=numbers)
    if measure == "received":
        return rows
    rows = rows.filter(status=StageStatus.RESPONDED)
    if measure == "in_time":
        in_time = [Q(procedure=p) & within(p)["within_standard"] for p in procedures]
        rows = rows.annotate(_agreed=AGREED).filter(reduce(operator.or_, in_time))
    return rows


def _dated(field: str, periods: list[Period]) -> Q:
    """In any of the periods: one range when they meet (a year and the year before), so the
    date is read from the index as one range."""
    ordered = sorted(periods, key=lambda p: p.first)
    if all(a.last + timedelta(days=1) >= b.first for a, b in itertools.pairwise(ordered)):
        return between(field, Period(ordered[0].first, max(p.last for p in ordered)))
    return reduce(operator.or_, (between(field, period) for period in ordered))


def _not_counted_by(meta: Measure, key: str) -> str:
    what = {
        "complaint": "complaints",
        "stage": "stages",
        "point": "points of complaint",
        "finding": "findings",
    }[meta.unit]
    return f"{meta.label} are {what}: they cannot be counted by {DIMENSIONS[key].label.lower()}"


def _annotated(
    measure: str, procedure: str, dimensions: list[str], periods: list[Period]
) -> QuerySet[Any]:
    """The measure's rows in any of `periods`, with each dimension's value as `_d0`, `_d1`."""
    meta = MEASURES[measure]
    dated = _dated(meta.dated_by, periods)
    annotations: dict[str, Any] = {}
    for i, key in enumerate(dimensions):
        expression = DIMENSIONS[key].expression(meta.unit, COMPLAINT[meta.unit])
        if expression is None:
            raise TableError(_not_counted_by(meta, key))
        annotations[f"_d{i}"] = expression
    return _rows(measure, procedure).filter(dated).annotate(**annotations).order_by()


@dataclass(frozen=True)
class Spec:
    """What to count: a measure, one or two dimensions, the procedure ("" for all) and the
    period."""

    measure: str
    rows: str
    columns: str
    procedure: str
    period: Period

    @property
    def dimensions(self) -> list[str]:
        return [self.rows, *([self.columns] if self.columns else [])]


@dataclass(frozen=True)
class Table:
    spec: Spec
    before: Period
    #: Each dimension's values found, in order, with their labels.
    row_values: list[tuple[Any, str]]
    column_values: list[tuple[Any, str]]
    #: (row value, column value) to (count in the period, count a year before); the column
    #: value is None with one dimension.
    cells: dict[tuple[Any, Any], tuple[int, int]]

    def cell(self, row: Any, column: Any) -> tuple[int, int]:
        return self.cells.get((row, column), (0, 0))

    def row_total(self, row: Any) -> tuple[int, int]:
        return _sum(v for (r, _), v in self.cells.items() if r == row)

    def column_total(self, column: Any) -> tuple[int, int]:
        return _sum(v for (_, c), v in self.cells.items() if c == column)

    @property
    def total(self) -> tuple[int, int]:
        return _sum(self.cells.values())


def _sum(pairs: Any) -> tuple[int, int]:
    now = before = 0
    for a, b in pairs:
        now, before = now + a, before + b
    return now, before


def _ordered(key: str, values: set[Any]) -> list[tuple[Any, str]]:
    labels = DIMENSIONS[key].labels(sorted(values, key=str))
    found = [(value, labels.get(value, str(value) or NOT_RECORDED)) for value in values]
    if key in ("stage", "stage_reached", "first_year"):
        return sorted(found)
    return sorted(found, key=lambda item: item[1].casefold())


def count_table(spec: Spec) -> Table:
    """The table: one grouped query over the period and the year before, and a query for the
    names of any teams or themes in it."""
    if spec.measure not in MEASURES:
        raise TableError("Choose what to count from the list")
    for key in spec.dimensions:
        if key not in DIMENSIONS:
            raise TableError("Choose how to break the count down from the list")
    if spec.columns == spec.rows:
        raise TableError("Choose a different breakdown for the columns, or none")
    before = year_before(spec.period)
    meta = MEASURES[spec.measure]
    names = [f"_d{i}" for i in range(len(spec.dimensions))]
    grouped = (
        _annotated(spec.measure, spec.procedure, spec.dimensions, [spec.period, before])
        .values(*names)
        .annotate(
            now=Count("pk", filter=between(meta.dated_by, spec.period)),
            before=Count("pk", filter=between(meta.dated_by, before)),
        )
    )
    cells: dict[tuple[Any, Any], tuple[int, int]] = {}
    for row in grouped:
        cells[row["_d0"], row.get("_d1")] = (row["now"], row["before"])
    rows = _ordered(spec.rows, {r for r, _ in cells})
    columns = _ordered(spec.columns, {c for _, c in cells}) if spec.columns else [(None, "")]
    return Table(spec, before, rows, columns, cells)


def table_rows(
    spec: Spec, row: str, column: str | None, *, year_before_: bool = False
) -> QuerySet[Any]:
    """The rows one cell counted: the measure's rows in the period (or the year before) with
    the cell's values, as given in a link."""
    period = year_before(spec.period) if year_before_ else spec.period
    values = {"_d0": DIMENSIONS[spec.rows].parse(row)}
    if spec.columns:
        values["_d1"] = DIMENSIONS[spec.columns].parse(column or "")
    return _annotated(spec.measure, spec.procedure, spec.dimensions, [period]).filter(**values)
