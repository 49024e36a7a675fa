"""Figures for the rest of the team's casework, for one period: compliments, subject access
requests, Ombudsman cases, costs and learning actions. Each is a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, Exists, F, OuterRef, Q, Sum, Value
from django.db.models.functions import Coalesce

from heard.complaints.choices import Procedure, RemedyKind
from heard.complaints.models import (
    Complaint,
    Cost,
    InformalComplaint,
    InformalStatus,
    LearningAction,
    Remedy,
)
from heard.compliments.models import Compliment
from heard.core.models import Team
from heard.enquiries.models import Enquiry, RepresentationKind
from heard.ombudsman.models import Area, Decision, OmbudsmanCase, OmbudsmanRemedy
from heard.reporting.figures.base import Check, Filters, between, most_first
from heard.reporting.periods import Period
from heard.reporting.stats import Rate
from heard.sars.models import Exemption, SarOutcome, SubjectAccessRequest

ZERO = Value(Decimal("0.00"), output_field=DecimalField(max_digits=12, decimal_places=2))


def _money(total: Decimal | None) -> Decimal:
    return (total or Decimal(0)).quantize(Decimal("0.01"))


# --- compliments -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ComplimentFigures:
    received: int
    by_team: dict[str, int]
    by_giver: dict[str, int]
    quotes: list[str]


def compliment_filters(procedure: str, period: Period) -> Filters:
    """A procedure's report counts the compliments to its own service's teams."""
    received = between("received_on", period) & Q(team__service=procedure)
    return {"received": received}


def compliment_figures(procedure: str, period: Period) -> ComplimentFigures:
    received = Compliment.objects.filter(
        compliment_filters(procedure, period)["received"]
    ).order_by()
    team_names = dict(Team.objects.values_list("pk", "name"))
    # One query: the counts by team and giver, summed each way here.
    teams: dict[int, int] = {}
    givers: dict[str, int] = {}
    for r in received.values("team", "giver").annotate(n=Count("*")):
        teams[r["team"]] = teams.get(r["team"], 0) + r["n"]
        givers[r["giver"]] = givers.get(r["giver"], 0) + r["n"]
    return ComplimentFigures(
        received=sum(teams.values()),
        by_team={team_names[team]: n for team, n in most_first(teams)},
        by_giver=dict(most_first(givers)),
        # Only those the giver agreed may be published, anonymously, in the words a
        # complaints manager approved (heard.compliments: a quote may name a child).
        quotes=list(
            received.filter(consent_to_publish=True, quote_reviewed_at__isnull=False)
            .exclude(published_quote="")
            .order_by("received_on", "pk")
            .values_list("published_quote", flat=True)
        ),
    )


# --- enquiries and other representations -------------------------------------------------


@dataclass(frozen=True)
class RepresentationFigures:
    received: int
    #: Every kind, in a fixed order (none received is 0), so each has last year's beside it.
    by_kind: dict[str, int]
    responded: int
    responded_in_time: Rate


def representation_filters(procedure: str, period: Period) -> Filters:
    """A procedure's report counts the enquiries and other representations about its own
    service's teams: received in the period, by kind; and replies sent in the period."""
    ours = Q(team__service=procedure)
    received = between("received_on", period) & ours
    return {
        "received": received,
        **{f"kind_{kind.value}": received & Q(kind=kind) for kind in RepresentationKind},
        "responded": between("responded_on", period) & ours,
    }


def representation_figures(procedure: str, period: Period) -> RepresentationFigures:
    filters = representation_filters(procedure, period)
    received = [name for name in filters if name != "responded"]
    # Two small queries, each over its own dates: those received, by kind; and the replies,
    # each with its target (a calendar lookup only for them).
    counts = (
        Enquiry.objects.filter(filters["received"])
        .order_by()
        .aggregate(**{name: Count("pk", filter=filters[name]) for name in received})
    )
    counts |= (
        Enquiry.objects.filter(filters["responded"])
        .with_due()
        .order_by()
        .aggregate(
            responded=Count("pk"),
            in_time=Count("pk", filter=Q(responded_on__lte=F("response_due_on"))),
        )
    )
    return RepresentationFigures(
        received=counts["received"],
        by_kind={kind.value: counts[f"kind_{kind.value}"] for kind in RepresentationKind},
        responded=counts["responded"],
        responded_in_time=Rate(counts["in_time"], counts["responded"]),
    )


