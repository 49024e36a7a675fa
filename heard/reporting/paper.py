"""The report as a committee paper: its parts, in the order the council's template puts them,
each with the words Heard writes from the figures as the starting point.

The seeds (../shared/seeds) are papers a complaints manager tables before councillors: a
cover, purpose, policy framework, background, the findings, compliments, recurring themes,
actions, resource implications, conclusions, recommendations and officers to contact, with
the statistics behind them as an appendix. `PARTS` is every part Heard can write; a council's
`PaperTemplate` gives the headings and their order, and may add parts of its own, which only
the manager's words fill. A part's words are plain text: a blank line parts paragraphs, and
a line that starts with a dash is an item in a list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings

from heard.complaints.choices import Procedure
from heard.core.text import printable
from heard.reporting.code import MEETS_WORDS, assessment_table
from heard.reporting.document import Block, Part
from heard.reporting.narrative import NOUN, Writer, money, number

if TYPE_CHECKING:
    from heard.reporting.report import Report

#: Each procedure's report, as its title names it.
TITLES = {
    Procedure.CHILDREN: "Children's social care statutory complaints and compliments",
    Procedure.ADULTS: "Adult social care complaints and compliments",
    Procedure.CORPORATE: "Corporate complaints and compliments",
}


@dataclass(frozen=True)
class Kind:
    """A part Heard knows: its usual heading, what goes in it, and the procedures it is for
    (every one when empty)."""

    heading: str
    hint: str
    procedures: tuple[str, ...] = ()
    #: Paragraphs numbered, as a committee paper numbers them (not the contacts or the list
    #: of appendices).
    numbered: bool = True


PARTS: dict[str, Kind] = {
    "purpose": Kind("Purpose of the report", "Why the paper is before the committee."),
    "policy": Kind(
        "Policy framework and previous decisions",
        "The law or code the procedure follows, and the duty to report on it.",
    ),
    "background": Kind("Background", "Who handles complaints, and under which procedures."),
    "key_messages": Kind("Key messages", "The few things a councillor should take away."),
    "received": Kind(
        "Complaints received and outcomes",
        "How many were received at each stage, against last year, and how they ended.",
    ),
    "timeliness": Kind("Timeliness", "How quickly complaints were answered."),
    "who": Kind(
        "Who complained",
        "Complaints from children and young people, advocacy, and how complete the equality "
        "information is.",
    ),
    "ombudsman": Kind(
        "The Local Government and Social Care Ombudsman", "What the Ombudsman received and decided."
    ),
    "compliments": Kind(
        "Compliments received", "How many compliments were received, and a few in full."
    ),
    "themes": Kind(
        "Recurring themes and learning", "What complaints were about, and what they taught."
    ),
    "actions": Kind(
        "Actions taken and planned to improve",
        "What the service changed because of complaints, and what it will do next.",
    ),
    "code": Kind(
        "Self-assessment against the Complaint Handling Code",
        "How the council meets the Ombudsman's Complaint Handling Code, with evidence and any "
        "part it does not yet meet.",
        procedures=(Procedure.CORPORATE,),
    ),
    "refused": Kind(
        "Complaints not accepted and why",
        "The kinds of complaint refused, and the reasons.",
        procedures=(Procedure.CORPORATE,),
    ),
    "improvements": Kind(
        "Service improvements",
        "What services changed because of complaints this year.",
        procedures=(Procedure.CORPORATE,),
    ),
    "response": Kind(
        "The governing body's response",
        "The response of the committee or cabinet member responsible for complaints.",
        procedures=(Procedure.CORPORATE,),
    ),
    "costs": Kind("Resource implications", "What the procedure cost, and what the actions need."),
    "conclusions": Kind("Conclusions", "What the year shows, in the manager's judgement."),
    "recommendations": Kind("Recommendation", "What the committee is asked to do."),
    "contacts": Kind(
        "Officers to contact", "Name, role, telephone and email, one line each.", numbered=False
    ),
    "appendices": Kind(
        "List of appendices", "The appendices that go with the paper.", numbered=False
    ),
}

#: The seeds' order: compliments before the recurring themes, actions before the resources.
ANNUAL = [
    "purpose",
    "policy",
    "background",
    "key_messages",
    "received",
    "timeliness",
    "who",
    "ombudsman",
    "compliments",
    "themes",
    "actions",
    "code",
    "refused",
    "improvements",
    "response",
    "costs",
    "conclusions",
    "recommendations",
    "contacts",
    "appendices",
]
#: The quarterly report for senior leaders: performance, not the full statutory account.
QUARTERLY = ["purpose", "key_messages", "received", "timeliness", "themes", "actions", "contacts"]

#: The appendices every edition carries after the paper.
APPENDICES = [
    ("A", "The statistics"),
    ("B", "How the figures are counted"),
    ("C", "The reconciliation checks"),
]

#: The law or code each procedure's paper states.
POLICY = {
    Procedure.CHILDREN: [
        "The Children Act 1989 Representations Procedure (England) Regulations 2006 set out "
        "the policy framework against which children's social care complaints are considered.",
        "Each financial year the local authority must publish an annual report on the "
        "representations made to it (regulation 13(3)).",
    ],
    Procedure.ADULTS: [
        "The Local Authority Social Services and National Health Service Complaints "
        "(England) Regulations 2009 set out how adult social care complaints are handled.",
        "Each year the council must prepare an annual report on the complaints it received, "
        "and make it available to anyone who asks (regulation 18).",
    ],
    Procedure.CORPORATE: [
        "Corporate complaints have no statutory procedure. The council follows the Local "
        "Government and Social Care Ombudsman's Complaint Handling Code.",
        "The Code asks the council to publish each year an annual complaints performance and "
        "service improvement report, with its self-assessment against the Code and the "
        "response of its governing body.",
    ],
}

PROCEDURES = [
    "Adult social care complaints, a statutory procedure",
    "Children's social care complaints, a statutory procedure",
    "Corporate complaints, which follow the Ombudsman's Complaint Handling Code, for the "
    "council's other services",
]


@dataclass(frozen=True)
class LearningItem:
    """One learning action raised in the period, as the actions part lists it."""

    theme: str
    description: str
    completed_on: date | None
    due_on: date | None


@dataclass(frozen=True)
class Setup:
    """A report's paper, read once when the report is built (the renderers do not query):
    the council's template and the manager's words for this report."""

    #: (key, heading) in the paper's order.
    parts: list[tuple[str, str]]
    committee: str = ""
    report_of: str = ""
    logo: bytes = b""
    logo_type: str = ""
    meeting_on: date | None = None
    words: dict[str, str] = field(default_factory=dict)
    quotes: list[str] = field(default_factory=list)
    learning: list[LearningItem] = field(default_factory=list)
    #: Stages not accepted in the period, by the reason's label.
    refused: dict[str, int] = field(default_factory=dict)
    #: The self-assessment against the Complaint Handling Code (heard.reporting.code).
    assessment: list[dict[str, str]] = field(default_factory=list)

    def data(self) -> dict[str, Any]:
        return {
            "committee": self.committee,
            "report_of": self.report_of,
            "meeting_on": self.meeting_on.isoformat() if self.meeting_on else None,
            "quotes": self.quotes,
            "assessment": self.assessment,
        }


def default_parts(procedure: str, kind: str) -> list[tuple[str, str]]:
    """The parts a paper has before the council changes its template."""
    keys = ANNUAL if kind == "annual" else QUARTERLY
    return [
        (key, PARTS[key].heading)
        for key in keys
        if not PARTS[key].procedures or procedure in PARTS[key].procedures
    ]


def offered(procedure: str) -> list[str]:
    """The parts Heard can write for a procedure's paper."""
    return [
        key for key, kind in PARTS.items() if not kind.procedures or procedure in kind.procedures
    ]


