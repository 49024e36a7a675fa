"""Which rows each complaint figure counts: one Q per figure, defined once here, so the
drill-down (heard.reporting.drill) lists the very cases a figure counted
(heard.reporting.figures.complaints)."""

from __future__ import annotations

from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from heard.complaints.choices import (
    OPEN_STAGE_STATUSES,
    ComplaintStatus,
    Outcome,
    Procedure,
    Relationship,
    StageStatus,
)
from heard.complaints.models import ElementFinding, Stage
from heard.complaints.periods import STAGE3_PANEL
from heard.complaints.procedures import (
    ADULT_RESPONSE_MONTHS,
    RULES,
)
from heard.complaints.timing import time_standards
from heard.reporting.figures.base import Filters, between
from heard.reporting.periods import Period
from heard.workdays.sql import AddMonths, working_days_after

FLOW_IN = ("open_at_start", "received")
FLOW_OUT = (
    "responded",
    "resolved_by_adr",
    "withdrawn",
    "not_accepted",
    "escalated_unanswered",
    "open_at_end",
)
ENDED_BY = {
    "responded": StageStatus.RESPONDED,
    "resolved_by_adr": StageStatus.RESOLVED_BY_ADR,
    "withdrawn": StageStatus.WITHDRAWN,
    "not_accepted": StageStatus.NOT_ACCEPTED,
    "escalated_unanswered": StageStatus.ESCALATED_UNANSWERED,
}
OUTCOMES = ("upheld", "partially_upheld", "not_upheld", "no_finding")


#: How a complaint has ended so far: not yet ("open"), or as its last stage ended.
ENDED_SO_FAR = (
    "responded",
    "resolved_by_adr",
    "withdrawn",
    "not_accepted",
    "open",
)


ENDED_LABELS = {
    "responded": "Responded",
    "resolved_by_adr": "Resolved by alternative dispute resolution",
    "withdrawn": "Withdrawn",
    "not_accepted": "Not accepted",
    "open": "Not ended yet",
}


def ended_so_far(prefix: str = "") -> Case:
    """`ENDED_SO_FAR` of each complaint (`prefix` reaches it from another table): open while
    it is open; closed, as its last stage ended (a complaint closes only after its last stage
    ended with a response, by ADR, withdrawn or not accepted)."""
    return Case(
        When(**{f"{prefix}status": ComplaintStatus.OPEN}, then=Value("open")),
        *(
            When(**{f"{prefix}stage_status": status}, then=Value(status))
            for status in ENDED_SO_FAR[1:4]
        ),
        default=Value("responded"),
        output_field=CharField(),
    )


def _outcome_filters() -> Filters:
    """A stage's outcome, rolled up from its findings (kept on the stage)."""
    return {
        "upheld": Q(rolled_up_outcome=Outcome.UPHELD),
        "partially_upheld": Q(rolled_up_outcome=Outcome.PARTIALLY_UPHELD),
        "not_upheld": Q(rolled_up_outcome=Outcome.NOT_UPHELD),
        # Every point "no finding (unable to determine)", or no point recorded at all.
        "no_finding": Q(rolled_up_outcome__in=("", Outcome.NO_FINDING)),
    }


#: The outcome class of each stored `rolled_up_outcome` value.
OUTCOME_OF = {"": "no_finding", **{outcome.value: outcome.value for outcome in Outcome}}


def stage_filters(period: Period) -> Filters:
    """Which stages each flow and outcome figure counts (DOMAIN.md section 5)."""
    # Open means an open status, not a missing date: a stage marked responded whose date was
    # lost then falls out of every column, and the reconciliation check shows it.
    is_open = Q(status__in=OPEN_STAGE_STATUSES)
    not_ended_before = is_open | Q(ended_on__gte=period.first)
    still_open_after = is_open | Q(ended_on__gt=period.last)
    filters = {
        "open_at_start": Q(started_on__lt=period.first) & not_ended_before,
        "received": between("started_on", period),
        **{
            name: between("ended_on", period) & Q(status=status)
            for name, status in ENDED_BY.items()
        },
        "open_at_end": Q(started_on__lte=period.last) & still_open_after,
    }
    responded = filters["responded"]
    for name, q in _outcome_filters().items():
        filters[f"outcome_{name}"] = responded & q
    filters["extended"] = responded & Q(extended_to__isnull=False)
    filters["within_agreed"] = filters["extended"] & Q(ended_on__lte=F("extended_to"))
    filters["acknowledged"] = filters["received"] & Q(acknowledged_on__isnull=False)
    filters["acknowledged_on_time"] = filters["acknowledged"] & Q(
        acknowledgement_working_days__lte=F("_ack_days")
    )
    return filters


