"""Complaint figures for one procedure and period, computed in the database.

Every count is `Count(filter=Q)` over one grouped query, and each Q is defined once here, in
`stage_filters` and `complaint_filters`, so the drill-down lists the very cases a figure
counted. Working days come from the calendar table (heard.workdays.sql), never from Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from heard.complaints import periods as statutory
from heard.complaints.choices import (
    OPEN_STAGE_STATUSES,
    Finding,
    Procedure,
    Relationship,
    StageStatus,
)
from heard.complaints.models import Complaint, ElementFinding, Stage
from heard.complaints.procedures import (
    ADULT_RESPONSE_MONTHS,
    CORPORATE_EXTENSION,
    CORPORATE_RESPONSE,
    RULES,
)
from heard.core.equality import Ethnicity, ethnic_group
from heard.referrals.models import MonthlyReferrals
from heard.reporting.figures.base import SETTING, Breakdown, Check, Filters
from heard.reporting.periods import Period
from heard.reporting.stats import Rate, round_half_up
from heard.workdays.sql import AddMonths, count_at

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


# --- the definitions: one Q per figure ------------------------------------------------------


def _between(field: str, period: Period) -> Q:
    return Q(**{f"{field}__gte": period.first, f"{field}__lte": period.last})


def _outcome_filters() -> Filters:
    """A stage's outcome, rolled up from its findings (DOMAIN.md "Outcomes")."""
    findings = ElementFinding.objects.filter(stage=OuterRef("pk"))
    found = Exists(findings)
    some_upheld = Exists(findings.filter(finding__in=[Finding.UPHELD, Finding.PARTIALLY_UPHELD]))
    all_upheld = ~Exists(findings.exclude(finding=Finding.UPHELD))
    return {
        "upheld": found & all_upheld,
        "partially_upheld": found & some_upheld & ~all_upheld,
        "not_upheld": found & ~some_upheld,
        "no_finding": ~found,
    }


