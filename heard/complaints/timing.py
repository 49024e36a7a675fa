"""How each stage is timed and what it found, kept on the stage for reports.

A report counts a year's responses by outcome and by working days taken. Working those out
per row while counting (a look-up of every finding and of the calendar for each response)
costs more than the counting itself, so each stage keeps three values, derived and never
entered (docs/decisions/0006-stage-keeps-its-report-values.md):

- `response_working_days`: working days from the stage's clock to its end (Stage 1 less any
  pause for advocacy), by the calendar table; NULL until it ends, and for adult social care,
  which is timed against an agreed date instead;
- `acknowledgement_working_days`: working days from day 0 to the acknowledgement;
- `rolled_up_outcome`: the stage's outcome from its findings (DOMAIN.md "Outcomes"), blank
  while there are none.

Each finding keeps its point's theme and, from its stage, the procedure, the stage number and
the response date (`finding_values`), so that a year's findings are one index range.

This module holds the rules over values, and imports no model: each procedure's time
standards, the roll-up of findings into an outcome, and `report_values_of` (the values in
Python). Their SQL twin is heard.complaints.models.report_values, which
`StageQuerySet.refresh_report_values()` writes: on every save of a stage (its findings
are saved in the same step, before it), for the stages a calendar change touches, and after
every migrate for the stages a deadline setting times. `StageQuerySet.refresh_findings()`
copies a stage onto its findings on every save of the stage. An import, which writes stages in
bulk, works them out in Python as it writes (`report_values_of`); a test compares the two.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from heard.complaints import periods as statutory
from heard.complaints.choices import Finding, Outcome, Procedure
from heard.complaints.procedures import CORPORATE_EXTENSION, CORPORATE_RESPONSE


@dataclass(frozen=True)
class TimeStandard:
    """How a stage's response is timed: working days from a clock, within a standard and a
    maximum. Adult social care has no fixed period: the date is agreed (or six months)."""

    clock: str | None
    standard: int | None
    maximum: int | None
    less_pause: bool = False


def time_standards(procedure: str) -> dict[int, TimeStandard]:
    if procedure == Procedure.ADULTS:
        return {1: TimeStandard(None, None, None)}
    if procedure == Procedure.CORPORATE:
        return {
            n: TimeStandard("acknowledged_on", days, days + CORPORATE_EXTENSION[n])
            for n, days in CORPORATE_RESPONSE.items()
        }
    stage2_clock = (
        "statement_agreed_on" if statutory.stage2_clock_from_statement() else "started_on"
    )
    return {
        1: TimeStandard("started_on", statutory.STAGE1_RESPONSE, statutory.STAGE1_MAXIMUM, True),
        2: TimeStandard(stage2_clock, statutory.STAGE2_RESPONSE, statutory.STAGE2_MAXIMUM),
        # The council's response to the panel: 15 working days from the panel's report.
        3: TimeStandard(
            "panel_report_sent_on", statutory.STAGE3_RESPONSE, statutory.STAGE3_RESPONSE
        ),
    }


def roll_up(findings: Iterable[str]) -> Outcome | None:
    """A stage's outcome from its elements' findings (DOMAIN.md "Outcomes").

    Upheld if every element is upheld; no finding if every element has no finding; not
    upheld if none is upheld or partially upheld; otherwise partially upheld. None when
    nothing has been found yet.
    """
    found = set(findings)
    if not found:
        return None
    if found == {Finding.UPHELD}:
        return Outcome.UPHELD
    if found == {Finding.NO_FINDING}:
        return Outcome.NO_FINDING
    if found.isdisjoint((Finding.UPHELD, Finding.PARTIALLY_UPHELD)):
        return Outcome.NOT_UPHELD
    return Outcome.PARTIALLY_UPHELD


def report_values_of(
    stage: Mapping[str, Any],
    findings: Iterable[str],
    counts: Mapping[date, int],
    standards: Mapping[str, dict[int, TimeStandard]],
) -> dict[str, Any]:
    """`report_values()` for one stage not yet written (a bulk import), in Python: `stage`
    maps field names to values, `counts` is the calendar table's working-day count of each
    day, `standards` each procedure's `time_standards`. A test checks that the two agree."""

    def count(name: str | None) -> int | None:
        day = stage.get(name) if name else None
        return counts.get(day) if day is not None else None

    standard = standards[stage["procedure"]][stage["number"]]
    ended, clock = count("ended_on"), count(standard.clock)
    taken = None
    if ended is not None and clock is not None:
        taken = ended - clock
        if standard.less_pause and stage.get("paused_on") is not None:
            resumed, paused = count("resumed_on"), count("paused_on")
            taken -= resumed - paused if resumed is not None and paused is not None else 0
    acknowledged, started = count("acknowledged_on"), count("started_on")
    outcome = roll_up(findings)
    return {
        "response_working_days": taken,
        "acknowledgement_working_days": (
            acknowledged - started if acknowledged is not None and started is not None else None
        ),
        "rolled_up_outcome": outcome.value if outcome else "",
    }
