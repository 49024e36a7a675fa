"""What differs between the complaint procedures the team runs (DOMAIN.md sections 2 and 3).

One complaint model and one transition table serve all three. Each procedure says here how
many stages it has, which steps of the table it leaves out, how its steps read, and its
acknowledgement period; Stage derives its deadlines from these rules in Python, and
StageQuerySet.with_deadlines() by the same rules in SQL.

- Children's social care (statutory, SI 2006/1738): three stages; periods in `periods`.
- Adult social care (statutory, SI 2009/309): one local stage, acknowledged within 3 working
  days; the response is due by the date agreed with the complainant, or six months after the
  complaint if none was agreed (the point at which the complainant must be told why there is
  no response). The date can be agreed again.
- Corporate (the Ombudsman's Complaint Handling Code): two stages, each acknowledged within
  5 working days; the response is due 10 working days after acknowledging at Stage 1 and 20 at
  Stage 2, extendable once by as much again, with a reason. Stage 2 is handled by someone other
  than the Stage 1 responder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from heard.complaints import periods
from heard.complaints.choices import ROLES_BY_STAGE, AppointmentRole, Procedure

ADULT_ACKNOWLEDGEMENT = 3  # SI 2009/309 reg 13: acknowledge within 3 working days
ADULT_RESPONSE_MONTHS = 6  # reg 14: tell the complainant why, if no response in 6 months
CORPORATE_ACKNOWLEDGEMENT = 5  # Complaint Handling Code 5.x / 6.x: within 5 working days
CORPORATE_RESPONSE = {1: 10, 2: 20}  # working days from acknowledgement
CORPORATE_EXTENSION = {1: 10, 2: 20}  # at most this much more, once, with a reason

#: Steps only the children's statutory procedure has.
CHILDREN_ONLY = frozenset(
    {
        "pause",
        "resume",
        "agree_statement",
        "hold_panel",
        "send_panel_report",
        "record_advocacy",
        "decide_sufficient_interest",
    }
)


@dataclass(frozen=True)
class ProcedureRules:
    procedure: str
    reference_prefix: str
    last_stage: int
    acknowledgement_period: Callable[[], int]
    left_out: frozenset[str] = frozenset()
    #: How a step reads in this procedure, where it differs from the table.
    labels: dict[str, str] = field(default_factory=dict)
    roles_by_stage: dict[int, frozenset[str]] = field(default_factory=lambda: ROLES_BY_STAGE)

    @property
    def label(self) -> str:
        return Procedure(self.procedure).label

    def refusal(self, name: str, stage_number: int) -> str | None:
        """Why this procedure has no such step at this stage, or None."""
        if name in self.left_out:
            return f"it is not part of the {self.label.lower()} procedure"
        if name == "escalate" and stage_number >= self.last_stage:
            return (
                f"the {self.label.lower()} procedure has no further stage: the complainant "
                "may go to the Ombudsman"
            )
        return None


RULES: dict[str, ProcedureRules] = {
    Procedure.CHILDREN: ProcedureRules(
        Procedure.CHILDREN, "CSC", 3, periods.acknowledgement_period
    ),
    Procedure.ADULTS: ProcedureRules(
        Procedure.ADULTS,
        "ASC",
        1,
        lambda: ADULT_ACKNOWLEDGEMENT,
        left_out=CHILDREN_ONLY,
        labels={"extend": "Agree the response date"},
        roles_by_stage={1: frozenset({AppointmentRole.RESPONDING_MANAGER})},
    ),
    Procedure.CORPORATE: ProcedureRules(
        Procedure.CORPORATE,
        "COR",
        2,
        lambda: CORPORATE_ACKNOWLEDGEMENT,
        left_out=CHILDREN_ONLY,
        roles_by_stage={
            1: frozenset({AppointmentRole.RESPONDING_MANAGER}),
            2: frozenset({AppointmentRole.RESPONDING_MANAGER}),
        },
    ),
}


def rules_for(procedure: str) -> ProcedureRules:
    return RULES[procedure]