# --- the informal stage before Stage 1 --------------------------------------------------------


@dataclass(frozen=True)
class InformalFigures:
    """The procedure's informal (pre-complaint) stage, where the council runs one."""

    received: int
    resolved: int
    withdrawn: int
    #: Taken to Stage 1 in the period.
    escalated: int
    #: Resolved in the period within the target in force when each was logged.
    resolved_in_time: Rate


def informal_filters(procedure: str, period: Period) -> Filters:
    ended = between("ended_on", period) & Q(procedure=procedure)
    resolved = ended & Q(status=InformalStatus.RESOLVED)
    return {
        "received": between("received_on", period) & Q(procedure=procedure),
        "resolved": resolved,
        "resolved_in_time": resolved & Q(ended_on__lte=F("due_on")),
        "withdrawn": ended & Q(status=InformalStatus.WITHDRAWN),
        "escalated": ended & Q(status=InformalStatus.ESCALATED),
    }


def informal_figures(procedure: str, period: Period) -> InformalFigures:
    """One query over the informal complaints received or ended in the period."""
    filters = informal_filters(procedure, period)
    counts = (
        InformalComplaint.objects.filter(filters["received"] | between("ended_on", period))
        .filter(procedure=procedure)
        .order_by()
        .aggregate(**{name: Count("pk", filter=q) for name, q in filters.items()})
    )
    return InformalFigures(
        received=counts["received"],
        resolved=counts["resolved"],
        withdrawn=counts["withdrawn"],
        escalated=counts["escalated"],
        resolved_in_time=Rate(counts["resolved_in_time"], counts["resolved"]),
    )


# --- subject access requests ------------------------------------------------------------------


@dataclass(frozen=True)
class SarFigures:
    received: int
    from_care_leavers: int
    completed: int
    on_time: Rate
    extended: int
    outcomes: dict[str, int]
    exemptions: dict[str, int]
    pages_reviewed: int
    pages_disclosed: int


def sar_filters(procedure: str, period: Period) -> Filters:
    """A procedure's report counts the requests for its own service's records."""
    mine = Q(service=procedure)
    completed = between("closed_on", period) & mine
    received = between("received_on", period) & mine
    return {
        "received": received,
        "from_care_leavers": received & Q(care_leaver=True),
        "completed": completed,
        # A request whose clock never started (withdrawn before proof of identity) had no
        # deadline, so it is neither on time nor late.
        "timed": completed & Q(due_on__isnull=False),
        "on_time": completed & Q(closed_on__lte=F("due_on")),
        "extended": completed & Q(months_allowed__gt=1),
        **{f"outcome_{o.value}": completed & Q(outcome=o) for o in SarOutcome},
    }


def sar_figures(procedure: str, period: Period) -> SarFigures:
    filters = sar_filters(procedure, period)
    # The requests received, and those completed, each read from its own covering index.
    requests = SubjectAccessRequest.objects.order_by()
    received = ("received", "from_care_leavers")
    counts: dict[str, Any] = requests.filter(filters["received"]).aggregate(
        **{name: Count("received_on", filter=filters[name]) for name in received}
    )
    counts |= requests.filter(filters["completed"]).aggregate(
        **{
            name: Count("closed_on", filter=q)
            for name, q in filters.items()
            if name not in received
        },
        pages_reviewed=Coalesce(Sum("pages_reviewed"), 0),
        pages_disclosed=Coalesce(Sum("pages_disclosed"), 0),
    )
    closed = Q(
        requests__closed_on__gte=period.first,
        requests__closed_on__lte=period.last,
        requests__service=procedure,
    )
    exemptions = (
        Exemption.objects.annotate(n=Count("requests", filter=closed))
        .filter(n__gt=0)
        .order_by("-n", "name")
        .values_list("name", "n")
    )
    return SarFigures(
        received=counts["received"],
        from_care_leavers=counts["from_care_leavers"],
        completed=counts["completed"],
        on_time=Rate(counts["on_time"], counts["timed"]),
        extended=counts["extended"],
        outcomes={o.value: counts[f"outcome_{o.value}"] for o in SarOutcome},
        exemptions=dict(exemptions),
        pages_reviewed=counts["pages_reviewed"],
        pages_disclosed=counts["pages_disclosed"],
    )


