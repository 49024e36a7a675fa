"""The children's statutory complaint: people, the complaint, its stages and outcomes."""

from __future__ import annotations

from heard.complaints.models.complaint import Complaint, Theme
from heard.complaints.models.documents import Document, LetterKind, LetterTemplate
from heard.complaints.models.events import ComplaintEvent
from heard.complaints.models.outcomes import (
    Cost,
    Element,
    ElementFinding,
    LearningAction,
    Remedy,
    roll_up,
)
from heard.complaints.models.people import Child, Complainant, Practitioner
from heard.complaints.models.stage import Appointment, Stage

__all__ = [
    "Appointment",
    "Child",
    "Complainant",
    "Complaint",
    "ComplaintEvent",
    "Cost",
    "Document",
    "Element",
    "ElementFinding",
    "LearningAction",
    "LetterKind",
    "LetterTemplate",
    "Practitioner",
    "Remedy",
    "Stage",
    "Theme",
    "roll_up",
]
