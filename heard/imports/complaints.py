"""Importing a complaints log: one row per complaint stage (docs/import.md).

Rows are read and checked first, each alone and then each complaint's stages together; only
a file with no problem at all is written, in bulk, inside the caller's transaction. A
reference already held is left as it is, so importing the same file twice adds nothing.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import F
from django.db.models.functions import Greatest

from heard.complaints.choices import (
    Channel,
    ComplaintStatus,
    CostKind,
    Finding,
    NotAcceptedReason,
    Outcome,
    Procedure,
    Relationship,
    StageStatus,
)
from heard.complaints.models import (
    Complainant,
    Complaint,
    ComplaintEvent,
    Cost,
    Element,
    ElementFinding,
    Stage,
    Theme,
)
from heard.complaints.models.outcomes import roll_up
from heard.complaints.procedures import RULES
from heard.complaints.timing import TimeStandard, report_values_of, time_standards
from heard.core import clock
from heard.core.equality import AgeBand, Disability, Ethnicity, Gender
from heard.core.models import ReferenceSequence, Team
from heard.imports import cells
from heard.imports.bulk import Inserter, allocate_ids, analyze
from heard.imports.cells import CellError, Choices
from heard.imports.problems import Problem
from heard.imports.sheets import Sheet
from heard.workdays.models import CalendarDay
from heard.workdays.store import ensure_current_calendar

COLUMNS: dict[str, set[str]] = {
    "reference": {"reference", "ref", "complaint reference", "case reference"},
    "procedure": {"procedure"},
    "stage": {"stage"},
    "received": {"received", "received date", "date received", "requested", "request date"},
    "acknowledged": {"acknowledged", "date acknowledged", "acknowledgement date"},
    "extended_to": {"extended to", "extension agreed date", "extended response date"},
    "extension_agreed": {"extension agreed", "extension agreed on"},
    "panel_held": {"panel held", "panel held on", "panel date"},
    "panel_report_sent": {"panel report sent", "panel report sent on"},
    "ended": {"ended", "response date", "responded", "date responded", "closed", "date closed"},
    "outcome": {"outcome", "route", "route outcome", "result"},
    "not_accepted_reason": {"not accepted reason", "reason not accepted"},
    "themes": {"themes", "theme"},
    "team": {"team", "service", "team or service"},
    "summary": {"summary"},
    "channel": {"channel", "how received"},
    "complainant": {"complainant", "complainant name"},
    "relationship": {"relationship", "complainant relationship", "relationship to the child"},
    "from_child": {"from a child", "from child", "child or young person"},
    "advocate": {"advocate", "with an advocate", "advocacy taken up"},
    "advocacy_offered": {"advocacy offered", "advocacy offered on"},
    "ethnicity": {"ethnicity", "complainant ethnicity"},
    "gender": {"gender", "complainant gender"},
    "age_band": {"age band", "complainant age band", "age"},
    "disability": {"disability", "complainant disability"},
    **{
        f"cost_{kind.value}": {kind.value.replace("_", " "), kind.label.casefold()}
        for kind in CostKind
    },
    "costs": {"costs", "cost"},
}
COLUMNS["cost_advocacy"] |= {"advocacy cost", "advocacy costs"}
COLUMNS["cost_other"] |= {"other cost", "other costs"}
REQUIRED = ("reference", "stage", "received", "team")

PROCEDURES = Choices(
    "a procedure",
    Procedure.choices,
    {
        "children's social care": Procedure.CHILDREN,
        "children's": Procedure.CHILDREN,
        "csc": Procedure.CHILDREN,
        "childrens": Procedure.CHILDREN,
        "statutory": Procedure.CHILDREN,
        "adult social care": Procedure.ADULTS,
        "asc": Procedure.ADULTS,
        "adult": Procedure.ADULTS,
        "cor": Procedure.CORPORATE,
    },
)
#: An outcome is how a stage ended: a finding, or a route that is not one.
OPEN = "open"
ROUTES = Choices(
    "an outcome or route",
    [
        (Outcome.UPHELD, "Upheld"),
        (Outcome.PARTIALLY_UPHELD, "Partially upheld"),
        (Outcome.NOT_UPHELD, "Not upheld"),
        (StageStatus.RESPONDED, "Responded"),
        ("adr", "ADR"),
        (StageStatus.WITHDRAWN, "Withdrawn"),
        (StageStatus.NOT_ACCEPTED, "Not accepted"),
        ("escalated", "Escalated without a response"),
        (OPEN, "Open"),
    ],
    {
        "partly upheld": Outcome.PARTIALLY_UPHELD,
        "part upheld": Outcome.PARTIALLY_UPHELD,
        "partially": Outcome.PARTIALLY_UPHELD,
        "partial": Outcome.PARTIALLY_UPHELD,
        "resolved by adr": "adr",
        "resolved through adr": "adr",
        "alternative dispute resolution": "adr",
        "resolved by alternative dispute resolution": "adr",
        "rejected": StageStatus.NOT_ACCEPTED,
        "escalated unanswered": "escalated",
        "in progress": OPEN,
    },
)
#: Routes that are a response with findings, and the routes a next stage can follow.
OUTCOME_ROUTES = frozenset(Outcome.values)
RESPONDED_ROUTES = OUTCOME_ROUTES | {StageStatus.RESPONDED.value}
LEADING_ON = RESPONDED_ROUTES | {"escalated"}
STATUS_OF_ROUTE = {
    Outcome.UPHELD: StageStatus.RESPONDED,
    Outcome.PARTIALLY_UPHELD: StageStatus.RESPONDED,
    Outcome.NOT_UPHELD: StageStatus.RESPONDED,
    StageStatus.RESPONDED: StageStatus.RESPONDED,
    "adr": StageStatus.RESOLVED_BY_ADR,
    StageStatus.WITHDRAWN: StageStatus.WITHDRAWN,
    StageStatus.NOT_ACCEPTED: StageStatus.NOT_ACCEPTED,
    "escalated": StageStatus.ESCALATED_UNANSWERED,
    OPEN: StageStatus.IN_PROGRESS,
}
FINDINGS = Choices(
    "a finding",
    Finding.choices,
    {"partly upheld": Finding.PARTIALLY_UPHELD, "partially": Finding.PARTIALLY_UPHELD},
)
REASONS = Choices("a reason a complaint is not accepted", NotAcceptedReason.choices)
RELATIONSHIPS = Choices(
    "a relationship",
    Relationship.choices,
    {
        "child": Relationship.CHILD,
        "young person": Relationship.CHILD,
        "mother": Relationship.PARENT,
        "father": Relationship.PARENT,
        "carer": Relationship.FOSTER_CARER,
        "self": Relationship.SELF,
        "service user": Relationship.SELF,
        "other": Relationship.SUFFICIENT_INTEREST,
    },
)
CHANNELS = Choices("a way a complaint is received", Channel.choices, {"online": Channel.WEB_FORM})
EQUALITY = {
    "ethnicity": Choices(
        "an ethnicity (ONS 2021)",
        Ethnicity.choices,
        {"white british": Ethnicity.WHITE_BRITISH, "unknown": Ethnicity.NOT_KNOWN},
    ),
    "gender": Choices("a gender", Gender.choices),
    "age_band": Choices("an age band", AgeBand.choices),
    "disability": Choices("a disability answer", Disability.choices),
}
#: Shorter names for the default themes that complaints logs often use.
THEME_SYNONYMS = {
    "quality of service": "Quality or appropriateness of service",
    "staff conduct": "Staff conduct or attitude",
    "procedures": "Policy or procedure",
    "procedure": "Policy or procedure",
    "policy": "Policy or procedure",
    "sensitivity empathy of staff": "Sensitivity or empathy of staff",
    "decision making": "Professional decision making",
}
OWN_REFERENCE = re.compile(r"^(?P<prefix>[A-Z]{3})-(?P<year>\d{4})-(?P<number>\d{1,9})$")


@dataclass
class StageRow:
    row: int
    reference: str
    number: int
    received: date
    acknowledged: date | None
    extended_to: date | None
    extension_agreed: date | None
    panel_held: date | None
    panel_report_sent: date | None
    ended: date | None
    route: str
    not_accepted_reason: str
    themes: tuple[tuple[int, str], ...]  # (theme id, explicit finding or "")
    costs: dict[str, Decimal]
    complaint: dict[str, Any] = field(default_factory=dict)


class ThemeMatcher:
    def __init__(self) -> None:
        self.by_key = {cells.key(name): pk for pk, name in Theme.objects.values_list("pk", "name")}
        for short, name in THEME_SYNONYMS.items():
            if cells.key(name) in self.by_key:
                self.by_key.setdefault(cells.key(short), self.by_key[cells.key(name)])

    def read(self, value: str) -> int:
        wanted = cells.key(value)
        if wanted in self.by_key:
            return self.by_key[wanted]
        starting = {pk for k, pk in self.by_key.items() if k.startswith(wanted)}
        if len(starting) == 1:
            return starting.pop()
        raise CellError(f"“{value}” is not a theme. Themes are listed in Admin → Themes")

    def read_all(self, value: object) -> tuple[tuple[int, str], ...]:
        """ "Delay; Communication = upheld": theme ids, each with its finding if given."""
        out: list[tuple[int, str]] = []
        for item in cells.text(value).split(";"):
            if not item.strip():
                continue
            name, _, finding = item.partition("=")
            theme = self.read(name.strip())
            if any(theme == seen for seen, _ in out):
                raise CellError(f"“{name.strip()}” is given twice")
            out.append((theme, FINDINGS.read(finding) if finding.strip() else ""))
        return tuple(out)


class ComplaintImport:
    """Checks a complaints sheet, then writes it."""

    def __init__(self, sheet: Sheet, progress: Callable[[str, int, int], None]) -> None:
        self.sheet = sheet
        self.progress = progress
        self.problems: list[Problem] = []
        self.columns, self.ignored = sheet.columns(COLUMNS)
        self.themes = ThemeMatcher()
        self.complaints: dict[str, list[StageRow]] = {}
        self.already_held: set[str] = set()
        self.new_teams: list[str] = []
        #: Only the cost columns this sheet has are read.
        self.cost_kinds = [k.value for k in CostKind if f"cost_{k.value}" in self.columns]
        self.references: set[str] = set()
        #: The columns the sheet lacks that read as nothing.
        self.absent: set[str] = set()
        #: For each column, what each distinct cell read as (a value or a CellError).
        self.read_before: dict[str, dict[object, Any]] = defaultdict(dict)
        self.today = clock.today()

    def problem(self, row: int | None, column: str | None, message: str) -> None:
        heading = column.replace("_", " ") if column else None
        self.problems.append(Problem(self.sheet.name, row, heading, message))

    # --- checking ----------------------------------------------------------------------------

    def check(self) -> None:
        missing = [c for c in REQUIRED if c not in self.columns]
        if missing:
            for column in missing:
                self.problem(None, None, f"there is no “{column}” column")
            return
        by_reference: dict[str, list[StageRow]] = defaultdict(list)
        failed: set[str] = set()
        total = len(self.sheet.rows)
        for done, (number, values) in enumerate(self.sheet.rows, start=1):
            parsed = self._row(number, values)
            if parsed is not None:
                by_reference[parsed.reference].append(parsed)
            else:
                failed.add(cells.text(self._cell(values, "reference")))
            if done % 5000 == 0 or done == total:
                self.progress("Checked", done, total)
        # A complaint with a bad row is not checked as a whole: its problem is already
        # reported, and "no Stage 1 row" would only repeat it.
        self.references = set(by_reference) | failed
        for reference, rows in by_reference.items():
            if reference not in failed:
                self._check_complaint(reference, rows)
        self.problems.sort(key=lambda p: p.row or 0)
        self._find_held()

    def _cell(self, values: list[object], column: str) -> object:
        index = self.columns.get(column)
        return values[index] if index is not None and index < len(values) else None

    def _read(
        self, number: int, values: list[object], column: str, reader: Callable[[object], Any]
    ) -> Any:
        index = self.columns.get(column)
        if index is None and column in self.absent:
            # A column the sheet lacks reads as an empty cell, the same on every row.
            return None
        cell = values[index] if index is not None and index < len(values) else None
        # Each reader depends on the cell alone, and a log repeats the same few thousand
        # dates and few dozen choices down its rows: each distinct cell is read once.
        read = self.read_before[column]
        try:
            value = read[cell]
        except KeyError:
            value = read[cell] = _read_cell(reader, cell)
        except TypeError:  # a cell that cannot be a key (an unusual Excel value)
            value = _read_cell(reader, cell)
        if isinstance(value, CellError):
            self.problem(number, column, str(value))
            return None
        if index is None and value is None:
            self.absent.add(column)
        return value

    def _row(self, number: int, values: list[object]) -> StageRow | None:
        before = len(self.problems)
        read = self._read
        reference = cells.text(self._cell(values, "reference"))
        if not reference:
            self.problem(number, "reference", "Enter the complaint's reference")
        elif len(reference) > 20:
            self.problem(number, "reference", "A reference is 20 characters or fewer")
        stage = read(number, values, "stage", _stage_number)
        today = self.today
        dates = {
            name: read(number, values, name, cells.optional_date)
            for name in (
                "received",
                "acknowledged",
                "extended_to",
                "extension_agreed",
                "panel_held",
                "panel_report_sent",
                "ended",
            )
        }
        if stage != 3 and (dates["panel_held"] or dates["panel_report_sent"]):
            self.problem(number, "panel_held", "Only a Stage 3 review has a panel")
        for name in ("received", "ended", "acknowledged"):
            if dates[name] is not None and dates[name] > today:
                self.problem(number, name, "The date cannot be in the future")
        if dates["received"] is None and "received" not in self._columns_with_problems(before):
            self.problem(number, "received", "Enter the date the stage started")
        route = read(number, values, "outcome", ROUTES.optional) or (
            OPEN if not cells.key(self._cell(values, "outcome")) else None
        )
        for name in ("acknowledged", "extended_to", "panel_held", "panel_report_sent", "ended"):
            if dates[name] and dates["received"] and dates[name] < dates["received"]:
                self.problem(number, name, "The date cannot be before the stage started")
        if route == OPEN and dates["ended"]:
            self.problem(number, "outcome", "Give the outcome or route: the stage has ended")
        if route not in (OPEN, None) and dates["ended"] is None:
            self.problem(number, "ended", "Enter the date the stage ended")
        reason = read(number, values, "not_accepted_reason", REASONS.optional) or ""
        if reason and route != StageStatus.NOT_ACCEPTED:
            self.problem(number, "not_accepted_reason", "A reason is given only when not accepted")
        themes = read(number, values, "themes", self.themes.read_all) or ()
        self._check_findings(number, route, themes)
        costs = {}
        for kind in self.cost_kinds:
            value = read(number, values, f"cost_{kind}", cells.amount)
            if value:
                costs[kind] = value
        other = read(number, values, "costs", cells.amount)
        if other:
            costs[CostKind.OTHER] = costs.get(CostKind.OTHER, Decimal(0)) + other
        complaint = self._complaint_fields(number, values) if stage == 1 else {}
        if len(self.problems) > before or stage is None or dates["received"] is None:
            return None
        return StageRow(
            row=number,
            reference=reference,
            number=stage,
            received=dates["received"],
            acknowledged=dates["acknowledged"],
            extended_to=dates["extended_to"],
            extension_agreed=dates["extension_agreed"],
            panel_held=dates["panel_held"],
            panel_report_sent=dates["panel_report_sent"],
            ended=dates["ended"],
            route=route or OPEN,
            not_accepted_reason=reason,
            themes=themes,
            costs=costs,
            complaint=complaint,
        )

    def _columns_with_problems(self, since: int) -> set[str]:
        return {p.column.replace(" ", "_") for p in self.problems[since:] if p.column}

    def _check_findings(
        self, number: int, route: str | None, themes: tuple[tuple[int, str], ...]
    ) -> None:
        explicit = [finding for _, finding in themes if finding]
        responded = route in RESPONDED_ROUTES
        if explicit and not responded:
            self.problem(
                number, "themes", "Findings are recorded only on a stage that was responded to"
            )
        if not responded:
            return
        if not themes:
            self.problem(
                number,
                "themes",
                "Give at least one theme: the outcome is recorded on the points of complaint",
            )
            return
        if route == StageStatus.RESPONDED and len(explicit) < len(themes):
            self.problem(
                number,
                "themes",
                "Give a finding for each theme (like “Delay = upheld”), or the outcome",
            )
            return
        if route in OUTCOME_ROUTES and explicit:
            findings = [finding or _finding_of(route) for _, finding in themes]
            rolled = roll_up(findings)
            if rolled is not None and rolled != route:
                self.problem(
                    number,
                    "outcome",
                    f"The findings on the themes make the outcome "
                    f"“{Outcome(rolled).label.lower()}”, not “{Outcome(route).label.lower()}”",
                )

    def _complaint_fields(self, number: int, values: list[object]) -> dict[str, Any]:
        read = self._read
        procedure = read(number, values, "procedure", PROCEDURES.optional) or Procedure.CHILDREN
        relationship = read(number, values, "relationship", RELATIONSHIPS.optional) or ""
        from_child = read(number, values, "from_child", cells.yes_no)
        if from_child:
            if relationship and relationship != Relationship.CHILD:
                self.problem(
                    number, "relationship", "A complaint from a child has the relationship “child”"
                )
            relationship = Relationship.CHILD
        if not relationship:
            if procedure == Procedure.CHILDREN:
                self.problem(
                    number, "relationship", "Enter the complainant's relationship to the child"
                )
            relationship = Relationship.SELF
        elif relationship == Relationship.SELF and procedure == Procedure.CHILDREN:
            self.problem(
                number, "relationship", "A children's complaint needs the relationship to the child"
            )
        team = cells.text(self._cell(values, "team"))
        if not team:
            self.problem(number, "team", "Enter the team the complaint is about")
        advocate = read(number, values, "advocate", cells.yes_no)
        return {
            "procedure": procedure,
            "relationship": relationship,
            "team": team,
            "summary": cells.text(self._cell(values, "summary"))[:300] or "Imported complaint",
            "channel": read(number, values, "channel", CHANNELS.optional) or Channel.NOT_RECORDED,
            "complainant": cells.text(self._cell(values, "complainant"))[:200] or "Not recorded",
            "advocacy_taken_up": advocate,
            "advocacy_offered_on": read(number, values, "advocacy_offered", cells.optional_date),
            "equality": {
                name: read(number, values, name, choices.optional) or ""
                for name, choices in EQUALITY.items()
            },
        }

    def _check_complaint(self, reference: str, rows: list[StageRow]) -> None:
        rows.sort(key=lambda r: (r.number, r.row))
        numbers = [r.number for r in rows]
        first = rows[0]
        if numbers[0] != 1:
            self.problem(first.row, "stage", f"{reference} has no Stage 1 row")
            return
        for earlier, later in itertools.pairwise(rows):
            if later.number == earlier.number:
                self.problem(
                    later.row,
                    "stage",
                    f"{reference} has two Stage {later.number} rows (rows {earlier.row} and "
                    f"{later.row})",
                )
                return
            if later.number != earlier.number + 1:
                self.problem(later.row, "stage", f"{reference} has no Stage {earlier.number + 1}")
                return
            if earlier.route not in LEADING_ON:
                route = ROUTES_LABEL.get(earlier.route, earlier.route)
                self.problem(
                    later.row,
                    "stage",
                    f"Stage {later.number} follows a Stage {earlier.number} that ended as "
                    f"“{route}”: only a response, or an escalation without one, leads on",
                )
            elif earlier.ended and later.received < earlier.ended:
                self.problem(
                    later.row,
                    "received",
                    f"Stage {later.number} cannot start before Stage {earlier.number} ended "
                    f"({earlier.ended:%d/%m/%Y})",
                )
        procedure = first.complaint.get("procedure", Procedure.CHILDREN)
        last = RULES[procedure].last_stage
        if numbers[-1] > last:
            self.problem(
                rows[-1].row,
                "stage",
                f"The {Procedure(procedure).label} procedure has {last} stage"
                f"{'s' if last > 1 else ''}",
            )
        self.complaints[reference] = rows

    def _find_held(self) -> None:
        references = list(self.complaints)
        for start in range(0, len(references), 900):
            chunk = references[start : start + 900]
            self.already_held.update(
                Complaint.objects.filter(reference__in=chunk).values_list("reference", flat=True)
            )

    # --- writing -----------------------------------------------------------------------------

    def write(self, source: str) -> int:
        """Create every complaint not already held; returns how many. Keys are allocated
        first, so each table is one executemany (heard.imports.bulk)."""
        new = [rows for ref, rows in self.complaints.items() if ref not in self.already_held]
        if not new:
            return 0
        teams = self._teams({rows[0].complaint["team"] for rows in new})
        people = allocate_ids(Complainant, len(new))
        complaint_ids = allocate_ids(Complaint, len(new))
        stage_ids = iter(allocate_ids(Stage, sum(len(rows) for rows in new)))
        ensure_current_calendar()
        counts = dict(CalendarDay.objects.values_list("day", "working_day_number"))
        timing = (counts, {p: time_standards(p) for p in Procedure.values})
        element_count = sum(len({t for row in rows for t, _ in row.themes}) for rows in new)
        element_ids = iter(allocate_ids(Element, element_count))
        tables = {
            "complainants": Inserter(Complainant, ["id", "name", *EQUALITY.keys()]),
            "complaints": Inserter(Complaint, COMPLAINT_FIELDS),
            "stages": Inserter(Stage, STAGE_FIELDS),
            "elements": Inserter(Element, ["id", "complaint", "number", "theme", "description"]),
            "findings": Inserter(ElementFinding, FINDING_FIELDS),
            "costs": Inserter(Cost, ["stage", "kind", "amount", "incurred_on"]),
            "events": Inserter(ComplaintEvent, ["complaint", "action", "effective_on", "details"]),
        }
        opened: list[int] = []
        for rows, person, pk in zip(new, people, complaint_ids, strict=True):
            c = rows[0].complaint
            tables["complainants"].add(id=person, name=c["complainant"], **c["equality"])
            status = self._add_complaint(tables["complaints"], pk, person, rows, teams)
            if status == ComplaintStatus.OPEN:
                opened.append(pk)
            elements: dict[int, int] = {}
            for row in rows:
                for theme, _ in row.themes:
                    if theme not in elements:
                        elements[theme] = next(element_ids)
                        tables["elements"].add(
                            id=elements[theme],
                            complaint=pk,
                            number=len(elements),
                            theme=theme,
                            description="Imported point of complaint",
                        )
            for row in rows:
                stage = next(stage_ids)
                _add_stage(tables, stage, pk, c["procedure"], row, elements, timing)
            tables["events"].add(
                complaint=pk,
                action="import",
                effective_on=rows[0].received,
                details={"file": source, "row": rows[0].row},
            )
        for name, table in tables.items():
            table.write()
            self.progress(f"Wrote {name}", len(new), len(new))
        analyze(*(table.model for table in tables.values()))
        Complaint.objects.filter(pk__in=opened).refresh_deadlines()
        _advance_sequences([rows[0].reference for rows in new])
        return len(new)

    def _teams(self, names: set[str]) -> dict[str, Team]:
        held = {cells.key(t.name): t for t in Team.objects.all()}
        missing = [name for name in sorted(names) if cells.key(name) not in held]
        for team in Team.objects.bulk_create([Team(name=name) for name in missing]):
            held[cells.key(team.name)] = team
        self.new_teams = missing
        return held

    def _add_complaint(
        self,
        table: Inserter,
        pk: int,
        person: int,
        rows: list[StageRow],
        teams: dict[str, Team],
    ) -> str:
        first, last = rows[0], rows[-1]
        c = first.complaint
        ended = last.route != OPEN
        status = ComplaintStatus.CLOSED if ended else ComplaintStatus.OPEN
        table.add(
            id=pk,
            reference=first.reference,
            procedure=c["procedure"],
            status=status,
            current_stage=last.number,
            received_on=first.received,
            channel=c["channel"],
            team=teams[cells.key(c["team"])].pk,
            summary=c["summary"],
            complainant=person,
            relationship=c["relationship"],
            advocacy_offered_on=c["advocacy_offered_on"],
            advocacy_taken_up=c["advocacy_taken_up"],
            closed_on=last.ended if ended else None,
            stage_status=STATUS_OF_ROUTE[last.route],
        )
        return status


#: The columns each import writes; every other column takes its default.
COMPLAINT_FIELDS = [
    "id",
    "reference",
    "procedure",
    "status",
    "current_stage",
    "received_on",
    "channel",
    "team",
    "summary",
    "complainant",
    "relationship",
    "advocacy_offered_on",
    "advocacy_taken_up",
    "closed_on",
    "stage_status",
]
STAGE_FIELDS = [
    "id",
    "complaint",
    "procedure",
    "number",
    "status",
    "started_on",
    "acknowledged_on",
    "extended_to",
    "extension_agreed_on",
    "panel_held_on",
    "panel_report_sent_on",
    "ended_on",
    "not_accepted_reason",
    "response_working_days",
    "acknowledgement_working_days",
    "rolled_up_outcome",
]

FINDING_FIELDS = [
    "element",
    "stage",
    "finding",
    "theme",
    "procedure",
    "stage_number",
    "responded_on",
]


def _add_stage(
    tables: dict[str, Inserter],
    stage: int,
    complaint: int,
    procedure: str,
    row: StageRow,
    elements: dict[int, int],
    timing: tuple[dict[date, int], dict[str, dict[int, TimeStandard]]],
) -> None:
    values: dict[str, Any] = {
        "procedure": procedure,
        "number": row.number,
        "status": STATUS_OF_ROUTE[row.route],
        "started_on": row.received,
        "acknowledged_on": row.acknowledged,
        "extended_to": row.extended_to,
        "extension_agreed_on": row.extension_agreed,
        "panel_held_on": row.panel_held,
        "panel_report_sent_on": row.panel_report_sent,
        "ended_on": row.ended,
        "not_accepted_reason": row.not_accepted_reason,
    }
    findings = []
    if row.route in RESPONDED_ROUTES:
        findings = [(theme, finding or _finding_of(row.route)) for theme, finding in row.themes]
    # What a save would derive (heard.complaints.timing), worked out here for speed.
    values |= report_values_of(values, (finding for _, finding in findings), *timing)
    tables["stages"].add(id=stage, complaint=complaint, **values)
    # What a save of the finding and its stage would copy onto it.
    given = {
        "procedure": procedure,
        "stage_number": row.number,
        "responded_on": row.ended if values["status"] == StageStatus.RESPONDED else None,
    }
    for theme, finding in findings:
        tables["findings"].add(
            element=elements[theme], stage=stage, finding=finding, theme=theme, **given
        )
    on = row.ended or row.received
    for kind, value in row.costs.items():
        tables["costs"].add(stage=stage, kind=kind, amount=value, incurred_on=on)


def _read_cell(reader: Callable[[object], Any], cell: object) -> Any:
    """What `reader` makes of `cell`, or the CellError it raised."""
    try:
        return reader(cell)
    except CellError as error:
        return error


ROUTES_LABEL = {
    "adr": "resolved by ADR",
    StageStatus.WITHDRAWN: "withdrawn",
    StageStatus.NOT_ACCEPTED: "not accepted",
    OPEN: "open",
}


def _stage_number(value: object) -> int:
    raw = cells.key(value).removeprefix("stage").strip()
    if raw not in ("1", "2", "3"):
        raise CellError(f"“{cells.text(value)}” is not a stage: use 1, 2 or 3")
    return int(raw)


def _finding_of(route: str) -> str:
    findings: dict[str, str] = {
        Outcome.UPHELD: Finding.UPHELD,
        Outcome.PARTIALLY_UPHELD: Finding.PARTIALLY_UPHELD,
        Outcome.NOT_UPHELD: Finding.NOT_UPHELD,
    }
    return findings[route]


def _advance_sequences(references: list[str]) -> None:
    """An imported reference in Heard's own form (CSC-2021-00042) moves its sequence on, so
    the next complaint logged is never given a reference already taken."""
    highest: dict[tuple[str, int], int] = {}
    for reference in references:
        match = OWN_REFERENCE.match(reference)
        if match:
            slot = (match["prefix"], int(match["year"]))
            highest[slot] = max(highest.get(slot, 0), int(match["number"]))
    for (prefix, year), number in highest.items():
        ReferenceSequence.objects.get_or_create(prefix=prefix, year=year)
        ReferenceSequence.objects.filter(prefix=prefix, year=year).update(
            last=Greatest(F("last"), number)
        )