def more_stage_filters(period: Period) -> Filters:
    """Stage figures councils publish beyond the flow (issue 22), each counted in its own
    small query (heard.reporting.figures.complaints._more):

    - `from_earlier_years`: stages received in the period whose complaint was first received
      before it;
    - `mixed_findings`: responses in the period whose points had different findings;
    - `panel_held` and `panel_held_in_time`: Stage 3 review panels held in the period, and
      those held within 30 working days of the request (regulation 19); the second needs
      `panel_stages()`.
    """
    received = between("started_on", period)
    responded = between("ended_on", period) & Q(status=StageStatus.RESPONDED)
    # Looked up for each response in the period by the findings' stage index: its points'
    # lowest and highest finding differ.
    mixed = Exists(
        ElementFinding.objects.filter(stage=OuterRef("pk"))
        .order_by()
        .values("stage")
        .annotate(lowest=Min("finding"), highest=Max("finding"))
        .filter(lowest__lt=F("highest"))
    )
    panel_held = between("panel_held_on", period) & Q(number=3)
    return {
        "from_earlier_years": received & Q(complaint__received_on__lt=period.first),
        "mixed_findings": responded & Q(mixed),
        "panel_held": panel_held,
        "panel_held_in_time": panel_held & Q(panel_held_on__lte=F("_panel_due")),
    }


#: A Stage 3's panel is due 30 working days after the request (regulation 19).
PANEL_DUE = working_days_after("started_on", STAGE3_PANEL)


def panel_stages(procedure: str) -> QuerySet[Stage]:
    """The procedure's timed stages with `_panel_due`, for the drill-down."""
    return timed_stages(procedure).annotate(_panel_due=PANEL_DUE)


def stage_numbers(procedure: str) -> list[int]:
    """Every stage number of the procedure. Naming them all lets PostgreSQL read a
    (procedure, number, date) index as one range per stage: it cannot skip over the number
    (SQLite can)."""
    return list(range(1, RULES[Procedure(procedure)].last_stage + 1))


def timed_stages(procedure: str) -> QuerySet[Stage]:
    """This procedure's stages, with `_agreed` (adult social care: answered by the agreed
    date) and `_ack_days` (the acknowledgement period) annotated for the figures' filters.
    The working days each stage took and its outcome are kept on it (heard.complaints.timing)."""
    return Stage.objects.filter(procedure=procedure, number__in=stage_numbers(procedure)).annotate(
        _agreed=AGREED,
        _ack_days=Value(RULES[Procedure(procedure)].acknowledgement_period()),
    )


#: Adult social care: answered by the agreed date or, with none agreed, six calendar months.
AGREED = Case(
    When(
        ended_on__lte=Coalesce(F("extended_to"), AddMonths(F("started_on"), ADULT_RESPONSE_MONTHS)),
        then=Value(1),
    ),
    default=Value(0),
    output_field=IntegerField(),
)


def within(procedure: str) -> dict[str, Q]:
    """A response of the procedure within its stage's standard and within the maximum, in
    any period (adult social care's need `_agreed`: `AGREED`)."""
    if procedure == Procedure.ADULTS:
        return {"within_standard": Q(_agreed=1), "within_maximum": Q(_agreed=1)}
    out: dict[str, Q] = {"within_standard": Q(pk=None), "within_maximum": Q(pk=None)}
    for number, standard in time_standards(procedure).items():
        out["within_standard"] |= Q(number=number, response_working_days__lte=standard.standard)
        out["within_maximum"] |= Q(number=number, response_working_days__lte=standard.maximum)
    return out


def timeliness_filters(procedure: str, period: Period) -> Filters:
    responded = stage_filters(period)["responded"]
    return {name: responded & q for name, q in within(procedure).items()}


def complaint_filters(period: Period) -> Filters:
    """Which complaints each complaint-level figure counts: those received in the period."""
    received = between("received_on", period)
    stage = Stage.objects.filter(complaint=OuterRef("pk"))
    return {
        "received": received,
        # What became of this period's Stage 1 cohort, so far (seed 000: "of the 65
        # received, 9 were resolved through ADR").
        **{
            f"cohort_{name}": received & Exists(stage.filter(number=1, status=status))
            for name, status in ENDED_BY.items()
        },
        # A complaint's current stage is the furthest it has gone (it never goes back).
        "escalated": received & Q(current_stage__gte=2),
        "escalated_to_stage3": received & Q(current_stage=3),
        "from_children": received & Q(relationship=Relationship.CHILD),
        "via_advocate": received & Q(advocacy_taken_up=True),
        # Advocacy taken up was offered, whether or not the date of the offer was recorded.
        "advocacy_offered": received
        & (Q(advocacy_offered_on__isnull=False) | Q(advocacy_taken_up=True)),
        "advocacy_taken_up": received & Q(advocacy_taken_up=True),
    }
