"""The append-only record of every step taken on a complaint (heard.core.events)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import models

from heard.complaints.choices import (
    AppointmentRole,
    CostKind,
    Finding,
    NotAcceptedReason,
    Procedure,
)
from heard.complaints.transitions import TRANSITIONS
from heard.core.events import AppendOnlyError, Event

__all__ = ["AppendOnlyError", "ComplaintEvent"]

#: How each kind of event reads on a case's timeline; steps take their labels from the
#: transition table.
EVENT_LABELS = {
    "receive": "Complaint received",
    "add_element": "Point of complaint added",
    "add_remedy": "Remedy recorded",
    "correct_remedy": "Remedy corrected",
    "remove_remedy": "Remedy removed",
    "complete_remedy": "Remedy carried out",
    "add_learning_action": "Learning action raised",
    "correct_learning_action": "Learning action corrected",
    "remove_learning_action": "Learning action removed",
    "complete_learning_action": "Learning action completed",
    "add_cost": "Cost recorded",
    "correct_cost": "Cost corrected",
    "remove_cost": "Cost removed",
    "edit_details": "Details corrected",
    "add_document": "Document added",
    "edit_complainant": "Complainant's details corrected",
    "edit_child": "Child's details corrected",
    "add_child": "Child added",
    "add_letter": "Letter created",
    "change_procedure": "Moved to another procedure",
    "accept": "Accepted from the triage queue",
    "assign": "Assigned",
    "import": "Imported from a complaints log",
    "send_message": "Email sent",
    "change_appointee_sign_in": "Appointee's sign-in changed",
}


def changed(action: str, details: dict[str, Any]) -> str:
    """The words a timeline entry adds from its event's details, or none."""
    try:
        if action == "record_finding":
            return f"point {details['element']}, {Finding(details['finding']).label.lower()}"
        if action == "add_element":
            return f"point {details['element']}, {details['theme']}"
        if action == "extend":
            return f"to {date.fromisoformat(details['new_due']):%-d %B %Y}"
        if action == "appoint":
            return f"{AppointmentRole(details['role']).label.lower()}, {details['practitioner']}"
        if action == "assign":
            return f"to {details['officer']}" if details["officer"] else "to no one"
        if action == "accept":
            officer = f", assigned to {details['officer']}" if details["officer"] else ""
            procedure = Procedure(details["procedure"]).label
            return f"{procedure}, {details['team']}{officer}"
        if action == "not_accept":
            return NotAcceptedReason(details["reason"]).label.lower()
        if action == "add_cost":
            amount = Decimal(details["amount"])
            whole = amount == amount.to_integral_value()
            return f"{CostKind(details['kind']).label.lower()}, £{amount:,.{0 if whole else 2}f}"
    except (KeyError, ValueError, ArithmeticError):
        return ""  # an event from before its details were kept says what was done only
    return ""


class ComplaintEvent(Event):
    complaint = models.ForeignKey(
        "complaints.Complaint",
        on_delete=models.PROTECT,
        related_name="events",
        db_index=False,  # event_complaint_idx leads with it
    )
    stage = models.ForeignKey(
        "complaints.Stage", on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )

    class Meta(Event.Meta):
        indexes = [models.Index(fields=["complaint", "occurred_at"], name="event_complaint_idx")]

    @property
    def label(self) -> str:
        """What was done, and, where the event keeps it, what changed: "Finding recorded:
        point 2, partially upheld"."""
        if self.action in TRANSITIONS:
            done = TRANSITIONS[self.action].done
        else:
            done = EVENT_LABELS.get(self.action, super().label)
        what = changed(self.action, self.details or {})
        return f"{done}: {what}" if what else done
