"""A report: the figures of a period beside the previous period's, with the sentences and
the statements of basis that every output carries (DOMAIN.md section 5)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from django.db.models import Count

from heard.complaints import periods as statutory
from heard.complaints.choices import NotAcceptedReason, Procedure
from heard.complaints.models import LearningAction, Stage
from heard.reporting import narrative
from heard.reporting.comparison import checks, compare
from heard.reporting.figures import Figures, compute
from heard.reporting.figures.base import Check
from heard.reporting.figures.complaints import stage_trend
from heard.reporting.figures.filters import stage_filters
from heard.reporting.models import PaperTemplate, ReportText
from heard.reporting.paper import TITLES, LearningItem, Setup, Words, default_parts
from heard.reporting.periods import Period
from heard.reporting.stats import ROUNDING_STATEMENT

Kind = Literal["annual", "quarterly"]

#: The volumes chart shows this many periods, ending with the report's.
TREND_PERIODS = 5


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
        "A change is called within normal year-to-year variation when a conditional "
        "binomial test on the two counts, allowing for the periods' lengths, gives p of 0.05 "
        "or more; the table below lists those changes with their p-values.",
    ]


@dataclass(frozen=True)
class Report:
    kind: Kind
    procedure: str
    current: Figures
    previous: Figures
    #: Stages received in this and the four periods before it, oldest first (the chart).
    trend: list[tuple[str, dict[int, int]]] = field(default_factory=list)
    #: The committee paper: the council's template and the manager's words.
    paper: Setup = field(default_factory=lambda: Setup(parts=[]))
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

    def parts(self) -> list[dict[str, Any]]:
        """The paper's parts in order: each heading with its words, the manager's where they
        wrote some (`edited`), else Heard's from the figures."""
        heard = Words(self)
        out = []
        for key, heading in self.paper.parts:
            mine = self.paper.words.get(key, "")
            out.append(
                {
                    "key": key,
                    "heading": heading,
                    "words": mine if mine.strip() else heard(key),
                    "edited": bool(mine.strip()),
                }
            )
        return out

    def data(self) -> dict[str, Any]:
        """Everything the report says, as plain data (the JSON output)."""
        return {
            "title": self.title,
            "kind": self.kind,
            "procedure": self.procedure,
            "figures": compare(self.current, self.previous),
            "narrative": self.sentences,
            "paper": {**self.paper.data(), "parts": self.parts()},
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
    current = compute(procedure, period)
    return Report(
        kind=kind,
        procedure=procedure,
        current=current,
        previous=compute(procedure, period.previous()),
        trend=stage_trend(procedure, periods),
        paper=setup(procedure, period, kind),
    )


#: The actions part lists at most this many learning actions; the rest are counted.
LEARNING_LISTED = 12


def setup(procedure: str, period: Period, kind: Kind) -> Setup:
    """The paper's template and words for this report: four small queries."""
    template = PaperTemplate.objects.filter(procedure=procedure, kind=kind).first()
    text = ReportText.objects.filter(
        procedure=procedure, kind=kind, first=period.first, last=period.last
    ).first()
    actions = (
        LearningAction.objects.filter(
            complaint__procedure=procedure,
            raised_on__range=(period.first, period.last),
        )
        .select_related("theme")
        .order_by("raised_on", "pk")[:LEARNING_LISTED]
    )
    refused = (
        Stage.objects.filter(stage_filters(period)["not_accepted"], complaint__procedure=procedure)
        .order_by()
        .values("not_accepted_reason")
        .annotate(n=Count("pk"))
    )
    reasons = dict(NotAcceptedReason.choices)
    return Setup(
        parts=[(p["key"], p["heading"]) for p in template.parts]
        if template and template.parts
        else default_parts(procedure, kind),
        committee=template.committee if template else "",
        report_of=template.report_of if template else "",
        logo=bytes(template.logo) if template else b"",
        logo_type=template.logo_type if template else "",
        meeting_on=text.meeting_on if text else None,
        words=dict(text.words) if text else {},
        quotes=list(text.quotes) if text else [],
        assessment=list(text.assessment) if text else [],
        learning=[
            LearningItem(a.theme.name, a.description, a.completed_on, a.due_on) for a in actions
        ],
        refused={
            reasons.get(row["not_accepted_reason"], "Reason not recorded"): row["n"]
            for row in sorted(refused, key=lambda row: -row["n"])
        },
    )
