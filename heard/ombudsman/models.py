"""Local Government and Social Care Ombudsman cases: the enquiry, the council's reply, the
decision and the remedies the Ombudsman recommended, with their compliance (DOMAIN.md s.3)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models, transaction

from heard.core.access import TeamScopedQuerySet
from heard.core.dates import long_date, not_before, require_date
from heard.core.errors import RuleViolation
from heard.core.events import Event
from heard.core.models import ReferenceSequence, Stamped
from heard.core.workflow import Step, Workflow
from heard.workdays import add_working_days

if TYPE_CHECKING:
    from heard.accounts.models import User


class Area(models.TextChoices):
    CHILDREN = "children", "Children's social care"
    ADULTS = "adults", "Adult social care"
    CORPORATE = "corporate", "Other council services"


class OmbudsmanStatus(models.TextChoices):
    OPEN = "open", "Open"
    DECIDED = "decided", "Decided"


class Decision(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"
    ASSESSED_AND_CLOSED = "closed_after_initial_enquiries", "Closed after initial enquiries"
    PREMATURE = "referred_back", "Referred back for local resolution"
    INVALID = "incomplete_or_invalid", "Incomplete or invalid"
    ADVICE = "advice_given", "Advice given"
    NOT_IN_JURISDICTION = "not_in_jurisdiction", "Not in jurisdiction"


#: The decisions the Ombudsman reaches only after a detailed investigation.
AFTER_INVESTIGATION = frozenset({Decision.UPHELD, Decision.NOT_UPHELD})


class OmbudsmanQuerySet(TeamScopedQuerySet["OmbudsmanCase"]):
    """`visible_to(user)` is the rule in heard.core.access."""

    def open(self) -> OmbudsmanQuerySet:
        return self.filter(status=OmbudsmanStatus.OPEN)

    def awaiting_reply(self) -> OmbudsmanQuerySet:
        return self.open().filter(replied_on=None)

    def reply_overdue(self, today: date) -> OmbudsmanQuerySet:
        return self.awaiting_reply().filter(reply_due_on__lt=today)

    def counts(self, today: date, *, within: int) -> dict[str, int]:
        """Open cases, replies overdue and replies due within `within` working days."""
        last = add_working_days(today, within)
        waiting = models.Q(replied_on=None)
        return self.open().aggregate(
            open=models.Count("pk"),
            reply_overdue=models.Count("pk", filter=waiting & models.Q(reply_due_on__lt=today)),
            reply_due_soon=models.Count(
                "pk", filter=waiting & models.Q(reply_due_on__gte=today, reply_due_on__lte=last)
            ),
        )


class OmbudsmanCase(Stamped):
    reference = models.CharField(max_length=20, unique=True, editable=False)
    ombudsman_reference = models.CharField("Ombudsman's reference", max_length=30, unique=True)
    status = models.CharField(
        max_length=10, choices=OmbudsmanStatus.choices, default=OmbudsmanStatus.OPEN
    )
    complaint = models.ForeignKey(
        "complaints.Complaint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ombudsman_cases",
    )
    area = models.CharField(max_length=20, choices=Area.choices)
    #: Blank where the log did not record it ("not recorded"); such a case is seen by the
    #: complaints team only (heard.core.access).
    team = models.ForeignKey(
        "core.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    summary = models.CharField(max_length=300)
    assigned_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ombudsman_cases",
    )
    enquiry_received_on = models.DateField("enquiry received")
    #: Set by the Ombudsman in its enquiry letter, so recorded as given; blank where the log
    #: did not record it ("not recorded"), and then no reply is overdue or late.
    reply_due_on = models.DateField("council's reply due", null=True, blank=True)
    replied_on = models.DateField("council replied", null=True, blank=True)

    decided_on = models.DateField("decision date", null=True, blank=True)
    decision = models.CharField(max_length=40, choices=Decision.choices, blank=True)
    detailed_investigation = models.BooleanField(default=False)
    fault = models.BooleanField("fault found", default=False)
    injustice = models.BooleanField("injustice caused", default=False)
    maladministration = models.BooleanField(default=False)
    remedy_already_provided = models.BooleanField(
        "the council had already provided a satisfactory remedy", default=False
    )
    public_interest_report = models.BooleanField("public interest report issued", default=False)

    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OmbudsmanQuerySet.as_manager()

    class Meta:
        ordering = ["-enquiry_received_on", "-pk"]
        verbose_name = "Ombudsman case"
        indexes = [
            models.Index(fields=["status", "reply_due_on"], name="ombudsman_status_idx"),
            # Reports count enquiries received, and decisions made, in a period: each index
            # covers what the report reads of them.
            models.Index(
                fields=["enquiry_received_on", "area", "decision"],
                name="ombudsman_report_received_idx",
            ),
            models.Index(
                fields=[
                    "decided_on",
                    "area",
                    "decision",
                    "detailed_investigation",
                    "fault",
                    "injustice",
                    "maladministration",
                    "remedy_already_provided",
                    "public_interest_report",
                ],
                name="ombudsman_report_decided_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reply_due_on__isnull=True)
                | models.Q(reply_due_on__gte=models.F("enquiry_received_on")),
                name="ombudsman_reply_due_after_enquiry",
            ),
            models.CheckConstraint(
                condition=models.Q(decided_on__isnull=True)
                | models.Q(decided_on__gte=models.F("enquiry_received_on")),
                name="ombudsman_decided_after_enquiry",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.ombudsman_reference})"

    @property
    def replied_in_time(self) -> bool | None:
        if self.replied_on is None or self.reply_due_on is None:
            return None
        return self.replied_on <= self.reply_due_on

    @property
    def upheld(self) -> bool:
        return self.decision == Decision.UPHELD

    @classmethod
    def log(
        cls,
        *,
        by: User | None,
        enquiry_received_on: date,
        reply_due_on: date | None = None,
        **fields: Any,
    ) -> OmbudsmanCase:
        require_date(enquiry_received_on, label="enquiry received", field="enquiry_received_on")
        if reply_due_on is not None:
            not_before(
                reply_due_on,
                enquiry_received_on,
                label="reply due",
                what="the date the enquiry was received",
                field="reply_due_on",
            )
        complaint = fields.get("complaint")
        if complaint is not None:
            # The case follows its complaint: the complaint's procedure is its service area,
            # so each procedure's report counts it once, with the complaint.
            area = Area(complaint.procedure)
            if fields.get("area") not in (None, "", area):
                raise RuleViolation(
                    f"Complaint {complaint.reference} is about {area.label.lower()}, so its "
                    "Ombudsman case is too: choose that service area, or leave it to follow "
                    "the complaint",
                    field="area",
                )
            fields["area"] = area
        elif not fields.get("area"):
            raise RuleViolation(
                "Choose the service area, or give our complaint reference", field="area"
            )
        reference = str(fields.get("ombudsman_reference", "")).strip()
        if cls.objects.filter(ombudsman_reference__iexact=reference).exists():
            raise RuleViolation(
                f"An Ombudsman case with the reference {reference} is already recorded",
                field="ombudsman_reference",
            )
        with transaction.atomic():
            case = cls.objects.create(
                reference=ReferenceSequence.next_reference("LGO", enquiry_received_on.year),
                enquiry_received_on=enquiry_received_on,
                reply_due_on=reply_due_on,
                logged_by=by,
                updated_by=by,
                **{**fields, "ombudsman_reference": reference},
            )
            case.events.create(action="receive", actor=by, effective_on=enquiry_received_on)
        return case

    # --- steps ------------------------------------------------------------------------------

    def record_reply(self, *, by: User | None, on: date) -> None:
        with WORKFLOW.step("reply", self, by=by, on=on) as locked:
            require_date(on, label="reply", field="replied_on")
            not_before(
                on,
                locked.enquiry_received_on,
                label="reply",
                what="the date the enquiry was received",
                field="replied_on",
            )
            locked.replied_on = on
            locked.updated_by = by
            locked.version += 1

    def record_decision(
        self,
        *,
        by: User | None,
        on: date,
        decision: str,
        detailed_investigation: bool = False,
        fault: bool = False,
        injustice: bool = False,
        maladministration: bool = False,
        remedy_already_provided: bool = False,
        public_interest_report: bool = False,
    ) -> None:
        """Record the Ombudsman's decision: one category, and the flags that go with it."""
        with WORKFLOW.step("decide", self, by=by, on=on, details={"decision": decision}) as case:
            if decision not in Decision.values:
                raise RuleViolation("Choose the Ombudsman's decision", field="decision")
            require_date(on, label="decision", field="decided_on")
            not_before(
                on,
                case.enquiry_received_on,
                label="decision",
                what="the date the enquiry was received",
                field="decided_on",
            )
            label = Decision(decision).label.lower()
            if decision in AFTER_INVESTIGATION and not detailed_investigation:
                raise RuleViolation(
                    f"A case is {label} only after a detailed investigation: tick it, or choose "
                    "another decision",
                    field="detailed_investigation",
                )
            if decision not in AFTER_INVESTIGATION and detailed_investigation:
                raise RuleViolation(
                    f"A case {label} was not investigated in detail", field="detailed_investigation"
                )
            if decision == Decision.UPHELD and not fault:
                raise RuleViolation("An upheld complaint means fault was found", field="fault")
            if decision != Decision.UPHELD:
                flags = {
                    "fault": fault,
                    "injustice": injustice,
                    "maladministration": maladministration,
                    "remedy_already_provided": remedy_already_provided,
                    "public_interest_report": public_interest_report,
                }
                found = next((name for name, value in flags.items() if value), None)
                if found:
                    raise RuleViolation(
                        f"Only an upheld complaint has “{_flag_label(found)}”", field=found
                    )
            if (injustice or maladministration) and not fault:
                raise RuleViolation(
                    "Injustice and maladministration are recorded only with fault", field="fault"
                )
            case.decided_on = on
            case.decision = decision
            case.detailed_investigation = detailed_investigation
            case.fault = fault
            case.injustice = injustice
            case.maladministration = maladministration
            case.remedy_already_provided = remedy_already_provided
            case.public_interest_report = public_interest_report
            case.updated_by = by
            case.version += 1

    def add_remedy(
        self,
        *,
        by: User | None,
        description: str,
        due_on: date,
        amount: Decimal | None = None,
    ) -> OmbudsmanRemedy:
        """A remedy the Ombudsman recommended, with its amount (if money) and due date."""
        details = {"amount": str(amount) if amount is not None else None}
        with WORKFLOW.step(
            "add_remedy", self, by=by, on=None, reason=description, details=details
        ) as case:
            if not description.strip():
                raise RuleViolation("Describe the remedy", field="description")
            if amount is not None and amount <= 0:
                raise RuleViolation(
                    "The amount must be more than £0, or left blank", field="amount"
                )
            assert case.decided_on is not None  # the workflow's guard
            not_before(
                due_on,
                case.decided_on,
                label="due",
                what="the decision date",
                field="due_on",
            )
            remedy = OmbudsmanRemedy.objects.create(
                case=case, description=description, amount=amount, due_on=due_on
            )
        return remedy

    def complete_remedy(self, *, by: User | None, remedy: OmbudsmanRemedy, on: date) -> None:
        with WORKFLOW.step(
            "complete_remedy", self, by=by, on=on, details={"remedy": remedy.pk}
        ) as case:
            if remedy.case_id != case.pk:
                raise RuleViolation("That remedy belongs to another case", field="remedy")
            current = OmbudsmanRemedy.objects.select_for_update().get(pk=remedy.pk)
            if current.completed_on is not None:
                raise RuleViolation(
                    f"This remedy was completed on {long_date(current.completed_on)}",
                    field="completed_on",
                )
            require_date(on, label="completed", field="completed_on")
            assert case.decided_on is not None
            not_before(
                on,
                case.decided_on,
                label="completed",
                what="the decision date",
                field="completed_on",
            )
            current.completed_on = on
            current.save(update_fields=["completed_on"])
        remedy.refresh_from_db()


