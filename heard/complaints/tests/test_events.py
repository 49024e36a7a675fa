"""Events are an append-only history: who did what, when, and why."""

from __future__ import annotations

from datetime import date

import pytest

from heard.complaints.models import ComplaintEvent
from heard.complaints.models.events import AppendOnlyError
from heard.complaints.tests import factories as f

pytestmark = pytest.mark.django_db


def test_each_step_records_who_when_what_and_why(officer):
    complaint = f.Stage1OpenFactory()
    complaint.active_stage.withdraw(by=officer, on=date(2025, 3, 5), reason="Sorted informally")
    event = complaint.events.get(action="withdraw")
    assert event.actor == officer
    assert event.effective_on == date(2025, 3, 5)
    assert event.reason == "Sorted informally"
    assert event.occurred_at is not None
    assert event.stage.number == 1


def test_a_step_stamps_the_stage_with_who_changed_it_and_a_new_version(officer):
    complaint = f.Stage1OpenFactory()
    stage = complaint.active_stage
    stage.acknowledge(by=officer, on=date(2025, 3, 4))
    stage.refresh_from_db()
    assert stage.updated_by == officer
    assert stage.version == 2


def test_events_cannot_be_changed_or_deleted():
    complaint = f.Stage1OpenFactory()
    event = complaint.events.get()
    event.reason = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        ComplaintEvent.objects.filter(pk=event.pk).update(reason="rewritten")
    with pytest.raises(AppendOnlyError):
        ComplaintEvent.objects.all().delete()


def test_a_timeline_entry_says_what_changed():
    complaint = f.Stage1RespondedFactory.create()
    labels = [event.label for event in complaint.events.all()]
    theme = complaint.elements.get().theme.name
    assert f"Point of complaint added: point 1, {theme}" in labels
    assert "Finding recorded: point 1, not upheld" in labels
    stage = f.Stage1AcknowledgedFactory.create().active_stage
    stage.extend(
        by=None,
        new_due=date(2025, 3, 28),
        reason="Waiting for a record",
        agreed_on=date(2025, 3, 6),
    )
    stage.not_accept(by=None, on=date(2025, 3, 7), reason="out_of_time")
    labels = [event.label for event in stage.complaint.events.all()]
    assert "Response time extended: to 28 March 2025" in labels
    assert "Not accepted: made out of time" in labels


def test_an_entry_whose_details_were_not_kept_says_what_was_done():
    complaint = f.Stage1OpenFactory.create()
    event = ComplaintEvent.objects.create(complaint=complaint, action="record_finding")
    assert event.label == "Finding recorded"
