"""Logging a complaint: references, the first stage, and what must be given."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from heard.complaints.choices import ComplaintStatus, StageStatus
from heard.complaints.models import Complaint
from heard.complaints.tests import factories as f
from heard.core.errors import RuleViolation

pytestmark = pytest.mark.django_db


def test_references_are_numbered_per_year_and_unique():
    first = f.Stage1OpenFactory(received_on=date(2025, 3, 3))
    second = f.Stage1OpenFactory(received_on=date(2025, 6, 3))
    next_year = f.Stage1OpenFactory(received_on=date(2026, 1, 5))
    assert [first.reference, second.reference, next_year.reference] == [
        "CSC-2025-00001",
        "CSC-2025-00002",
        "CSC-2026-00001",
    ]


def test_a_new_complaint_starts_at_stage_1_on_the_day_it_was_received():
    complaint = f.Stage1OpenFactory(children=[f.ChildFactory()])
    stage = complaint.active_stage
    assert complaint.status == ComplaintStatus.OPEN
    assert (stage.number, stage.status, stage.started_on) == (
        1,
        StageStatus.IN_PROGRESS,
        complaint.received_on,
    )
    assert complaint.children.count() == 1
    assert complaint.events.get().action == "receive"


def test_a_complaint_needs_a_summary_and_a_known_channel():
    with pytest.raises(RuleViolation, match="Enter a summary"):
        f.Stage1OpenFactory(summary="  ")
    with pytest.raises(ValidationError, match="channel"):
        f.Stage1OpenFactory(channel="carrier pigeon")
    assert not Complaint.objects.exists()


def test_open_lists_only_open_complaints():
    open_case = f.Stage1OpenFactory()
    closed = f.Stage1RespondedFactory()
    closed.close(by=None, on=closed.active_stage.ended_on)
    assert list(Complaint.objects.open()) == [open_case]


def test_a_new_installation_has_the_default_themes_and_an_edited_list_is_kept():
    from heard.complaints.models import Theme
    from heard.complaints.themes import DEFAULT_THEMES, seed_default_themes

    assert list(Theme.objects.values_list("name", flat=True)) == DEFAULT_THEMES
    Theme.objects.filter(name="Other").delete()
    assert seed_default_themes() == 0
    assert not Theme.objects.filter(name="Other").exists()