def lines(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def paragraphs(*blocks: str) -> str:
    return "\n\n".join(block for block in blocks if block)


class Words:
    """The words Heard writes for each part from the figures: the starting point the
    manager edits."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.writer = Writer(report.current, report.previous)
        self.period = report.current.period.label
        self.procedure = Procedure(report.procedure)
        self.write: dict[str, Callable[[], str]] = {
            "purpose": self.purpose,
            "policy": lambda: paragraphs(*POLICY[self.procedure]),
            "background": self.background,
            "key_messages": self.key_messages,
            "received": self.received,
            "timeliness": lambda: paragraphs(*self.writer.timeliness()),
            "who": self.who,
            "ombudsman": self.ombudsman,
            "compliments": self.compliments,
            "themes": self.themes,
            "actions": self.actions,
            "code": self.code,
            "refused": self.refused,
            "improvements": self.improvements,
            "response": self.response,
            "costs": self.costs,
            "conclusions": self.conclusions,
            "recommendations": self.recommendations,
            "contacts": self.contacts,
            "appendices": lambda: lines([f"Appendix {n}: {title}" for n, title in APPENDICES]),
        }

    def __call__(self, key: str) -> str:
        """The part's words: Heard's, or nothing for a part of the council's own."""
        write = self.write.get(key)
        return write() if write else ""

    @property
    def committee(self) -> str:
        """The committee, as a sentence names it: "the Scrutiny Commission"."""
        name = self.report.paper.committee or "committee"
        return name if name.lower().startswith("the ") else f"the {name}"

    def purpose(self) -> str:
        noun = "annual report" if self.report.kind == "annual" else "quarterly performance report"
        return (
            f"The purpose of this report is to present for {self.committee}'s consideration "
            f"the {TITLES[self.procedure].lower()} {noun} for {self.period}."
        )

    def background(self) -> str:
        return paragraphs(
            f"The complaints team at {settings.HEARD_ORGANISATION_NAME} manages and "
            "co-ordinates complaints under three procedures:",
            lines(PROCEDURES),
            f"This report is about {NOUN[self.procedure]}. It also reports the compliments "
            "received about the same services, and the Ombudsman's cases about them.",
        )

    def key_messages(self) -> str:
        w = self.writer
        picked = [w.received(self.procedure, chance=False), *w.outcomes()[:1]]
        picked += w.timeliness()[:1] + w.ombudsman()[:1] + [w.compliments()]
        picked += w.subject_access()
        return lines([sentence.rstrip(".") for sentence in picked])

    def received(self) -> str:
        w = self.writer
        return paragraphs(
            w.received(self.procedure),
            *w.cohort(),
            f"The number of complaints considered at each stage in {self.period}:",
            lines(w.stage_lines()),
            *(w.per_referral() if self.procedure == Procedure.CHILDREN else []),
            *w.escalation(),
            *w.outcomes(),
        )

    def who(self) -> str:
        w = self.writer
        return paragraphs(
            *(w.children() if self.procedure == Procedure.CHILDREN else []), *w.equality()
        )

    def ombudsman(self) -> str:
        return paragraphs(*self.writer.ombudsman())

    def compliments(self) -> str:
        quotes = self.report.paper.quotes
        chosen = " A selection of them follows." if quotes else ""
        return self.writer.compliments() + chosen

    def themes(self) -> str:
        return paragraphs(*self.writer.themes())

    def actions(self) -> str:
        items = self.report.paper.learning
        if not items:
            return (
                f"No learning action was recorded on a complaint in {self.period}. Actions "
                "recorded on a complaint's page are listed here."
            )
        return paragraphs(
            f"In response to the complaints received, these actions were agreed in {self.period}:",
            lines([self.action(item) for item in items]),
        )

    @staticmethod
    def action(item: LearningItem) -> str:
        words = printable(item.description, lines=False).rstrip(".")
        if item.completed_on:
            return f"{words} ({item.theme}; done {item.completed_on:%B %Y})"
        if item.due_on:
            return f"{words} ({item.theme}; due {item.due_on:%B %Y})"
        return f"{words} ({item.theme})"

    def code(self) -> str:
        rows = self.report.paper.assessment
        if not rows:
            return f"No self-assessment against the Code has been recorded for {self.period} yet."
        counts = {meets: sum(row["meets"] == meets for row in rows) for meets in MEETS_WORDS}
        unanswered = len(rows) - sum(counts.values())
        parts = [f"meets {number(counts['yes'])} in full"]
        parts.append(f"{number(counts['partly'])} in part")
        parts.append(f"does not yet meet {number(counts['no'])}")
        if unanswered:
            parts.append(f"has still to answer {number(unanswered)}")
        listed = ", ".join(parts[:-1]) + f" and {parts[-1]}"
        return (
            f"The council has assessed itself against the {number(len(rows))} areas of the "
            f"Complaint Handling Code: it {listed}. The assessment, with the evidence and "
            "where the council falls short, is set out below."
        )

    def refused(self) -> str:
        refused = self.report.paper.refused
        total = sum(refused.values())
        if not total:
            return f"Every complaint made in {self.period} was accepted into the procedure."
        return paragraphs(
            f"{number(total)} {'complaint was' if total == 1 else 'complaints were'} not "
            f"accepted in {self.period}, for these reasons:",
            lines([f"{label}: {number(n)}" for label, n in refused.items()]),
        )

    def improvements(self) -> str:
        done = [item for item in self.report.paper.learning if item.completed_on]
        if not done:
            return f"No service improvement recorded on a complaint was completed in {self.period}."
        return paragraphs(
            "Because of complaints, services made these changes:",
            lines([self.action(item) for item in done]),
        )

    def response(self) -> str:
        return (
            f"{self.committee[0].upper()}{self.committee[1:]}'s response to this report will be "
            "recorded here once it has considered it."
        )

    def costs(self) -> str:
        f = self.report.current.costs
        out = self.writer.costs()
        if f.remedy_payments:
            out.append(
                f"Financial remedies of {money(f.remedy_payments)} were agreed, recorded "
                "separately from the cost of the procedure."
            )
        return paragraphs(*out) or f"No cost was recorded against the procedure in {self.period}."

    def conclusions(self) -> str:
        c = self.report.current.complaints
        findings = self.writer.outcomes()[:1]
        return paragraphs(
            f"Overall, {number(c.received)} {NOUN[self.procedure]} were received in "
            f"{self.period}." + (f" {findings[0]}" if findings else ""),
            "Every figure in this report is counted from the council's case records, and "
            "each stage's figures reconcile (Appendix C).",
        )

    def recommendations(self) -> str:
        return (
            f"That {self.committee} notes the contents of this report and the actions taken "
            "and planned to improve how complaints are handled."
        )

    def contacts(self) -> str:
        email = (settings.HEARD_COMPLAINTS_TEAM_EMAILS or [""])[0]
        return lines([f"Complaints Manager, {settings.HEARD_ORGANISATION_NAME}, {email}"])


def written(words: str) -> list[Block]:
    """A part's words as blocks, in the order written: a paragraph (its lines joined) with
    the list that follows it; either may be empty."""
    blocks: list[Block] = []
    for chunk in printable(words).replace("\r\n", "\n").split("\n\n"):
        current: Block | None = None
        for line in (line.strip() for line in chunk.splitlines()):
            if not line:
                continue
            if line[0] in "-*•":
                if current is None:
                    current = Block()
                    blocks.append(current)
                current.items.append(line[1:].strip())
            elif current is None or current.items:
                current = Block(line)
                blocks.append(current)
            else:
                current.text = f"{current.text} {line}"
    return blocks


#: The charts drawn in a part (heard.reporting.charts); a chart whose part the template
#: leaves out is drawn in Appendix A instead.
CHARTS = {
    "received": ["trend", "outcomes_chart"],
    "timeliness": ["timeliness_chart"],
    "themes": ["themes_chart"],
}

#: Compliments quoted when the manager has chosen none.
QUOTED = 3


def chosen_quotes(chosen: list[str], published: list[str]) -> list[str]:
    """The quotes the paper prints: those the manager chose that may still be published (a
    quote whose consent was withdrawn drops out), or else the first few different ones."""
    allowed = set(published)
    if chosen:
        return [quote for quote in chosen if quote in allowed]
    return list(dict.fromkeys(published))[:QUOTED]


def assemble(
    parts: list[dict[str, Any]], quotes: list[str], assessment: list[dict[str, str]]
) -> list[Part]:
    """The paper's parts with their words as blocks, paragraphs numbered through the paper
    as a committee paper numbers them."""
    out, n = [], 0
    for data in parts:
        key = data["key"]
        part = Part(key, data["heading"], written(data["words"]), charts=CHARTS.get(key, []))
        if key not in PARTS or PARTS[key].numbered:
            for block in part.blocks:
                if block.text:
                    n += 1
                    block.number = n
        if key == "compliments":
            part.quotes = [printable(quote) for quote in quotes]
        if key == "code" and assessment:
            part.tables = [assessment_table(assessment)]
        out.append(part)
    return out
