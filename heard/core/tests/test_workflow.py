"""The shared transition table and event record of the light case types (heard.core)."""

from __future__ import annotations

from datetime import date

import pytest

from heard.core.errors import RuleViolation, TransitionNotAllowed
from heard.core.events import AppendOnlyError
from heard.core.tests.factories import TeamFactory
from heard.enquiries.models import WORKFLOW, Enquiry, EnquiryEvent, EnquiryStatus, MemberKind

pytestmark = pytest.mark.django_db


def enquiry():
    return Enquiry.log(
        by=None,
        received_on=date(2025, 5, 20),
        member_kind=MemberKind.MP,
        member_name="A Member",
        summary="About a placement",
        team=TeamFactory(),
    )


def test_the_table_offers_a_step_only_from_its_sources():
    case = enquiry()
    assert [s.name for s in WORKFLOW.available(case)] == ["respond"]
    case.respond(by=None, on=date(2025, 5, 21))
    assert WORKFLOW.available(case) == []
    assert WORKFLOW.why_not("respond", case) == "This enquiry has already been answered"
    with pytest.raises(TransitionNotAllowed):
        WORKFLOW.check("respond", case)


def test_a_step_moves_the_status_and_appends_an_event_with_its_timeline_label():
    case = enquiry()
    case.respond(by=None, on=date(2025, 5, 22), response="Replied by letter")
    assert case.status == EnquiryStatus.RESPONDED
    assert [(e.action, e.label, e.effective_on) for e in case.events.all()] == [
        ("receive", "Enquiry received", date(2025, 5, 20)),
        ("respond", "Reply recorded", date(2025, 5, 22)),
    ]


def test_a_step_whose_body_refuses_changes_nothing_and_records_nothing():
    case = enquiry()
    with pytest.raises(RuleViolation):
        case.respond(by=None, on=date(2025, 5, 19))
    case.refresh_from_db()
    assert case.status == EnquiryStatus.OPEN
    assert case.responded_on is None
    assert list(case.events.values_list("action", flat=True)) == ["receive"]


def test_events_of_every_case_type_are_append_only():
    event = enquiry().events.get()
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        EnquiryEvent.objects.all().update(reason="x")
    with pytest.raises(AppendOnlyError):
        EnquiryEvent.objects.all().delete()