def stage_filters(period: Period) -> Filters:
    """Which stages each flow and outcome figure counts (DOMAIN.md section 5)."""
    # Open means an open status, not a missing date: a stage marked responded whose date was
    # lost then falls out of every column, and the reconciliation check shows it.
    is_open = Q(status__in=OPEN_STAGE_STATUSES)
    not_ended_before = is_open | Q(ended_on__gte=period.first)
    still_open_after = is_open | Q(ended_on__gt=period.last)
    filters = {
        "open_at_start": Q(started_on__lt=period.first) & not_ended_before,
        "received": _between("started_on", period),
        **{
            name: _between("ended_on", period) & Q(status=status)
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
    filters["acknowledged_on_time"] = filters["acknowledged"] & Q(_ack_taken__lte=F("_ack_days"))
    return filters


def timed_stages(procedure: str) -> QuerySet[Stage]:
    """This procedure's stages, with `_taken` (working days to respond, by the stage's
    clock), `_ack_taken` and `_ack_days` annotated for the timeliness filters."""
    standards = time_standards(procedure)
    taken = Case(
        *(
            When(
                number=number,
                then=count_at("ended_on")
                - count_at(standard.clock)
                - (
                    Coalesce(count_at("resumed_on") - count_at("paused_on"), Value(0))
                    if standard.less_pause
                    else Value(0)
                ),
            )
            for number, standard in standards.items()
            if standard.clock
        ),
        default=Value(None),
        output_field=IntegerField(),
    )
    return Stage.objects.filter(complaint__procedure=procedure).annotate(
        _taken=taken,
        _ack_taken=count_at("acknowledged_on") - count_at("started_on"),
        _ack_days=Value(RULES[Procedure(procedure)].acknowledgement_period()),
    )


def timeliness_filters(procedure: str, period: Period) -> Filters:
    responded = stage_filters(period)["responded"]
    standards = time_standards(procedure)
    if procedure == Procedure.ADULTS:
        # Within the agreed date or, with none agreed, six calendar months.
        agreed = Q(
            ended_on__lte=Coalesce(
                F("extended_to"), AddMonths(F("started_on"), ADULT_RESPONSE_MONTHS)
            )
        )
        return {"within_standard": responded & agreed, "within_maximum": responded & agreed}
    within: dict[str, Q] = {"within_standard": Q(pk=None), "within_maximum": Q(pk=None)}
    for number, standard in standards.items():
        within["within_standard"] |= Q(number=number, _taken__lte=standard.standard)
        within["within_maximum"] |= Q(number=number, _taken__lte=standard.maximum)
    return {name: responded & q for name, q in within.items()}


# --- the figures -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcomes:
    upheld: int
    partially_upheld: int
    not_upheld: int
    no_finding: int
    upheld_rate: Rate
    partially_upheld_rate: Rate
    not_upheld_rate: Rate


@dataclass(frozen=True)
class Timeliness:
    standard_days: int | None = field(metadata=SETTING)
    maximum_days: int | None = field(metadata=SETTING)
    within_standard: Rate
    within_maximum: Rate
    extended: int
    within_agreed: Rate
    mean_working_days: Decimal | None
    median_working_days: Decimal | None


@dataclass(frozen=True)
class ThemeFigures:
    complaints: int
    share: Rate
    elements: int
    upheld_or_partly: int
    upheld_rate: Rate


@dataclass(frozen=True)
class StageFigures:
    open_at_start: int
    received: int
    responded: int
    resolved_by_adr: int
    withdrawn: int
    not_accepted: int
    escalated_unanswered: int
    open_at_end: int
    reconciliation: Check
    outcomes: Outcomes
    timeliness: Timeliness
    acknowledged_on_time: Rate
    themes: dict[str, ThemeFigures]


@dataclass(frozen=True)
class Escalation:
    """Both definitions, named (DOMAIN.md section 5)."""

    period_rate: Rate
    cohort_rate: Rate
    stage3_period_rate: Rate
    stage3_cohort_rate: Rate


@dataclass(frozen=True)
class EqualityFigures:
    answered: int
    total: int
    completeness: Rate
    declined: int
    groups: dict[str, Breakdown]


@dataclass(frozen=True)
class ComplaintFigures:
    procedure: str
    received: int
    stages: dict[str, StageFigures]
    cohort: dict[str, int]
    escalation: Escalation
    referrals: int
    per_referral: Rate
    from_children: int
    via_advocate: int
    advocacy_offered: int
    advocacy_taken_up: int
    relationships: dict[str, int]
    teams: dict[str, int]
    equality: dict[str, EqualityFigures]


def _median(histogram: list[tuple[int, int]]) -> tuple[Decimal | None, Decimal | None]:
    """Mean and median from (working days, how many) pairs: one row per distinct value, not
    per case."""
    total = sum(n for _, n in histogram)
    if not total:
        return None, None
    mean = Fraction(sum(days * n for days, n in histogram), total)
    ordered = sorted(histogram)
    middle: list[int] = []
    seen = 0
    for days, n in ordered:
        for position in ((total - 1) // 2, total // 2):
            if seen <= position < seen + n:
                middle.append(days)
        seen += n
    return round_half_up(mean, 1), round_half_up(Fraction(sum(middle), len(middle)), 1)


def _rate(counts: dict[str, int], numerator: str, denominator: str) -> Rate:
    return Rate(counts[numerator], counts[denominator])


def _stage_rows(procedure: str, period: Period) -> dict[int, dict[str, int]]:
    filters = {**stage_filters(period), **timeliness_filters(procedure, period)}
    rows = (
        timed_stages(procedure)
        .order_by()
        .values("number")
        .annotate(**{name: Count("pk", filter=q) for name, q in filters.items()})
    )
    return {row["number"]: row for row in rows}


def _histograms(procedure: str, period: Period) -> dict[int, list[tuple[int, int]]]:
    rows = (
        timed_stages(procedure)
        .filter(stage_filters(period)["responded"], _taken__isnull=False)  # type: ignore[misc]
        .order_by()
        .values("number", "_taken")
        .annotate(n=Count("pk"))
    )
    out: dict[int, list[tuple[int, int]]] = {}
    for row in rows:
        out.setdefault(row["number"], []).append((row["_taken"], row["n"]))
    return out


def _themes(procedure: str, period: Period) -> dict[int, dict[str, dict[str, int]]]:
    """Per stage and theme: complaints touching it, its elements, and those upheld or partly,
    over stages responded in the period."""
    responded = stage_filters(period)["responded"]
    stages = Stage.objects.filter(responded, complaint__procedure=procedure)
    rows = (
        ElementFinding.objects.filter(stage__in=stages.values("pk"))
        .order_by()
        .values("stage__number", "element__theme__name")
        .annotate(
            complaints=Count("element__complaint", distinct=True),
            elements=Count("pk"),
            upheld_or_partly=Count(
                "pk", filter=Q(finding__in=[Finding.UPHELD, Finding.PARTIALLY_UPHELD])
            ),
        )
    )
    out: dict[int, dict[str, dict[str, int]]] = {}
    for row in rows:
        out.setdefault(row["stage__number"], {})[row["element__theme__name"]] = row
    return out


def _stage_figures(
    number: int,
    counts: dict[str, int],
    standard: TimeStandard,
    histogram: list[tuple[int, int]],
    themes: dict[str, dict[str, int]],
) -> StageFigures:
    with_finding = counts["responded"] - counts["outcome_no_finding"]
    mean, median = _median(histogram)
    return StageFigures(
        **{name: counts[name] for name in FLOW_IN + FLOW_OUT},
        reconciliation=Check(
            name=f"Stage {number} flow",
            left=sum(counts[name] for name in FLOW_IN),
            right=sum(counts[name] for name in FLOW_OUT),
            statement=(
                "open at the start + received = responded + resolved by ADR + withdrawn "
                "+ not accepted + escalated without a response + open at the end"
            ),
        ),
        outcomes=Outcomes(
            **{name: counts[f"outcome_{name}"] for name in OUTCOMES},
            upheld_rate=Rate(counts["outcome_upheld"], with_finding),
            partially_upheld_rate=Rate(counts["outcome_partially_upheld"], with_finding),
            not_upheld_rate=Rate(counts["outcome_not_upheld"], with_finding),
        ),
        timeliness=Timeliness(
            standard_days=standard.standard,
            maximum_days=standard.maximum,
            within_standard=_rate(counts, "within_standard", "responded"),
            within_maximum=_rate(counts, "within_maximum", "responded"),
            extended=counts["extended"],
            within_agreed=_rate(counts, "within_agreed", "extended"),
            mean_working_days=mean,
            median_working_days=median,
        ),
        acknowledged_on_time=_rate(counts, "acknowledged_on_time", "acknowledged"),
        themes={
            name: ThemeFigures(
                complaints=row["complaints"],
                share=Rate(row["complaints"], with_finding),
                elements=row["elements"],
                upheld_or_partly=row["upheld_or_partly"],
                upheld_rate=Rate(row["upheld_or_partly"], row["elements"]),
            )
            for name, row in sorted(
                themes.items(), key=lambda item: (-item[1]["complaints"], item[0])
            )
        },
    )


def complaint_filters(period: Period) -> Filters:
    """Which complaints each complaint-level figure counts: those received in the period."""
    received = _between("received_on", period)
    stage = Stage.objects.filter(complaint=OuterRef("pk"))
    return {
        "received": received,
        # What became of this period's Stage 1 cohort, so far (seed 000: "of the 65
        # received, 9 were resolved through ADR").
        **{
            f"cohort_{name}": received & Exists(stage.filter(number=1, status=status))
            for name, status in ENDED_BY.items()
        },
        "escalated": received & Exists(stage.filter(number=2)),
        "escalated_to_stage3": received & Exists(stage.filter(number=3)),
        "from_children": received & Q(relationship=Relationship.CHILD),
        "via_advocate": received & Q(advocacy_taken_up=True),
        # Advocacy taken up was offered, whether or not the date of the offer was recorded.
        "advocacy_offered": received
        & (Q(advocacy_offered_on__isnull=False) | Q(advocacy_taken_up=True)),
        "advocacy_taken_up": received & Q(advocacy_taken_up=True),
    }


EQUALITY_QUESTIONS = ("ethnicity", "gender", "age_band", "disability")


def _equality(procedure: str, period: Period) -> dict[str, EqualityFigures]:
    received = Complaint.objects.filter(complaint_filters(period)["received"], procedure=procedure)
    out: dict[str, EqualityFigures] = {}
    for person, prefix in (("complainant", "complainant__"), ("child", "children__")):
        for question in EQUALITY_QUESTIONS:
            field = f"{prefix}{question}"
            rows = received.order_by().values(field).annotate(n=Count("pk"))
            tally: dict[str, int] = {}
            for row in rows:
                answer = row[field] or ""
                if question == "ethnicity" and answer:
                    group = ethnic_group(answer)
                    answer = group.value if group else answer
                tally[answer] = tally.get(answer, 0) + row["n"]
            total = sum(tally.values())
            unanswered = tally.pop("", 0) + tally.pop(Ethnicity.NOT_KNOWN.value, 0)
            declined = tally.pop("prefer_not_to_say", 0)
            out[f"{person}_{question}"] = EqualityFigures(
                answered=total - unanswered,
                total=total,
                completeness=Rate(total - unanswered - declined, total),
                declined=declined,
                groups={key: Breakdown(n) for key, n in sorted(tally.items())},
            )
    return out


def complaint_figures(procedure: str, period: Period) -> ComplaintFigures:
    rows = _stage_rows(procedure, period)
    histograms = _histograms(procedure, period)
    themes = _themes(procedure, period)
    standards = time_standards(procedure)
    last = RULES[Procedure(procedure)].last_stage
    empty = dict.fromkeys([*stage_filters(period), *timeliness_filters(procedure, period)], 0)
    stages = {
        str(n): _stage_figures(
            n, rows.get(n, empty), standards[n], histograms.get(n, []), themes.get(n, {})
        )
        for n in range(1, last + 1)
    }
    complaints = Complaint.objects.filter(procedure=procedure).order_by()
    counts: dict[str, Any] = complaints.aggregate(
        **{name: Count("pk", filter=q) for name, q in complaint_filters(period).items()}
    )
    referrals = MonthlyReferrals.objects.filter(
        month__gte=period.first, month__lte=period.last
    ).aggregate(total=Coalesce(Sum("referrals"), 0))["total"]
    received = complaints.filter(complaint_filters(period)["received"])
    s1 = stages["1"]
    s2 = stages.get("2")
    s3 = stages.get("3")
    return ComplaintFigures(
        procedure=procedure,
        received=counts["received"],
        stages=stages,
        cohort={name: counts[f"cohort_{name}"] for name in ENDED_BY},
        escalation=Escalation(
            period_rate=Rate(s2.received if s2 else 0, s1.responded),
            cohort_rate=Rate(counts["escalated"], counts["received"]),
            stage3_period_rate=Rate(s3.received if s3 else 0, s2.responded if s2 else 0),
            stage3_cohort_rate=Rate(counts["escalated_to_stage3"], counts["escalated"]),
        ),
        referrals=referrals,
        per_referral=Rate(counts["received"], referrals),
        from_children=counts["from_children"],
        via_advocate=counts["via_advocate"],
        advocacy_offered=counts["advocacy_offered"],
        advocacy_taken_up=counts["advocacy_taken_up"],
        relationships={
            row["relationship"]: row["n"]
            for row in received.values("relationship").annotate(n=Count("pk")).order_by("-n")
        },
        teams={
            row["team__name"]: row["n"]
            for row in received.values("team__name").annotate(n=Count("pk")).order_by("-n")
        },
        equality=_equality(procedure, period),
    )


def stage_trend(procedure: str, periods: list[Period]) -> list[tuple[str, dict[int, int]]]:
    """Stages received in each of `periods`, by stage number: one query."""
    counts = (
        Stage.objects.filter(complaint__procedure=procedure)
        .order_by()
        .values("number")
        .annotate(
            **{
                f"p{i}": Count("pk", filter=_between("started_on", period))
                for i, period in enumerate(periods)
            }
        )
    )
    rows = list(counts)
    return [
        (period.label, {row["number"]: row[f"p{i}"] for row in rows})
        for i, period in enumerate(periods)
    ]