def _flag_label(name: str) -> str:
    field = OmbudsmanCase._meta.get_field(name)
    assert isinstance(field, models.Field)
    return str(field.verbose_name)


class OmbudsmanRemedy(models.Model):
    """A recommended remedy. Compliance: completed on or before its due date."""

    case = models.ForeignKey(OmbudsmanCase, on_delete=models.CASCADE, related_name="remedies")
    description = models.CharField(max_length=300)
    amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    due_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name_plural = "Ombudsman remedies"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gt=0),
                name="ombudsman_remedy_amount_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def complied(self) -> bool | None:
        """On time (True), late (False), or not yet completed (None)."""
        return None if self.completed_on is None else self.completed_on <= self.due_on


def _upheld(case: OmbudsmanCase) -> str | None:
    return None if case.upheld else "Remedies are recorded on an upheld decision"


def _has_open_remedy(case: OmbudsmanCase) -> str | None:
    if case.pk is None or not case.remedies.filter(completed_on=None).exists():
        return "Every remedy is completed"
    return None


OPEN = frozenset({OmbudsmanStatus.OPEN})
DECIDED = frozenset({OmbudsmanStatus.DECIDED})

WORKFLOW = Workflow[OmbudsmanCase](
    Step(
        "reply",
        "Record the council's reply",
        "Council's reply recorded",
        OPEN,
        guards=(lambda c: "The reply is already recorded" if c.replied_on else None,),
    ),
    Step(
        "decide",
        "Record the decision",
        "Ombudsman's decision recorded",
        OPEN,
        target=OmbudsmanStatus.DECIDED,
        refusal="The decision is already recorded",
    ),
    Step("add_remedy", "Add a remedy", "Remedy recommended", DECIDED, guards=(_upheld,)),
    Step(
        "complete_remedy",
        "Record a remedy as done",
        "Remedy completed",
        DECIDED,
        guards=(_has_open_remedy,),
    ),
)


class OmbudsmanEvent(Event):
    case = models.ForeignKey(OmbudsmanCase, on_delete=models.PROTECT, related_name="events")

    LABELS = {"receive": "Ombudsman's enquiry received", **WORKFLOW.labels()}

    class Meta(Event.Meta):
        indexes = [models.Index(fields=["case", "occurred_at"], name="ombudsman_event_case_idx")]
