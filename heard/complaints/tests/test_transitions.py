"""Every step in the transition table, once from a state that allows it and once from one that
does not. A refused step changes nothing and writes no event."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from heard.complaints import transitions
from heard.complaints.choices import (
    AppointmentRole,
    Decision,
    Finding,
    NotAcceptedReason,
    Procedure,
    Relationship,
)
from heard.complaints.models import Complaint, PanelResponse, Recommendation
from heard.complaints.tests import factories as f
from heard.core.errors import TransitionNotAllowed
from heard.workdays import add_working_days

pytestmark = pytest.mark.django_db


def later(complaint: Complaint, n: int = 2) -> date:
    stage = complaint.active_stage
    return add_working_days(stage.ended_on or stage.started_on, n)


def stage1_with_advocacy() -> Complaint:
    complaint = f.Stage1OpenFactory.create()
    complaint.record_advocacy(by=None, offered_on=complaint.received_on)
    return complaint


def stage1_paused() -> Complaint:
    complaint = stage1_with_advocacy()
    complaint.active_stage.pause_for_advocacy(by=None, on=complaint.received_on)
    return complaint


def stage1_extended() -> Complaint:
    complaint = f.Stage1AcknowledgedFactory.create()
    stage = complaint.active_stage
    stage.extend(
        by=None,
        new_due=add_working_days(stage.started_on, 15),
        reason="Complex",
        agreed_on=stage.started_on,
    )
    return complaint


def stage1_with_finding() -> Complaint:
    complaint = f.Stage1AcknowledgedFactory.create()
    element = complaint.add_element(by=None, theme=f.ThemeFactory.create(), description="Delay")
    complaint.active_stage.record_finding(by=None, element=element, finding=Finding.UPHELD)
    return complaint


def stage1_with_element() -> Complaint:
    complaint = f.Stage1OpenFactory.create()
    complaint.add_element(by=None, theme=f.ThemeFactory.create(), description="Delay")
    return complaint


def from_someone_else() -> Complaint:
    return f.Stage1OpenFactory.create(relationship=Relationship.SUFFICIENT_INTEREST)


def out_of_time() -> Complaint:
    complaint = f.Stage1OpenFactory.create()
    complaint.matter_date = date(complaint.received_on.year - 2, 1, 1)
    complaint.save()
    return complaint


def interest_decided() -> Complaint:
    complaint = from_someone_else()
    complaint.record_sufficient_interest(
        by=None, decision=Decision.ACCEPTED, on=complaint.received_on
    )
    return complaint


def adults_complaint() -> Complaint:
    return f.Stage1OpenFactory.create(procedure=Procedure.ADULTS)


def stage3_with_panel() -> Complaint:
    complaint = f.Stage3OpenFactory.create()
    f.appoint_panel(complaint.active_stage, complaint.active_stage.started_on)
    return complaint


def stage3_panel_held() -> Complaint:
    complaint = stage3_with_panel()
    complaint.active_stage.hold_panel(by=None, on=later(complaint, 10))
    return complaint


def stage2_io_reported() -> Complaint:
    complaint = f.Stage2OpenFactory.create()
    complaint.active_stage.receive_report(by=None, author="io", on=later(complaint, 2))
    return complaint


def stage3_reported() -> Complaint:
    complaint = stage3_panel_held()
    complaint.active_stage.send_panel_report(by=None, on=later(complaint, 12))
    return complaint


def stage3_recommended() -> Complaint:
    complaint = stage3_reported()
    Recommendation.make(complaint.active_stage, by=None, text="Apologise in writing")
    return complaint


def stage3_answered() -> Complaint:
    complaint = stage3_recommended()
    complaint.active_stage.recommendations.get().answer(
        by=None, response=PanelResponse.ACCEPTED, reasons="", action="", on=later(complaint, 12)
    )
    return complaint


ACTIONS: dict[str, Callable[[Complaint], object]] = {
    "record_advocacy": lambda c: c.record_advocacy(by=None, offered_on=c.received_on),
    "decide_sufficient_interest": lambda c: c.record_sufficient_interest(
        by=None, decision=Decision.ACCEPTED, on=later(c, 1)
    ),
    "decide_out_of_time": lambda c: c.record_out_of_time_decision(
        by=None, decision=Decision.ACCEPTED, on=later(c, 1)
    ),
    "acknowledge": lambda c: c.active_stage.acknowledge(by=None, on=later(c, 1)),
    "extend": lambda c: c.active_stage.extend(
        by=None,
        new_due=add_working_days(c.active_stage.started_on, 18),
        reason="Complex",
        agreed_on=later(c, 1),
    ),
    "pause": lambda c: c.active_stage.pause_for_advocacy(by=None, on=later(c, 1)),
    "resume": lambda c: c.active_stage.resume(by=None, on=later(c, 3)),
    "agree_statement": lambda c: c.active_stage.agree_statement(by=None, on=later(c, 2)),
    "receive_io_report": lambda c: c.active_stage.receive_report(
        by=None, author="io", on=later(c, 3)
    ),
    "receive_ip_report": lambda c: c.active_stage.receive_report(
        by=None, author="ip", on=later(c, 3)
    ),
    "adjudicate": lambda c: c.active_stage.adjudicate(
        by=None, on=later(c, 4), decision="Points 1 and 2 upheld"
    ),
    "appoint": lambda c: c.active_stage.appoint(
        by=None,
        role=AppointmentRole.INVESTIGATING_OFFICER,
        practitioner=f.PractitionerFactory.create(),
        on=later(c, 1),
    ),
    "record_finding": lambda c: c.active_stage.record_finding(
        by=None,
        element=c.elements.first()
        or c.add_element(by=None, theme=f.ThemeFactory.create(), description="Delay"),
        finding=Finding.NOT_UPHELD,
    ),
    "hold_panel": lambda c: c.active_stage.hold_panel(by=None, on=later(c, 10)),
    "send_panel_report": lambda c: c.active_stage.send_panel_report(by=None, on=later(c, 12)),
    "record_recommendation": lambda c: Recommendation.make(
        c.active_stage, by=None, text="Review the visiting schedule"
    ),
    "answer_recommendation": lambda c: c.active_stage.recommendations.get().answer(
        by=None, response=PanelResponse.ACCEPTED, reasons="", action="", on=later(c, 13)
    ),
    "respond": lambda c: c.active_stage.respond(by=None, on=later(c, 5)),
    "resolve_by_adr": lambda c: c.active_stage.resolve_by_adr(by=None, on=later(c, 4)),
    "withdraw": lambda c: c.active_stage.withdraw(by=None, on=later(c, 4)),
    "not_accept": lambda c: c.active_stage.not_accept(
        by=None, on=later(c, 1), reason=NotAcceptedReason.EXCLUDED_MATTER
    ),
    "escalate": lambda c: c.escalate(by=None, requested_on=later(c, 5)),
    "close": lambda c: c.close(by=None, on=later(c, 1)),
}

ALLOWED: list[tuple[str, Callable[[], Any]]] = [
    ("record_advocacy", f.Stage2OpenFactory),
    ("decide_sufficient_interest", from_someone_else),
    ("decide_out_of_time", out_of_time),
    ("acknowledge", f.Stage1OpenFactory),
    ("extend", f.Stage1AcknowledgedFactory),
    ("pause", stage1_with_advocacy),
    ("resume", stage1_paused),
    ("agree_statement", f.Stage2OpenFactory),
    ("receive_io_report", f.Stage2OpenFactory),
    ("receive_ip_report", f.Stage2OpenFactory),
    ("adjudicate", stage2_io_reported),
    ("appoint", f.Stage2OpenFactory),
    ("record_finding", stage1_with_element),
    ("hold_panel", stage3_with_panel),
    ("send_panel_report", stage3_panel_held),
    ("record_recommendation", stage3_panel_held),
    ("answer_recommendation", stage3_recommended),
    ("respond", stage1_with_finding),
    ("resolve_by_adr", f.Stage1OpenFactory),
    ("withdraw", f.Stage2OpenFactory),
    ("not_accept", f.Stage1OpenFactory),
    ("escalate", f.Stage1RespondedFactory),
    ("close", f.Stage1RespondedFactory),
]

DISALLOWED: list[tuple[str, Callable[[], Any], str]] = [
    ("record_advocacy", adults_complaint, "not part of the adult social care"),
    ("decide_sufficient_interest", interest_decided, "already been recorded"),
    ("decide_out_of_time", f.Stage1OpenFactory, "within a year of the matter"),
    ("acknowledge", f.Stage1AcknowledgedFactory, "already acknowledged"),
    ("extend", stage1_extended, "only once"),
    ("pause", f.Stage2OpenFactory, "not part of Stage 2"),
    ("resume", f.Stage1OpenFactory, "Stage 1 is in progress"),
    ("agree_statement", f.Stage1OpenFactory, "not part of Stage 1"),
    ("receive_io_report", stage2_io_reported, "already received"),
    ("receive_ip_report", f.Stage1OpenFactory, "not part of Stage 1"),
    ("adjudicate", f.Stage2OpenFactory, "follows the investigating officer's report"),
    ("appoint", f.Stage1RespondedFactory, "Stage 1 is responded"),
    ("record_finding", f.Stage1RespondedFactory, "Stage 1 is responded"),
    ("hold_panel", f.Stage2OpenFactory, "not part of Stage 2"),
    ("send_panel_report", stage3_with_panel, "Stage 3 is in progress"),
    ("record_recommendation", stage3_with_panel, "Stage 3 is in progress"),
    ("answer_recommendation", stage3_answered, "every recommendation has its response"),
    ("respond", f.Stage1RespondedFactory, "Stage 1 is responded"),
    ("resolve_by_adr", f.Stage2OpenFactory, "not part of Stage 2"),
    ("withdraw", f.Stage1RespondedFactory, "Stage 1 is responded"),
    ("not_accept", f.Stage1RespondedFactory, "Stage 1 is responded"),
    ("escalate", f.Stage3OpenFactory, "not part of Stage 3"),
    ("close", f.Stage1OpenFactory, "Stage 1 is in progress"),
]


def test_the_matrix_covers_every_transition():
    assert {name for name, _ in ALLOWED} == set(transitions.TRANSITIONS)
    assert {name for name, _, _ in DISALLOWED} == set(transitions.TRANSITIONS)
    assert set(ACTIONS) == set(transitions.TRANSITIONS)


@pytest.mark.parametrize(("name", "build"), ALLOWED, ids=[n for n, _ in ALLOWED])
def test_an_allowed_step_changes_the_case_and_appends_an_event(name, build):
    complaint = build()
    before = complaint.events.count()
    assert name in {
        t.name for t in transitions.available(complaint.active_stage, later(complaint, 5))
    }
    ACTIONS[name](complaint)
    assert complaint.events.filter(action=name).exists()
    assert complaint.events.count() > before


@pytest.mark.parametrize(("name", "build", "reason"), DISALLOWED, ids=[n for n, _, _ in DISALLOWED])
def test_a_disallowed_step_is_refused_and_changes_nothing(name, build, reason):
    complaint = build()
    stage = complaint.active_stage
    events, version = complaint.events.count(), stage.version
    assert name not in {t.name for t in transitions.available(stage, later(complaint, 5))}
    with pytest.raises(TransitionNotAllowed, match=reason):
        ACTIONS[name](complaint)
    stage.refresh_from_db()
    assert complaint.events.count() == events
    assert stage.version == version


def test_a_step_is_checked_against_what_is_saved_not_a_stale_copy():
    complaint = f.Stage1OpenFactory.create()
    stale = complaint.active_stage
    fresh = complaint.stages.get(number=1)
    fresh.acknowledge(by=None, on=complaint.received_on)
    with pytest.raises(TransitionNotAllowed, match="already acknowledged"):
        stale.acknowledge(by=None, on=complaint.received_on)
    assert complaint.events.filter(action="acknowledge").count() == 1


def test_steps_apply_only_to_the_current_stage():
    complaint = f.Stage2OpenFactory.create()
    stage1 = complaint.stages.get(number=1)
    with pytest.raises(TransitionNotAllowed, match="moved on to Stage 2"):
        stage1.withdraw(by=None, on=later(complaint))
