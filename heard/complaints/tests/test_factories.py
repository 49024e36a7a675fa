"""Each state factory leaves a complaint in the state its name says."""

from __future__ import annotations

import pytest

from heard.complaints.choices import ComplaintStatus, StageStatus
from heard.complaints.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("factory", "stage", "status"),
    [
        (f.Stage1OpenFactory, 1, StageStatus.IN_PROGRESS),
        (f.Stage1AcknowledgedFactory, 1, StageStatus.IN_PROGRESS),
        (f.Stage1RespondedFactory, 1, StageStatus.RESPONDED),
        (f.Stage2OpenFactory, 2, StageStatus.IN_PROGRESS),
        (f.Stage2RespondedFactory, 2, StageStatus.RESPONDED),
        (f.Stage3OpenFactory, 3, StageStatus.IN_PROGRESS),
    ],
)
def test_state_factories_build_the_state_they_are_named_for(factory, stage, status):
    complaint = factory()
    assert complaint.status == ComplaintStatus.OPEN
    assert complaint.current_stage == stage
    assert complaint.active_stage.status == status
    assert complaint.events.filter(action="receive").count() == 1
