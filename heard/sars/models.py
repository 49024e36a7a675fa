"""Subject access requests (UK GDPR Art. 15): who asked, for whose records, and by when.

The deadline is one calendar month from the day the clock starts, by the ICO's rule
(heard.workdays.sar.sar_due_date). The clock starts on the latest of receipt, proof of
identity, proof of authority (when someone asks for another person) and the fee (if one is
charged); it stands still while the council waits for clarification it asked for; and it may
be extended to three months in all for complex or numerous requests, if the requester is told
within the first month. The deadline is stored on the request, derived on every save from
those recorded dates and the bank holidays, and never typed in.
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any

from django.conf import settings
from django.db import models, transaction
from django.db.models.functions import Lower

from heard.accounts.models import Role, User
from heard.core import clock
from heard.core.dates import long_date, not_before, require_date
from heard.core.errors import RuleViolation
from heard.core.events import Event
from heard.core.files import document_storage, store_file
from heard.core.models import ReferenceSequence, Service, Stamped
from heard.core.workflow import Step, Workflow
from heard.workdays import add_working_days
from heard.workdays.sar import MAXIMUM_MONTHS, sar_due_date

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser


class SarStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class RequesterRole(models.TextChoices):
    SELF = "self", "The person the records are about"
    PARENT = "parent", "Parent or someone with parental responsibility"
    SOLICITOR = "solicitor", "Solicitor"
    ADVOCATE = "advocate", "Advocate"
    OTHER = "other", "Someone else acting for them"


class SarOutcome(models.TextChoices):
    DISCLOSED_FULL = "disclosed_full", "Disclosed in full"
    DISCLOSED_PART = "disclosed_part", "Disclosed in part"
    NO_DATA = "no_data", "No data held"
    WITHDRAWN = "withdrawn", "Withdrawn"
    REFUSED = "refused", "Refused as manifestly unfounded or excessive"


#: Outcomes where records were looked at and may have been sent.
DISCLOSING = frozenset({SarOutcome.DISCLOSED_FULL, SarOutcome.DISCLOSED_PART})


class Exemption(models.Model):
    """An exemption a disclosure may apply (a pick-list; DOMAIN.md section 3 ships a default)."""

    name = models.CharField(max_length=120)
    active = models.BooleanField(default=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="exemption_name_unique_ci")]

    def __str__(self) -> str:
        return self.name


class SarQuerySet(models.QuerySet["SubjectAccessRequest"]):
    def visible_to(self, user: User | AnonymousUser) -> SarQuerySet:
        """The one rule: the complaints team and subject access officers see every request;
        nobody else sees any (a responding manager's team is not what a SAR is about)."""
        if not isinstance(user, User) or not user.is_active:
            return self.none()
        if user.role in SAR_ROLES:
            return self.all()
        return self.none()

    def open(self) -> SarQuerySet:
        return self.filter(status=SarStatus.OPEN)

    def overdue(self, today: date) -> SarQuerySet:
        return self.open().filter(due_on__lt=today)

    def clock_stopped(self) -> SarQuerySet:
        return self.open().filter(_awaiting_clarification())

    def due_within(self, today: date, working_days: int) -> SarQuerySet:
        return self.open().filter(
            due_on__gte=today, due_on__lte=add_working_days(today, working_days)
        )

    def counts(self, today: date, *, within: int) -> dict[str, int]:
        """Open, overdue, due within `within` working days, and clock stopped: one query."""
        last = add_working_days(today, within)
        return self.open().aggregate(
            open=models.Count("pk"),
            overdue=models.Count("pk", filter=models.Q(due_on__lt=today)),
            due_soon=models.Count("pk", filter=models.Q(due_on__gte=today, due_on__lte=last)),
            stopped=models.Count("pk", filter=_awaiting_clarification()),
        )


def _awaiting_clarification() -> models.Exists:
    return models.Exists(
        Clarification.objects.filter(request=models.OuterRef("pk"), answered_on=None)
    )


SAR_ROLES = frozenset({Role.COMPLAINTS_MANAGER, Role.COMPLAINTS_OFFICER, Role.SAR_OFFICER})


class SubjectAccessRequest(Stamped):
    reference = models.CharField(max_length=20, unique=True, editable=False)
    status = models.CharField(max_length=10, choices=SarStatus.choices, default=SarStatus.OPEN)
    received_on = models.DateField()
    requester_name = models.CharField("requester's name", max_length=200)
    requester_role = models.CharField("who is asking", max_length=20, choices=RequesterRole.choices)
    requester_email = models.EmailField("requester's email address", blank=True)
    requester_phone = models.CharField("requester's phone number", max_length=40, blank=True)
    requester_address = models.TextField("requester's postal address", blank=True)
    data_subject_name = models.CharField("whose records", max_length=200)
    data_subject_born_on = models.DateField("date of birth", null=True, blank=True)
    care_leaver = models.BooleanField("a care leaver asking for their file", default=False)
    #: Whose records: it decides which procedure's annual report counts the request.
    service = models.CharField(
        "whose records", max_length=20, choices=Service.choices, default=Service.CHILDREN
    )
    records_sought = models.TextField("what was asked for")
    assigned_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subject_access_requests",
    )

    # What starts the clock.
    identity_verified_on = models.DateField("proof of identity received", null=True, blank=True)
    authority_received_on = models.DateField("proof of authority received", null=True, blank=True)
    fee = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    fee_received_on = models.DateField(null=True, blank=True)

    # Extension for complex or numerous requests (told within the first month).
    months_allowed = models.PositiveSmallIntegerField(default=1)
    extension_told_on = models.DateField(null=True, blank=True)
    extension_reason = models.TextField(blank=True)

    # Derived, never entered: written on every save from the dates above and the clarifications.
    due_on = models.DateField(null=True, blank=True, editable=False)

    # The outcome.
    closed_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=SarOutcome.choices, blank=True)
    pages_reviewed = models.PositiveIntegerField(null=True, blank=True)
    pages_disclosed = models.PositiveIntegerField(null=True, blank=True)
    exemptions = models.ManyToManyField(Exemption, blank=True, related_name="requests")
    search_limited = models.BooleanField(
        "a reasonable and proportionate search limited the scope", default=False
    )
    search_decision = models.TextField("the search decision and why", blank=True)

    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SarQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = "subject access request"
        indexes = [
            models.Index(fields=["status", "due_on"], name="sar_status_due_idx"),
            # Reports count requests received, and completed, in a period: each index
            # covers what the report reads of them.
            models.Index(
                fields=["received_on", "care_leaver", "service"], name="sar_report_received_idx"
            ),
            models.Index(
                fields=[
                    "closed_on",
                    "due_on",
                    "months_allowed",
                    "outcome",
                    "pages_reviewed",
                    "pages_disclosed",
                    "service",
                ],
                name="sar_report_closed_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(months_allowed__gte=1, months_allowed__lte=MAXIMUM_MONTHS),
                name="sar_one_to_three_months",
            ),
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True)
                | models.Q(closed_on__gte=models.F("received_on")),
                name="sar_closed_after_received",
            ),
            models.CheckConstraint(
                condition=models.Q(pages_disclosed__isnull=True)
                | models.Q(pages_reviewed__isnull=True)
                | models.Q(pages_disclosed__lte=models.F("pages_reviewed")),
                name="sar_disclosed_within_reviewed",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Kept once closed too: the deadline the response was due by, which reports compare
        # the response date with ("completed on time").
        self.due_on = self.derived_due_on()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "due_on"}
        super().save(*args, **kwargs)

    # --- the clock --------------------------------------------------------------------------

    @property
    def acting_for_someone_else(self) -> bool:
        return self.requester_role != RequesterRole.SELF

    def waiting_for(self) -> list[str]:
        """What the clock is waiting for before it starts."""
        waiting = []
        if self.identity_verified_on is None:
            waiting.append("proof of identity")
        if self.acting_for_someone_else and self.authority_received_on is None:
            waiting.append("proof of authority to act for the person")
        if self.fee and self.fee_received_on is None:
            waiting.append("the fee")
        return waiting

    @property
    def clock_started_on(self) -> date | None:
        """The latest of receipt, proof of identity and authority, and any fee."""
        if self.waiting_for():
            return None
        days = [self.received_on, self.identity_verified_on]
        if self.acting_for_someone_else:
            days.append(self.authority_received_on)
        if self.fee:
            days.append(self.fee_received_on)
        return max(d for d in days if d is not None)

    def _clarifications(self) -> list[Clarification]:
        if self.pk is None:
            return []
        return list(self.clarifications.all())

    @property
    def open_clarification(self) -> Clarification | None:
        return next((c for c in self._clarifications() if c.answered_on is None), None)

    @property
    def clock_stopped_days(self) -> int:
        """Calendar days the clock stood still, waiting for clarification."""
        return sum(c.days_stopped for c in self._clarifications() if c.answered_on is not None)

    def due_after(self, months: int) -> date | None:
        start = self.clock_started_on
        if start is None or self.open_clarification is not None:
            return None
        return sar_due_date(start, months=months, clock_stopped_days=self.clock_stopped_days)

    @property
    def first_month_ends(self) -> date | None:
        """The deadline without an extension: also the last day to tell of one."""
        return self.due_after(1)

    def derived_due_on(self) -> date | None:
        return self.due_after(self.months_allowed)

    @property
    def closed_in_time(self) -> bool | None:
        if self.closed_on is None:
            return None
        due = self.derived_due_on()
        return due is not None and self.closed_on <= due

    # --- logging ----------------------------------------------------------------------------

    @classmethod
    def log(cls, *, by: User | None, received_on: date, **fields: Any) -> SubjectAccessRequest:
        require_date(received_on, label="received", field="received_on")
        request = cls(received_on=received_on, logged_by=by, updated_by=by, **fields)
        request._check_proof()
        with transaction.atomic():
            request.reference = ReferenceSequence.next_reference("SAR", received_on.year)
            request.save()
            request.events.create(action="receive", actor=by, effective_on=received_on)
        return request

    def _check_proof(self) -> None:
        for field, label in (
            ("identity_verified_on", "proof of identity"),
            ("authority_received_on", "proof of authority"),
            ("fee_received_on", "fee received"),
        ):
            day = getattr(self, field)
            if day is not None:
                require_date(day, label=label, field=field)
                not_before(
                    day,
                    self.received_on,
                    label=label,
                    what="the date the request was received",
                    field=field,
                )
        if self.authority_received_on and not self.acting_for_someone_else:
            raise RuleViolation(
                "Proof of authority is only for someone asking for another person's records",
                field="authority_received_on",
            )
        if self.fee is not None and self.fee <= 0:
            raise RuleViolation("The fee must be more than £0, or left blank", field="fee")
        if self.fee_received_on and not self.fee:
            raise RuleViolation("Enter the fee before the date it was paid", field="fee")

    # --- steps ------------------------------------------------------------------------------

    def record_proof(
        self,
        *,
        by: User | None,
        identity_verified_on: date | None,
        authority_received_on: date | None,
        fee: Decimal | None,
        fee_received_on: date | None,
    ) -> None:
        """Record proof of identity and authority and any fee: what starts the clock. A
        correction may clear a date; a form sent with nothing new is refused."""
        given = (identity_verified_on, authority_received_on, fee, fee_received_on)
        with WORKFLOW.step("record_proof", self, by=by, on=None) as locked:
            held = (
                locked.identity_verified_on,
                locked.authority_received_on,
                locked.fee,
                locked.fee_received_on,
            )
            if given == held:
                raise RuleViolation(
                    "Nothing has changed: enter the date proof of identity or authority was "
                    "received, or the fee",
                    field="identity_verified_on",
                )
            locked.identity_verified_on = identity_verified_on
            locked.authority_received_on = authority_received_on
            locked.fee = fee
            locked.fee_received_on = fee_received_on
            locked._check_proof()
            locked.updated_by = by
            locked.version += 1

    def ask_for_clarification(self, *, by: User | None, on: date, question: str) -> None:
        """Stop the clock while the requester is asked what they want."""
        if not question.strip():
            raise RuleViolation("Enter what was asked", field="question")
        with WORKFLOW.step("ask_clarification", self, by=by, on=on, reason=question) as locked:
            require_date(on, label="clarification asked", field="asked_on")
            not_before(
                on,
                locked.received_on,
                label="clarification asked",
                what="the date the request was received",
                field="asked_on",
            )
            last = max(
                (c.answered_on for c in locked._clarifications() if c.answered_on), default=None
            )
            if last is not None:
                not_before(
                    on,
                    last,
                    label="clarification asked",
                    what="the last clarification was received",
                    field="asked_on",
                )
            Clarification.objects.create(request=locked, asked_on=on, question=question)
            locked.version += 1
            locked.updated_by = by

    def receive_clarification(self, *, by: User | None, on: date) -> None:
        """The requester answered: the clock starts again."""
        with WORKFLOW.step("receive_clarification", self, by=by, on=on) as locked:
            pending = locked.open_clarification
            assert pending is not None  # the workflow's guard
            require_date(on, label="clarification received", field="answered_on")
            not_before(
                on,
                pending.asked_on,
                label="clarification received",
                what="the date it was asked for",
                field="answered_on",
            )
            Clarification.objects.filter(pk=pending.pk).update(answered_on=on)
            locked.version += 1
            locked.updated_by = by

    def extend(self, *, by: User | None, told_on: date, months: int, reason: str) -> None:
        """Extend to two or three months in all; the requester must be told within the first
        month, with reasons."""
        with WORKFLOW.step(
            "extend", self, by=by, on=told_on, reason=reason, details={"months": months}
        ) as locked:
            if not 2 <= months <= MAXIMUM_MONTHS:
                raise RuleViolation(
                    f"An extension gives two or three months in all, not {months}",
                    field="months",
                )
            if not reason.strip():
                raise RuleViolation(
                    "Give the reasons for the extension: the requester must be told them",
                    field="reason",
                )
            require_date(told_on, label="requester told", field="told_on")
            start = locked.clock_started_on
            if start is None:
                raise RuleViolation(
                    "The clock has not started, so there is nothing to extend yet", field="told_on"
                )
            not_before(
                told_on,
                start,
                label="requester told",
                what="the day the clock started",
                field="told_on",
            )
            first_month = locked.first_month_ends
            assert first_month is not None  # the workflow's guard: no open clarification
            if told_on > first_month:
                raise RuleViolation(
                    "An extension must be made within the first month: the requester had to "
                    f"be told by {long_date(first_month)}",
                    field="told_on",
                )
            locked.months_allowed = months
            locked.extension_told_on = told_on
            locked.extension_reason = reason
            locked.version += 1
            locked.updated_by = by

    def close(
        self,
        *,
        by: User | None,
        on: date,
        outcome: str,
        pages_reviewed: int | None = None,
        pages_disclosed: int | None = None,
        exemptions: list[Exemption] | None = None,
        search_limited: bool = False,
        search_decision: str = "",
    ) -> None:
        """Record the outcome: what was reviewed and sent, the exemptions used, and whether a
        reasonable and proportionate search limited the scope."""
        exemptions = exemptions or []
        with WORKFLOW.step("close", self, by=by, on=on, details={"outcome": outcome}) as locked:
            if outcome not in SarOutcome.values:
                raise RuleViolation("Choose the outcome", field="outcome")
            require_date(on, label="response", field="closed_on")
            not_before(
                on,
                locked.received_on,
                label="response",
                what="the date the request was received",
                field="closed_on",
            )
            if outcome in DISCLOSING:
                if pages_reviewed is None:
                    raise RuleViolation(
                        "Enter the number of pages reviewed", field="pages_reviewed"
                    )
                if not pages_disclosed:
                    raise RuleViolation(
                        "Enter the number of pages disclosed (more than 0)",
                        field="pages_disclosed",
                    )
            if outcome not in DISCLOSING and pages_disclosed:
                raise RuleViolation(
                    f"No pages are disclosed when the outcome is "
                    f"“{SarOutcome(outcome).label.lower()}”",
                    field="pages_disclosed",
                )
            if (
                pages_reviewed is not None
                and pages_disclosed is not None
                and pages_disclosed > pages_reviewed
            ):
                raise RuleViolation(
                    f"The pages disclosed cannot be more than the {pages_reviewed} reviewed",
                    field="pages_disclosed",
                )
            if outcome == SarOutcome.DISCLOSED_PART and not exemptions:
                raise RuleViolation(
                    "Choose the exemptions applied to what was withheld", field="exemptions"
                )
            if outcome != SarOutcome.DISCLOSED_PART and exemptions:
                raise RuleViolation(
                    "Exemptions are recorded only when the records are disclosed in part",
                    field="exemptions",
                )
            if search_limited and not search_decision.strip():
                raise RuleViolation(
                    "Record the search decision: what was searched, what was not, and why",
                    field="search_decision",
                )
            locked.closed_on = on
            locked.outcome = outcome
            locked.pages_reviewed = pages_reviewed
            locked.pages_disclosed = pages_disclosed
            locked.search_limited = search_limited
            locked.search_decision = search_decision
            locked.version += 1
            locked.updated_by = by
            locked.exemptions.set(exemptions)


