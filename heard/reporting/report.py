"""A report: the figures of a period beside the previous period's, with the sentences and
the statements of basis that every output carries (DOMAIN.md section 5)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from heard.complaints import periods as statutory
from heard.complaints.choices import Procedure
from heard.reporting import narrative
from heard.reporting.comparison import checks, compare
from heard.reporting.figures import Figures, compute
from heard.reporting.figures.base import Check
from heard.reporting.figures.complaints import stage_trend
from heard.reporting.models import ReportText
from heard.reporting.periods import Period
from heard.reporting.stats import ROUNDING_STATEMENT

Kind = Literal["annual", "quarterly"]

#: The volumes chart shows this many periods, ending with the report's.
TREND_PERIODS = 5

TITLES = {
    Procedure.CHILDREN: "Children's social care statutory complaints and compliments",
    Procedure.ADULTS: "Adult social care complaints and compliments",
    Procedure.CORPORATE: "Corporate complaints and compliments",
}


def counting_rules() -> list[str]:
    """The basis of every figure, stated on the report itself."""
    clock = (
        "the date the statement of complaint was agreed"
        if statutory.stage2_clock_from_statement()
        else "the date of the Stage 2 request"
    )
    return [
        "Received counts each stage by its start: the date of receipt for Stage 1 and the "
        "date of the request for Stages 2 and 3.",
        "Responded, ADR, withdrawn and not accepted count by the date the stage ended that "
        "way. Each stage reconciles: open at the start + received = responded + resolved by "
        "ADR + withdrawn + not accepted + escalated without a response + open at the end.",
        "Outcomes, themes and timeliness count the stages responded to in the period. A "
        "complaint's outcome is rolled up from its points: upheld if every point is upheld, "
        "not upheld if none is upheld or partly upheld, otherwise partially upheld.",
        "A complaint counts once in the totals and once under each theme it touches; a "
        "theme's upheld rate is the share of its points upheld or partly upheld.",
        "Timeliness is in working days (England and Wales bank holidays and local closure "
        f"days excluded). The Stage 2 clock starts on {clock}.",
        "The period escalation rate is Stage 2 requests received in the period divided by "
        "Stage 1 responses in the period; the cohort rate is the share of complaints "
        "received in the period that have escalated so far.",
        "Complaints per referral divides complaints received by referrals to children's "
        "social care in the same months.",
        "Counts of people by a personal characteristic (equality, who complained, children "
        "and advocacy) are withheld where they are 1 to 4, and so are the counts that would "
        "reveal them, in this report and alongside the year's other quarterly and annual "
        "reports, so that no one can be identified; completeness is the share of people who "
        "gave an answer other than “prefer not to say”.",
        ROUNDING_STATEMENT,
        "Changes are flagged as within normal chance variation when a conditional binomial "
        "test on the two counts gives p ≥ 0.05.",
    ]


@dataclass(frozen=True)
class Report:
    kind: Kind
    procedure: str
    current: Figures
    previous: Figures
    #: Stages received in this and the four periods before it, oldest first (the chart).
    trend: list[tuple[str, dict[int, int]]] = field(default_factory=list)
    #: The complaints manager's sections (heard.reporting.models.ReportText), by name.
    texts: dict[str, str] = field(default_factory=dict)
    rules: list[str] = field(default_factory=counting_rules)

    @property
    def title(self) -> str:
        noun = "annual report" if self.kind == "annual" else "quarterly performance report"
        return f"{TITLES[Procedure(self.procedure)]}: {noun} {self.current.period.label}"

    @property
    def checks(self) -> list[Check]:
        return checks(self.current)

    @property
    def sentences(self) -> list[str]:
        return narrative.write(self.current, self.previous)

    def data(self) -> dict[str, Any]:
        """Everything the report says, as plain data (the JSON output)."""
        return {
            "title": self.title,
            "kind": self.kind,
            "procedure": self.procedure,
            "figures": compare(self.current, self.previous),
            "narrative": self.sentences,
            "sections": {name: text for name, text in self.texts.items() if text.strip()},
            "checks": [
                {"name": c.name, "left": c.left, "right": c.right, "holds": c.holds}
                for c in self.checks
            ],
            "counting_rules": self.rules,
        }


def build(procedure: str, period: Period, kind: Kind = "annual") -> Report:
    """The report on `procedure` for `period`, with the period before it."""
    periods = [period]
    while len(periods) < TREND_PERIODS:
        periods.insert(0, periods[0].previous())
    text = ReportText.objects.filter(
        procedure=procedure, kind=kind, first=period.first, last=period.last
    ).first()
    return Report(
        kind=kind,
        procedure=procedure,
        current=compute(procedure, period),
        previous=compute(procedure, period.previous()),
        trend=stage_trend(procedure, periods),
        texts=text.sections() if text else {},
    )
