"""Documents held on a case, and the templates its standard letters are made from."""

from __future__ import annotations

import re
import uuid
from typing import IO, TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, OuterRef

from heard.accounts.models import Role, User
from heard.complaints.choices import AppointmentRole, Decision, Procedure
from heard.complaints.models.complaint import Complaint
from heard.complaints.models.stage import Appointment, Stage
from heard.core.files import document_storage, store_file

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser


def document_path(instance: Document, filename: str) -> str:
    # The stored name is random: an officer's file name never becomes a path on disk.
    return f"complaints/{instance.complaint_id}/{uuid.uuid4().hex}"


class DocumentQuerySet(models.QuerySet["Document"]):
    def visible_to(self, user: User | AnonymousUser) -> DocumentQuerySet:
        """The documents this user may open: derived from the one access rule.

        Anyone who may see a case may see its documents, except that an investigating officer
        or independent person sees only the documents of the Stage 2 they are appointed to
        (DOMAIN.md section 1).
        """
        documents = self.filter(complaint__in=Complaint.objects.visible_to(user).values("pk"))
        stage_only: dict[str, str] = {
            Role.INVESTIGATING_OFFICER: AppointmentRole.INVESTIGATING_OFFICER,
            Role.INDEPENDENT_PERSON: AppointmentRole.INDEPENDENT_PERSON,
        }
        if isinstance(user, User) and user.role in stage_only:
            appointed = Appointment.objects.filter(
                stage=OuterRef("stage"), practitioner__user=user, role=stage_only[user.role]
            )
            documents = documents.filter(Exists(appointed))
        return documents


class Document(models.Model):
    """A file on a case: an uploaded letter, email, PDF, Word file or image, or a letter
    generated from a template. Its content type was judged from its content on upload."""

    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.PROTECT, related_name="documents"
    )
    #: The stage it belongs to; empty for a document about the whole case.
    stage = models.ForeignKey(
        "complaints.Stage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
    )
    title = models.CharField(max_length=200)
    file = models.FileField(storage=document_storage, upload_to=document_path, max_length=200)
    filename = models.CharField("original file name", max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    #: The letter template it was generated from, if it was generated.
    letter = models.CharField(max_length=40, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-added_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def attach(
        cls,
        complaint: Complaint,
        *,
        by: User | None,
        stage: Stage | None,
        title: str,
        filename: str,
        content: IO[bytes],
        content_type: str,
        letter: str = "",
    ) -> Document:
        """Store a file on the case and record that it was added, in one transaction."""
        with transaction.atomic():
            document = cls(
                complaint=complaint,
                stage=stage,
                title=title,
                content_type=content_type,
                letter=letter,
                added_by=by,
            )
            store_file(document, filename, content)
            document.save()
            complaint.events.create(
                stage=stage,
                action="add_letter" if letter else "add_document",
                actor=by,
                # The title is not repeated here: the timeline is shown to people who may
                # not open every document (an investigator sees only Stage 2's).
                details={"document": document.pk},
            )
        return document


class LetterKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", "Acknowledgement"
    STAGE1_RESPONSE = "stage1_response", "Stage 1 response"
    STAGE2_ADJUDICATION = "stage2_adjudication", "Stage 2 adjudication covering letter"
    STAGE2_RESPONSE = "stage2_response", "Stage 2 response"
    STAGE3_INVITATION = "stage3_invitation", "Stage 3 panel invitation"
    STAGE3_RESPONSE = "stage3_response", "Stage 3 response to the panel's recommendations"
    SUFFICIENT_INTEREST_REFUSED = "interest_refused", "Sufficient interest refused"
    OUT_OF_TIME_REFUSED = "late_refused", "Not accepted out of time"


#: The stage each standard letter belongs to.
LETTER_STAGE = {
    LetterKind.ACKNOWLEDGEMENT: 1,
    LetterKind.STAGE1_RESPONSE: 1,
    LetterKind.STAGE2_ADJUDICATION: 2,
    LetterKind.STAGE2_RESPONSE: 2,
    LetterKind.STAGE3_INVITATION: 3,
    LetterKind.STAGE3_RESPONSE: 3,
    LetterKind.SUFFICIENT_INTEREST_REFUSED: 1,
    LetterKind.OUT_OF_TIME_REFUSED: 1,
}

#: The letters that tell someone of a refusal, offered only once the decision refused them:
#: the decision's field on the complaint.
REFUSAL_LETTERS = {
    LetterKind.SUFFICIENT_INTEREST_REFUSED: "sufficient_interest_decision",
    LetterKind.OUT_OF_TIME_REFUSED: "out_of_time_decision",
}

#: What a letter template may say in {braces}; heard.complaints.letters fills them in.
PLACEHOLDERS = {
    "reference": "the case reference",
    "today": "today's date",
    "organisation": "the council's name",
    "complainant_name": "the complainant's name",
    "complainant_address": "the complainant's address",
    "child_names": "the names of the children it is about",
    "received_on": "the date the complaint was received",
    "summary": "the one-line summary",
    "points": "the points of complaint, one per line",
    "findings": "each point of complaint with the finding on it at this stage, one per line",
    "decision_reason": "the reason given for refusing the complaint",
    "stage_started_on": "the date this stage started",
    "response_due": "the date the response is due at this stage",
    "panel_due": "the latest date the Stage 3 panel may meet",
    "recommendations": "the panel's recommendations, each with the council's response and "
    "reasons, one after another",
    "officer_name": "the assigned officer's name",
}

PLACEHOLDER = re.compile(r"\{(\w*)\}")


def validate_placeholders(body: str) -> None:
    unknown = sorted({name for name in PLACEHOLDER.findall(body) if name not in PLACEHOLDERS})
    if unknown:
        raise ValidationError(
            "The letter uses %(unknown)s, which Heard cannot fill in. Use only: %(known)s",
            params={
                "unknown": ", ".join(f"{{{name}}}" for name in unknown),
                "known": ", ".join(f"{{{name}}}" for name in PLACEHOLDERS),
            },
        )


class LetterTemplate(models.Model):
    """The wording of a standard letter, edited by the complaints team, not by developers.

    The body is plain text: a blank line starts a new paragraph, and {placeholders} are filled
    in from the case. It is never run as a template, so it cannot reach anything else.
    """

    #: Each procedure has its own wording of its letters.
    procedure = models.CharField(
        max_length=20, choices=Procedure.choices, default=Procedure.CHILDREN
    )
    kind = models.CharField(max_length=40, choices=LetterKind.choices)
    body = models.TextField(
        validators=[validate_placeholders],
        help_text="Plain text. A blank line starts a new paragraph. Placeholders: "
        + "; ".join(f"{{{name}}} {meaning}" for name, meaning in PLACEHOLDERS.items()),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["procedure", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "kind"], name="letter_once_per_procedure")
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    def save(self, *args: Any, **kwargs: Any) -> None:
        validate_placeholders(self.body)
        super().save(*args, **kwargs)

    def applies_to(self, complaint: Complaint, stage_numbers: set[int]) -> bool:
        """Whether this letter may be written on the case: its procedure, a stage it has
        reached, and (a refusal letter) a decision that refused it."""
        if self.procedure != complaint.procedure or self.stage_number not in stage_numbers:
            return False
        decision = REFUSAL_LETTERS.get(LetterKind(self.kind))
        return decision is None or getattr(complaint, decision) == Decision.REFUSED

    @property
    def stage_number(self) -> int:
        return LETTER_STAGE[LetterKind(self.kind)]

    def filename(self, reference: str) -> str:
        return f"{reference} {self.get_kind_display()}.docx"
