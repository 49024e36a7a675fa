"""The complaints log's columns and words (docs/import.md): the headings each column may
have, what each cell's words may mean, and the checked row one stage becomes.

heard.imports.complaints reads and checks a sheet with them; heard.imports.writing writes the
checked rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from heard.complaints.choices import (
    Channel,
    CostKind,
    Finding,
    NotAcceptedReason,
    Outcome,
    Procedure,
    Relationship,
    RemedyKind,
    StageStatus,
)
from heard.complaints.models import (
    Theme,
)
from heard.core.equality import AgeBand, Disability, Ethnicity, Gender
from heard.imports import cells
from heard.imports.cells import CellError, Choices, UnknownWord

COLUMNS: dict[str, set[str]] = {
    "reference": {"reference", "ref", "complaint reference", "case reference"},
    "procedure": {"procedure"},
    "stage": {"stage"},
    "received": {"received", "received date", "date received", "requested", "request date"},
    "acknowledged": {"acknowledged", "date acknowledged", "acknowledgement date"},
    "extended_to": {"extended to", "extension agreed date", "extended response date"},
    "extension_agreed": {"extension agreed", "extension agreed on"},
    "panel_held": {"panel held", "panel held on", "panel date"},
    "panel_report_sent": {"panel report sent", "panel report sent on"},
    "ended": {"ended", "response date", "responded", "date responded", "closed", "date closed"},
    "outcome": {"outcome", "route", "route outcome", "result"},
    "not_accepted_reason": {"not accepted reason", "reason not accepted"},
    "themes": {"themes", "theme"},
    "team": {"team", "service", "team or service"},
    "service_area": {"service area", "area", "directorate", "division"},
    "summary": {"summary"},
    "channel": {"channel", "how received"},
    "complainant": {"complainant", "complainant name"},
    "relationship": {"relationship", "complainant relationship", "relationship to the child"},
    "from_child": {"from a child", "from child", "child or young person"},
    "advocate": {"advocate", "with an advocate", "advocacy taken up"},
    "advocacy_offered": {"advocacy offered", "advocacy offered on"},
    "ethnicity": {"ethnicity", "complainant ethnicity"},
    "gender": {"gender", "complainant gender"},
    "age_band": {"age band", "complainant age band", "age"},
    "disability": {"disability", "complainant disability"},
    **{
        f"cost_{kind.value}": {kind.value.replace("_", " "), kind.label.casefold()}
        for kind in CostKind
    },
    "costs": {"costs", "cost"},
    # A remedy agreed at the stage, and a learning action raised from it (docs/import.md).
    "remedy": {"remedy", "remedy agreed", "what will be done", "redress"},
    "remedy_type": {"remedy type", "type of remedy"},
    "remedy_amount": {"remedy amount", "financial remedy", "compensation", "payment"},
    "remedy_owner": {"remedy owner", "remedy by", "remedy by whom"},
    "remedy_due": {"remedy due", "remedy due date", "remedy due by"},
    "remedy_completed": {"remedy completed", "remedy done", "remedy completed on"},
    "learning": {
        "learning action",
        "learning",
        "lessons learned",
        "lesson learned",
        "learning point",
    },
    "learning_theme": {"learning theme", "learning action theme"},
    "learning_owner": {"learning owner", "learning action owner"},
    "learning_due": {"learning due", "learning action due", "learning due date"},
    "learning_completed": {"learning completed", "learning action completed", "learning done"},
}
COLUMNS["cost_advocacy"] |= {"advocacy cost", "advocacy costs"}
COLUMNS["cost_other"] |= {"other cost", "other costs"}
REQUIRED = ("reference", "stage", "received", "team")

PROCEDURES = Choices(
    "a procedure",
    Procedure.choices,
    {
        "children's social care": Procedure.CHILDREN,
        "children's": Procedure.CHILDREN,
        "csc": Procedure.CHILDREN,
        "childrens": Procedure.CHILDREN,
        "statutory": Procedure.CHILDREN,
        "adult social care": Procedure.ADULTS,
        "asc": Procedure.ADULTS,
        "adult": Procedure.ADULTS,
        "cor": Procedure.CORPORATE,
    },
    vocabulary="procedure",
)
#: An outcome is how a stage ended: a finding, or a route that is not one.
OPEN = "open"
ROUTES = Choices(
    "an outcome or route",
    [
        (Outcome.UPHELD, "Upheld"),
        (Outcome.PARTIALLY_UPHELD, "Partially upheld"),
        (Outcome.NOT_UPHELD, "Not upheld"),
        (Outcome.NO_FINDING, "No finding"),
        (StageStatus.RESPONDED, "Responded"),
        ("adr", "ADR"),
        (StageStatus.WITHDRAWN, "Withdrawn"),
        (StageStatus.NOT_ACCEPTED, "Not accepted"),
        ("escalated", "Escalated without a response"),
        (OPEN, "Open"),
    ],
    {
        "partly upheld": Outcome.PARTIALLY_UPHELD,
        "part upheld": Outcome.PARTIALLY_UPHELD,
        "partially": Outcome.PARTIALLY_UPHELD,
        "partial": Outcome.PARTIALLY_UPHELD,
        "resolved by adr": "adr",
        "resolved through adr": "adr",
        "alternative dispute resolution": "adr",
        "resolved by alternative dispute resolution": "adr",
        "rejected": StageStatus.NOT_ACCEPTED,
        "escalated unanswered": "escalated",
        "in progress": OPEN,
        "no finding (unable to determine)": Outcome.NO_FINDING,
        "unable to determine": Outcome.NO_FINDING,
        "undetermined": Outcome.NO_FINDING,
    },
    vocabulary="outcome",
)
#: Routes that are a response with findings, and the routes a next stage can follow.
OUTCOME_ROUTES = frozenset(Outcome.values)
RESPONDED_ROUTES = OUTCOME_ROUTES | {StageStatus.RESPONDED.value}
LEADING_ON = RESPONDED_ROUTES | {"escalated"}
STATUS_OF_ROUTE = {
    Outcome.UPHELD: StageStatus.RESPONDED,
    Outcome.PARTIALLY_UPHELD: StageStatus.RESPONDED,
    Outcome.NOT_UPHELD: StageStatus.RESPONDED,
    Outcome.NO_FINDING: StageStatus.RESPONDED,
    StageStatus.RESPONDED: StageStatus.RESPONDED,
    "adr": StageStatus.RESOLVED_BY_ADR,
    StageStatus.WITHDRAWN: StageStatus.WITHDRAWN,
    StageStatus.NOT_ACCEPTED: StageStatus.NOT_ACCEPTED,
    "escalated": StageStatus.ESCALATED_UNANSWERED,
    OPEN: StageStatus.IN_PROGRESS,
}
FINDINGS = Choices(
    "a finding",
    Finding.choices,
    {"partly upheld": Finding.PARTIALLY_UPHELD, "partially": Finding.PARTIALLY_UPHELD},
    vocabulary="finding",
)
REMEDY_KINDS = Choices(
    "a type of remedy",
    RemedyKind.choices,
    {
        "financial": RemedyKind.FINANCIAL,
        "payment": RemedyKind.FINANCIAL,
        "compensation": RemedyKind.FINANCIAL,
        "money": RemedyKind.FINANCIAL,
        "apologise": RemedyKind.APOLOGY,
        "apology letter": RemedyKind.APOLOGY,
        "change to service": RemedyKind.SERVICE_CHANGE,
        "service improvement": RemedyKind.SERVICE_CHANGE,
    },
    vocabulary="remedy_type",
)
REASONS = Choices(
    "a reason a complaint is not accepted",
    NotAcceptedReason.choices,
    vocabulary="not_accepted_reason",
)
RELATIONSHIPS = Choices(
    "a relationship",
    Relationship.choices,
    {
        "child": Relationship.CHILD,
        "young person": Relationship.CHILD,
        "mother": Relationship.PARENT,
        "father": Relationship.PARENT,
        "carer": Relationship.FOSTER_CARER,
        "self": Relationship.SELF,
        "service user": Relationship.SELF,
        "other": Relationship.SUFFICIENT_INTEREST,
    },
    vocabulary="relationship",
    suggest=Relationship.SUFFICIENT_INTEREST,
)
CHANNELS = Choices(
    "a way a complaint is received",
    Channel.choices,
    {"online": Channel.WEB_FORM},
    vocabulary="channel",
)
EQUALITY = {
    "ethnicity": Choices(
        "an ethnicity (ONS 2021)",
        Ethnicity.choices,
        {"white british": Ethnicity.WHITE_BRITISH, "unknown": Ethnicity.NOT_KNOWN},
        vocabulary="ethnicity",
    ),
    "gender": Choices("a gender", Gender.choices, vocabulary="gender"),
    "age_band": Choices("an age band", AgeBand.choices, vocabulary="age_band"),
    "disability": Choices("a disability answer", Disability.choices, vocabulary="disability"),
}
#: A point whose theme the log did not record (an outcome given for the stage alone): it is
#: written under the theme "Theme not recorded" (heard.imports.writing).
THEME_NOT_RECORDED = -1
THEME_NOT_RECORDED_NAME = "Theme not recorded"
#: The vocabulary of theme names: a council's answer is a theme's id.
THEME_VOCABULARY = "theme"
#: Shorter names for the default themes that complaints logs often use.
THEME_SYNONYMS = {
    "quality of service": "Quality or appropriateness of service",
    "staff conduct": "Staff conduct or attitude",
    "procedures": "Policy or procedure",
    "procedure": "Policy or procedure",
    "policy": "Policy or procedure",
    "sensitivity empathy of staff": "Sensitivity or empathy of staff",
    "decision making": "Professional decision making",
}
OWN_REFERENCE = re.compile(r"^(?P<prefix>[A-Z]{3})-(?P<year>\d{4})-(?P<number>\d{1,9})$")


@dataclass
class StageRow:
    row: int
    reference: str
    number: int
    received: date
    acknowledged: date | None
    extended_to: date | None
    extension_agreed: date | None
    panel_held: date | None
    panel_report_sent: date | None
    ended: date | None
    route: str
    not_accepted_reason: str
    themes: tuple[tuple[int, str], ...]  # (theme id, explicit finding or "")
    costs: dict[str, Decimal]
    complaint: dict[str, Any] = field(default_factory=dict)
    #: The remedy agreed at this stage and the learning action raised, as the models'
    #: fields (agreed and raised on the stage's end, or its start if it is open).
    remedy: dict[str, Any] | None = None
    learning: dict[str, Any] | None = None
    #: The council's own words the row used, as written: (vocabulary, word).
    recorded: tuple[tuple[str, str], ...] = ()


class ThemeMatcher:
    def __init__(self) -> None:
        self.by_key = {cells.key(name): pk for pk, name in Theme.objects.values_list("pk", "name")}
        for short, name in THEME_SYNONYMS.items():
            if cells.key(name) in self.by_key:
                self.by_key.setdefault(cells.key(short), self.by_key[cells.key(name)])
        #: The theme for something that names none ("Other", if the council has it).
        self.fallback = self.by_key.get(cells.key("Other"))

    def read(self, value: str) -> int:
        wanted = cells.key(value)
        if wanted in self.by_key:
            return self.by_key[wanted]
        starting = {pk for k, pk in self.by_key.items() if k.startswith(wanted)}
        if len(starting) == 1:
            return starting.pop()
        # A theme the council said this word means ("add it as a new theme" made one).
        meaning = cells.council_meaning(THEME_VOCABULARY, value)
        if meaning is not None:
            return int(meaning)
        raise UnknownWord([(THEME_VOCABULARY, value)])

    def read_all(self, value: object) -> tuple[tuple[int, str], ...]:
        """ "Delay; Communication = upheld": theme ids, each with its finding if given.
        Every word in the cell that is not known yet is asked about at once."""
        out: list[tuple[int, str]] = []
        unknown: list[tuple[str, str]] = []
        for item in cells.text(value).split(";"):
            if not item.strip():
                continue
            name, _, finding = item.partition("=")
            try:
                theme = self.read(name.strip())
                found = FINDINGS.read(finding) if finding.strip() else ""
            except UnknownWord as question:
                unknown += question.words
                continue
            if any(theme == seen for seen, _ in out):
                raise CellError(f"“{name.strip()}” is given twice")
            out.append((theme, found))
        if unknown:
            raise UnknownWord(unknown)
        return tuple(out)


ROUTES_LABEL = {
    "adr": "resolved by ADR",
    StageStatus.WITHDRAWN: "withdrawn",
    StageStatus.NOT_ACCEPTED: "not accepted",
    OPEN: "open",
}


#: Words for the informal (pre-complaint) stage before Stage 1 (heard.imports.informal).
INFORMAL_STAGE = {
    "0",
    "informal",
    "informal stage",
    "informal complaint",
    "informal resolution",
    "pre-complaint",
    "pre complaint",
    "precomplaint",
    "early resolution",
}


def stage_number(value: object) -> int:
    """1, 2 or 3; or 0 for the informal stage."""
    raw = cells.key(value).removeprefix("stage").strip()
    if raw in INFORMAL_STAGE or cells.key(value) in INFORMAL_STAGE:
        return 0
    if raw not in ("1", "2", "3"):
        raise CellError(
            f"“{cells.text(value)}” is not a stage: use 1, 2 or 3, or informal for a stage "
            "before Stage 1"
        )
    return int(raw)


def finding_of(route: str) -> str:
    findings: dict[str, str] = {
        Outcome.UPHELD: Finding.UPHELD,
        Outcome.PARTIALLY_UPHELD: Finding.PARTIALLY_UPHELD,
        Outcome.NOT_UPHELD: Finding.NOT_UPHELD,
        Outcome.NO_FINDING: Finding.NO_FINDING,
    }
    return findings[route]
