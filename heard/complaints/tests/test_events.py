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
