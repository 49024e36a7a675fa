"""Sentences written from the figures, in the style of the published reports.

"65 statutory complaints were received, a 7.14% decrease from the 70 received in 2020/21."
Every number in a sentence is a figure in the JSON, rounded half-up as the report states;
nothing here is typed in.
"""

from __future__ import annotations

from decimal import Decimal

from heard.complaints.choices import Procedure
from heard.ombudsman.models import Decision
from heard.reporting.figures import Figures
from heard.reporting.stats import (
    CountChange,
    Rate,
    RateChange,
    chance_p_value,
)

NOUN = {
    Procedure.CHILDREN: "statutory complaints",
    Procedure.ADULTS: "adult social care complaints",
    Procedure.CORPORATE: "corporate complaints",
}


#: How a Stage 1 ended, for one complaint and for several, in the stage table's order.
COHORT_ROUTES = {
    "resolved_by_adr": (
        "was resolved through alternative dispute resolution (ADR)",
        "were resolved through alternative dispute resolution (ADR)",
    ),
    "withdrawn": ("was withdrawn before a response", "were withdrawn before a response"),
    "not_accepted": ("was not accepted", "were not accepted"),
    "responded": ("had a formal response", "had a formal response"),
    "escalated_unanswered": (
        "went to Stage 2 without a response",
        "went to Stage 2 without a response",
    ),
}


#: Chance variation, said in words (the test and its threshold are in the counting rules).
VARIATION = "A change of this size is within normal year-to-year variation."

#: The minus sign councils print (U+2212), not a hyphen.
MINUS = "\u2212"


def number(value: int) -> str:
    return f"{value:,}".replace("-", MINUS)


def money(value: Decimal) -> str:
    whole = value == value.to_integral_value()
    shown = f"£{abs(value):,.0f}" if whole else f"£{abs(value):,.2f}"
    return f"{MINUS}{shown}" if value < 0 else shown


def were(count: int) -> str:
    return "was" if count == 1 else "were"


def percent(rate: Rate, places: int = 0) -> str:
    value = rate.percent_to(places)
    return "no" if value is None else f"{value}%"


def points(change: RateChange, places: int = 0) -> str:
    value = change.change_points_to(places)
    if value is None:
        return "not comparable"
    if value == 0:
        return "no change"
    direction = "up" if value > 0 else "down"
    unit = "percentage point" if abs(value) == 1 else "percentage points"
    return f"{direction} {abs(value)} {unit}"