def sar_document_path(instance: SarDocument, filename: str) -> str:
    # Random, as for a complaint's documents: the sender's file name never becomes a path.
    return f"sars/{instance.request_id}/{uuid.uuid4().hex}"


class SarDocument(models.Model):
    """A file kept on a request: the requester's proof of identity, or of their authority to
    act for the person whose records they ask for (sent with the public form, or added by an
    officer), or another document an officer adds (a letter, the response). An officer checks
    proof and records the date it was accepted (`identity_verified_on`,
    `authority_received_on`), which starts the clock: adding the file does not."""

    class Kind(models.TextChoices):
        IDENTITY = "identity", "Proof of identity"
        AUTHORITY = "authority", "Proof of authority"
        OTHER = "other", "Other document"

    request = models.ForeignKey(
        SubjectAccessRequest, on_delete=models.PROTECT, related_name="documents"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    file = models.FileField(storage=document_storage, upload_to=sar_document_path, max_length=200)
    filename = models.CharField("original file name", max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    #: What an officer called it; empty for a file sent with the public form.
    title = models.CharField(max_length=200, blank=True)
    #: The officer who added it; empty for a file sent with the public form.
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title or self.filename}"

    @classmethod
    def attach(
        cls,
        request: SubjectAccessRequest,
        *,
        kind: str,
        filename: str,
        content: IO[bytes],
        content_type: str,
        by: User | None = None,
        title: str = "",
    ) -> SarDocument:
        """Keep a file on the request and record that it was added, in one transaction."""
        if kind not in cls.Kind.values:
            raise RuleViolation("Choose what the document is", field="kind")
        with transaction.atomic():
            document = cls(
                request=request, kind=kind, content_type=content_type, title=title, added_by=by
            )
            store_file(document, filename, content)
            document.save()
            request.events.create(
                action="add_document",
                actor=by,
                effective_on=clock.today(),
                details={"kind": kind},
            )
        return document


class Clarification(models.Model):
    """The council asked the requester what they want; the clock stands still until they
    answer."""

    request = models.ForeignKey(
        SubjectAccessRequest, on_delete=models.CASCADE, related_name="clarifications"
    )
    asked_on = models.DateField()
    question = models.TextField()
    answered_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["asked_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(answered_on__isnull=True)
                | models.Q(answered_on__gte=models.F("asked_on")),
                name="clarification_answered_after_asked",
            ),
        ]

    def __str__(self) -> str:
        return f"Clarification asked {long_date(self.asked_on)}"

    @property
    def days_stopped(self) -> int:
        end = self.answered_on or clock.today()
        return (end - self.asked_on).days


