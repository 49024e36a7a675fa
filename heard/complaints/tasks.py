"""The current stage's work as a task list (the GOV.UK task list pattern on the case page).

Each stage of each procedure has its usual course: the statutory steps in the order an officer
takes them. A task is done when the case records it, can be started when the transition
table allows it today, and otherwise cannot start yet. The first task not done that can be
started is the next step: the one primary button on the case page. Everything else the table
allows now (extend, pause, withdraw, not accepted, ...) is offered beside it as a plain link.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.urls import reverse

from heard.complaints import transitions
from heard.complaints.choices import ComplaintStatus, Procedure
from heard.complaints.choices import StageStatus as S
from heard.complaints.models import Complaint, Stage
from heard.complaints.procedures import rules_for

DONE, CAN_START, CANNOT_START = "done", "can_start", "cannot_start"
#: What may follow a stage's response, closing first.
FOLLOWING = ("close", "escalate")


def _findings_done(stage: Stage) -> bool:
    elements = {e.pk for e in stage.complaint.elements.all()}
    found = {f.element_id for f in stage.findings.all()}
    return bool(elements) and elements <= found


def _answered(stage: Stage) -> bool:
    recommendations = list(stage.recommendations.all())
    return bool(recommendations) and all(r.response for r in recommendations)


def _ended(stage: Stage) -> bool:
    return stage.status not in (S.IN_PROGRESS, S.PAUSED, S.PANEL_HELD, S.PANEL_REPORTED)


#: Whether each task is done, from what the case records.
DONE_WHEN: dict[str, Callable[[Stage], bool]] = {
    "decide_out_of_time": lambda s: bool(s.complaint.out_of_time_decision),
    "decide_sufficient_interest": lambda s: bool(s.complaint.sufficient_interest_decision),
    "record_advocacy": lambda s: s.complaint.advocacy_offered_on is not None,
    "acknowledge": lambda s: s.acknowledged_on is not None,
    "appoint": lambda s: bool(s.appointments.all()),
    "agree_statement": lambda s: s.statement_agreed_on is not None,
    "receive_io_report": lambda s: s.io_report_on is not None,
    "receive_ip_report": lambda s: s.ip_report_on is not None,
    "adjudicate": lambda s: s.adjudicated_on is not None,
    "hold_panel": lambda s: s.panel_held_on is not None,
    "send_panel_report": lambda s: s.panel_report_sent_on is not None,
    "record_recommendation": lambda s: bool(s.recommendations.all()),
    "answer_recommendation": _answered,
    "record_finding": _findings_done,
    "respond": _ended,
}

#: How a task reads in the list, where it differs from the step's own label.
TASK_LABELS = {
    "record_finding": "Record the findings",
    "appoint": "Appoint the people who handle this stage",
}


def _course(complaint: Complaint, number: int) -> list[str]:
    """The usual order of work at this stage of this procedure."""
    if complaint.procedure != Procedure.CHILDREN:
        return ["acknowledge", "record_finding", "respond"]
    if number == 1:
        first = ["decide_out_of_time"] if complaint.is_out_of_time else []
        if complaint.needs_sufficient_interest:
            first.append("decide_sufficient_interest")
        if complaint.from_child:
            # A child who complains is offered an advocate before the acknowledgement
            # (s.26A); for anyone else the offer is among the other actions.
            first.append("record_advocacy")
        return [*first, "acknowledge", "record_finding", "respond"]
    if number == 2:
        return [
            "acknowledge",
            "appoint",
            "agree_statement",
            "receive_io_report",
            "receive_ip_report",
            "adjudicate",
            "record_finding",
            "respond",
        ]
    return [
        "acknowledge",
        "appoint",
        "hold_panel",
        "send_panel_report",
        "record_recommendation",
        "record_finding",
        "answer_recommendation",
        "respond",
    ]


@dataclass(frozen=True)
class Task:
    name: str
    label: str
    status: str
    url: str

    @property
    def status_label(self) -> str:
        return {DONE: "Completed", CAN_START: "Not yet started", CANNOT_START: "Cannot start yet"}[
            self.status
        ]


@dataclass(frozen=True)
class Work:
    """The current stage's task list, its next step, and the other steps allowed now."""

    stage: Stage
    tasks: list[Task]
    next: Task | None
    others: list[Task]

    @property
    def course(self) -> list[Task]:
        """The stage's own tasks, without what may follow it (closing, the next stage),
        which are choices, not work to finish."""
        return [t for t in self.tasks if t.name not in FOLLOWING]

    @property
    def done_count(self) -> int:
        return sum(t.status == DONE for t in self.course)


def step_url(complaint: Complaint, name: str) -> str:
    if name == "record_finding":
        return reverse("complaints:findings", args=[complaint.reference])
    return reverse("complaints:step", args=[complaint.reference, name])


def work_for(complaint: Complaint, today: date) -> Work:
    """The task list of the complaint's current stage today."""
    stage = complaint.active_stage
    labels = rules_for(complaint.procedure).labels
    allowed = {t.name for t in transitions.available(stage, today)}
    tasks: list[Task] = []
    if complaint.awaiting_triage:
        # From the public form: accepted into its procedure and team before anything else.
        url = reverse("complaints:accept", args=[complaint.reference])
        tasks.append(Task("accept", "Accept into a procedure and team", CAN_START, url))
    for name in _course(complaint, stage.number):
        if rules_for(complaint.procedure).refusal(name, stage.number):
            continue
        done = DONE_WHEN[name](stage)
        status = DONE if done else CAN_START if name in allowed else CANNOT_START
        if name == "record_finding" and not done and not complaint.elements.all():
            status = CANNOT_START  # no point of complaint to find on yet
        label = TASK_LABELS.get(name) or labels.get(name) or transitions.TRANSITIONS[name].label
        # A task links to its page while the table allows it: a finding can be changed
        # after it is recorded, an acknowledgement cannot be sent twice.
        url = step_url(complaint, name) if name in allowed else ""
        tasks.append(Task(name, label, status, url))
    if _ended(stage):
        # What follows a response: the next stage, or closing the case.
        for name in FOLLOWING:
            if name in allowed:
                label = labels.get(name) or transitions.TRANSITIONS[name].label
                tasks.append(Task(name, label, CAN_START, step_url(complaint, name)))
    if complaint.status == ComplaintStatus.CLOSED:
        tasks = [t for t in tasks if t.status == DONE or t.name == "escalate"]
    following = next((t for t in tasks if t.status == CAN_START), None)
    listed = {t.name for t in tasks}
    others = [
        Task(t.name, t.label, CAN_START, step_url(complaint, t.name))
        for t in transitions.available(stage, today)
        if t.name not in listed
    ]
    return Work(stage, tasks, following, others)
