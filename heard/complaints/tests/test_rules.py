"""Each rule of DOMAIN.md section 2 that the code enforces, named after the rule."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from heard.complaints import transitions
from heard.complaints.choices import (
    AppointmentRole,
    ComplaintStatus,
    Decision,
    Finding,
    NotAcceptedReason,
    Relationship,
    RemedyKind,
    StageStatus,
)
from heard.complaints.models import Complaint
from heard.complaints.tests import factories as f
from heard.core import clock
from heard.core.errors import RuleViolation, TransitionNotAllowed
from heard.workdays import add_working_days

pytestmark = pytest.mark.django_db


def with_finding(complaint, finding=Finding.NOT_UPHELD):
    element = complaint.add_element(by=None, theme=f.ThemeFactory(), description="Delay")
    complaint.active_stage.record_finding(by=None, element=element, finding=finding)
    return complaint


# --- dates -------------------------------------------------------------------------------------


def test_a_response_dated_before_the_complaint_was_received_is_refused():
    complaint = with_finding(f.Stage1AcknowledgedFactory())
    with pytest.raises(RuleViolation) as error:
        complaint.active_stage.respond(by=None, on=date(2025, 3, 2))
    assert error.value.message == (
        "The response date must be on or after the date the complaint was received, 3 March 2025"
    )
    assert error.value.field == "ended_on"
    complaint.active_stage.respond(by=None, on=date(2025, 3, 3))  # the same day is fine


def test_a_date_in_the_future_is_refused():
    complaint = f.Stage1OpenFactory()
    with pytest.raises(RuleViolation, match="today or in the past"):
        complaint.active_stage.acknowledge(by=None, on=clock.today() + timedelta(days=1))


def test_a_complaint_cannot_be_received_in_the_future():
    with pytest.raises(RuleViolation, match="received date must be today or in the past"):
        f.Stage1OpenFactory(received_on=clock.today() + timedelta(days=1))


# --- reg 14: Stage 1 ---------------------------------------------------------------------------


def test_stage_1_can_be_extended_to_exactly_20_working_days_but_no_further():
    complaint = f.Stage1AcknowledgedFactory()
    stage = complaint.active_stage
    with pytest.raises(RuleViolation) as error:
        stage.extend(
            by=None,
            new_due=add_working_days(stage.started_on, 21),
            reason="Complex",
            agreed_on=stage.started_on,
        )
    assert "Stage 1 cannot be extended beyond 20 working days (regulation 14)" in str(error.value)
    assert "31 March 2025" in str(error.value)
    stage.extend(
        by=None,
        new_due=add_working_days(stage.started_on, 20),
        reason="Complex",
        agreed_on=stage.started_on,
    )
    stage.refresh_from_db()
    assert stage.extended_to == date(2025, 3, 31)
    assert stage.response_due == date(2025, 3, 31)


def test_an_extension_must_be_later_than_the_current_deadline_and_have_a_reason():
    stage = f.Stage1AcknowledgedFactory().active_stage
    with pytest.raises(RuleViolation, match="after the current response date, 17 March 2025"):
        stage.extend(
            by=None, new_due=date(2025, 3, 17), reason="Complex", agreed_on=stage.started_on
        )
    with pytest.raises(RuleViolation, match="reason for the extension"):
        stage.extend(by=None, new_due=date(2025, 3, 20), reason=" ", agreed_on=stage.started_on)


def test_a_childs_complaint_needs_the_advocacy_offer_before_acknowledgement():
    complaint = f.Stage1OpenFactory(relationship=Relationship.CHILD)
    with pytest.raises(RuleViolation, match=r"s\.26A"):
        complaint.active_stage.acknowledge(by=None, on=complaint.received_on)
    provider = f.PractitionerFactory(name="Coram Voice", may_advocate=True)
    complaint.record_advocacy(
        by=None, offered_on=complaint.received_on, taken_up=True, provider=provider
    )
    complaint.active_stage.acknowledge(by=None, on=complaint.received_on)
    complaint.refresh_from_db()
    assert complaint.advocacy_by == provider
    assert complaint.advocacy_provider == "Coram Voice"


def test_the_advocacy_provider_comes_from_the_register_and_an_unknown_answer_is_followed_up():
    complaint = f.Stage1OpenFactory(relationship=Relationship.CHILD)
    not_a_provider = f.PractitionerFactory(name="Sam Investigator")
    with pytest.raises(RuleViolation, match="not an active advocacy provider"):
        complaint.record_advocacy(
            by=None, offered_on=complaint.received_on, taken_up=True, provider=not_a_provider
        )
    complaint.record_advocacy(by=None, offered_on=complaint.received_on, taken_up=None)
    assert complaint.advocacy_to_follow_up
    assert Complaint.objects.follow_up("advocacy", clock.today()).get() == complaint
    complaint.record_advocacy(by=None, offered_on=complaint.received_on, taken_up=False)
    assert not complaint.advocacy_to_follow_up
    assert not Complaint.objects.follow_up("advocacy", clock.today()).exists()
    assert complaint.events.filter(action="record_advocacy").count() == 2


def test_advocacy_taken_up_needs_the_provider():
    complaint = f.Stage1OpenFactory(relationship=Relationship.CHILD)
    with pytest.raises(RuleViolation, match="advocacy provider"):
        complaint.record_advocacy(by=None, offered_on=complaint.received_on, taken_up=True)


def test_stage_1_may_be_paused_for_advocacy_only_after_advocacy_is_offered():
    complaint = f.Stage1OpenFactory(relationship=Relationship.CHILD)
    with pytest.raises(RuleViolation, match="advocacy offer before pausing"):
        complaint.active_stage.pause_for_advocacy(by=None, on=complaint.received_on)


def test_a_response_needs_a_finding_for_every_point_of_complaint():
    complaint = f.Stage1AcknowledgedFactory()
    stage = complaint.active_stage
    with pytest.raises(RuleViolation, match="Add the points of complaint"):
        stage.respond(by=None, on=date(2025, 3, 10))
    with_finding(complaint)
    complaint.add_element(by=None, theme=f.ThemeFactory(name="Delay"), description="Late visit")
    with pytest.raises(RuleViolation, match="finding for every point"):
        stage.respond(by=None, on=date(2025, 3, 10))


# --- who may complain, and when (reg 9) --------------------------------------------------------


def test_someone_else_needs_a_sufficient_interest_decision_before_the_complaint_is_considered():
    complaint = with_finding(
        f.Stage1AcknowledgedFactory(relationship=Relationship.SUFFICIENT_INTEREST)
    )
    with pytest.raises(RuleViolation, match="sufficient interest"):
        complaint.active_stage.respond(by=None, on=date(2025, 3, 10))
    with pytest.raises(RuleViolation, match="reason for refusing"):
        complaint.record_sufficient_interest(
            by=None, decision=Decision.REFUSED, on=date(2025, 3, 4)
        )
    complaint.record_sufficient_interest(by=None, decision=Decision.ACCEPTED, on=date(2025, 3, 4))
    complaint.active_stage.respond(by=None, on=date(2025, 3, 10))
    assert complaint.events.filter(action="decide_sufficient_interest").exists()


def test_a_qualifying_person_needs_no_sufficient_interest_decision():
    complaint = f.Stage1OpenFactory(relationship=Relationship.FOSTER_CARER)
    with pytest.raises(TransitionNotAllowed, match="is a qualifying person"):
        complaint.record_sufficient_interest(
            by=None, decision=Decision.ACCEPTED, on=complaint.received_on
        )


def test_a_complaint_exactly_one_year_after_the_matter_is_in_time_and_a_day_later_is_not():
    in_time = f.Stage1OpenFactory(matter_date=date(2024, 3, 3))
    late = f.Stage1OpenFactory(matter_date=date(2024, 3, 2))
    assert not in_time.is_out_of_time
    assert late.is_out_of_time


def test_an_out_of_time_complaint_needs_a_recorded_decision_to_be_considered():
    complaint = with_finding(f.Stage1AcknowledgedFactory(matter_date=date(2023, 1, 10)))
    with pytest.raises(RuleViolation, match="more than a year after the matter"):
        complaint.active_stage.respond(by=None, on=date(2025, 3, 10))
    with pytest.raises(RuleViolation, match="good reason"):
        complaint.record_out_of_time_decision(
            by=None, decision=Decision.REFUSED, on=date(2025, 3, 4)
        )
    complaint.record_out_of_time_decision(by=None, decision=Decision.ACCEPTED, on=date(2025, 3, 4))
    complaint.active_stage.respond(by=None, on=date(2025, 3, 10))


@pytest.mark.parametrize(
    ("changes", "decide", "reason"),
    [
        (
            {"matter_date": date(2023, 1, 10)},
            "record_out_of_time_decision",
            NotAcceptedReason.OUT_OF_TIME,
        ),
        (
            {"relationship": Relationship.SUFFICIENT_INTEREST},
            "record_sufficient_interest",
            NotAcceptedReason.NOT_QUALIFYING_PERSON,
        ),
    ],
)
def test_a_refused_decision_ends_stage_1_as_not_accepted_in_one_step(changes, decide, reason):
    # Issue 32, "one decision, one step": a refusal is the decision not to accept the
    # complaint, so nothing more is recorded before the case is closed.
    complaint = f.Stage1OpenFactory(**changes)
    getattr(complaint, decide)(
        by=None, decision=Decision.REFUSED, on=date(2025, 3, 5), reason="No good reason"
    )
    stage = complaint.stages.get(number=1)
    assert (stage.status, stage.not_accepted_reason, stage.ended_on) == (
        StageStatus.NOT_ACCEPTED,
        reason,
        date(2025, 3, 5),
    )
    assert complaint.stage_status == StageStatus.NOT_ACCEPTED
    assert complaint.next_due_on is None
    event = complaint.events.get(stage=stage, action__startswith="decide_")
    assert event.details == {"decision": Decision.REFUSED, "not_accepted_reason": reason}
    assert not complaint.events.filter(action="not_accept").exists()
    assert [t.name for t in transitions.available(stage, date(2025, 3, 6))] == ["close"]
    complaint.close(by=None, on=date(2025, 3, 6))
    assert complaint.status == ComplaintStatus.CLOSED


def test_an_accepted_late_complaint_continues_at_stage_1():
    complaint = f.Stage1OpenFactory(matter_date=date(2023, 1, 10))
    complaint.record_out_of_time_decision(
        by=None, decision=Decision.ACCEPTED, on=date(2025, 3, 5), reason="Records are kept"
    )
    stage = complaint.stages.get(number=1)
    assert (stage.status, stage.ended_on, stage.not_accepted_reason) == (
        StageStatus.IN_PROGRESS,
        None,
        "",
    )
    assert "acknowledge" in {t.name for t in transitions.available(stage, date(2025, 3, 6))}


def test_a_complaint_not_accepted_records_the_reason_from_the_list():
    complaint = f.Stage1OpenFactory()
    with pytest.raises(RuleViolation, match="why the complaint is not accepted"):
        complaint.active_stage.not_accept(by=None, on=date(2025, 3, 4), reason="bored")
    complaint.active_stage.not_accept(
        by=None, on=date(2025, 3, 4), reason=NotAcceptedReason.OUT_OF_TIME
    )
    stage = complaint.stages.get(number=1)
    assert (stage.status, stage.not_accepted_reason, stage.ended_on) == (
        StageStatus.NOT_ACCEPTED,
        NotAcceptedReason.OUT_OF_TIME,
        date(2025, 3, 4),
    )


def test_withdrawal_is_possible_at_any_stage_and_records_the_date_and_reason():
    complaint = f.Stage3OpenFactory()
    stage = complaint.active_stage
    stage.withdraw(by=None, on=add_working_days(stage.started_on, 2), reason="Resolved at home")
    stage.refresh_from_db()
    assert stage.status == StageStatus.WITHDRAWN
    assert stage.end_note == "Resolved at home"
    assert complaint.events.get(action="withdraw").reason == "Resolved at home"


def test_adr_ends_stage_1_as_a_route_not_a_finding():
    complaint = f.Stage1OpenFactory()
    complaint.active_stage.resolve_by_adr(by=None, on=date(2025, 3, 7), note="Meeting held")
    stage = complaint.stages.get(number=1)
    assert stage.status == StageStatus.RESOLVED_BY_ADR
    assert stage.outcome is None


# --- escalation --------------------------------------------------------------------------------


def test_escalation_without_a_response_is_allowed_only_once_stage_1_is_overdue():
    complaint = f.Stage1AcknowledgedFactory()
    due = complaint.active_stage.response_due
    assert due == date(2025, 3, 17)
    from heard.core.errors import TransitionNotAllowed

    with pytest.raises(TransitionNotAllowed, match="not yet overdue"):
        complaint.escalate(by=None, requested_on=due)
    stage2 = complaint.escalate(by=None, requested_on=due + timedelta(days=1))
    stage1 = complaint.stages.get(number=1)
    assert stage1.status == StageStatus.ESCALATED_UNANSWERED
    assert stage1.ended_on == date(2025, 3, 18)
    assert stage2.number == 2
    assert stage2.started_on == date(2025, 3, 18)


def test_a_request_on_the_last_day_of_the_window_is_in_time_and_a_day_later_is_late():
    on_time = f.Stage1RespondedFactory()
    window = on_time.active_stage.escalation_deadline
    on_time.escalate(by=None, requested_on=window)
    assert on_time.events.get(action="escalate").details == {"late": False}

    late = f.Stage1RespondedFactory()
    late.escalate(by=None, requested_on=window + timedelta(days=1))
    assert late.events.get(action="escalate").details == {"late": True}
    assert late.current_stage == 2


def test_the_request_cannot_be_dated_before_the_response():
    complaint = f.Stage1RespondedFactory()
    with pytest.raises(RuleViolation, match="on or after the response"):
        complaint.escalate(by=None, requested_on=complaint.received_on)


def test_escalating_a_closed_case_reopens_it():
    complaint = f.Stage1RespondedFactory()
    complaint.close(by=None, on=add_working_days(complaint.active_stage.ended_on, 1))
    assert complaint.status == ComplaintStatus.CLOSED
    complaint.escalate(by=None, requested_on=add_working_days(complaint.closed_on, 2))
    assert complaint.status == ComplaintStatus.OPEN
    assert complaint.closed_on is None


def test_a_case_cannot_close_before_its_stage_ended():
    complaint = f.Stage1RespondedFactory()
    with pytest.raises(RuleViolation, match="on or after the end of Stage 1"):
        complaint.close(by=None, on=complaint.received_on)


# --- Stage 2 and 3 (regs 17 to 20) -------------------------------------------------------------


def test_stage_2_can_be_extended_to_65_working_days_but_no_further():
    stage = f.Stage2OpenFactory().active_stage
    with pytest.raises(RuleViolation, match=r"beyond 65 working days \(regulation 17\)"):
        stage.extend(
            by=None,
            new_due=add_working_days(stage.started_on, 66),
            reason="Complex",
            agreed_on=stage.started_on,
        )
    stage.extend(
        by=None,
        new_due=add_working_days(stage.started_on, 40),
        reason="Complex",
        agreed_on=stage.started_on,
    )
    stage.extend(
        by=None,
        new_due=add_working_days(stage.started_on, 65),
        reason="Witness away",
        agreed_on=stage.started_on,
    )
    stage.refresh_from_db()
    assert stage.response_due == add_working_days(stage.started_on, 65)


def test_the_stage_2_response_needs_an_io_an_ip_and_an_adjudicator():
    complaint = f.Stage2OpenFactory()
    stage = complaint.active_stage
    complaint.active_stage.record_finding(
        by=None, element=complaint.elements.get(), finding=Finding.UPHELD
    )
    stage.appoint(
        by=None,
        role=AppointmentRole.INVESTIGATING_OFFICER,
        practitioner=f.PractitionerFactory(),
        on=stage.started_on,
    )
    with pytest.raises(
        RuleViolation, match="Appoint the adjudicating officer, independent person before"
    ):
        stage.respond(by=None, on=add_working_days(stage.started_on, 10))


def test_only_one_investigating_officer_is_appointed_to_a_stage():
    stage = f.Stage2OpenFactory().active_stage
    stage.appoint(
        by=None,
        role=AppointmentRole.INVESTIGATING_OFFICER,
        practitioner=f.PractitionerFactory(),
        on=stage.started_on,
    )
    with pytest.raises(RuleViolation, match="already appointed"):
        stage.appoint(
            by=None,
            role=AppointmentRole.INVESTIGATING_OFFICER,
            practitioner=f.PractitionerFactory(),
            on=stage.started_on,
        )


def test_a_panel_member_is_not_appointed_at_stage_2():
    stage = f.Stage2OpenFactory().active_stage
    with pytest.raises(RuleViolation, match="not appointed at Stage 2"):
        stage.appoint(
            by=None,
            role=AppointmentRole.PANEL_MEMBER,
            practitioner=f.PractitionerFactory(),
            on=stage.started_on,
        )


def test_the_stage_2_independent_person_may_not_sit_on_the_stage_3_panel():
    complaint = f.Stage3OpenFactory()
    ip = (
        complaint.stages.get(number=2)
        .appointments.get(role=AppointmentRole.INDEPENDENT_PERSON)
        .practitioner
    )
    stage3 = complaint.active_stage
    with pytest.raises(RuleViolation, match="independent person at Stage 2 and may not sit"):
        stage3.appoint(
            by=None, role=AppointmentRole.PANEL_MEMBER, practitioner=ip, on=stage3.started_on
        )
    assert not stage3.appointments.exists()


def test_a_review_panel_is_three_people_one_of_them_the_chair():
    complaint = f.Stage3OpenFactory()
    stage = complaint.active_stage
    stage.appoint(
        by=None,
        role=AppointmentRole.PANEL_CHAIR,
        practitioner=f.PractitionerFactory(),
        on=stage.started_on,
    )
    stage.appoint(
        by=None,
        role=AppointmentRole.PANEL_MEMBER,
        practitioner=f.PractitionerFactory(),
        on=stage.started_on,
    )
    with pytest.raises(RuleViolation, match="three independent people"):
        stage.hold_panel(by=None, on=add_working_days(stage.started_on, 5))
    stage.appoint(
        by=None,
        role=AppointmentRole.PANEL_MEMBER,
        practitioner=f.PractitionerFactory(),
        on=stage.started_on,
    )
    with pytest.raises(RuleViolation, match="a chair and two members"):
        stage.appoint(
            by=None,
            role=AppointmentRole.PANEL_MEMBER,
            practitioner=f.PractitionerFactory(),
            on=stage.started_on,
        )
    stage.hold_panel(by=None, on=add_working_days(stage.started_on, 5))


def test_the_panel_report_and_council_response_follow_the_panel():
    complaint = f.Stage3OpenFactory()
    stage = complaint.active_stage
    f.appoint_panel(stage, stage.started_on)
    held = add_working_days(stage.started_on, 20)
    stage.hold_panel(by=None, on=held)
    with pytest.raises(RuleViolation, match="on or after the panel"):
        stage.send_panel_report(by=None, on=held - timedelta(days=1))
    stage.send_panel_report(by=None, on=add_working_days(held, 4))
    with pytest.raises(RuleViolation, match="on or after the panel's report"):
        stage.respond(by=None, on=held)
    stage.respond(by=None, on=add_working_days(held, 15))
    stage.refresh_from_db()
    assert stage.status == StageStatus.RESPONDED


# --- remedies and costs ------------------------------------------------------------------------


def test_a_financial_remedy_needs_a_positive_amount_and_others_none():
    complaint = f.Stage1RespondedFactory()
    on = complaint.active_stage.ended_on
    due = on + timedelta(days=28)
    agreed = {"agreed_on": on, "description": "Pay", "owner": "Team manager", "due_on": due}
    with pytest.raises(RuleViolation, match="Enter the amount"):
        complaint.add_remedy(by=None, kind=RemedyKind.FINANCIAL, **agreed)
    with pytest.raises(RuleViolation, match=r"more than £0"):
        complaint.add_remedy(by=None, kind=RemedyKind.FINANCIAL, amount=Decimal("-5"), **agreed)
    with pytest.raises(RuleViolation, match="Only a financial remedy"):
        complaint.add_remedy(by=None, kind=RemedyKind.APOLOGY, amount=Decimal(5), **agreed)
    remedy = complaint.add_remedy(
        by=None, kind=RemedyKind.FINANCIAL, amount=Decimal("250.00"), **agreed
    )
    assert remedy.amount == Decimal("250.00")


def test_a_remedy_says_what_by_whom_and_by_when_and_is_followed_through():
    complaint = f.Stage1RespondedFactory()
    on = complaint.active_stage.ended_on
    agreed = {"by": None, "kind": RemedyKind.APOLOGY, "agreed_on": on}
    with pytest.raises(RuleViolation, match="Describe what will be done"):
        complaint.add_remedy(**agreed, description=" ", owner="Team manager", due_on=on)
    with pytest.raises(RuleViolation, match="Enter who will do it"):
        complaint.add_remedy(**agreed, description="Apologise", owner="", due_on=on)
    with pytest.raises(RuleViolation, match="Enter the date it is due"):
        complaint.add_remedy(**agreed, description="Apologise", owner="Manager", due_on=None)
    with pytest.raises(RuleViolation, match="on or after the date it was agreed"):
        complaint.add_remedy(
            **agreed, description="Apologise", owner="Manager", due_on=on - timedelta(days=1)
        )
    remedy = complaint.add_remedy(
        **agreed, description="Apologise", owner="Manager", due_on=on + timedelta(days=1)
    )
    after = on + timedelta(days=2)
    assert Complaint.objects.follow_up("remedies", after).get() == complaint
    with pytest.raises(RuleViolation, match="on or after the date it was agreed"):
        remedy.complete(by=None, on=on - timedelta(days=1))
    remedy.complete(by=None, on=after)
    assert not Complaint.objects.follow_up("remedies", after).exists()
    with pytest.raises(RuleViolation, match="already been recorded as done"):
        remedy.complete(by=None, on=after)
    assert [e.action for e in complaint.events.order_by("pk")][-2:] == [
        "add_remedy",
        "complete_remedy",
    ]


def test_a_remedy_is_corrected_and_removed_with_the_same_rules_and_an_event_each():
    complaint = f.Stage1RespondedFactory()
    on = complaint.active_stage.ended_on
    remedy = complaint.add_remedy(
        by=None,
        kind=RemedyKind.APOLOGY,
        agreed_on=on,
        description="Apologise",
        owner="Manager",
        due_on=on,
    )
    with pytest.raises(RuleViolation, match="Enter the amount"):
        remedy.correct(by=None, kind=RemedyKind.FINANCIAL)
    remedy.refresh_from_db()
    assert remedy.kind == RemedyKind.APOLOGY  # nothing saved
    assert remedy.correct(by=None, kind=RemedyKind.FINANCIAL, amount=Decimal(100)) == [
        "kind",
        "amount",
    ]
    assert remedy.correct(by=None, owner="Manager") == []
    with pytest.raises(RuleViolation, match="reason for removing the remedy"):
        remedy.remove(by=None, reason="")
    remedy.remove(by=None, reason="Recorded on the wrong case")
    assert not complaint.remedies.exists()
    removed = complaint.events.get(action="remove_remedy")
    assert removed.reason == "Recorded on the wrong case"
    assert "£100" in removed.details["removed"]
    assert complaint.events.filter(action="correct_remedy").count() == 1


def test_a_cost_is_recorded_against_its_stage_with_a_positive_amount():
    stage = f.Stage2OpenFactory().active_stage
    with pytest.raises(RuleViolation, match=r"more than £0"):
        stage.add_cost(by=None, kind="io_fee", amount=Decimal(0), incurred_on=stage.started_on)
    cost = stage.add_cost(
        by=None, kind="io_fee", amount=Decimal("1200"), incurred_on=stage.started_on
    )
    assert cost.stage == stage
    with pytest.raises(RuleViolation, match="on or after"):
        cost.correct(by=None, incurred_on=stage.started_on - timedelta(days=1))
    assert cost.correct(by=None, amount=Decimal("1250")) == ["amount"]
    cost.remove(by=None, reason="Invoice withdrawn")
    assert not stage.costs.exists()
    assert [e.action for e in stage.events.order_by("pk")][-3:] == [
        "add_cost",
        "correct_cost",
        "remove_cost",
    ]


def test_a_learning_action_is_due_on_or_after_it_was_raised():
    complaint = f.Stage1RespondedFactory()
    theme = f.ThemeFactory()
    with pytest.raises(RuleViolation, match="on or after the date it was raised"):
        complaint.add_learning_action(
            by=None,
            theme=theme,
            description="Train staff",
            owner="Head of service",
            raised_on=date(2025, 4, 1),
            due_on=date(2025, 3, 1),
        )
    action = complaint.add_learning_action(
        by=None,
        theme=theme,
        description="Train staff",
        owner="Head of service",
        raised_on=date(2025, 4, 1),
        due_on=date(2025, 6, 1),
    )
    assert action.theme == theme


# --- further guards ----------------------------------------------------------------------------


def test_stage_1_is_paused_for_advocacy_at_most_once_and_resumes_on_or_after_the_pause():
    from heard.core.errors import TransitionNotAllowed

    complaint = f.Stage1OpenFactory(relationship=Relationship.CHILD)
    complaint.record_advocacy(by=None, offered_on=complaint.received_on)
    stage = complaint.active_stage
    stage.pause_for_advocacy(by=None, on=date(2025, 3, 4))
    with pytest.raises(RuleViolation, match="on or after the pause, 4 March 2025"):
        stage.resume(by=None, on=date(2025, 3, 3))
    stage.resume(by=None, on=date(2025, 3, 6))
    with pytest.raises(TransitionNotAllowed, match="already been paused for advocacy once"):
        stage.pause_for_advocacy(by=None, on=date(2025, 3, 7))


def test_the_stage_2_statement_is_agreed_once():
    from heard.core.errors import TransitionNotAllowed

    stage = f.Stage2OpenFactory().active_stage
    stage.agree_statement(by=None, on=stage.started_on)
    with pytest.raises(TransitionNotAllowed, match="already agreed"):
        stage.agree_statement(by=None, on=stage.started_on)


def test_stage_3_can_be_asked_for_only_after_the_stage_2_response():
    from heard.core.errors import TransitionNotAllowed

    complaint = f.Stage2OpenFactory()
    stage = complaint.active_stage
    with pytest.raises(TransitionNotAllowed, match="Stage 2 is in progress"):
        complaint.escalate(by=None, requested_on=add_working_days(stage.started_on, 70))
    assert complaint.stages.count() == 2


def test_adr_also_needs_the_sufficient_interest_decision():
    complaint = f.Stage1OpenFactory(relationship=Relationship.SUFFICIENT_INTEREST)
    with pytest.raises(RuleViolation, match="sufficient interest"):
        complaint.active_stage.resolve_by_adr(by=None, on=date(2025, 3, 5))


def test_a_finding_is_recorded_only_on_a_point_of_the_same_complaint():
    complaint = f.Stage1OpenFactory()
    other = f.Stage1OpenFactory()
    element = other.add_element(by=None, theme=f.ThemeFactory(), description="Delay")
    with pytest.raises(RuleViolation, match="belongs to another complaint"):
        complaint.active_stage.record_finding(by=None, element=element, finding=Finding.UPHELD)


def test_a_panel_has_only_one_chair():
    stage = f.Stage3OpenFactory().active_stage
    stage.appoint(
        by=None,
        role=AppointmentRole.PANEL_CHAIR,
        practitioner=f.PractitionerFactory(),
        on=stage.started_on,
    )
    with pytest.raises(RuleViolation, match="panel chair is already appointed"):
        stage.appoint(
            by=None,
            role=AppointmentRole.PANEL_CHAIR,
            practitioner=f.PractitionerFactory(),
            on=stage.started_on,
        )


def test_a_learning_action_is_completed_on_or_after_it_was_raised():
    complaint = f.Stage1RespondedFactory()
    action = complaint.add_learning_action(
        by=None,
        theme=f.ThemeFactory(),
        description="Train staff",
        owner="Head of service",
        raised_on=date(2025, 4, 1),
        due_on=date(2025, 6, 1),
    )
    with pytest.raises(RuleViolation, match="on or after the date it was raised, 1 April 2025"):
        action.complete(by=None, on=date(2025, 3, 31))
    action.complete(by=None, on=date(2025, 5, 20))
    action.refresh_from_db()
    assert action.completed_on == date(2025, 5, 20)
