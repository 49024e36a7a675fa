"""How each stage is timed and what it found, kept on the stage for reports.

A report counts a year's responses by outcome and by working days taken. Working those out
per row while counting (a look-up of every finding and of the calendar for each response)
costs more than the counting itself, so each stage keeps three values, derived here in SQL
and never entered (docs/decisions/0006-stage-keeps-its-report-values.md):

- `response_working_days`: working days from the stage's clock to its end (Stage 1 less any
  pause for advocacy), by the calendar table; NULL until it ends, and for adult social care,
  which is timed against an agreed date instead;
- `acknowledgement_working_days`: working days from day 0 to the acknowledgement;
- `rolled_up_outcome`: the stage's outcome from its findings (DOMAIN.md "Outcomes"), blank
  while there are none.

Each finding keeps its point's theme and, from its stage, the procedure, the stage number and
the response date (`finding_values`), so that a year's findings are one index range.

`StageQuerySet.refresh_report_values()` writes them: on every save of a stage (its findings
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

from django.db.models import (
    Case,
    CharField,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from heard.complaints import periods as statutory
from heard.complaints.choices import Finding, Outcome, Procedure, StageStatus
from heard.complaints.models.outcomes import roll_up
from heard.complaints.procedures import CORPORATE_EXTENSION, CORPORATE_RESPONSE
from heard.workdays.sql import count_at


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


def response_working_days() -> Case:
    """Working days from each stage's clock to its end, by its procedure's standards."""
    paused = Case(
        When(paused_on__isnull=True, then=Value(0)),
        default=Coalesce(count_at("resumed_on") - count_at("paused_on"), Value(0)),
    )
    return Case(
        *(
            When(
                procedure=procedure,
                number=number,
                then=count_at("ended_on")
                - count_at(standard.clock)
                - (paused if standard.less_pause else Value(0)),
            )
            for procedure in Procedure.values
            for number, standard in time_standards(procedure).items()
            if standard.clock
        ),
        default=Value(None),
        output_field=IntegerField(),
    )


#: A finding's rank: a stage's outcome is told by its lowest and highest ranks.
RANK = Case(
    When(finding=Finding.UPHELD, then=Value(2)),
    When(finding=Finding.PARTIALLY_UPHELD, then=Value(1)),
    default=Value(0),
)


def rolled_up_outcome() -> Coalesce:
    """`outcomes.roll_up` in SQL: every point upheld is upheld; none upheld or partly upheld
    is not upheld; anything between is partially upheld; blank with no findings."""
    from heard.complaints.models import ElementFinding

    # The roll-up's code is 10 x the lowest rank + the highest: 22 when every point is
    # upheld, 0 when none is upheld or partly upheld.
    outcome = (
        ElementFinding.objects.filter(stage=OuterRef("pk"))
        .order_by()
        .values("stage")
        .annotate(code=Min(RANK) * 10 + Max(RANK))
        .annotate(
            outcome=Case(
                When(code=22, then=Value(Outcome.UPHELD.value)),
                When(code=0, then=Value(Outcome.NOT_UPHELD.value)),
                default=Value(Outcome.PARTIALLY_UPHELD.value),
                output_field=CharField(),
            )
        )
        .values("outcome")
    )
    return Coalesce(Subquery(outcome[:1], output_field=CharField()), Value(""))


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


def finding_values() -> dict[str, Any]:
    """What each finding keeps of its stage, as expressions for `QuerySet.update()` of
    findings: the procedure, the stage number, and the response date of a responded stage."""
    from heard.complaints.models import Stage

    stage = Stage.objects.filter(pk=OuterRef("stage_id")).order_by()
    return {
        "procedure": Subquery(stage.values("procedure")[:1]),
        "stage_number": Subquery(stage.values("number")[:1]),
        "responded_on": Subquery(stage.filter(status=StageStatus.RESPONDED).values("ended_on")[:1]),
    }


def report_values() -> dict[str, Any]:
    """The stored report values as expressions, for `QuerySet.update()`."""
    return {
        "response_working_days": response_working_days(),
        "acknowledgement_working_days": count_at("acknowledged_on") - count_at("started_on"),
        "rolled_up_outcome": rolled_up_outcome(),
    }
