"""The values each stage keeps for reports, as SQL expressions for `QuerySet.update()`:
`response_working_days`, `acknowledgement_working_days` and `rolled_up_outcome`, and what each
finding keeps of its stage. The rules they follow, and their twin in Python for a bulk
import, are in heard.complaints.timing; a test checks that the two agree."""

from __future__ import annotations

from typing import Any

from django.db.models import (
    Case,
    CharField,
    IntegerField,
    Max,
    Min,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from heard.complaints.choices import Finding, Outcome, Procedure, StageStatus
from heard.complaints.models.outcomes import ElementFinding
from heard.complaints.timing import time_standards
from heard.workdays.sql import count_at


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
    When(finding=Finding.UPHELD, then=Value(3)),
    When(finding=Finding.PARTIALLY_UPHELD, then=Value(2)),
    When(finding=Finding.NOT_UPHELD, then=Value(1)),
    default=Value(0),
)


def rolled_up_outcome() -> Coalesce:
    """`outcomes.roll_up` in SQL: every point upheld is upheld; every point "no finding" is
    no finding; none upheld or partly upheld is not upheld; anything between is partially
    upheld; blank with no findings."""
    # The roll-up's code is 10 x the lowest rank + the highest: 33 when every point is
    # upheld, 0 when every point has no finding, 1 or 11 when none is upheld or partly upheld.
    outcome = (
        ElementFinding.objects.filter(stage=OuterRef("pk"))
        .order_by()
        .values("stage")
        .annotate(code=Min(RANK) * 10 + Max(RANK))
        .annotate(
            outcome=Case(
                When(code=33, then=Value(Outcome.UPHELD.value)),
                When(code=0, then=Value(Outcome.NO_FINDING.value)),
                When(code__in=(1, 11), then=Value(Outcome.NOT_UPHELD.value)),
                default=Value(Outcome.PARTIALLY_UPHELD.value),
                output_field=CharField(),
            )
        )
        .values("outcome")
    )
    return Coalesce(Subquery(outcome[:1], output_field=CharField()), Value(""))


def finding_values(stages: QuerySet[Any]) -> dict[str, Any]:
    """What each finding keeps of its stage, as expressions for `QuerySet.update()` of
    findings: the procedure, the stage number, and the response date of a responded stage.
    `stages` is every stage (`Stage.objects.all()`), passed in by the stages' queryset."""
    stage = stages.filter(pk=OuterRef("stage_id")).order_by()
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
