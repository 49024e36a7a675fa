"""The one transition table of the children's statutory procedure.

Every step a case can take is listed here with the stage statuses it may be taken from, for each
stage number. The model methods check this table on the server before they change anything,
and the screens use the same table (`available`) to decide which actions to offer.

A step always applies to the complaint's *current* stage: once a case has moved to Stage 2,
nothing more is recorded against Stage 1.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from heard.complaints.choices import (
    ENDED_STAGE_STATUSES,
    OPEN_STAGE_STATUSES,
    ComplaintStatus,
    Procedure,
    StageStatus,
)
from heard.complaints.procedures import rules_for
from heard.core.errors import TransitionNotAllowed

if TYPE_CHECKING:
    from heard.complaints.models import Stage

S = StageStatus
_OPEN_WORK = frozenset({S.IN_PROGRESS, S.PAUSED})


Guard = Callable[["Stage", date], "str | None"]


def _unless(condition: Callable[[Stage, date], bool], reason: str) -> Guard:
    def guard(stage: Stage, on: date) -> str | None:
        return reason if condition(stage, on) else None

    return guard


def _acknowledged(stage: Stage, on: date) -> bool:
    return stage.acknowledged_on is not None


def _extended_once(stage: Stage, on: date) -> bool:
    """Children's Stage 1 and corporate stages are extended once; an adult social care
    response date may be agreed again."""
    if stage.extended_to is None:
        return False
    procedure = stage.complaint.procedure
    return procedure == Procedure.CORPORATE or (
        procedure == Procedure.CHILDREN and stage.number == 1
    )


def _paused_before(stage: Stage, on: date) -> bool:
    return stage.paused_on is not None


def _statement_agreed(stage: Stage, on: date) -> bool:
    return stage.statement_agreed_on is not None


def _io_report_in(stage: Stage, on: date) -> bool:
    return stage.io_report_on is not None


def _io_report_missing(stage: Stage, on: date) -> bool:
    return stage.io_report_on is None


def _ip_report_in(stage: Stage, on: date) -> bool:
    return stage.ip_report_on is not None


def _adjudicated(stage: Stage, on: date) -> bool:
    return stage.adjudicated_on is not None


def _recommendation_unanswered(stage: Stage, on: date) -> bool:
    return stage.number == 3 and stage.recommendations.filter(response="").exists()


def _every_recommendation_answered(stage: Stage, on: date) -> bool:
    return not _recommendation_unanswered(stage, on)


def _qualifying_person(stage: Stage, on: date) -> bool:
    return not stage.complaint.needs_sufficient_interest


def _interest_decided(stage: Stage, on: date) -> bool:
    return bool(stage.complaint.sufficient_interest_decision)


def _within_time(stage: Stage, on: date) -> bool:
    return not stage.complaint.is_out_of_time


def _time_limit_decided(stage: Stage, on: date) -> bool:
    return bool(stage.complaint.out_of_time_decision)


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    #: How the step reads on the case's timeline once taken.
    done: str
    #: Allowed statuses of the current stage, by stage number. A missing number: not allowed.
    sources: Mapping[int, frozenset[str]]
    #: The stage's status afterwards; None leaves it unchanged.
    target: str | None = None
    #: A decision's status afterwards when it refuses the complaint (None: it has no such
    #: end). A refusal under regulation 9 is the decision not to accept the complaint, so it
    #: ends the stage in the same step: one decision, one step (issue 32).
    if_refused: str | None = None
    complaint_statuses: frozenset[str] = frozenset({ComplaintStatus.OPEN})
    #: Further conditions on the case's state; each returns why the step is not allowed.
    guards: tuple[Guard, ...] = field(default=())


def _every_stage(statuses: Iterable[str]) -> dict[int, frozenset[str]]:
    allowed = frozenset(statuses)
    return {1: allowed, 2: allowed, 3: allowed}


def _escalation_blocked(stage: Stage, on: date) -> bool:
    if stage.status == S.RESPONDED:
        return False
    # DOMAIN.md: a complainant may go to Stage 2 because Stage 1 was not answered on time.
    due = stage.response_due
    return due is None or due >= on


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        # The statutory decisions about the complaint itself (regulation 9; Children Act 1989
        # s.26A), recorded on the current stage like any other step.
        Transition(
            "record_advocacy",
            "Record the offer of an advocate",
            "Advocacy recorded",
            _every_stage(OPEN_STAGE_STATUSES),
        ),
        Transition(
            "decide_sufficient_interest",
            "Decide whether the complainant has sufficient interest",
            "Sufficient-interest decision recorded",
            {1: _OPEN_WORK},
            if_refused=S.NOT_ACCEPTED,
            guards=(
                _unless(
                    _qualifying_person,
                    "the complainant is a qualifying person, so no decision is needed",
                ),
                _unless(_interest_decided, "the decision has already been recorded"),
            ),
        ),
        Transition(
            "decide_out_of_time",
            "Decide whether to accept the complaint out of time",
            "Time-limit decision recorded",
            {1: _OPEN_WORK},
            if_refused=S.NOT_ACCEPTED,
            guards=(
                _unless(
                    _within_time,
                    "the complaint was made within a year of the matter, so no decision is needed",
                ),
                _unless(_time_limit_decided, "the decision has already been recorded"),
            ),
        ),
        Transition(
            "acknowledge",
            "Acknowledge",
            "Acknowledged",
            {1: _OPEN_WORK, 2: frozenset({S.IN_PROGRESS}), 3: frozenset({S.IN_PROGRESS})},
            guards=(_unless(_acknowledged, "already acknowledged"),),
        ),
        Transition(
            "extend",
            "Extend the response time",
            "Response time extended",
            {1: frozenset({S.IN_PROGRESS}), 2: frozenset({S.IN_PROGRESS})},
            guards=(_unless(_extended_once, "the response time can be extended only once"),),
        ),
        Transition(
            "pause",
            "Pause while an advocate is found",
            "Paused while an advocate is found",
            {1: frozenset({S.IN_PROGRESS})},
            target=S.PAUSED,
            guards=(
                _unless(
                    _paused_before,
                    "Stage 1 has already been paused for advocacy once",
                ),
            ),
        ),
        Transition(
            "resume",
            "Resume after advocacy",
            "Resumed after advocacy",
            {1: frozenset({S.PAUSED})},
            target=S.IN_PROGRESS,
        ),
        Transition(
            "agree_statement",
            "Record the agreed statement of complaint",
            "Statement of complaint agreed",
            {2: frozenset({S.IN_PROGRESS})},
            guards=(_unless(_statement_agreed, "already agreed"),),
        ),
        Transition(
            "receive_io_report",
            "Record the investigating officer's report",
            "Investigating officer's report received",
            {2: frozenset({S.IN_PROGRESS})},
            guards=(_unless(_io_report_in, "already received"),),
        ),
        Transition(
            "receive_ip_report",
            "Record the independent person's report",
            "Independent person's report received",
            {2: frozenset({S.IN_PROGRESS})},
            guards=(_unless(_ip_report_in, "already received"),),
        ),
        Transition(
            "adjudicate",
            "Record the adjudication",
            "Adjudication recorded",
            {2: frozenset({S.IN_PROGRESS})},
            guards=(
                _unless(_adjudicated, "already recorded"),
                _unless(
                    _io_report_missing,
                    "the adjudication follows the investigating officer's report",
                ),
            ),
        ),
        Transition(
            "appoint",
            "Appoint",
            "Appointed",
            {1: _OPEN_WORK, 2: frozenset({S.IN_PROGRESS}), 3: frozenset({S.IN_PROGRESS})},
        ),
        Transition(
            "record_finding",
            "Record a finding",
            "Finding recorded",
            {
                1: _OPEN_WORK,
                2: frozenset({S.IN_PROGRESS}),
                3: frozenset({S.IN_PROGRESS, S.PANEL_HELD, S.PANEL_REPORTED}),
            },
        ),
        Transition(
            "hold_panel",
            "Record the panel meeting",
            "Panel held",
            {3: frozenset({S.IN_PROGRESS})},
            target=S.PANEL_HELD,
        ),
        Transition(
            "send_panel_report",
            "Record the panel's report",
            "Panel's report sent",
            {3: frozenset({S.PANEL_HELD})},
            target=S.PANEL_REPORTED,
        ),
        Transition(
            "record_recommendation",
            "Record a panel recommendation",
            "Panel recommendation recorded",
            {3: frozenset({S.PANEL_HELD, S.PANEL_REPORTED})},
        ),
        Transition(
            "answer_recommendation",
            "Respond to a panel recommendation",
            "Council's response to a recommendation recorded",
            {3: frozenset({S.PANEL_REPORTED})},
            guards=(
                _unless(_every_recommendation_answered, "every recommendation has its response"),
            ),
        ),
        Transition(
            "respond",
            "Record the response",
            "Response sent",
            {
                1: frozenset({S.IN_PROGRESS}),
                2: frozenset({S.IN_PROGRESS}),
                3: frozenset({S.PANEL_REPORTED}),
            },
            target=S.RESPONDED,
            guards=(
                _unless(
                    _recommendation_unanswered,
                    "respond to each of the panel's recommendations first",
                ),
            ),
        ),
        Transition(
            "resolve_by_adr",
            "Resolved by alternative dispute resolution",
            "Resolved by alternative dispute resolution",
            {1: _OPEN_WORK},
            target=S.RESOLVED_BY_ADR,
        ),
        Transition(
            "withdraw",
            "Withdrawn by the complainant",
            "Withdrawn by the complainant",
            _every_stage(OPEN_STAGE_STATUSES),
            target=S.WITHDRAWN,
        ),
        Transition(
            "not_accept",
            "Not accepted",
            "Not accepted",
            {1: _OPEN_WORK, 2: frozenset({S.IN_PROGRESS}), 3: frozenset({S.IN_PROGRESS})},
            target=S.NOT_ACCEPTED,
        ),
        Transition(
            "escalate",
            "Escalate to the next stage",
            "Escalated to the next stage",
            {1: frozenset({S.RESPONDED, S.IN_PROGRESS, S.PAUSED}), 2: frozenset({S.RESPONDED})},
            complaint_statuses=frozenset({ComplaintStatus.OPEN, ComplaintStatus.CLOSED}),
            guards=(
                _unless(
                    _escalation_blocked,
                    "Stage 1 has not been answered and its response is not yet overdue",
                ),
            ),
        ),
        Transition("close", "Close the case", "Case closed", _every_stage(ENDED_STAGE_STATUSES)),
    )
}


def refusal(name: str, stage: Stage, today: date) -> str | None:
    """Why the step cannot be taken on this stage now, or None if it can."""
    transition = TRANSITIONS[name]
    complaint = stage.complaint
    if complaint.status not in transition.complaint_statuses:
        return f"the case is {complaint.get_status_display().lower()}"
    if stage.number != complaint.current_stage:
        return f"the case has moved on to Stage {complaint.current_stage}"
    allowed = transition.sources.get(stage.number)
    if allowed is None:
        return f"this step is not part of Stage {stage.number}"
    left_out = rules_for(complaint.procedure).refusal(name, stage.number)
    if left_out:
        return left_out
    if stage.status not in allowed:
        return f"Stage {stage.number} is {stage.get_status_display().lower()}"
    for guard in transition.guards:
        reason = guard(stage, today)
        if reason:
            return reason
    return None


def check(name: str, stage: Stage, today: date) -> None:
    reason = refusal(name, stage, today)
    if reason:
        label = TRANSITIONS[name].label
        raise TransitionNotAllowed(f"{label} is not possible: {reason}.")


def available(stage: Stage, today: date) -> list[Transition]:
    """The steps the screens should offer for this stage today, as the procedure words them."""
    labels = rules_for(stage.complaint.procedure).labels
    return [
        replace(t, label=labels.get(t.name, t.label))
        for t in TRANSITIONS.values()
        if refusal(t.name, stage, today) is None
    ]