# --- Ombudsman ---------------------------------------------------------------------------------

AREA_OF = {Procedure.CHILDREN: Area.CHILDREN, Procedure.ADULTS: Area.ADULTS}


def ombudsman_of(procedure: str) -> Q:
    """The Ombudsman cases a procedure's report counts: those about its complaints, whatever
    procedure they were under when the case was logged, and those about no complaint of ours
    in its service area."""
    area = AREA_OF.get(Procedure(procedure), Area.CORPORATE)
    return Q(complaint__procedure=procedure) | Q(complaint__isnull=True, area=area)


@dataclass(frozen=True)
class OmbudsmanFigures:
    received: int
    received_by_decision: dict[str, int]
    #: The cases received, by the last stage the complaint behind each reached ("1", "2",
    #: "3"), or "not_recorded" where no complaint is recorded.
    received_by_stage_reached: dict[str, int]
    awaiting_decision: int
    reconciliation: Check
    decided: int
    decisions: dict[str, int]
    detailed_investigations: int
    upheld: int
    uphold_rate: Rate
    fault: int
    injustice: int
    maladministration: int
    remedy_already_provided: int
    public_interest_reports: int
    remedies_due: int
    remedies_complied: Rate
    remedy_payments: Decimal


def ombudsman_filters(period: Period) -> Filters:
    received = between("enquiry_received_on", period)
    decided = between("decided_on", period)
    return {
        "received": received,
        "awaiting_decision": received & Q(decision=""),
        **{f"received_{d.value}": received & Q(decision=d) for d in Decision},
        # How far the complaint behind it went before the Ombudsman (its last stage); a case
        # with no complaint recorded is "not recorded".
        **{
            f"received_after_stage_{n}": received & Q(complaint__current_stage=n) for n in (1, 2, 3)
        },
        "received_stage_not_recorded": received & Q(complaint__isnull=True),
        "decided": decided,
        **{f"decided_{d.value}": decided & Q(decision=d) for d in Decision},
        "detailed_investigations": decided & Q(detailed_investigation=True),
        "upheld": decided & Q(decision=Decision.UPHELD),
        "fault": decided & Q(fault=True),
        "injustice": decided & Q(injustice=True),
        "maladministration": decided & Q(maladministration=True),
        "remedy_already_provided": decided & Q(remedy_already_provided=True),
        "public_interest_reports": decided & Q(public_interest_report=True),
    }


def ombudsman_reconciliation(received: int, by_decision: dict[str, int], awaiting: int) -> Check:
    """Every representation received is in exactly one decision category, or awaiting one.
    Seed 000 printed 4 + 1 + 6 + 6 of 16: this check fails on such figures."""
    return Check(
        name="Ombudsman representations",
        left=received,
        right=sum(by_decision.values()) + awaiting,
        statement="received = the sum of the decisions on them + those awaiting a decision",
    )


def ombudsman_figures(procedure: str, period: Period) -> OmbudsmanFigures:
    filters = ombudsman_filters(period)
    # The cases received, and those decided, each read from its own date index.
    cases = OmbudsmanCase.objects.filter(ombudsman_of(procedure)).order_by()
    received = [name for name in filters if name.startswith(("received", "awaiting"))]
    c: dict[str, Any] = cases.filter(filters["received"]).aggregate(
        **{name: Count("enquiry_received_on", filter=filters[name]) for name in received}
    )
    c |= cases.filter(filters["decided"]).aggregate(
        **{
            name: Count("decided_on", filter=q)
            for name, q in filters.items()
            if name not in received
        }
    )
    due = between("due_on", period)
    # From the remedies (few), each case looked up by its key.
    remedies = OmbudsmanRemedy.objects.filter(
        Exists(OmbudsmanCase.objects.filter(ombudsman_of(procedure), pk=OuterRef("case")))
    ).order_by()
    r: dict[str, Any] = remedies.aggregate(
        due=Count("pk", filter=due),
        complied=Count("pk", filter=due & Q(completed_on__lte=F("due_on"))),
        payments=Coalesce(Sum("amount", filter=between("case__decided_on", period)), ZERO),
    )
    by_decision = {d.value: c[f"received_{d.value}"] for d in Decision}
    return OmbudsmanFigures(
        received=c["received"],
        received_by_decision=by_decision,
        received_by_stage_reached={
            **{str(n): c[f"received_after_stage_{n}"] for n in (1, 2, 3)},
            "not_recorded": c["received_stage_not_recorded"],
        },
        awaiting_decision=c["awaiting_decision"],
        reconciliation=ombudsman_reconciliation(c["received"], by_decision, c["awaiting_decision"]),
        decided=c["decided"],
        decisions={d.value: c[f"decided_{d.value}"] for d in Decision},
        detailed_investigations=c["detailed_investigations"],
        upheld=c["upheld"],
        uphold_rate=Rate(c["upheld"], c["detailed_investigations"]),
        fault=c["fault"],
        injustice=c["injustice"],
        maladministration=c["maladministration"],
        remedy_already_provided=c["remedy_already_provided"],
        public_interest_reports=c["public_interest_reports"],
        remedies_due=r["due"],
        remedies_complied=Rate(r["complied"], r["due"]),
        remedy_payments=_money(r["payments"]),
    )


