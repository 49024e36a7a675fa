"""What the tracking page tells the person at each point of the procedure."""

from __future__ import annotations

import pytest

from heard.complaints.tests import factories as f
from heard.public.tracking import public_status

pytestmark = pytest.mark.django_db


def test_received_but_not_yet_acknowledged_gives_the_acknowledgement_date():
    complaint = f.Stage1OpenFactory()  # received Monday 3 March 2025: 3 working days
    complaint.refresh_from_db()  # the stored status and deadline, as the page reads them
    status = public_status(complaint)
    assert status.status == "We have received your complaint (stage 1)."
    assert status.next_step == "We will write to confirm we have it by 6 March 2025."


def test_acknowledged_gives_the_response_date():
    complaint = f.Stage1AcknowledgedFactory()
    complaint.refresh_from_db()
    status = public_status(complaint)
    assert status.status == "We are looking into your complaint (stage 1)."
    assert status.next_step == f"We aim to reply by {complaint.next_due_on.day} March 2025."


def test_responded_says_so_and_how_to_take_it_further():
    status = public_status(f.Stage1RespondedFactory())
    assert status.status == "We have replied to your complaint at stage 1."
    assert "ask us to look at it again" in status.next_step


def test_paused_for_advocacy_says_so_without_a_date():
    complaint = f.Stage1AcknowledgedFactory()
    complaint.record_advocacy(
        by=None,
        offered_on=complaint.received_on,
        taken_up=True,
        provider=f.PractitionerFactory(name="Advocacy service", may_advocate=True),
    )
    complaint.active_stage.pause_for_advocacy(
        by=None, on=complaint.received_on, reason="Finding an advocate"
    )
    complaint.refresh_from_db()
    status = public_status(complaint)
    assert "on hold while an advocate is found" in status.status
    assert "by" not in status.next_step