class Writer:
    def __init__(self, current: Figures, previous: Figures) -> None:
        self.now = current
        self.before = previous
        self.last_label = previous.period.label
        #: "the year" or "the quarter": how a sentence names the report's period.
        self.span = {"year": "the year", "quarter": "the quarter"}.get(
            current.period.kind, "the period"
        )

    def change(self, value: int, previous: int) -> CountChange:
        days = (self.now.period.days, self.before.period.days)
        return CountChange(value, previous, chance_p_value(value, previous, *days))

    def count_phrase(self, value: int, previous: int, verb: str) -> str:
        """ ", a 7.14% decrease from the 70 received in 2020/21"."""
        change = self.change(value, previous)
        if change.change == 0:
            return f", the same as the {number(previous)} {verb} in {self.last_label}"
        direction = "increase" if change.change > 0 else "decrease"
        if change.change_percent is None:
            return f", against none {verb} in {self.last_label}"
        return (
            f", a {abs(change.change_percent)}% {direction} from the {number(previous)} "
            f"{verb} in {self.last_label}"
        )

    def chance(self, value: int, previous: int) -> str:
        change = self.change(value, previous)
        if change.change == 0 or not change.within_chance:
            return ""
        return f" {VARIATION}"

    def more_or_fewer(self, value: int, previous: int) -> str:
        difference = value - previous
        if difference == 0:
            return f"the same as the {number(previous)} in {self.last_label}"
        word = "more" if difference > 0 else "fewer"
        return f"{number(abs(difference))} {word} than the {number(previous)} in {self.last_label}"

    # --- the sentences ------------------------------------------------------------------------

    def sentences(self) -> list[str]:
        procedure = self.now.complaints.procedure
        out = [self.received(procedure)]
        out += self.cohort()
        out.append(self.stages())
        if procedure == Procedure.CHILDREN:
            out += self.per_referral()
        out += self.escalation()
        out += self.outcomes()
        out += self.themes()
        if procedure == Procedure.CHILDREN:
            out += self.children()
        out += self.timeliness()
        out += self.ombudsman()
        out.append(self.compliments())
        out += self.subject_access()
        out += self.costs()
        out += self.equality()
        return [sentence for sentence in out if sentence]

    def received(self, procedure: str, *, chance: bool = True) -> str:
        """How many were received against last year; with `chance`, whether the change is
        within normal variation (said once, where the paper gives the count in full)."""
        now, before = self.now.complaints.received, self.before.complaints.received
        return (
            f"{number(now)} {NOUN[Procedure(procedure)]} were received"
            f"{self.count_phrase(now, before, 'received')}."
            + (self.chance(now, before) if chance else "")
        )

    def cohort(self) -> list[str]:
        """How the complaints received have ended at Stage 1 so far, route by route as the
        stage table counts them, in words right for one and for many."""
        c = self.now.complaints
        if not any(c.cohort[route] for route in ("resolved_by_adr", "withdrawn", "not_accepted")):
            return []
        parts = [
            f"{number(c.cohort[route])} {one if c.cohort[route] == 1 else many}"
            for route, (one, many) in COHORT_ROUTES.items()
            if c.cohort[route]
        ]
        still_open = c.received - sum(c.cohort.values())
        if still_open:
            parts.append(f"{number(still_open)} {'is' if still_open == 1 else 'are'} still open")
        listed = ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else parts[0]
        noun = "complaint" if c.received == 1 else "complaints"
        return [f"Of the {number(c.received)} {noun} received, {listed}."]

    def stage_lines(self) -> list[str]:
        """Each stage's complaints against last year's, one line each (the paper's list)."""
        lines = []
        for key, stage in self.now.complaints.stages.items():
            before = self.before.complaints.stages[key].received
            noun = "complaint was" if stage.received == 1 else "complaints were"
            lines.append(
                f"{number(stage.received)} {noun} considered at Stage {key} "
                f"compared to {number(before)} in {self.last_label}"
            )
        return lines

    def stages(self) -> str:
        return "; ".join(self.stage_lines()) + "."

    def per_referral(self) -> list[str]:
        now, before = self.now.complaints.per_referral, self.before.complaints.per_referral
        if not now.denominator:
            return []
        return [
            f"A complaint was received in {percent(now, 1)} of referrals to children's social "
            f"care ({number(now.numerator)} complaints and {number(now.denominator)} "
            f"referrals), {points(RateChange(now, before), 1)} on {self.last_label} "
            f"({percent(before, 1)})."
        ]

    def escalation(self) -> list[str]:
        now, before = self.now.complaints.escalation, self.before.complaints.escalation
        if "2" not in self.now.complaints.stages:
            return []
        period = now.period_rate
        return [
            f"{number(period.numerator)} Stage 2 requests were received against "
            f"{number(period.denominator)} Stage 1 responses, an escalation rate of "
            f"{percent(period)} (the period rate), "
            f"{self.more_or_fewer(period.numerator, before.period_rate.numerator)}.",
            f"Of the {number(now.cohort_rate.denominator)} complaints received in the period, "
            f"{number(now.cohort_rate.numerator)} ({percent(now.cohort_rate)}) have escalated "
            "to Stage 2 so far (the cohort rate).",
        ]

    def outcomes(self) -> list[str]:
        now = self.now.complaints.stages["1"].outcomes
        before = self.before.complaints.stages["1"].outcomes
        if not now.not_upheld_rate.denominator:
            return []
        return [
            f"{percent(now.not_upheld_rate)} of complaints responded to at Stage 1 were not "
            f"upheld ({number(now.not_upheld)} of {number(now.not_upheld_rate.denominator)}), "
            f"compared to {percent(before.not_upheld_rate)} in {self.last_label}; "
            f"{number(now.upheld)} {were(now.upheld)} upheld and "
            f"{number(now.partially_upheld)} partially upheld." + self.no_finding(now.no_finding)
        ]

    @staticmethod
    def no_finding(count: int) -> str:
        """The responses that determined nothing: every point "no finding", or no point
        recorded. They are outside the rates above, which count responses with findings."""
        if not count:
            return ""
        response = "response" if count == 1 else "responses"
        return (
            f" A further {number(count)} {response} made no finding (every point was "
            "unable to be determined, or no point was recorded); the rates leave "
            f"{'it' if count == 1 else 'them'} out."
        )

    def themes(self) -> list[str]:
        themes = self.now.complaints.stages["1"].themes
        if not themes:
            return []
        top = list(themes.items())[:3]
        names = [f"“{name}” ({number(t.complaints)} complaints)" for name, t in top]
        listed = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else names[0]
        rates = "; ".join(
            f"{percent(t.upheld_rate)} of points about “{name}” were upheld or partly upheld"
            for name, t in top
        )
        return [
            f"The main themes of complaints responded to at Stage 1 were {listed}.",
            f"{rates[0].upper()}{rates[1:]}.",
        ]

    def children(self) -> list[str]:
        """Complaints from children and with advocates, in the words of the counts shown: a
        withheld count (heard.reporting.disclosure) is left out, and so is any comparison
        with it."""
        c, before = self.now.complaints, self.before.complaints
        parts = []
        if not c.from_children.suppressed:
            part = (
                f"{number(c.from_children.count)} complaints were received directly from "
                "children or young people"
            )
            if not before.from_children.suppressed:
                part += f", compared to {number(before.from_children.count)} in {self.last_label}"
            parts.append(part)
        if not c.via_advocate.suppressed:
            parts.append(
                f"{number(c.via_advocate.count)} complaints were made with the help of an advocate"
            )
        if not c.advocacy_offered.suppressed:
            parts.append(f"advocacy was offered on {number(c.advocacy_offered.count)} complaints")
        if not parts:
            return []
        sentence = "; ".join(parts)
        return [f"{sentence[0].upper()}{sentence[1:]}."]

    def timeliness(self) -> list[str]:
        now = self.now.complaints.stages["1"].timeliness
        before = self.before.complaints.stages["1"].timeliness
        if not now.within_standard.denominator or now.standard_days is None:
            return []
        out = [
            f"{percent(now.within_maximum)} of Stage 1 complaints were responded to within "
            f"the maximum of {now.maximum_days} working days "
            f"({number(now.within_maximum.numerator)} of "
            f"{number(now.within_maximum.denominator)}), "
            f"{points(RateChange(now.within_maximum, before.within_maximum))} on "
            f"{self.last_label} ({percent(before.within_maximum)}).",
            f"{percent(now.within_standard)} were responded to within {now.standard_days} "
            f"working days, {points(RateChange(now.within_standard, before.within_standard))} "
            f"on {self.last_label} ({percent(before.within_standard)}).",
        ]
        if now.extended:
            out.append(
                f"{number(now.within_agreed.numerator)} of the {number(now.extended)} "
                "responses with an agreed extension met the extended date."
            )
        return out

    def ombudsman(self) -> list[str]:
        o, before = self.now.ombudsman, self.before.ombudsman
        if not o.received and not o.decided:
            return []
        by = o.received_by_decision
        parts = [
            (by[Decision.UPHELD], "investigated and upheld"),
            (by[Decision.NOT_UPHELD], "investigated and not upheld"),
            (by[Decision.PREMATURE], "referred back for local resolution"),
            (by[Decision.ASSESSED_AND_CLOSED], "closed after initial enquiries"),
            (by[Decision.NOT_IN_JURISDICTION], "outside the Ombudsman's jurisdiction"),
            (by[Decision.INVALID], "incomplete or invalid"),
            (by[Decision.ADVICE], "closed with advice given"),
            (o.awaiting_decision, "awaiting a decision"),
        ]
        items = [f"{number(n)} {were(n)} {words}" for n, words in parts if n]
        listed = ", ".join(items[:-1]) + f" and {items[-1]}" if len(items) > 1 else "".join(items)
        out = [
            f"The Local Government and Social Care Ombudsman received {number(o.received)} "
            f"representations, {self.more_or_fewer(o.received, before.received)}."
        ]
        if listed:
            cases = "case" if o.received == 1 else "cases"
            out.append(
                f"Of the {number(o.received)} {cases} the Ombudsman received in {self.span}, "
                f"{listed}."
            )
        out.append(self.ombudsman_decisions())
        return out + self.remedies()

    def ombudsman_decisions(self) -> str:
        """The decisions made in the year, whenever the cases arrived: a second base, so the
        sentence names it, and fault and maladministration said so they cannot contradict."""
        o = self.now.ombudsman
        decided = number(o.detailed_investigations)
        opening = (
            f"Of the decisions the Ombudsman made in {self.span}, {decided} followed a detailed "
            "investigation"
        )
        if not o.fault:
            return f"{opening}; it found no fault, and so made no finding of maladministration."
        judged = (
            "none of which it judged to be maladministration"
            if not o.maladministration
            else f"{number(o.maladministration)} of which it judged to be maladministration"
        )
        return f"{opening}; it found fault in {number(o.fault)}, {judged}."

    def remedies(self) -> list[str]:
        o = self.now.ombudsman
        out = []
        if o.remedies_due:
            out.append(
                f"{percent(o.remedies_complied)} of the remedies due in the period were "
                f"completed on time ({number(o.remedies_complied.numerator)} of "
                f"{number(o.remedies_due)})."
            )
        return out

    def compliments(self) -> str:
        now, before = self.now.compliments.received, self.before.compliments.received
        return (
            f"{number(now)} compliments were received, compared to {number(before)} in "
            f"{self.last_label}."
        )

    def subject_access(self) -> list[str]:
        s = self.now.subject_access
        if not s.received and not s.completed:
            return []
        return [
            f"{number(s.received)} subject access requests were received "
            f"({number(s.from_care_leavers)} from care leavers) and {number(s.completed)} "
            f"were completed, {percent(s.on_time)} of them on time."
        ]

    def costs(self) -> list[str]:
        now, before = self.now.costs.total, self.before.costs.total
        if not now and not before:
            return []
        change = now - before
        if change == 0:
            movement = f"the same as in {self.last_label}"
        else:
            word = "an increase" if change > 0 else "a decrease"
            movement = f"{word} of {money(abs(change))} on {money(before)} in {self.last_label}"
        return [
            f"The costs incurred through the complaints procedure were {money(now)}, {movement}."
        ]

    def equality(self) -> list[str]:
        e = self.now.complaints.equality["complainant_ethnicity"]
        if not e.total.count or e.completeness.withheld:
            return []  # a share worked from a withheld count would give it away
        return [
            f"Ethnicity was recorded for {percent(e.completeness)} of complainants "
            f"({number(e.completeness.numerator)} of {number(e.total.count)}); "
            f"{number(e.declined.count)} preferred not to say."
        ]


def write(current: Figures, previous: Figures) -> list[str]:
    return Writer(current, previous).sentences()
