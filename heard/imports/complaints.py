"""Importing a complaints log: one row per complaint stage (docs/import.md).

Rows are read and checked first (here), each alone and then each complaint's stages together;
only a file with no problem at all is written (heard.imports.writing), in bulk, inside the
caller's transaction. The columns and their words are in heard.imports.vocabulary. A
reference already held is left as it is, so importing the same file twice adds nothing.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models.functions import Lower

from heard.complaints.choices import (
    Channel,
    CostKind,
    Outcome,
    Procedure,
    Relationship,
    RemedyKind,
    StageStatus,
)
from heard.complaints.models import Complaint, InformalStatus
from heard.complaints.procedures import RULES
from heard.complaints.timing import roll_up
from heard.core import clock
from heard.imports import cells
from heard.imports.cells import CellError, UnknownWord
from heard.imports.informal import (
    INFORMAL,
    INFORMAL_OUTCOMES,
    informal_fields,
    informal_held,
    write_informal,
)
from heard.imports.problems import Problem
from heard.imports.questions import Questions
from heard.imports.references import (
    URL_SAFE_REFERENCE,
    reserved_references,
    url_safe_example,
)
from heard.imports.sheets import Sheet
from heard.imports.teams import TeamMatcher
from heard.imports.vocabulary import (
    CHANNELS,
    COLUMNS,
    EQUALITY,
    LEADING_ON,
    OPEN,
    OUTCOME_ROUTES,
    PROCEDURES,
    REASONS,
    RELATIONSHIPS,
    REMEDY_KINDS,
    REQUIRED,
    RESPONDED_ROUTES,
    ROUTES,
    ROUTES_LABEL,
    THEME_NOT_RECORDED,
    StageRow,
    ThemeMatcher,
    finding_of,
    stage_number,
)
from heard.imports.writing import write_complaints


class ComplaintImport:
    """Checks a complaints sheet, then writes it."""

    def __init__(self, sheet: Sheet, progress: Callable[[str, int, int], None]) -> None:
        self.sheet = sheet
        self.progress = progress
        self.problems: list[Problem] = []
        self.columns, self.ignored = sheet.columns(COLUMNS)
        self.themes = ThemeMatcher()
        self.team_matcher = TeamMatcher()
        self.complaints: dict[str, list[StageRow]] = {}
        #: Informal (pre-complaint) rows by reference, and the Stage 1 row each came before.
        self.informal: dict[str, StageRow] = {}
        self.informal_stage1: dict[str, StageRow] = {}
        self.informal_held: set[str] = set()
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
        #: Words the log uses that Heard does not know yet, and the rows that wait on them.
        self.questions = Questions()
        #: Whether the row being checked waits on an answer (it is then not checked further).
        self.row_waits = False
        #: The council's own words the row being checked used (kept on the record).
        self.row_words: list[tuple[str, str]] = []

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
            if parsed is not None and parsed.number == INFORMAL:
                self._add_informal(parsed)
            elif parsed is not None:
                by_reference[parsed.reference].append(parsed)
            else:
                failed.add(cells.text(self._cell(values, "reference")))
            if done % 5000 == 0 or done == total:
                self.progress("Checked", done, total)
        # A complaint with a bad row is not checked as a whole: its problem is already
        # reported, and "no Stage 1 row" would only repeat it.
        self.references = set(by_reference) | failed
        self._check_capitals(by_reference, failed)
        for reference, rows in by_reference.items():
            if reference not in failed:
                self._check_complaint(reference, rows)
        self._check_informal(by_reference, failed)
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
            value, words = read[cell]
        except KeyError:
            value, words = read[cell] = cells.read_noting_words(reader, cell)
        except TypeError:  # a cell that cannot be a key (an unusual Excel value)
            value, words = cells.read_noting_words(reader, cell)
        self.row_words += words
        if isinstance(value, UnknownWord):
            self.questions.ask(value.words, number)
            self.row_waits = True
            return None
        if isinstance(value, CellError):
            self.problem(number, column, str(value))
            return None
        if index is None and value is None:
            self.absent.add(column)
        return value

    def _row(self, number: int, values: list[object]) -> StageRow | None:
        before = len(self.problems)
        self.row_waits = False
        self.row_words = []
        read = self._read
        reference = cells.text(self._cell(values, "reference"))
        if not reference:
            self.problem(number, "reference", "Enter the complaint's reference")
        elif len(reference) > 20:
            self.problem(number, "reference", "A reference is 20 characters or fewer")
        elif not URL_SAFE_REFERENCE.match(reference):
            self.problem(
                number,
                "reference",
                f"“{reference}” cannot be used in a web address: a reference is letters, numbers "
                f"and hyphens, like {url_safe_example(reference)}",
            )
        elif reference.casefold() in reserved_references():
            self.problem(
                number,
                "reference",
                f"“{reference}” is a word Heard's web addresses use: give the case its "
                "reference from the log, like CSC-2021-00042",
            )
        stage = read(number, values, "stage", stage_number)
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
        if stage == INFORMAL:
            return self._informal_row(number, values, reference, dates, before)
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
        if not themes and route in OUTCOME_ROUTES and not self.row_waits:
            # Many logs record one outcome per stage and no points: it is one point whose
            # theme was not recorded, with the outcome as its finding.
            themes = ((THEME_NOT_RECORDED, ""),)
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
        on = dates["ended"] or dates["received"]
        remedy = self._remedy(number, values, on)
        learning = self._learning(number, values, on, themes)
        if self.row_waits:
            # Checked again once the words are answered; what else is wrong shows then too.
            del self.problems[before:]
            return None
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
            remedy=remedy,
            learning=learning,
            recorded=tuple(self.row_words),
        )

    def _informal_row(
        self,
        number: int,
        values: list[object],
        reference: str,
        dates: dict[str, Any],
        before: int,
    ) -> StageRow | None:
        """An informal (pre-complaint) row: its dates, how it ended, and who and what it
        was about (heard.imports.informal)."""
        route = self._read(number, values, "outcome", INFORMAL_OUTCOMES.optional) or OPEN
        if route in (InformalStatus.RESOLVED, InformalStatus.WITHDRAWN) and not dates["ended"]:
            self.problem(number, "ended", "Enter the date it was resolved or withdrawn")
        if route == OPEN and dates["ended"]:
            self.problem(number, "outcome", "Give how it ended: resolved, withdrawn or Stage 1")
        fields = informal_fields(self._complaint_fields(number, values, informal=True))
        if self.row_waits:
            del self.problems[before:]
            return None
        if len(self.problems) > before or dates["received"] is None:
            return None
        return StageRow(
            row=number,
            reference=reference,
            number=INFORMAL,
            received=dates["received"],
            acknowledged=None,
            extended_to=None,
            extension_agreed=None,
            panel_held=None,
            panel_report_sent=None,
            ended=dates["ended"],
            route=route,
            not_accepted_reason="",
            themes=(),
            costs={},
            complaint=fields,
        )

    def _follow_through(
        self, number: int, values: list[object], prefix: str, on: date | None
    ) -> tuple[date | None, date | None]:
        """The due and completed dates of a remedy or learning action agreed `on`."""
        due = self._read(number, values, f"{prefix}_due", cells.optional_date)
        done = self._read(number, values, f"{prefix}_completed", cells.optional_date)
        if on is not None:
            for name, day in ((f"{prefix}_due", due), (f"{prefix}_completed", done)):
                if day is not None and day < on:
                    self.problem(
                        number, name, f"The date cannot be before it was agreed ({on:%d/%m/%Y})"
                    )
        if done is not None and done > self.today:
            self.problem(number, f"{prefix}_completed", "The date cannot be in the future")
        return due, done

    def _remedy(self, number: int, values: list[object], on: date | None) -> dict[str, Any] | None:
        """The remedy the row records, as a remedy's fields; None if it records none."""
        read = self._read
        what = cells.text(self._cell(values, "remedy"))
        amount = read(number, values, "remedy_amount", cells.amount)
        kind = read(number, values, "remedy_type", REMEDY_KINDS.optional)
        if not (what or amount or kind):
            return None
        kind = kind or (RemedyKind.FINANCIAL if amount else RemedyKind.OTHER)
        if kind == RemedyKind.FINANCIAL and not amount:
            self.problem(number, "remedy_amount", "Enter the amount of the financial remedy")
        elif kind != RemedyKind.FINANCIAL and amount:
            self.problem(number, "remedy_type", "Only a financial remedy has an amount")
        due, done = self._follow_through(number, values, "remedy", on)
        return {
            "kind": kind,
            "description": what or RemedyKind(kind).label,
            "amount": amount if kind == RemedyKind.FINANCIAL else None,
            "agreed_on": on,
            "owner": cells.text(self._cell(values, "remedy_owner"))[:200],
            "due_on": due,
            "completed_on": done,
        }

    def _learning(
        self,
        number: int,
        values: list[object],
        on: date | None,
        themes: tuple[tuple[int, str], ...],
    ) -> dict[str, Any] | None:
        """The learning action the row records; its theme is the one named for it, else the
        row's first theme, else "Other"."""
        what = cells.text(self._cell(values, "learning"))
        if not what:
            return None
        theme = self._read(number, values, "learning_theme", self._optional_theme)
        theme = theme or (themes[0][0] if themes else self.themes.fallback)
        if theme is None:
            self.problem(number, "learning_theme", "Give the theme the learning is about")
        due, done = self._follow_through(number, values, "learning", on)
        return {
            "theme": theme,
            "description": what,
            "owner": cells.text(self._cell(values, "learning_owner"))[:200] or "Not recorded",
            "raised_on": on,
            "due_on": due,
            "completed_on": done,
        }

    def _optional_theme(self, value: object) -> int | None:
        return self.themes.read(cells.text(value)) if cells.key(value) else None

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
            findings = [finding or finding_of(route) for _, finding in themes]
            rolled = roll_up(findings)
            if rolled is not None and rolled != route:
                self.problem(
                    number,
                    "outcome",
                    f"The findings on the themes make the outcome "
                    f"“{Outcome(rolled).label.lower()}”, not “{Outcome(route).label.lower()}”",
                )

    def _complaint_fields(
        self, number: int, values: list[object], *, informal: bool = False
    ) -> dict[str, Any]:
        read = self._read
        procedure = read(number, values, "procedure", PROCEDURES.optional) or Procedure.CHILDREN
        relationship = read(number, values, "relationship", RELATIONSHIPS.optional) or ""
        recorded = self._cell(values, "relationship")
        from_child = read(number, values, "from_child", cells.yes_no)
        if from_child:
            if relationship and relationship != Relationship.CHILD:
                self.problem(
                    number, "relationship", "A complaint from a child has the relationship “child”"
                )
            relationship = Relationship.CHILD
        if not relationship:
            if procedure == Procedure.CHILDREN and not informal:
                self.problem(
                    number, "relationship", "Enter the complainant's relationship to the child"
                )
            relationship = Relationship.SELF
        elif relationship == Relationship.SELF and procedure == Procedure.CHILDREN and not informal:
            self.problem(
                number, "relationship", "A children's complaint needs the relationship to the child"
            )
        team = read(number, values, "team", self.team_matcher.read) or ""
        if not team:
            self.problem(number, "team", "Enter the team the complaint is about")
        advocate = read(number, values, "advocate", cells.yes_no)
        return {
            "procedure": procedure,
            "relationship": relationship,
            # The council's own word, where it is not one of Heard's (a mapped word).
            "relationship_as_recorded": (
                "" if RELATIONSHIPS.knows(recorded) else cells.text(recorded)[:100]
            ),
            "team": team,
            "service_area": cells.text(self._cell(values, "service_area"))[:120],
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

    def _add_informal(self, row: StageRow) -> None:
        earlier = self.informal.get(row.reference)
        if earlier is not None:
            self.problem(
                row.row,
                "stage",
                f"{row.reference} has two informal rows (rows {earlier.row} and {row.row})",
            )
            return
        self.informal[row.reference] = row

    def _check_informal(self, by_reference: dict[str, list[StageRow]], failed: set[str]) -> None:
        """An informal stage comes before its complaint's Stage 1."""
        for reference, row in list(self.informal.items()):
            stage1 = next((r for r in by_reference.get(reference, []) if r.number == 1), None)
            if stage1 is None:
                continue
            if row.received > stage1.received:
                self.problem(
                    row.row,
                    "received",
                    f"The informal stage of {reference} starts after its Stage 1, on row "
                    f"{stage1.row}: it comes before Stage 1",
                )
                del self.informal[reference]
            else:
                self.informal_stage1[reference] = stage1
        self.references |= set(self.informal)

    def _check_capitals(self, by_reference: dict[str, list[StageRow]], failed: set[str]) -> None:
        """Two references that differ only in capitals are the same reference: the second
        is refused (with the row of the first), not imported as a second case."""
        first: dict[str, str] = {}
        for reference in list(by_reference):
            key = reference.casefold()
            if key not in first:
                first[key] = reference
                continue
            earlier = by_reference[first[key]][0].row
            for row in by_reference.pop(reference):
                self.problem(
                    row.row,
                    "reference",
                    f"“{reference}” is the reference {first[key]} (row {earlier}) in other "
                    "capitals: give each case one reference, written the same way",
                )
            failed.add(reference)

    def _find_held(self) -> None:
        """The references already held, exactly (left as they are), and those held in other
        capitals (refused: they would be a second case under the same reference)."""
        self.informal_held = informal_held(list(self.informal))
        references = {reference.casefold(): reference for reference in self.complaints}
        keys = list(references)
        for start in range(0, len(keys), 900):
            chunk = keys[start : start + 900]
            held = (
                Complaint.objects.annotate(key=Lower("reference"))
                .filter(key__in=chunk)
                .values_list("reference", flat=True)
            )
            for found in held:
                given = references[found.casefold()]
                if given == found:
                    self.already_held.add(given)
                    continue
                row = self.complaints.pop(given)[0].row
                self.problem(
                    row,
                    "reference",
                    f"“{given}” is already held as {found}: use the same capitals to leave it "
                    "as it is",
                )
        self.problems.sort(key=lambda p: p.row or 0)

    # --- writing -----------------------------------------------------------------------------

    def write(self, source: str) -> tuple[int, int]:
        """Create every complaint not already held (heard.imports.writing), then every
        informal complaint (heard.imports.informal); returns how many of each."""
        new = [rows for ref, rows in self.complaints.items() if ref not in self.already_held]
        written, self.new_teams = write_complaints(new, source, self.progress)
        informal = {r: row for r, row in self.informal.items() if r not in self.informal_held}
        return written, write_informal(informal, self.informal_stage1, source)
