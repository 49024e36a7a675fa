"""Writing a checked complaints log: every complaint not already held, in bulk, inside the
caller's transaction (heard.imports.complaints checks the rows first)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.db.models import F
from django.db.models.functions import Greatest

from heard.complaints.choices import (
    ComplaintStatus,
    Procedure,
    StageStatus,
)
from heard.complaints.models import (
    Complainant,
    Complaint,
    ComplaintEvent,
    Cost,
    Element,
    ElementFinding,
    LearningAction,
    Remedy,
    Stage,
    Theme,
)
from heard.complaints.timing import TimeStandard, report_values_of, time_standards
from heard.core.models import ReferenceSequence, Team
from heard.imports import cells
from heard.imports.bulk import Inserter, allocate_ids, analyze
from heard.imports.vocabulary import (
    EQUALITY,
    OPEN,
    OWN_REFERENCE,
    RESPONDED_ROUTES,
    STATUS_OF_ROUTE,
    THEME_NOT_RECORDED,
    THEME_NOT_RECORDED_NAME,
    StageRow,
    finding_of,
)
from heard.workdays.models import CalendarDay
from heard.workdays.store import ensure_current_calendar


def _name_unrecorded_themes(new: list[list[StageRow]]) -> None:
    """Give the points whose theme the log did not record the theme "Theme not recorded"
    (added, inactive, the first time it is needed), so the reports show them under it."""
    rows = [
        row
        for stages in new
        for row in stages
        if any(t == THEME_NOT_RECORDED for t, _ in row.themes)
        or (row.learning and row.learning["theme"] == THEME_NOT_RECORDED)
    ]
    if not rows:
        return
    theme = Theme.objects.filter(name__iexact=THEME_NOT_RECORDED_NAME).first()
    if theme is None:
        # Not offered on screens: an officer always knows what a point is about.
        theme = Theme.objects.create(name=THEME_NOT_RECORDED_NAME, active=False, order=999)
    for row in rows:
        row.themes = tuple(
            (theme.pk if t == THEME_NOT_RECORDED else t, finding) for t, finding in row.themes
        )
        if row.learning and row.learning["theme"] == THEME_NOT_RECORDED:
            row.learning["theme"] = theme.pk


def write_complaints(
    new: list[list[StageRow]], source: str, progress: Callable[[str, int, int], None]
) -> tuple[int, list[str]]:
    """Create the complaints, each given as its checked stage rows; returns how many, and the
    teams that had to be added. Keys are allocated first, so each table is one executemany
    (heard.imports.bulk)."""
    if not new:
        return 0, []
    _name_unrecorded_themes(new)
    services: dict[str, str] = {}
    areas: dict[str, str] = {}
    for rows in new:
        c = rows[0].complaint
        services.setdefault(c["team"], c["procedure"])
        if c["service_area"]:
            areas.setdefault(cells.key(c["team"]), c["service_area"])
    teams, new_teams = held_teams(services, areas)
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
        "remedies": Inserter(Remedy, ["complaint", "stage", *REMEDY_FIELDS]),
        "learning actions": Inserter(LearningAction, ["complaint", *LEARNING_FIELDS]),
        "events": Inserter(
            ComplaintEvent, ["complaint", "action", "effective_on", "details", "reason"]
        ),
    }
    opened: list[int] = []
    for rows, person, pk in zip(new, people, complaint_ids, strict=True):
        c = rows[0].complaint
        tables["complainants"].add(id=person, name=c["complainant"], **c["equality"])
        status = _add_complaint(tables["complaints"], pk, person, rows, teams)
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
        words = list(dict.fromkeys(word for row in rows for word in row.recorded))
        tables["events"].add(
            complaint=pk,
            action="import",
            effective_on=rows[0].received,
            details={"file": source, "row": rows[0].row, **({"recorded": words} if words else {})},
            reason=recorded_words(words),
        )
    for name, table in tables.items():
        table.write()
        progress(f"Wrote {name}", len(new), len(new))
    analyze(*(table.model for table in tables.values()))
    Complaint.objects.filter(pk__in=opened).refresh_deadlines()
    _advance_sequences([rows[0].reference for rows in new])
    return len(new), new_teams


def recorded_words(words: list[tuple[str, str]]) -> str:
    """The log's own words, kept on the record's timeline: "The log's words: relationship
    “Nan”, theme “Bins”" ("" for none)."""
    if not words:
        return ""
    said = ", ".join(f"{vocabulary.replace('_', ' ')} “{word}”" for vocabulary, word in words)
    return f"The log's own words, as the council said they mean: {said}"


def held_teams(
    services: dict[str, str], areas: dict[str, str]
) -> tuple[dict[str, Team], list[str]]:
    """Every team by its key, adding those the log names and Heard does not hold yet (each
    in the service of the procedure of the first complaint about it); and the names added.
    A team takes the service area (directorate) of the first row naming one, where it has
    none yet: a team's area, once set, is the council's to change on the Teams screen."""
    spelled = Team.areas_as_held(list(areas.values()))
    areas = {key: spelled[area] for key, area in areas.items()}
    held = {cells.key(t.name): t for t in Team.objects.all()}
    missing = [name for name in sorted(services) if cells.key(name) not in held]
    added = [
        Team(name=name, service=services[name], service_area=areas.get(cells.key(name), ""))
        for name in missing
    ]
    for team in Team.objects.bulk_create(added):
        held[cells.key(team.name)] = team
    unplaced = [t for key, t in held.items() if not t.service_area and key in areas]
    for team in unplaced:
        team.service_area = areas[cells.key(team.name)]
    Team.objects.bulk_update(unplaced, ["service_area"])
    return held, missing


def _add_complaint(
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
        relationship_as_recorded=c["relationship_as_recorded"],
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
    "relationship_as_recorded",
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

REMEDY_FIELDS = ["kind", "description", "amount", "agreed_on", "owner", "due_on", "completed_on"]
LEARNING_FIELDS = ["theme", "description", "owner", "raised_on", "due_on", "completed_on"]

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
        findings = [(theme, finding or finding_of(row.route)) for theme, finding in row.themes]
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
    if row.remedy is not None:
        tables["remedies"].add(complaint=complaint, stage=stage, **row.remedy)
    if row.learning is not None:
        tables["learning actions"].add(complaint=complaint, **row.learning)


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
