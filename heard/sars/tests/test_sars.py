"""Subject access requests: the clock, clarification, extension, outcome, screens and access."""

from __future__ import annotations

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from heard.accounts.models import Role
from heard.accounts.tests.factories import UserFactory
from heard.complaints.tests.factories import Stage1OpenFactory
from heard.complaints.tests.test_documents import PDF
from heard.core.errors import RuleViolation, TransitionNotAllowed
from heard.sars.models import (
    WORKFLOW,
    Exemption,
    RequesterRole,
    SarOutcome,
    SarStatus,
    SubjectAccessRequest,
)

pytestmark = pytest.mark.django_db
LIST = reverse("sars:list")
CREATE = reverse("sars:create")


def day_fields(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def make(received_on=date(2025, 1, 31), **fields):
    values = {
        "requester_name": "Sam Taylor",
        "requester_role": RequesterRole.SELF,
        "data_subject_name": "Sam Taylor",
        "records_sought": "My social care file from 2008 to 2016",
        "care_leaver": True,
        "identity_verified_on": received_on,
        **fields,
    }
    return SubjectAccessRequest.log(by=None, received_on=received_on, **values)


# --- the clock ------------------------------------------------------------------------------


def test_a_request_received_31_january_is_due_on_the_last_day_of_february():
    # 28 February 2025 is a Friday; the deadline is stored, derived from the dates.
    assert make(received_on=date(2025, 1, 31)).due_on == date(2025, 2, 28)


def test_the_clock_waits_for_proof_of_identity_and_starts_on_the_day_it_arrives():
    sar = make(received_on=date(2025, 3, 3), identity_verified_on=None)
    assert sar.due_on is None
    assert sar.waiting_for() == ["proof of identity"]
    sar.record_proof(
        by=None,
        identity_verified_on=date(2025, 3, 10),
        authority_received_on=None,
        fee=None,
        fee_received_on=None,
    )
    assert sar.clock_started_on == date(2025, 3, 10)
    assert sar.due_on == date(2025, 4, 10)


def test_someone_acting_for_another_needs_proof_of_authority_before_the_clock_starts():
    sar = make(
        received_on=date(2025, 3, 3),
        requester_role=RequesterRole.SOLICITOR,
        data_subject_name="Jo Brown",
    )
    assert sar.due_on is None
    assert sar.waiting_for() == ["proof of authority to act for the person"]
    sar.record_proof(
        by=None,
        identity_verified_on=date(2025, 3, 3),
        authority_received_on=date(2025, 3, 5),
        fee=None,
        fee_received_on=None,
    )
    assert sar.due_on == date(2025, 4, 7)  # 5 April 2025 is a Saturday


def test_a_deadline_on_a_bank_holiday_moves_to_the_next_working_day():
    # Received 26 April 2025: 26 May is the spring bank holiday, so it is due Tuesday 27 May.
    assert make(received_on=date(2025, 4, 26)).due_on == date(2025, 5, 27)


def test_days_waiting_for_clarification_are_added_to_the_deadline():
    sar = make(received_on=date(2025, 3, 3))
    sar.ask_for_clarification(by=None, on=date(2025, 3, 5), question="Which years?")
    assert sar.due_on is None  # the clock is stopped
    assert SubjectAccessRequest.objects.clock_stopped().get() == sar
    sar.receive_clarification(by=None, on=date(2025, 3, 12))
    assert sar.clock_stopped_days == 7
    assert sar.due_on == date(2025, 4, 10)  # 3 April + 7 days
    assert [e.action for e in sar.events.all()] == [
        "receive",
        "ask_clarification",
        "receive_clarification",
    ]


def test_an_extension_told_within_the_first_month_runs_to_three_months():
    sar = make(received_on=date(2025, 3, 3))
    sar.extend(by=None, told_on=date(2025, 3, 28), months=3, reason="Files from 3 services")
    assert sar.due_on == date(2025, 6, 3)
    with pytest.raises(TransitionNotAllowed, match="already been extended"):
        sar.extend(by=None, told_on=date(2025, 3, 29), months=3, reason="Again")


def test_an_extension_after_the_first_month_is_refused_and_saves_nothing():
    sar = make(received_on=date(2025, 3, 3))
    with pytest.raises(RuleViolation, match="had to be told by 3 April 2025") as error:
        sar.extend(by=None, told_on=date(2025, 4, 4), months=3, reason="Many files")
    assert error.value.field == "told_on"
    sar.refresh_from_db()
    assert (sar.months_allowed, sar.due_on, sar.extension_told_on) == (1, date(2025, 4, 3), None)
    assert sar.events.count() == 1


@pytest.mark.parametrize("months", [1, 4])
def test_an_extension_is_to_two_or_three_months(months):
    with pytest.raises(RuleViolation, match="two or three months"):
        make(received_on=date(2025, 3, 3)).extend(
            by=None, told_on=date(2025, 3, 10), months=months, reason="Complex"
        )


def test_proof_cannot_predate_the_request_and_a_fee_must_be_positive():
    with pytest.raises(RuleViolation, match="on or after the date the request was received"):
        make(received_on=date(2025, 3, 3), identity_verified_on=date(2025, 3, 1))
    with pytest.raises(RuleViolation, match="more than £0"):
        make(fee=-5)
    assert not SubjectAccessRequest.objects.exists()


# --- the outcome ----------------------------------------------------------------------------


def test_a_partial_disclosure_records_pages_exemptions_and_the_search_decision():
    sar = make(received_on=date(2025, 3, 3))
    third_party = Exemption.objects.get(name="Third-party personal data")
    sar.close(
        by=None,
        on=date(2025, 4, 2),
        outcome=SarOutcome.DISCLOSED_PART,
        pages_reviewed=812,
        pages_disclosed=640,
        exemptions=[third_party],
        search_limited=True,
        search_decision="Archived paper files before 2005 were not searched: none relate",
    )
    sar.refresh_from_db()
    assert sar.status == SarStatus.CLOSED
    assert sar.due_on == sar.derived_due_on()  # kept: the deadline it was answered against
    assert sar.closed_in_time is True
    assert list(sar.exemptions.all()) == [third_party]
    assert WORKFLOW.available(sar) == []


BAD_OUTCOMES = {
    "partial without exemptions": (
        SarOutcome.DISCLOSED_PART,
        {"pages_reviewed": 10, "pages_disclosed": 5},
        "exemptions",
        "exemptions",
    ),
    "more disclosed than reviewed": (
        SarOutcome.DISCLOSED_FULL,
        {"pages_reviewed": 10, "pages_disclosed": 11},
        "more than the 10 reviewed",
        "pages_disclosed",
    ),
    "no pages reviewed": (
        SarOutcome.DISCLOSED_FULL,
        {"pages_disclosed": 11},
        "pages reviewed",
        "pages_reviewed",
    ),
    "pages with no data": (
        SarOutcome.NO_DATA,
        {"pages_reviewed": 0, "pages_disclosed": 3},
        "No pages are disclosed",
        "pages_disclosed",
    ),
    "limited search unexplained": (
        SarOutcome.WITHDRAWN,
        {"search_limited": True},
        "Record the search decision",
        "search_decision",
    ),
}


@pytest.mark.parametrize(
    ("outcome", "values", "message", "field"), BAD_OUTCOMES.values(), ids=BAD_OUTCOMES.keys()
)
def test_an_inconsistent_outcome_is_refused_with_a_specific_error(outcome, values, message, field):
    sar = make(received_on=date(2025, 3, 3))
    with pytest.raises(RuleViolation, match=message) as error:
        sar.close(by=None, on=date(2025, 3, 20), outcome=outcome, **values)
    assert error.value.field == field
    sar.refresh_from_db()
    assert sar.status == SarStatus.OPEN


def test_the_outcome_waits_for_an_open_clarification():
    sar = make(received_on=date(2025, 3, 3))
    sar.ask_for_clarification(by=None, on=date(2025, 3, 5), question="Which years?")
    with pytest.raises(TransitionNotAllowed, match="clock is stopped"):
        sar.close(by=None, on=date(2025, 3, 6), outcome=SarOutcome.WITHDRAWN)


# --- access ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", list(Role))
def test_one_rule_decides_who_sees_requests(client, role):
    sees = role in (Role.COMPLAINTS_MANAGER, Role.COMPLAINTS_OFFICER, Role.SAR_OFFICER)
    sar = make()
    client.force_login(UserFactory(role=role))
    assert client.get(LIST).status_code == (200 if sees else 403)
    assert client.get(reverse("sars:detail", args=[sar.reference])).status_code == (
        200 if sees else 404
    )
    step = reverse("sars:step", args=[sar.reference, "extend"])
    assert client.get(step).status_code == (200 if sees else 404)


def test_a_subject_access_officer_sees_requests_only(client):
    complaint = Stage1OpenFactory()
    client.force_login(UserFactory(role=Role.SAR_OFFICER))
    assert client.get(reverse("complaints:detail", args=[complaint.reference])).status_code == 404
    assert client.get(reverse("complaints:list")).context["rows"] == []
    home = client.get(reverse("dashboard:home")).content.decode()
    assert "Subject access requests" in home
    assert "Open complaints" not in home
    assert 'href="/complaints/"' not in home


# --- screens --------------------------------------------------------------------------------


def test_an_officer_logs_a_request_and_sees_its_deadline(client):
    officer = UserFactory(role=Role.SAR_OFFICER)
    client.force_login(officer)
    response = client.post(
        CREATE,
        {
            **day_fields("received_on", date(2025, 1, 31)),
            **day_fields("identity_verified_on", date(2025, 1, 31)),
            "requester_name": "Sam Taylor",
            "requester_role": RequesterRole.SELF,
            "data_subject_name": "Sam Taylor",
            "care_leaver": "on",
            "records_sought": "My file",
            "assigned_officer": officer.pk,
        },
    )
    sar = SubjectAccessRequest.objects.get()
    assert response.url == reverse("sars:detail", args=[sar.reference])
    assert sar.reference.startswith("SAR-2025-")
    page = client.get(response.url).content.decode()
    assert "28 February 2025" in page
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()


def test_a_bad_form_keeps_what_was_typed_and_says_what_is_wrong(client):
    client.force_login(UserFactory(role=Role.COMPLAINTS_OFFICER))
    response = client.post(
        CREATE,
        {
            **day_fields("received_on", date(2025, 3, 3)),
            **day_fields("identity_verified_on", date(2025, 3, 1)),
            "requester_name": "Sam Taylor",
            "requester_role": RequesterRole.SELF,
            "data_subject_name": "Sam Taylor",
            "records_sought": "My file",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "proof of identity date must be on or after the date the request was received" in page
    assert 'value="Sam Taylor"' in page
    assert not SubjectAccessRequest.objects.exists()


def test_the_extend_screen_refuses_a_late_extension_and_saves_nothing(client):
    sar = make(received_on=date(2025, 3, 3))
    client.force_login(UserFactory(role=Role.SAR_OFFICER))
    url = reverse("sars:step", args=[sar.reference, "extend"])
    response = client.post(
        url, {**day_fields("told_on", date(2025, 4, 4)), "months": "3", "reason": "Complex"}
    )
    assert response.status_code == 200
    assert "had to be told by 3 April 2025" in response.content.decode()
    sar.refresh_from_db()
    assert sar.months_allowed == 1


def test_the_outcome_screen_records_exemptions(client):
    sar = make(received_on=date(2025, 3, 3))
    client.force_login(UserFactory(role=Role.COMPLAINTS_MANAGER))
    exemption = Exemption.objects.get(name="Legal professional privilege")
    response = client.post(
        reverse("sars:step", args=[sar.reference, "close"]),
        {
            **day_fields("closed_on", date(2025, 3, 28)),
            "outcome": SarOutcome.DISCLOSED_PART,
            "pages_reviewed": "120",
            "pages_disclosed": "100",
            "exemptions": [exemption.pk],
        },
    )
    assert response.status_code == 302
    sar.refresh_from_db()
    assert (sar.status, sar.pages_disclosed) == (SarStatus.CLOSED, 100)
    assert client.get(reverse("sars:step", args=[sar.reference, "close"])).status_code == 302


def test_the_list_filters_overdue_and_care_leaver_requests(client):
    late = make(received_on=date(2024, 1, 10))
    answered = make(received_on=date(2024, 2, 10), care_leaver=False)
    answered.close(by=None, on=date(2024, 3, 1), outcome=SarOutcome.NO_DATA)
    client.force_login(UserFactory(role=Role.SAR_OFFICER))
    overdue = client.get(LIST, {"overdue": "on"}).context["rows"]
    assert [r.reference for r, _ in overdue] == [late.reference]
    leavers = client.get(LIST, {"care_leaver": "on"}).context["rows"]
    assert [r.reference for r, _ in leavers] == [late.reference]
    closed = client.get(LIST, {"status": "closed"}).context["rows"]
    assert [r.reference for r, _ in closed] == [answered.reference]


def test_recording_proof_with_nothing_new_is_refused_and_logs_nothing():
    sar = make(received_on=date(2025, 3, 3), identity_verified_on=None)
    with pytest.raises(RuleViolation, match="Nothing has changed") as refused:
        sar.record_proof(
            by=None,
            identity_verified_on=None,
            authority_received_on=None,
            fee=None,
            fee_received_on=None,
        )
    assert refused.value.field == "identity_verified_on"
    assert not sar.events.filter(action="record_proof").exists()


def test_the_proof_screen_sent_empty_says_what_to_enter_and_saves_nothing(client):
    sar = make(received_on=date(2025, 3, 3), identity_verified_on=None)
    client.force_login(UserFactory(role=Role.SAR_OFFICER))
    # Every box left empty, as a browser sends the form.
    empty = {
        **{
            f"{name}_{part}": ""
            for name in ("identity_verified_on", "authority_received_on", "fee_received_on")
            for part in range(3)
        },
        "fee": "",
    }
    response = client.post(reverse("sars:step", args=[sar.reference, "record_proof"]), empty)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing has changed: enter the date proof of identity" in page
    assert 'href="#id_identity_verified_on' in page
    assert not sar.events.filter(action="record_proof").exists()
    sar.refresh_from_db()
    assert sar.clock_started_on is None


def test_a_correction_that_clears_a_date_is_still_recorded():
    sar = make(received_on=date(2025, 3, 3), identity_verified_on=date(2025, 3, 4))
    sar.record_proof(
        by=None,
        identity_verified_on=None,
        authority_received_on=None,
        fee=None,
        fee_received_on=None,
    )
    sar.refresh_from_db()
    assert sar.identity_verified_on is None
    assert sar.events.filter(action="record_proof").count() == 1


# --- documents added by officers ------------------------------------------------------------


def add_document_url(sar):
    return reverse("sars:add_document", args=[sar.reference])


@pytest.mark.parametrize("role", list(Role))
def test_one_rule_decides_who_may_add_a_document(client, role):
    sees = role in (Role.COMPLAINTS_MANAGER, Role.COMPLAINTS_OFFICER, Role.SAR_OFFICER)
    sar = make()
    client.force_login(UserFactory(role=role))
    assert client.get(add_document_url(sar)).status_code == (200 if sees else 404)


def test_an_officer_adds_proof_that_came_by_email_and_it_does_not_start_the_clock(client):
    sar = make(received_on=date(2025, 3, 3), identity_verified_on=None)
    officer = UserFactory(role=Role.SAR_OFFICER, first_name="Nadia", last_name="Rahman")
    client.force_login(officer)
    response = client.post(
        add_document_url(sar),
        {
            "file": SimpleUploadedFile("passport.pdf", PDF),
            "kind": "identity",
            "title": "Passport copy sent by email",
        },
    )
    assert response.status_code == 302
    document = sar.documents.get()
    assert (document.kind, document.title, document.added_by, document.content_type) == (
        "identity",
        "Passport copy sent by email",
        officer,
        "application/pdf",
    )
    event = sar.events.get(action="add_document")
    assert (event.actor, event.details) == (officer, {"kind": "identity"})
    sar.refresh_from_db()
    assert sar.clock_started_on is None
    page = client.get(reverse("sars:detail", args=[sar.reference])).content.decode()
    assert "Proof of identity: Passport copy sent by email" in page
    assert "added by Nadia Rahman" in page
    download = client.get(reverse("sars:document", args=[sar.reference, document.pk]))
    assert download["Cache-Control"] == "private, no-store"
    assert b"".join(download.streaming_content) == PDF


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "other"}, "Select a file"),
        ({"file": ("notes.pdf", b"<html><body>hi</body></html>"), "kind": "other"}, "web page"),
        ({"file": ("letter.pdf", None)}, "Choose what the document is"),
    ],
)
def test_a_bad_document_is_refused_with_a_specific_error_and_saves_nothing(client, data, message):
    sar = make()
    client.force_login(UserFactory(role=Role.SAR_OFFICER))
    post = dict(data)
    if "file" in post:
        name, content = post["file"]
        post["file"] = SimpleUploadedFile(name, PDF if content is None else content)
    response = client.post(add_document_url(sar), post)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not sar.documents.exists()
    assert not sar.events.filter(action="add_document").exists()
