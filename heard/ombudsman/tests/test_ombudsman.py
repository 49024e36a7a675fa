"""Ombudsman cases: the reply, the decision and its flags, remedies and compliance, screens,
access and the link from the complaint page."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from heard.accounts.models import Role
from heard.accounts.tests.factories import UserFactory
from heard.complaints.choices import Procedure
from heard.complaints.models import Complaint
from heard.complaints.tests.factories import Stage1OpenFactory
from heard.core.errors import RuleViolation, TransitionNotAllowed
from heard.core.tests.factories import TeamFactory
from heard.ombudsman.models import (
    WORKFLOW,
    Area,
    Decision,
    OmbudsmanCase,
    OmbudsmanStatus,
)
from heard.reporting.figures import compute
from heard.reporting.periods import Period

pytestmark = pytest.mark.django_db
LIST = reverse("ombudsman:list")
CREATE = reverse("ombudsman:create")


def day_fields(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def make(team=None, reference="24 012 345", **fields):
    values = {
        "ombudsman_reference": reference,
        "enquiry_received_on": date(2025, 2, 3),
        "reply_due_on": date(2025, 3, 3),
        "area": Area.CHILDREN,
        "team": team or TeamFactory(),
        "summary": "Delay in a child in need assessment",
        **fields,
    }
    return OmbudsmanCase.log(by=None, **values)


def upheld(case, on=date(2025, 6, 2), **flags):
    case.record_decision(
        by=None,
        on=on,
        decision=Decision.UPHELD,
        detailed_investigation=True,
        fault=True,
        **flags,
    )


# --- the model ------------------------------------------------------------------------------


def test_a_case_runs_from_enquiry_to_reply_to_decision_with_events():
    case = make()
    case.record_reply(by=None, on=date(2025, 2, 28))
    assert case.replied_in_time is True
    upheld(case, injustice=True, maladministration=True)
    assert case.status == OmbudsmanStatus.DECIDED
    assert [e.label for e in case.events.all()] == [
        "Ombudsman's enquiry received",
        "Council's reply recorded",
        "Ombudsman's decision recorded",
    ]
    with pytest.raises(TransitionNotAllowed, match="already recorded"):
        upheld(case)


def test_a_decision_before_the_enquiry_is_refused_and_saves_nothing():
    case = make()
    with pytest.raises(RuleViolation, match="on or after the date the enquiry was received, 3 Feb"):
        case.record_decision(by=None, on=date(2025, 2, 1), decision=Decision.ADVICE)
    case.refresh_from_db()
    assert (case.status, case.decision, case.events.count()) == (OmbudsmanStatus.OPEN, "", 1)


BAD_DECISIONS = {
    "upheld without investigation": (
        Decision.UPHELD,
        {},
        "only after a detailed investigation",
        "detailed_investigation",
    ),
    "not upheld without investigation": (
        Decision.NOT_UPHELD,
        {},
        "only after a detailed investigation",
        "detailed_investigation",
    ),
    "premature but investigated": (
        Decision.PREMATURE,
        {"detailed_investigation": True},
        "not investigated",
        "detailed_investigation",
    ),
    "upheld without fault": (
        Decision.UPHELD,
        {"detailed_investigation": True},
        "fault was found",
        "fault",
    ),
    "not upheld with fault": (
        Decision.NOT_UPHELD,
        {"detailed_investigation": True, "fault": True},
        "Only an upheld",
        "fault",
    ),
    "closed with a report": (
        Decision.ASSESSED_AND_CLOSED,
        {"public_interest_report": True},
        "public interest report",
        "public_interest_report",
    ),
}


@pytest.mark.parametrize(
    ("decision", "flags", "message", "field"), BAD_DECISIONS.values(), ids=BAD_DECISIONS.keys()
)
def test_inconsistent_decision_flags_are_refused(decision, flags, message, field):
    case = make()
    with pytest.raises(RuleViolation, match=message) as error:
        case.record_decision(by=None, on=date(2025, 5, 1), decision=decision, **flags)
    assert error.value.field == field


def test_a_negative_remedy_amount_is_refused_and_saves_nothing():
    case = make()
    upheld(case)
    with pytest.raises(RuleViolation, match="more than £0") as error:
        case.add_remedy(
            by=None, description="Pay for distress", due_on=date(2025, 7, 2), amount=Decimal(-300)
        )
    assert error.value.field == "amount"
    assert not case.remedies.exists()


def test_remedies_are_only_for_an_upheld_decision():
    case = make()
    case.record_decision(by=None, on=date(2025, 4, 1), decision=Decision.ASSESSED_AND_CLOSED)
    assert WORKFLOW.why_not("add_remedy", case) == "Remedies are recorded on an upheld decision"
    with pytest.raises(TransitionNotAllowed):
        case.add_remedy(by=None, description="Apologise", due_on=date(2025, 5, 1))


def test_compliance_is_completion_on_or_before_the_due_date():
    case = make()
    upheld(case)
    paid = case.add_remedy(
        by=None, description="Pay £300 for distress", due_on=date(2025, 7, 2), amount=Decimal(300)
    )
    review = case.add_remedy(by=None, description="Review procedures", due_on=date(2025, 9, 1))
    case.complete_remedy(by=None, remedy=paid, on=date(2025, 6, 30))
    case.complete_remedy(by=None, remedy=review, on=date(2025, 9, 10))
    assert (paid.complied, review.complied) == (True, False)
    assert WORKFLOW.why_not("complete_remedy", case) == "Every remedy is completed"
    with pytest.raises(RuleViolation, match="on or after the decision date"):
        case.add_remedy(by=None, description="Too early", due_on=date(2025, 5, 1))


def test_the_ombudsman_reference_is_recorded_once():
    make(reference="24 012 345")
    with pytest.raises(RuleViolation, match="already recorded"):
        make(reference="24 012 345")


# --- screens and access ---------------------------------------------------------------------


@pytest.mark.parametrize("role", list(Role))
def test_one_rule_decides_who_sees_and_changes_a_case(client, role):
    changes = sees_other = role in (Role.COMPLAINTS_MANAGER, Role.COMPLAINTS_OFFICER)
    sees_own_team = changes or role == Role.RESPONDING_MANAGER
    team = TeamFactory(name="Fostering")
    own = make(team=team, reference="1")
    other = make(reference="2")
    client.force_login(UserFactory(role=role, team=team))
    for case, sees in ((own, sees_own_team), (other, sees_other)):
        detail = client.get(reverse("ombudsman:detail", args=[case.reference]))
        assert detail.status_code == (200 if sees else 404)
        step = client.get(reverse("ombudsman:step", args=[case.reference, "reply"]))
        assert step.status_code == (200 if sees and changes else 403 if sees else 404)
    listed = {c.reference for c, _ in client.get(LIST).context["rows"]}
    assert listed == {c.reference for c, s in ((own, sees_own_team), (other, sees_other)) if s}
    assert client.get(CREATE).status_code == (200 if changes else 403)


def test_an_officer_logs_a_case_linked_to_a_complaint_which_shows_it(client):
    complaint = Stage1OpenFactory()
    client.force_login(UserFactory(role=Role.COMPLAINTS_OFFICER))
    form = client.get(CREATE, {"complaint": complaint.reference}).content.decode()
    assert f'value="{complaint.reference}"' in form
    response = client.post(
        CREATE,
        {
            "ombudsman_reference": "25 001 234",
            **day_fields("enquiry_received_on", date(2025, 4, 1)),
            **day_fields("reply_due_on", date(2025, 4, 29)),
            "complaint_reference": complaint.reference.lower(),
            "area": Area.CHILDREN,
            "team": complaint.team.pk,
            "summary": "Complaint handling delay",
        },
    )
    case = OmbudsmanCase.objects.get()
    assert response.url == reverse("ombudsman:detail", args=[case.reference])
    assert case.complaint == complaint
    page = client.get(reverse("complaints:detail", args=[complaint.reference])).content.decode()
    assert reverse("ombudsman:detail", args=[case.reference]) in page
    assert "25 001 234" in page
    client.get(response.url)
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()


def test_a_case_about_a_complaint_follows_its_procedure_and_the_report_counts_it_there():
    adult = Stage1OpenFactory(procedure=Procedure.ADULTS)
    case = make(complaint=adult, area="")
    assert case.area == Area.ADULTS
    with pytest.raises(RuleViolation, match=f"Complaint {adult.reference} is about adult"):
        make(complaint=adult, reference="24 999 999", area=Area.CHILDREN)
    with pytest.raises(RuleViolation, match="Choose the service area, or give our complaint"):
        make(reference="24 999 998", area="")
    # Moved to the corporate procedure later: its Ombudsman case goes with it.
    Complaint.objects.filter(pk=adult.pk).update(procedure=Procedure.CORPORATE)
    year = Period.financial_year(2024)
    counts = {p: compute(p, year).ombudsman.received for p in ("children", "adults", "corporate")}
    assert counts == {"children": 0, "adults": 0, "corporate": 1}


def test_an_unknown_complaint_reference_and_a_reply_due_before_the_enquiry_are_refused(client):
    team = TeamFactory()
    client.force_login(UserFactory(role=Role.COMPLAINTS_OFFICER))
    answers = {
        "ombudsman_reference": "25 001 234",
        **day_fields("enquiry_received_on", date(2025, 4, 1)),
        **day_fields("reply_due_on", date(2025, 3, 29)),
        "complaint_reference": "CSC-2025-99999",
        "area": Area.CHILDREN,
        "team": team.pk,
        "summary": "Complaint handling delay",
    }
    page = client.post(CREATE, answers).content.decode()
    assert "There is no complaint with the reference CSC-2025-99999" in page
    answers["complaint_reference"] = ""
    page = client.post(CREATE, answers).content.decode()
    assert "reply due date must be on or after the date the enquiry was received" in page
    assert 'value="25 001 234"' in page
    assert not OmbudsmanCase.objects.exists()


def test_an_officer_logs_a_case_whose_team_and_reply_due_date_are_not_recorded(client):
    # Whatever the import keeps, a screen can make: an old case from a log without them.
    client.force_login(UserFactory(role=Role.COMPLAINTS_OFFICER))
    response = client.post(
        CREATE,
        {
            "ombudsman_reference": "19 004 321",
            **day_fields("enquiry_received_on", date(2019, 6, 3)),
            **{f"reply_due_on_{i}": "" for i in range(3)},
            "area": Area.CHILDREN,
            "team": "",
            "summary": "Delay in a Stage 2 investigation",
        },
    )
    case = OmbudsmanCase.objects.get()
    assert response.url == reverse("ombudsman:detail", args=[case.reference])
    assert (case.team, case.reply_due_on) == (None, None)
    page = client.get(response.url).content.decode()
    assert "team not recorded" in page
    assert "Not recorded" in page
    listed = client.get(LIST).content.decode()
    assert "Awaiting the council's reply (due date not recorded)" in listed


def test_the_decision_screen_shows_a_specific_error_and_keeps_the_answers(client):
    case = make()
    client.force_login(UserFactory(role=Role.COMPLAINTS_MANAGER))
    url = reverse("ombudsman:step", args=[case.reference, "decide"])
    response = client.post(
        url, {**day_fields("decided_on", date(2025, 1, 2)), "decision": Decision.UPHELD}
    )
    page = response.content.decode()
    assert "The decision date must be on or after the date the enquiry was received" in page
    response = client.post(
        url,
        {
            **day_fields("decided_on", date(2025, 5, 2)),
            "decision": Decision.UPHELD,
            "detailed_investigation": "on",
            "fault": "on",
        },
    )
    assert response.status_code == 302
    remedy = client.post(
        reverse("ombudsman:step", args=[case.reference, "add_remedy"]),
        {"description": "Pay £250", "amount": "-250", **day_fields("due_on", date(2025, 6, 2))},
    )
    assert "The amount must be more than £0" in remedy.content.decode()
    assert not case.remedies.exists()


def test_the_list_filters_overdue_replies_and_decisions(client):
    late = make(reference="1")
    answered = make(reference="2")
    answered.record_reply(by=None, on=date(2025, 2, 20))
    answered.record_decision(by=None, on=date(2025, 4, 1), decision=Decision.PREMATURE)
    client.force_login(UserFactory(role=Role.COMPLAINTS_OFFICER))
    overdue = client.get(LIST, {"reply_overdue": "on"}).context["rows"]
    assert [c.reference for c, _ in overdue] == [late.reference]
    premature = client.get(LIST, {"decision": Decision.PREMATURE}).context["rows"]
    assert [c.reference for c, _ in premature] == [answered.reference]