# --- costs and learning ------------------------------------------------------------------------


@dataclass(frozen=True)
class CostFigures:
    total: Decimal
    by_kind: dict[str, Decimal]
    by_stage: dict[str, Decimal]
    remedy_payments: Decimal


def cost_figures(procedure: str, period: Period) -> CostFigures:
    # One query: the totals by kind and stage number, summed each way here.
    rows = (
        Cost.objects.filter(between("incurred_on", period), stage__procedure=procedure)
        .order_by()
        .values("kind", "stage__number")
        .annotate(total=Sum("amount"))
    )
    kinds: dict[str, Decimal] = {}
    stages: dict[int, Decimal] = {}
    for r in rows:
        kinds[r["kind"]] = kinds.get(r["kind"], Decimal(0)) + r["total"]
        stages[r["stage__number"]] = stages.get(r["stage__number"], Decimal(0)) + r["total"]
    by_kind = {kind: _money(total) for kind, total in sorted(kinds.items())}
    by_stage = {str(number): _money(total) for number, total in sorted(stages.items())}
    payments = Remedy.objects.filter(
        between("agreed_on", period),
        kind=RemedyKind.FINANCIAL,
        complaint__procedure=procedure,
    ).aggregate(total=Sum("amount"))["total"]
    return CostFigures(
        total=_money(sum(by_kind.values(), Decimal(0))),
        by_kind=by_kind,
        by_stage=by_stage,
        remedy_payments=_money(payments),
    )


@dataclass(frozen=True)
class LearningFigures:
    raised: int
    completed: int
    overdue_at_end: int


def learning_filters(period: Period) -> Filters:
    return {
        "raised": between("raised_on", period),
        "completed": between("completed_on", period),
        "overdue_at_end": Q(due_on__lt=period.last)
        & (Q(completed_on__isnull=True) | Q(completed_on__gt=period.last)),
    }


@dataclass(frozen=True)
class RemedyFigures:
    """The complaints' remedies: agreed, carried out, and left undone past their date."""

    agreed: int
    completed: int
    overdue_at_end: int


def remedy_filters(period: Period) -> Filters:
    return {
        "agreed": between("agreed_on", period),
        "completed": between("completed_on", period),
        "overdue_at_end": Q(due_on__lt=period.last)
        & (Q(completed_on__isnull=True) | Q(completed_on__gt=period.last)),
    }


def remedy_figures(procedure: str, period: Period) -> RemedyFigures:
    counts = Remedy.objects.filter(complaint__procedure=procedure).aggregate(
        **{name: Count("pk", filter=q) for name, q in remedy_filters(period).items()}
    )
    return RemedyFigures(**counts)


def learning_figures(procedure: str, period: Period) -> LearningFigures:
    # From the actions (few), each complaint looked up by its key.
    of_procedure = Exists(Complaint.objects.filter(pk=OuterRef("complaint"), procedure=procedure))
    counts = LearningAction.objects.filter(of_procedure).aggregate(
        **{name: Count("pk", filter=q) for name, q in learning_filters(period).items()}
    )
    return LearningFigures(**counts)