def _no_open_clarification(request: SubjectAccessRequest) -> str | None:
    if request.open_clarification is not None:
        return "The clock is stopped: record the requester's clarification first"
    return None


def _has_open_clarification(request: SubjectAccessRequest) -> str | None:
    if request.open_clarification is None:
        return "No clarification is awaited"
    return None


def _not_extended(request: SubjectAccessRequest) -> str | None:
    if request.months_allowed > 1:
        return "The request has already been extended"
    if request.clock_started_on is None:
        return "The clock has not started: record proof of identity first"
    return None


OPEN = frozenset({SarStatus.OPEN})

WORKFLOW = Workflow[SubjectAccessRequest](
    Step("record_proof", "Record proof and fee", "Proof or fee recorded", OPEN),
    Step(
        "ask_clarification",
        "Ask for clarification",
        "Clarification asked for: the clock stopped",
        OPEN,
        guards=(_no_open_clarification,),
    ),
    Step(
        "receive_clarification",
        "Record the clarification",
        "Clarification received: the clock restarted",
        OPEN,
        guards=(_has_open_clarification,),
    ),
    Step(
        "extend",
        "Extend the deadline",
        "Deadline extended",
        OPEN,
        guards=(_no_open_clarification, _not_extended),
    ),
    Step(
        "close",
        "Record the outcome",
        "Outcome recorded",
        OPEN,
        target=SarStatus.CLOSED,
        guards=(_no_open_clarification,),
        refusal="This request is already closed",
    ),
)


class SarEvent(Event):
    case = models.ForeignKey(SubjectAccessRequest, on_delete=models.PROTECT, related_name="events")

    LABELS = {
        "receive": "Request received",
        "add_document": "Proof sent with the request",
        **WORKFLOW.labels(),
    }

    class Meta(Event.Meta):
        indexes = [models.Index(fields=["case", "occurred_at"], name="sar_event_case_idx")]
