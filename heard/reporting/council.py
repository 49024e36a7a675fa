"""The whole council's casework in one period: each procedure's figures side by side, as its
own report counts them, and the council's total counted once.

Every compliment, request, Ombudsman case and enquiry belongs to exactly one procedure (its
team's service, its own field, or its complaint's procedure), so the procedures' figures add
up to the council's. The total is counted again over every case, without a procedure, and
checked against that sum: a case no report counts, or one two reports count, shows as a
difference instead of being lost.

A fixed number of queries, whatever the size of the data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum

from heard.complaints.choices import Procedure
from heard.complaints.models import Complaint, Cost
from heard.compliments.models import Compliment
from heard.enquiries.models import Enquiry
from heard.ombudsman.models import OmbudsmanCase
from heard.reporting.figures.base import Check, between
from heard.reporting.figures.casework import (
    compliment_figures,
    cost_figures,
    ombudsman_figures,
    sar_figures,
)
from heard.reporting.figures.complaints import complaint_figures
from heard.reporting.figures.filters import complaint_filters
from heard.reporting.narrative import money, number
from heard.reporting.periods import Period
from heard.sars.models import SubjectAccessRequest


@dataclass(frozen=True)
class CouncilRow:
    """One kind of case: how many each procedure's report counts, and the council's total."""

    label: str
    by_procedure: dict[str, int | Decimal]
    #: Counted over every case of the kind, whatever its procedure.
    total: int | Decimal
    money: bool = False

    def shown(self, value: int | Decimal) -> str:
        return money(Decimal(value)) if self.money else number(int(value))

    @property
    def cells(self) -> list[str]:
        """The procedures' figures in order, then the council's total, as the page shows them."""
        return [self.shown(v) for v in self.by_procedure.values()] + [self.shown(self.total)]

    @property
    def check(self) -> Check:
        return Check(
            name=self.label,
            left=int(sum(self.by_procedure.values()) * (100 if self.money else 1)),
            right=int(self.total * (100 if self.money else 1)),
            statement="the procedures' figures add up to the council's, each case counted once",
        )


@dataclass(frozen=True)
class CouncilFigures:
    period: Period
    procedures: list[tuple[str, str]]
    rows: list[CouncilRow]

    @property
    def reconciles(self) -> bool:
        return all(row.check.holds for row in self.rows)


def _enquiries_by_service(period: Period) -> dict[str, int]:
    """Enquiries and other representations belong to the service of the team they are about."""
    rows = (
        Enquiry.objects.filter(between("received_on", period))
        .order_by()
        .values("team__service")
        .annotate(n=Count("pk"))
    )
    return {row["team__service"]: row["n"] for row in rows}


def council_figures(period: Period) -> CouncilFigures:
    procedures = [str(p.value) for p in Procedure]
    enquiries = _enquiries_by_service(period)
    per: dict[str, Callable[[str], int | Decimal]] = {
        "Complaints received": lambda p: complaint_figures(p, period).received,
        "Compliments received": lambda p: compliment_figures(p, period).received,
        "Subject access requests received": lambda p: sar_figures(p, period).received,
        "Ombudsman cases received": lambda p: ombudsman_figures(p, period).received,
        "Enquiries and other representations received": lambda p: enquiries.get(p, 0),
        "Cost of complaints (investigators, advocacy, panels)": lambda p: (
            cost_figures(p, period).total
        ),
    }
    costs = Cost.objects.filter(between("incurred_on", period)).aggregate(total=Sum("amount"))
    totals: dict[str, int | Decimal] = {
        "Complaints received": Complaint.objects.filter(
            complaint_filters(period)["received"]
        ).count(),
        "Compliments received": Compliment.objects.filter(between("received_on", period)).count(),
        "Subject access requests received": SubjectAccessRequest.objects.filter(
            between("received_on", period)
        ).count(),
        "Ombudsman cases received": OmbudsmanCase.objects.filter(
            between("enquiry_received_on", period)
        ).count(),
        "Enquiries and other representations received": Enquiry.objects.filter(
            between("received_on", period)
        ).count(),
        "Cost of complaints (investigators, advocacy, panels)": (
            costs["total"] or Decimal(0)
        ).quantize(Decimal("0.01")),
    }
    rows = [
        CouncilRow(
            label=label,
            by_procedure={p: figure(p) for p in procedures},
            total=totals[label],
            money=label.startswith("Cost"),
        )
        for label, figure in per.items()
    ]
    return CouncilFigures(
        period=period,
        procedures=[(str(p.value), str(p.label)) for p in Procedure],
        rows=rows,
    )
