"""Member enquiries: the response target, the reply, the screens and the one access rule."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from heard.accounts.models import Role
from heard.accounts.tests.factories import UserFactory
from heard.core import clock
from heard.core.errors import RuleViolation, TransitionNotAllowed
from heard.core.tests.factories import TeamFactory
from heard.enquiries.models import Enquiry, EnquiryStatus, MemberKind

pytestmark = pytest.mark.django_db
LIST = reverse("enquiries:list")
CREATE = reverse("enquiries:create")


def day_fields(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def make(team=None, received_on=date(2025, 5, 20), **fields):
    values = {
        "member_kind": MemberKind.COUNCILLOR,
        "member_name": "Cllr Ann Patel",
        "summary": "Asks about a family's assessment",
        "team": team or TeamFactory(),
        **fields,
    }
    return Enquiry.log(by=None, received_on=received_on, **values)


def test_the_reply_is_due_10_working_days_after_receipt_over_bank_holidays():
    # Tuesday 20 May 2025 is day 0; Monday 26 May is the spring bank holiday.
    enquiry = make(received_on=date(2025, 5, 20))
    assert enquiry.due_on == date(2025, 6, 4)
    annotated = Enquiry.objects.with_due().get(pk=enquiry.pk)
    assert annotated.response_due_on == enquiry.due_on  # SQL and Python agree


def test_the_target_is_a_setting(settings):
    settings.HEARD_ENQUIRY_RESPONSE_WORKING_DAYS = 5
    enquiry = make(received_on=date(2025, 5, 20))
    assert enquiry.due_on == date(2025, 5, 28)
    assert Enquiry.objects.with_due().get().response_due_on == date(2025, 5, 28)


def test_an_enquiry_is_overdue_the_day_after_its_target_not_on_it():
    enquiry = make(received_on=date(2025, 5, 20))
    assert not Enquiry.objects.overdue(date(2025, 6, 4)).exists()
    assert list(Enquiry.objects.overdue(date(2025, 6, 5))) == [enquiry]
    enquiry.respond(by=None, on=date(2025, 6, 5))
    assert not Enquiry.objects.overdue(date(2025, 6, 5)).exists()
    assert enquiry.responded_in_time is False


def test_a_reply_must_be_between_receipt_and_today_and_is_recorded_once():
    enquiry = make(received_on=date(2025, 5, 20))
    with pytest.raises(RuleViolation, match="on or after the date the enquiry was received"):
        enquiry.respond(by=None, on=date(2025, 5, 19))
    with pytest.raises(RuleViolation, match="today or in the past"):
        enquiry.respond(by=None, on=clock.today() + timedelta(days=1))
    enquiry.respond(by=None, on=date(2025, 5, 22), response="Assessment booked")
    assert (enquiry.status, enquiry.responded_in_time) == (EnquiryStatus.RESPONDED, True)
    with pytest.raises(TransitionNotAllowed, match="already been answered"):
        enquiry.respond(by=None, on=date(2025, 5, 23))
    enquiry.refresh_from_db()
    assert enquiry.responded_on == date(2025, 5, 22)


def test_an_officer_logs_an_enquiry_and_records_the_reply(client, officer):
    team = TeamFactory(name="Fostering")
    client.force_login(officer)
    response = client.post(
        CREATE,
        {
            **day_fields("received_on", date(2025, 5, 20)),
            "kind": "member_enquiry",
            "member_kind": "mp",
            "member_name": "Jo Smith MP",
            "constituent": "<script>alert(1)</script>",
            "team": team.pk,
            "summary": "Asks why a review was delayed",
            "assigned_officer": officer.pk,
        },
    )
    enquiry = Enquiry.objects.get()
    assert response.url == reverse("enquiries:detail", args=[enquiry.reference])
    assert (enquiry.reference, enquiry.logged_by) == ("ENQ-2025-00001", officer)
    page = client.get(response.url).content.decode()
    assert "4 June 2025" in page
    assert "&lt;script&gt;" in page
    assert "<script>alert" not in page

    url = reverse("enquiries:respond", args=[enquiry.reference])
    bad = client.post(url, day_fields("responded_on", date(2025, 5, 1))).content.decode()
    assert "must be on or after the date the enquiry was received, 20 May 2025" in bad
    assert client.post(url, day_fields("responded_on", date(2025, 5, 30))).status_code == 302
    enquiry.refresh_from_db()
    assert (enquiry.responded_on, enquiry.responded_by) == (date(2025, 5, 30), officer)
    again = client.get(url)
    assert again.status_code == 302  # answered already: back to the enquiry with a message


def test_missing_answers_and_a_future_date_get_specific_errors(client, officer):
    client.force_login(officer)
    html = client.post(CREATE, {"constituent": "x", "kind": "member_enquiry"}).content.decode()
    for message in (
        "Enter the date the enquiry was received",
        "Choose whether it is from a councillor or an MP",
        "Enter the councillor&#x27;s or MP&#x27;s name",
        "Choose the team",
        "Enter a summary of the enquiry",
    ):
        assert message in html
    team = TeamFactory()
    future = {
        **day_fields("received_on", clock.today() + timedelta(days=2)),
        "kind": "member_enquiry",
        "member_kind": "mp",
        "member_name": "Jo Smith MP",
        "team": team.pk,
        "summary": "x",
    }
    html = client.post(CREATE, future).content.decode()
    assert "The date the enquiry was received must be today or in the past" in html
    assert not Enquiry.objects.exists()


def test_the_list_filters_overdue_and_by_member(client, officer):
    late = make(received_on=date(2025, 5, 20))
    answered = make(received_on=date(2025, 5, 20), member_kind=MemberKind.MP)
    answered.respond(by=None, on=date(2025, 5, 21))
    client.force_login(officer)
    listed = client.get(LIST, {"overdue": "on"}).context["rows"]
    assert [e for e, _ in listed] == [late]
    assert listed[0][1].overdue
    by_mp = client.get(LIST, {"member_kind": "mp"}).context["rows"]
    assert [e for e, _ in by_mp] == [answered]


@pytest.mark.parametrize("role", list(Role))
def test_each_role_sees_and_changes_enquiries_as_the_one_rule_says(client, role):
    own, other = TeamFactory(name="Fostering"), TeamFactory(name="Adoption")
    mine, theirs = make(own), make(other)
    client.force_login(
        UserFactory(role=role, team=own if role == Role.RESPONDING_MANAGER else None)
    )
    everything = role in (Role.COMPLAINTS_MANAGER, Role.COMPLAINTS_OFFICER)
    expected = (
        {mine, theirs} if everything else {mine} if role == Role.RESPONDING_MANAGER else set()
    )
    assert {e for e, _ in client.get(LIST).context["rows"]} == expected
    for enquiry in (mine, theirs):
        seen = enquiry in expected
        detail = client.get(reverse("enquiries:detail", args=[enquiry.reference]))
        respond = client.get(reverse("enquiries:respond", args=[enquiry.reference]))
        assert detail.status_code == (200 if seen else 404)
        assert respond.status_code == (200 if seen and everything else 403 if seen else 404)
    assert client.get(CREATE).status_code == (200 if everything else 403)


def test_reading_an_enquiry_is_audited(client, officer):
    enquiry = make()
    client.force_login(officer)
    client.get(reverse("enquiries:detail", args=[enquiry.reference]))
    assert LogEntry.objects.get_for_object(enquiry).filter(action=LogEntry.Action.ACCESS).exists()


def test_the_dashboard_counts_open_and_overdue_enquiries_as_the_list_does(client, officer):
    make(received_on=date(2025, 5, 20))  # long overdue
    make(received_on=clock.today())  # due in 10 working days
    answered = make(received_on=date(2025, 5, 20))
    answered.respond(by=None, on=date(2025, 5, 21))
    client.force_login(officer)
    context = client.get(reverse("dashboard:home")).context
    assert (context["enquiries_open"], context["enquiries_overdue"]) == (2, 1)
    assert context["enquiries_overdue"] == len(client.get(LIST, {"overdue": "on"}).context["rows"])


def test_other_representations_are_logged_by_kind_and_only_a_member_enquiry_has_a_member(
    client, officer
):
    team = TeamFactory(name="Fostering")
    client.force_login(officer)
    answers = {
        **day_fields("received_on", date(2025, 5, 20)),
        "kind": "concern",
        "member_kind": "councillor",
        "team": team.pk,
        "summary": "A neighbour worried about a child's care",
    }
    refused = client.post(CREATE, answers).content.decode()
    assert "Only a councillor&#x27;s or MP&#x27;s enquiry is from a councillor or an MP" in refused
    assert not Enquiry.objects.exists()
    answers["member_kind"] = ""
    response = client.post(CREATE, answers)
    concern = Enquiry.objects.get()
    assert (concern.kind, concern.member_kind, concern.member_name) == ("concern", "", "")
    page = client.get(response.url).content.decode()
    assert "Concern" in page
    listed = client.get(LIST, {"kind": "concern"}).context["rows"]
    assert [e.reference for e, _ in listed] == [concern.reference]
    assert not client.get(LIST, {"kind": "comment"}).context["rows"]
