"""The children's statutory complaint: people, the complaint, its stages and outcomes."""

from __future__ import annotations

from heard.complaints.models.complaint import Complaint, Theme
from heard.complaints.models.complaint_queries import ComplaintQuerySet
from heard.complaints.models.documents import Document, LetterKind, LetterTemplate
from heard.complaints.models.events import ComplaintEvent
from heard.complaints.models.informal import InformalComplaint, InformalEvent, InformalStatus
from heard.complaints.models.outcomes import (
    Cost,
    Element,
    ElementFinding,
    LearningAction,
    Remedy,
)
from heard.complaints.models.panel import PanelResponse, Recommendation
from heard.complaints.models.people import Child, Complainant, Practitioner
from heard.complaints.models.stage import Appointment, Stage
from heard.complaints.models.stage_queries import StageQuerySet

# The roll-up is a rule over values (heard.complaints.timing), kept here for its callers.
from heard.complaints.timing import roll_up

__all__ = [
    "Appointment",
    "Child",
    "Complainant",
    "Complaint",
    "ComplaintEvent",
    "ComplaintQuerySet",
    "Cost",
    "Document",
    "Element",
    "ElementFinding",
    "InformalComplaint",
    "InformalEvent",
    "InformalStatus",
    "LearningAction",
    "LetterKind",
    "LetterTemplate",
    "PanelResponse",
    "Practitioner",
    "Recommendation",
    "Remedy",
    "Stage",
    "StageQuerySet",
    "Theme",
    "roll_up",
]
