"""Complaint figures for one procedure and period, computed in the database.

Every count is `Count(filter=Q)` over one grouped query, and each Q is defined once, in
heard.reporting.figures.filters (`stage_filters`, `complaint_filters`), so the drill-down
lists the very cases a figure counted. Equality monitoring is in
heard.reporting.figures.protected. Working days come from the calendar table, kept on each
stage (heard.complaints.models.report_values), never from Python.

Rows are counted as `COUNT(*)`, or as a count of a non-null column the covering index holds
(`number`, a date): never of the key, which a PostgreSQL index does not hold, so counting it
would read the table instead of the index alone.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    Max,
    Min,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from heard.complaints.choices import (
    OPEN_STAGE_STATUSES,
    Finding,
    Procedure,
    StageStatus,
)
from heard.complaints.models import (
    Complaint,
    Element,
    ElementFinding,
    PanelResponse,
    Recommendation,
    Stage,
    Theme,
)
from heard.complaints.procedures import RULES
from heard.complaints.timing import TimeStandard, time_standards
from heard.core.models import Team
from heard.referrals.models import MonthlyReferrals
from heard.reporting.figures.base import SETTING, Breakdown, Check, between, most_first
from heard.reporting.figures.filters import (
    ENDED_BY,
    ENDED_SO_FAR,
    FLOW_IN,
    FLOW_OUT,
    OUTCOME_OF,
    OUTCOMES,
    PANEL_DUE,
    complaint_filters,
    ended_so_far,
    more_stage_filters,
    stage_filters,
    stage_numbers,
    timed_stages,
)
from heard.reporting.figures.protected import EqualityFigures, people_figures
from heard.reporting.periods import Period
from heard.reporting.stats import Rate, round_half_up

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
    #: The points about the theme, by their finding ("upheld: communication 12").
    findings: dict[str, int]


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
    #: Received in the period, their complaint first received before it.
    from_earlier_years: int
    #: Responses in the period whose points had different findings.
    mixed_findings: int


@dataclass(frozen=True)
class Escalation:
    """Both definitions, named (DOMAIN.md section 5)."""

    period_rate: Rate
    cohort_rate: Rate
    stage3_period_rate: Rate
    stage3_cohort_rate: Rate


@dataclass(frozen=True)
class EndedSoFar:
    """The complaints received in the period by how they have ended so far (`ENDED_SO_FAR`),
    broken down by team (exact: a count about the service), and by whether the complainant is
    the child and by relationship (counts of people, each may be withheld)."""

    by_team: dict[str, dict[str, int]]
    by_child: dict[str, dict[str, Breakdown]]
    by_relationship: dict[str, dict[str, Breakdown]]


@dataclass(frozen=True)
class ComplaintFigures:
    procedure: str
    received: int
    stages: dict[str, StageFigures]
    cohort: dict[str, int]
    escalation: Escalation
    referrals: int
    per_referral: Rate
    #: Counts of people (heard.reporting.figures.protected): each may be withheld.
    from_children: Breakdown
    via_advocate: Breakdown
    advocacy_offered: Breakdown
    advocacy_taken_up: Breakdown
    relationships: dict[str, Breakdown]
    teams: dict[str, int]
    #: Complaints received in the period by the service area (directorate) of their team;
    #: teams with none count under NOT_RECORDED.
    service_areas: dict[str, int]
    equality: dict[str, EqualityFigures]
    #: The Stage 3 panels' recommendations on the Stage 3 responses in the period, by the
    #: council's response (regulation 20), with how many were made.
    recommendations: dict[str, int]
    #: Stage 3 review panels held in the period within 30 working days of the request
    #: (regulation 19), over the panels held; 0 of 0 for a procedure without a Stage 3.
    panel_held_in_time: Rate
    #: The points of complaint raised on the complaints received in the period, by theme.
    points_raised: dict[str, int]
    ended_so_far: EndedSoFar


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


def _open_across(period: Period) -> Case:
    """Of the stages still open after the period or ended since, which were open at its
    start and end: a measure for `_stage_rows`."""
    return Case(
        When(started_on__lt=period.first, then=Value("open_at_start_and_end")),
        When(started_on__lte=period.last, then=Value("open_at_end")),
        default=Value("later"),
        output_field=CharField(),
    )


#: Literal values in the partial index's order (heard.complaints.lookups).
OPEN_NOW = Q(status__in_constants=OPEN_STAGE_STATUSES)


def _stage_rows(procedure: str, period: Period) -> dict[int, dict[str, int]]:
    """Per stage number, how many that were open at the start and at the end of the period
    have ended since it or are open still, in one query: a UNION ALL of grouped counts, each
    over an index range, so the work grows with the period and not with every stage ever
    held. With the stages ended in the period that started before it (`_responses`), these
    count exactly what `stage_filters` defines."""

    def counted(queryset: QuerySet[Stage], only: Q | None = None) -> Any:
        return (
            queryset.annotate(measure=_open_across(period))
            .values("number", "measure")
            .annotate(n=Count("number", filter=only))
        )

    # Equality on the procedure and the stage number lets each range use its
    # (procedure, number, ended_on) index; literal values in the index's order
    # (heard.complaints.lookups).
    ended_since = Stage.objects.filter(
        ~Q(status__in_constants=OPEN_STAGE_STATUSES),
        procedure=procedure,
        started_on__lte=period.last,
        ended_on__gt=period.last,
    ).order_by()
    queries = [counted(ended_since.filter(number=number)) for number in stage_numbers(procedure)]
    # The stages still open are few, read from the index on open stages, with the procedure
    # and the dates tested inside the count (in the WHERE clause, SQLite would read every
    # stage of the procedure in order instead).
    queries.append(
        counted(
            Stage.objects.filter(OPEN_NOW).order_by(),
            Q(procedure=procedure, started_on__lte=period.last),
        )
    )
    out: dict[int, dict[str, int]] = {}
    for row in queries[0].union(*queries[1:], all=True):
        counts = out.setdefault(row["number"], {"open_at_start": 0, "open_at_end": 0})
        if row["measure"] != "later":
            counts["open_at_end"] += row["n"]
        if row["measure"] == "open_at_start_and_end":
            counts["open_at_start"] += row["n"]
    return out


@dataclass
class Responses:
    """A stage's responses in the period, tallied from grouped rows: outcomes, timeliness
    and the working-day distribution."""

    outcomes: dict[str, int]
    within_standard: int = 0
    within_maximum: int = 0
    extended: int = 0
    within_agreed: int = 0
    days: dict[int, int] = field(default_factory=dict)


def _responses(
    procedure: str, period: Period
) -> tuple[dict[int, Responses], dict[int, Counter[str]]]:
    """One query over the stages ended in the period, grouped by stage, status, outcome
    code, working days taken and extension, so each figure is a sum over a few hundred
    groups, never a loop over cases: the responses' outcomes and timeliness, and how many of
    each stage ended each way. The rules are those of `stage_filters`,
    `timeliness_filters` and `_outcome_filters`, which the drill-down lists by."""
    extension = Case(
        When(extended_to__isnull=True, then=Value(0)),
        When(ended_on__lte=F("extended_to"), then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    before = Case(
        When(started_on__lt=period.first, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    keys = [
        "number",
        "status",
        "_before",
        "rolled_up_outcome",
        "response_working_days",
        "_extension",
    ]
    if procedure == Procedure.ADULTS:
        keys.append("_agreed")
    rows = (
        timed_stages(procedure)
        .filter(between("ended_on", period), number__in=stage_numbers(procedure))
        .annotate(_extension=extension, _before=before)
        .order_by()
        .values(*keys)
        .annotate(n=Count("*"))
    )
    standards = time_standards(procedure)
    out: dict[int, Responses] = {}
    ended: dict[int, Counter[str]] = {}
    names = {status.value: name for name, status in ENDED_BY.items()}
    for row in rows:
        number, n, taken = row["number"], row["n"], row["response_working_days"]
        if row["status"] in names:
            ended.setdefault(number, Counter())[names[row["status"]]] += n
            # Open at the start of the period, ended in it.
            ended[number]["open_at_start"] += n if row["_before"] else 0
        if row["status"] != StageStatus.RESPONDED:
            continue
        tally = out.setdefault(number, Responses(dict.fromkeys(OUTCOMES, 0)))
        tally.outcomes[OUTCOME_OF[row["rolled_up_outcome"]]] += n
        standard = standards[number]
        if procedure == Procedure.ADULTS:
            on_time = n if row["_agreed"] == 1 else 0
            tally.within_standard += on_time
            tally.within_maximum += on_time
        elif taken is not None:
            tally.within_standard += n if taken <= (standard.standard or 0) else 0
            tally.within_maximum += n if taken <= (standard.maximum or 0) else 0
        if taken is not None:
            tally.days[taken] = tally.days.get(taken, 0) + n
        tally.extended += n if row["_extension"] else 0
        tally.within_agreed += n if row["_extension"] == 1 else 0
    return out, ended


@dataclass(frozen=True)
class Received:
    """The stages of one number received in the period: how many, how many acknowledged
    and acknowledged on time, and how many now stand at each status."""

    received: int = 0
    acknowledged: int = 0
    on_time: int = 0
    by_status: Counter[str] = field(default_factory=Counter)


def _received(procedure: str, period: Period) -> dict[int, Received]:
    """One query over the stages received in the period (a range of the (procedure, number,
    started_on, ...) index), grouped by stage and status. A complaint's Stage 1 starts the
    day it is received, so Stage 1's statuses tell what has become of each complaint
    received in the period so far (the `cohort_*` filters)."""
    filters = stage_filters(period)
    rows = (
        timed_stages(procedure)
        .filter(filters["received"], number__in=stage_numbers(procedure))
        .order_by()
        .values("number", "status")
        .annotate(
            n=Count("*"),
            acknowledged=Count("number", filter=filters["acknowledged"]),
            on_time=Count("number", filter=filters["acknowledged_on_time"]),
        )
    )
    tallies: dict[int, Counter[str]] = {}
    statuses: dict[int, Counter[str]] = {}
    for row in rows:
        number = row["number"]
        tallies.setdefault(number, Counter()).update(
            received=row["n"], acknowledged=row["acknowledged"], on_time=row["on_time"]
        )
        statuses.setdefault(number, Counter())[row["status"]] += row["n"]
    return {
        number: Received(t["received"], t["acknowledged"], t["on_time"], statuses[number])
        for number, t in tallies.items()
    }


def _themes(procedure: str, period: Period) -> dict[int, dict[str, dict[str, int]]]:
    """Per stage and theme: complaints touching it, its elements, and those upheld or partly,
    over stages responded in the period. One range of the findings' index: each finding keeps
    its stage's response date (heard.complaints.timing); a complaint has one stage of each
    number, so its stage stands for it in the count."""
    rows = (
        ElementFinding.objects.filter(
            between("responded_on", period),
            procedure=procedure,
            stage_number__in=stage_numbers(procedure),
        )
        .order_by()
        .values("stage_number", "theme")
        .annotate(
            complaints=Count("stage", distinct=True),
            elements=Count("*"),
            upheld_or_partly=Count(
                "stage", filter=Q(finding__in=[Finding.UPHELD, Finding.PARTIALLY_UPHELD])
            ),
            **{f"finding_{f.value}": Count("stage", filter=Q(finding=f)) for f in Finding},
        )
    )
    out: dict[int, dict[str, dict[str, int]]] = {}
    names = dict(Theme.objects.values_list("pk", "name"))
    for row in rows:
        out.setdefault(row["stage_number"], {})[names[row["theme"]]] = row
    return out


def _stage_figures(
    number: int,
    counts: dict[str, int],
    standard: TimeStandard,
    responses: Responses,
    acknowledged: tuple[int, int],
    themes: dict[str, dict[str, int]],
    more: dict[str, int],
) -> StageFigures:
    outcomes = responses.outcomes
    responded = counts["responded"]
    with_finding = responded - outcomes["no_finding"]
    mean, median = _median(sorted(responses.days.items()))
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
            upheld=outcomes["upheld"],
            partially_upheld=outcomes["partially_upheld"],
            not_upheld=outcomes["not_upheld"],
            no_finding=outcomes["no_finding"],
            upheld_rate=Rate(outcomes["upheld"], with_finding),
            partially_upheld_rate=Rate(outcomes["partially_upheld"], with_finding),
            not_upheld_rate=Rate(outcomes["not_upheld"], with_finding),
        ),
        timeliness=Timeliness(
            standard_days=standard.standard,
            maximum_days=standard.maximum,
            within_standard=Rate(responses.within_standard, responded),
            within_maximum=Rate(responses.within_maximum, responded),
            extended=responses.extended,
            within_agreed=Rate(responses.within_agreed, responses.extended),
            mean_working_days=mean,
            median_working_days=median,
        ),
        acknowledged_on_time=Rate(*acknowledged),
        themes={
            name: ThemeFigures(
                complaints=row["complaints"],
                share=Rate(row["complaints"], with_finding),
                elements=row["elements"],
                upheld_or_partly=row["upheld_or_partly"],
                upheld_rate=Rate(row["upheld_or_partly"], row["elements"]),
                findings={f.value: row[f"finding_{f.value}"] for f in Finding},
            )
            for name, row in sorted(
                themes.items(), key=lambda item: (-item[1]["complaints"], item[0])
            )
        },
        from_earlier_years=more.get("from_earlier_years", 0),
        mixed_findings=more.get("mixed_findings", 0),
    )


def _more(procedure: str, period: Period) -> tuple[dict[int, dict[str, int]], Rate]:
    """The stage figures of `more_stage_filters`, each in its own small query over its own
    date range: per stage, those received from earlier years and the responses with mixed
    findings; and the Stage 3 panels held, and held in time."""
    filters = more_stage_filters(period)
    numbers = stage_numbers(procedure)
    out: dict[int, dict[str, int]] = {n: {} for n in numbers}
    # A Stage 1 starts the day its complaint is received, so only later stages can have come
    # from an earlier year's complaint: only theirs are looked up.
    earlier = (
        timed_stages(procedure)
        .filter(filters["from_earlier_years"], number__in=numbers[1:])
        .order_by()
        .values("number")
        .annotate(n=Count("*"))
    )
    for row in earlier:
        out[row["number"]]["from_earlier_years"] = row["n"]
    # The responses' findings are one range of the findings' index (as the themes read it),
    # grouped by stage; each stage whose lowest and highest finding differ is counted, in
    # the database.
    mixed = (
        ElementFinding.objects.filter(
            between("responded_on", period), procedure=procedure, stage_number__in=numbers
        )
        .order_by()
        .values("stage_number", "stage")
        .annotate(lowest=Min("finding"), highest=Max("finding"))
        .filter(lowest__lt=F("highest"))
        .aggregate(**{str(n): Count("stage", filter=Q(stage_number=n)) for n in numbers})
    )
    for n in numbers:
        out[n]["mixed_findings"] = mixed[str(n)]
    if RULES[Procedure(procedure)].last_stage < 3:
        return out, Rate(0, 0)
    panels = (
        Stage.objects.filter(filters["panel_held"], procedure=procedure)
        .annotate(_panel_due=PANEL_DUE)
        .order_by()
        .aggregate(held=Count("*"), in_time=Count("pk", filter=filters["panel_held_in_time"]))
    )
    return out, Rate(panels["in_time"], panels["held"])


def _points_raised(procedure: str, period: Period) -> dict[str, int]:
    """The points of complaint on the complaints received in the period, by theme (one
    query; most first)."""
    rows = (
        Element.objects.filter(
            complaint__in=Complaint.objects.filter(
                complaint_filters(period)["received"], procedure=procedure
            ).values("pk")
        )
        .order_by()
        .values("theme")
        .annotate(n=Count("*"))
    )
    names = dict(Theme.objects.values_list("pk", "name"))
    return {names[theme]: n for theme, n in most_first({r["theme"]: r["n"] for r in rows})}


#: The service area of a team the council has not placed in one.
NOT_RECORDED = "Not recorded"

#: Counted over the complaints received, from one index, by team.
ACCESS_FIGURES = ("escalated", "escalated_to_stage3")


def complaint_figures(procedure: str, period: Period) -> ComplaintFigures:
    open_across = _stage_rows(procedure, period)
    responses, ended = _responses(procedure, period)
    started = _received(procedure, period)
    themes = _themes(procedure, period)
    more, panels_in_time = _more(procedure, period)
    standards = time_standards(procedure)
    stages = {}
    for n in stage_numbers(procedure):
        received_n = started.get(n, Received())
        flow = dict.fromkeys(FLOW_IN + FLOW_OUT, 0)
        flow |= ended.get(n, {})
        for name, count in open_across.get(n, {}).items():
            flow[name] += count
        flow["received"] = received_n.received
        stages[str(n)] = _stage_figures(
            n,
            flow,
            standards[n],
            responses.get(n, Responses(dict.fromkeys(OUTCOMES, 0))),
            (received_n.on_time, received_n.acknowledged),
            themes.get(n, {}),
            more.get(n, {}),
        )
    received = Complaint.objects.filter(
        complaint_filters(period)["received"], procedure=procedure
    ).order_by()
    filters = complaint_filters(period)
    # One pass: the counts by team, each with its escalations; the totals are the sums of a
    # few hundred groups at most.
    by_group = list(
        received.annotate(ended=ended_so_far())
        .values("team", "ended")
        .annotate(
            n=Count("*"),
            **{name: Count("received_on", filter=filters[name]) for name in ACCESS_FIGURES},
        )
    )
    counts: dict[str, Any] = {name: sum(row[name] for row in by_group) for name in ACCESS_FIGURES}
    counts["received"] = sum(row["n"] for row in by_group)
    teams: Counter[int] = Counter()
    team_ended: dict[int, Counter[str]] = {}
    for row in by_group:
        teams[row["team"]] += row["n"]
        team_ended.setdefault(row["team"], Counter())[row["ended"]] += row["n"]
    people = people_figures(procedure, period)
    team_names: dict[int, str] = {}
    areas: Counter[str] = Counter()
    for pk, name, area in Team.objects.values_list("pk", "name", "service_area"):
        team_names[pk] = name
        areas[area or NOT_RECORDED] += teams.get(pk, 0)
    cohort = started.get(1, Received()).by_status
    escalated, to_stage3 = counts["escalated"], counts["escalated_to_stage3"]
    referrals = MonthlyReferrals.objects.filter(
        month__gte=period.first, month__lte=period.last
    ).aggregate(total=Coalesce(Sum("referrals"), 0))["total"]
    s1 = stages["1"]
    s2 = stages.get("2")
    s3 = stages.get("3")
    return ComplaintFigures(
        procedure=procedure,
        received=counts["received"],
        stages=stages,
        cohort={name: cohort.get(status, 0) for name, status in ENDED_BY.items()},
        escalation=Escalation(
            period_rate=Rate(s2.received if s2 else 0, s1.responded),
            cohort_rate=Rate(escalated, counts["received"]),
            stage3_period_rate=Rate(s3.received if s3 else 0, s2.responded if s2 else 0),
            stage3_cohort_rate=Rate(to_stage3, escalated),
        ),
        referrals=referrals,
        per_referral=Rate(counts["received"], referrals),
        from_children=people.from_children,
        via_advocate=people.advocacy_taken_up,
        advocacy_offered=people.advocacy_offered,
        advocacy_taken_up=people.advocacy_taken_up,
        relationships=people.relationships,
        teams={team_names[team]: n for team, n in most_first(teams)},
        service_areas=dict(most_first(+areas)),
        equality=people.equality,
        recommendations=_recommendations(procedure, period),
        panel_held_in_time=panels_in_time,
        points_raised=_points_raised(procedure, period),
        ended_so_far=EndedSoFar(
            by_team={
                team_names[team]: {e: team_ended[team][e] for e in ENDED_SO_FAR}
                for team, _ in most_first(teams)
            },
            by_child=people.ended_by_child,
            by_relationship=people.ended_by_relationship,
        ),
    )


def _recommendations(procedure: str, period: Period) -> dict[str, int]:
    """The panel recommendations on the Stage 3 responses sent in the period: how many were
    made, and how many the council accepted, accepted in part or did not accept (one
    query)."""
    counts = Recommendation.objects.filter(
        between("stage__ended_on", period),
        stage__procedure=procedure,
        stage__status=StageStatus.RESPONDED,
    ).aggregate(
        made=Count("pk"),
        **{r.value: Count("pk", filter=Q(response=r.value)) for r in PanelResponse},
    )
    return {name: counts[name] for name in ("made", *PanelResponse.values)}


def stage_trend(procedure: str, periods: list[Period]) -> list[tuple[str, dict[int, int]]]:
    """Stages received in each of `periods`, by stage number: one query."""
    counts = (
        Stage.objects.filter(
            procedure=procedure,
            started_on__gte=periods[0].first,
            started_on__lte=periods[-1].last,
        )
        .order_by()
        .values("number")
        .annotate(
            **{
                f"p{i}": Count("number", filter=between("started_on", period))
                for i, period in enumerate(periods)
            }
        )
    )
    rows = list(counts)
    return [
        (period.label, {row["number"]: row[f"p{i}"] for row in rows})
        for i, period in enumerate(periods)
    ]
