"""The complaint: what was raised, by whom, about which children, and where it stands."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import F
from django.db.models.functions import Lower

from heard.complaints.choices import (
    Channel,
    ComplaintStatus,
    Decision,
    NotAcceptedReason,
    Procedure,
    Relationship,
    StageStatus,
)
from heard.complaints.models.complaint_queries import ComplaintQuerySet
from heard.complaints.models.outcomes import Element, LearningAction, Remedy
from heard.complaints.models.stage import Stage
from heard.complaints.models.steps import step
from heard.complaints.procedures import rules_for
from heard.complaints.transitions import TRANSITIONS
from heard.core import clock
from heard.core.dates import not_before, require_date
from heard.core.errors import ConcurrentChange, RuleViolation, TransitionNotAllowed
from heard.core.models import ReferenceSequence, Stamped
from heard.workdays.store import ensure_current_calendar

if TYPE_CHECKING:
    from heard.accounts.models import User
    from heard.complaints.models.people import Child, Complainant, Practitioner


class Theme(models.Model):
    """What a point of complaint is about (a configurable list; DOMAIN.md ships a default)."""

    name = models.CharField(max_length=120)
    active = models.BooleanField(default=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="theme_name_unique_ci")]

    def __str__(self) -> str:
        return self.name


def one_year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return date(day.year + 1, 3, 1)


class Complaint(Stamped):
    reference = models.CharField(max_length=20, unique=True, editable=False)
    procedure = models.CharField(
        max_length=20, choices=Procedure.choices, default=Procedure.CHILDREN
    )
    status = models.CharField(
        max_length=10,
        choices=ComplaintStatus.choices,
        default=ComplaintStatus.OPEN,
        # No index of its own: complaint_status_idx and the others lead with it.
    )
    current_stage = models.PositiveSmallIntegerField(default=1)
    received_on = models.DateField()
    channel = models.CharField(max_length=20, choices=Channel.choices)
    team = models.ForeignKey("core.Team", on_delete=models.PROTECT, related_name="complaints")
    summary = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    assigned_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_complaints",
        db_index=False,  # complaint_officer_idx leads with it
    )
    #: A complaint sent through the public form waits in the triage queue until someone
    #: accepts it into a procedure, assigns it to an officer, or finds it is not a complaint.
    awaiting_triage = models.BooleanField(default=False, db_default=False)

    complainant = models.ForeignKey(
        "complaints.Complainant", on_delete=models.PROTECT, related_name="complaints"
    )
    relationship = models.CharField(
        "complainant's relationship to the child", max_length=40, choices=Relationship.choices
    )
    #: The council's own word for the relationship, where an imported log used one Heard
    #: does not have ("grandparent"): kept as recorded beside what it was taken to mean.
    relationship_as_recorded = models.CharField(
        "relationship as recorded", max_length=100, blank=True, db_default=""
    )
    children = models.ManyToManyField("complaints.Child", related_name="complaints", blank=True)
    #: Adult social care and corporate complaints: the person it is about, when the
    #: complainant speaks for someone else (a relative, a neighbour). A children's complaint
    #: names its children instead.
    about_person = models.CharField(
        "who it is about, if not the complainant", max_length=200, blank=True, db_default=""
    )

    # Who may complain: someone outside the qualifying persons needs a decision (reg 9).
    sufficient_interest_decision = models.CharField(
        max_length=10, choices=Decision.choices, blank=True
    )
    sufficient_interest_decided_on = models.DateField(null=True, blank=True)
    sufficient_interest_reason = models.TextField(blank=True)

    # Time limit: one year from the matter; a later complaint may be accepted (reg 9).
    matter_date = models.DateField("date of the matter complained about", null=True, blank=True)
    out_of_time_decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    out_of_time_decided_on = models.DateField(null=True, blank=True)
    out_of_time_reason = models.TextField(blank=True)

    # Advocacy for children (Children Act 1989 s.26A).
    advocacy_offered_on = models.DateField(null=True, blank=True)
    advocacy_taken_up = models.BooleanField(null=True, blank=True)
    #: The provider from the register of appointees; `advocacy_provider` keeps its name as
    #: recorded (an imported log names the provider in words only).
    advocacy_by = models.ForeignKey(
        "complaints.Practitioner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="advocacy_cases",
        verbose_name="advocacy provider",
    )
    advocacy_provider = models.CharField(max_length=200, blank=True)

    closed_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Derived, never entered: the current stage's status and next deadline (Stage.next_due),
    # written in SQL from the stages and the calendar table after every save of the complaint
    # or a stage, and whenever the calendar changes (docs/decisions/0004). Kept here so the
    # dashboard counts the open caseload from one index, not a calendar join per case.
    stage_status = models.CharField(
        max_length=30, choices=StageStatus.choices, blank=True, editable=False
    )
    next_due_on = models.DateField(null=True, blank=True, editable=False)
    #: The secret in the link that lets the person who sent the complaint online follow its
    #: status and next deadline (heard.public.tracking), without signing in. Random, and not
    #: derived from the reference, so it cannot be guessed. NULL, not "", for the complaints
    #: without one: "token = ?" implies "IS NOT NULL", so lookups use the partial unique index.
    tracking_token = models.CharField(  # noqa: DJ001
        max_length=64, null=True, blank=True, editable=False
    )

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["received_on"], name="complaint_received_idx"),
            models.Index(
                fields=["status", "current_stage", "stage_status"], name="complaint_status_idx"
            ),
            models.Index(fields=["status", "next_due_on"], name="complaint_next_due_idx"),
            # Reports: a procedure's complaints received in a period, with what the report
            # counts them by, from the index alone.
            models.Index(
                fields=[
                    "procedure",
                    "received_on",
                    "relationship",
                    "team",
                    "advocacy_taken_up",
                    "advocacy_offered_on",
                    "current_stage",
                    "complainant",
                    # How it has ended so far (heard.reporting.figures.filters.ended_so_far).
                    "status",
                    "stage_status",
                ],
                name="complaint_report_idx",
            ),
            # The dashboard's open and overdue complaints by procedure, from the index alone.
            models.Index(
                fields=["status", "procedure", "next_due_on"], name="complaint_procedure_idx"
            ),
            # "My open work": an officer's open complaints, without reading their closed ones.
            models.Index(fields=["assigned_officer", "status"], name="complaint_officer_idx"),
            # The advocacy offers whose answer is not known (a follow-up): a handful of rows,
            # where the procedure alone would lead to every children's complaint.
            models.Index(
                fields=["status", "procedure"],
                condition=models.Q(
                    advocacy_offered_on__isnull=False, advocacy_taken_up__isnull=True
                ),
                name="complaint_advocacy_idx",
            ),
            # The triage queue: the few complaints waiting, oldest first.
            models.Index(
                fields=["received_on"],
                condition=models.Q(awaiting_triage=True),
                name="complaint_triage_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(current_stage__gte=1, current_stage__lte=3),
                name="complaint_stage_1_to_3",
            ),
            # Unique where there is one: most complaints have none, and leaving them out of
            # the index keeps it small and costs an import nothing.
            models.UniqueConstraint(
                "tracking_token",
                condition=models.Q(tracking_token__isnull=False),
                name="complaint_tracking_token_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding:  # no stage yet: nothing is due until Stage 1 is saved
            self.stage_status, self.next_due_on = "", None
            super().save(*args, **kwargs)
            return
        super().save(*args, **kwargs)
        type(self).store_current_deadline(self.pk)

    @classmethod
    def store_current_deadline(cls, pk: int, current: Stage | None = None) -> None:
        """Write the complaint's `stage_status` and `next_due_on` from its current stage.

        Called after every save of the complaint or one of its stages, in the same
        transaction; `current` is the current stage when the caller already holds it. The
        deadline is `Stage.next_due` (Python, over the calendar); the bulk re-derivation after
        a calendar change uses the SQL twin, and a test checks they agree.
        """
        ensure_current_calendar()
        stage = current or (
            Stage.objects.filter(complaint_id=pk, number=F("complaint__current_stage")).first()
        )
        cls.objects.filter(pk=pk).update(
            stage_status=stage.status if stage else "",
            next_due_on=stage.next_due if stage else None,
        )

    # --- creating ---------------------------------------------------------------------------

    @classmethod
    def receive(
        cls,
        *,
        by: User | None,
        received_on: date,
        complainant: Complainant,
        relationship: str,
        team: Any,
        summary: str,
        channel: str,
        children: list[Child] | None = None,
        **fields: Any,
    ) -> Complaint:
        """Log a new complaint: it starts at Stage 1 on the day it was received (day 0)."""
        require_date(received_on, label="received", field="received_on")
        if not summary.strip():
            raise RuleViolation("Enter a summary of the complaint", field="summary")
        procedure = fields.pop("procedure", Procedure.CHILDREN)
        with transaction.atomic():
            complaint = cls(
                reference=ReferenceSequence.next_reference(
                    rules_for(procedure).reference_prefix, received_on.year
                ),
                procedure=procedure,
                received_on=received_on,
                complainant=complainant,
                relationship=relationship,
                team=team,
                summary=summary,
                channel=channel,
                updated_by=by,
                **fields,
            )
            # The table's constraints (Stage 1 to 3; a tracking token used once) cannot be
            # broken by what is entered here, and the database enforces them anyway.
            complaint.full_clean(exclude=["reference", "children"], validate_constraints=False)
            complaint.save()
            if children:
                complaint.children.add(*children)
            stage = complaint.stages.create(number=1, started_on=received_on, updated_by=by)
            complaint.events.create(
                stage=stage,
                action="receive",
                actor=by,
                effective_on=received_on,
                details={"channel": channel},
            )
        return complaint

    # --- reading ----------------------------------------------------------------------------

    def stage(self, number: int) -> Stage | None:
        return next((s for s in self.stages.all() if s.number == number), None)

    @property
    def active_stage(self) -> Stage:
        stage = self.stage(self.current_stage)
        assert stage is not None, "a complaint always has its current stage"
        return stage

    @property
    def is_out_of_time(self) -> bool:
        """Made more than one year after the matter complained about."""
        return self.matter_date is not None and self.received_on > one_year_after(self.matter_date)

    @property
    def needs_sufficient_interest(self) -> bool:
        """Regulation 9 of the children's procedure: someone who is not a qualifying person."""
        return (
            self.procedure == Procedure.CHILDREN
            and self.relationship == Relationship.SUFFICIENT_INTEREST
        )

    @property
    def from_child(self) -> bool:
        return self.relationship == Relationship.CHILD

    def consideration_blocker(self) -> str | None:
        """Why the complaint may not be considered (responded to or resolved) yet, if at all."""
        if (
            self.needs_sufficient_interest
            and self.sufficient_interest_decision != Decision.ACCEPTED
        ):
            return (
                "The complainant is not a qualifying person: record a decision that they have "
                "sufficient interest in the child's welfare before the complaint is considered"
            )
        if self.is_out_of_time and self.out_of_time_decision != Decision.ACCEPTED:
            return (
                "The complaint was made more than a year after the matter: record the decision "
                "to accept it out of time before it is considered"
            )
        return None

    # --- decisions (recorded as events, on the current stage) --------------------------------

    def record_sufficient_interest(
        self, *, by: User | None, decision: str, on: date, reason: str = ""
    ) -> None:
        """Decide whether someone outside the qualifying persons may complain (reg 9)."""
        self._record_decision(
            "sufficient_interest",
            by=by,
            decision=decision,
            on=on,
            reason=reason,
            refusal_needs="Give the reason for refusing, so the person can be told",
            not_accepted=NotAcceptedReason.NOT_QUALIFYING_PERSON,
        )

    def record_out_of_time_decision(
        self, *, by: User | None, decision: str, on: date, reason: str = ""
    ) -> None:
        """Accept or refuse a complaint made more than a year after the matter (reg 9)."""
        # Acceptance is presumed unless there is good reason not to: the reason is the record.
        self._record_decision(
            "out_of_time",
            by=by,
            decision=decision,
            on=on,
            reason=reason,
            refusal_needs="Give the good reason for refusing a late complaint",
            not_accepted=NotAcceptedReason.OUT_OF_TIME,
        )

    def _record_decision(
        self,
        kind: str,
        *,
        by: User | None,
        decision: str,
        on: date,
        reason: str,
        refusal_needs: str,
        not_accepted: str,
    ) -> None:
        """A regulation 9 decision, as a step of the current stage (the table says when).
        A refusal ends the stage as not accepted, for `not_accepted`, on the decision's date."""
        fields = (f"{kind}_decision", f"{kind}_decided_on", f"{kind}_reason")
        name = f"decide_{kind}"
        details: dict[str, str] = {"decision": decision}
        with step(
            name,
            self.active_stage,
            by=by,
            on=on,
            reason=reason,
            details=details,
            complaint_fields=fields,
        ) as stage:
            if decision not in Decision.values:
                raise RuleViolation(
                    "Choose whether the complaint is accepted or refused", field=fields[0]
                )
            if decision == Decision.REFUSED and not reason.strip():
                raise RuleViolation(refusal_needs, field=fields[2])
            require_date(on, label="decision", field=fields[1])
            not_before(
                on,
                self.received_on,
                label="decision",
                what="the date it was received",
                field=fields[1],
            )
            for field, value in zip(fields, (decision, on, reason), strict=True):
                setattr(stage.complaint, field, value)
            if decision == Decision.REFUSED:
                # As `Stage.not_accept` ends it, in this step's transaction and event.
                ended_as = TRANSITIONS[name].if_refused
                assert ended_as is not None
                stage.status = ended_as
                stage.ended_on = on
                stage.not_accepted_reason = not_accepted
                details["not_accepted_reason"] = not_accepted
        self.refresh_from_db()

    #: The complaint's fields the advocacy step records.
    ADVOCACY_FIELDS = (
        "advocacy_offered_on",
        "advocacy_taken_up",
        "advocacy_by",
        "advocacy_provider",
    )

    def record_advocacy(
        self,
        *,
        by: User | None,
        offered_on: date,
        taken_up: bool | None = None,
        provider: Practitioner | None = None,
    ) -> None:
        """Record the offer of an advocate (s.26A) and the answer: taken up (with the provider
        from the register), declined, or not known yet (to be followed up). Recorded again as
        the answer comes."""
        with step(
            "record_advocacy",
            self.active_stage,
            by=by,
            on=offered_on,
            details={
                "taken_up": taken_up,
                "provider": provider.name if provider is not None else "",
            },
            complaint_fields=self.ADVOCACY_FIELDS,
        ) as stage:
            require_date(offered_on, label="advocacy offered", field="advocacy_offered_on")
            not_before(
                offered_on,
                self.received_on,
                label="advocacy offered",
                what="the date the complaint was received",
                field="advocacy_offered_on",
            )
            if taken_up and provider is None:
                raise RuleViolation("Choose the advocacy provider", field="advocacy_by")
            if provider is not None and not taken_up:
                raise RuleViolation(
                    "Choose a provider only when the offer of an advocate is taken up",
                    field="advocacy_by",
                )
            if provider is not None and not (provider.active and provider.may_advocate):
                raise RuleViolation(
                    f"{provider.name} is not an active advocacy provider on the register",
                    field="advocacy_by",
                )
            complaint = stage.complaint
            complaint.advocacy_offered_on = offered_on
            complaint.advocacy_taken_up = taken_up
            complaint.advocacy_by = provider
            complaint.advocacy_provider = provider.name if provider is not None else ""
        self.refresh_from_db()

    @property
    def advocacy_to_follow_up(self) -> bool:
        """An advocate was offered and the answer is not known yet (see the queryset's twin)."""
        return (
            self.status == ComplaintStatus.OPEN
            and self.procedure == Procedure.CHILDREN
            and self.advocacy_offered_on is not None
            and self.advocacy_taken_up is None
        )

    def change_procedure(self, *, by: User | None, procedure: str, on: date, reason: str) -> None:
        """Move a complaint logged under the wrong procedure to the right one.

        Only while it is open at Stage 1. It keeps its reference, its history and its Stage 1
        dates, and its deadlines are derived again under the new procedure's rules. An
        extension agreed under the old rules does not carry over: the event records it.
        """
        if procedure not in Procedure.values:
            raise RuleViolation("Choose the procedure", field="procedure")
        if procedure == self.procedure:
            raise RuleViolation(
                f"The complaint is already under the {self.get_procedure_display()} procedure",
                field="procedure",
            )
        if not reason.strip():
            raise RuleViolation("Give the reason for moving the complaint", field="reason")
        require_date(on, label="decision", field="decided_on")
        not_before(
            on,
            self.received_on,
            label="decision",
            what="the date the complaint was received",
            field="decided_on",
        )
        with transaction.atomic():
            locked = type(self).objects.select_for_update().get(pk=self.pk)
            stage = Stage.objects.select_for_update().get(complaint=locked, number=1)
            if (
                locked.status != ComplaintStatus.OPEN
                or locked.current_stage != 1
                or not stage.is_open
            ):
                raise TransitionNotAllowed(
                    "A complaint can be moved to another procedure only while it is open at Stage 1"
                )
            if stage.is_paused:
                raise TransitionNotAllowed("Resume Stage 1 before moving the complaint")
            details: dict[str, Any] = {"from": locked.procedure, "to": procedure}
            if stage.extended_to is not None:
                details["extension_dropped"] = stage.extended_to.isoformat()
                stage.extended_to = None
                stage.extension_agreed_on = None
                stage.extension_reason = ""
            details |= locked._procedure_move(procedure)
            locked.procedure = procedure
            locked.updated_by = by
            locked.version += 1
            locked.save()
            stage.procedure = procedure
            stage.updated_by = by
            stage.version += 1
            stage.save()  # derives the stored deadline again, under the new rules
            locked.events.create(
                stage=stage,
                action="change_procedure",
                actor=by,
                effective_on=on,
                reason=reason,
                details=details,
            )
        self.refresh_from_db()

    def _procedure_move(self, procedure: str) -> dict[str, Any]:
        """What a move to `procedure` leaves behind and what it needs, for its event and the
        officer: a children's complaint's child, advocacy and relationship do not apply to
        another procedure (the children stay recorded, out of sight, should it move back; the
        relationship becomes the complainant's own), and a children's complaint needs the
        complainant's relationship to the child."""
        out: dict[str, Any] = {}
        if self.procedure == Procedure.CHILDREN:
            gone = []
            if self.relationship != Relationship.SELF:
                out["relationship_was"] = self.relationship
                gone.append("the complainant's relationship to the child")
                self.relationship = Relationship.SELF
            if self.children.exists():
                gone.append("the children it is about")
            if self.advocacy_offered_on is not None:
                gone.append("the offer of an advocate")
            if self.sufficient_interest_decision:
                gone.append("the sufficient-interest decision")
            if gone:
                out["no_longer_applies"] = gone
        elif procedure == Procedure.CHILDREN:
            needed = []
            if self.relationship == Relationship.SELF:
                needed.append("the complainant's relationship to the child")
            if self.about_person:
                # Kept as typed, for the officer to record as a child on the case page.
                needed.append(f"{self.about_person} recorded as a child it is about")
            if needed:
                out["now_needed"] = needed
        return out

    #: Details an officer may correct after logging; dates that drive deadlines are not here.
    EDITABLE = (
        "summary",
        "description",
        "team",
        "channel",
        "assigned_officer",
        "matter_date",
        "about_person",
    )

    def update_details(self, *, by: User | None, version: int, **values: Any) -> list[str]:
        """Correct the complaint's details; returns the names of the fields that changed.

        `version` is the one the officer's form was opened with: if someone has saved the
        complaint since, nothing is written and ConcurrentChange is raised.
        """
        unknown = set(values) - set(self.EDITABLE)
        if unknown:
            raise RuleViolation(f"These details cannot be edited: {', '.join(sorted(unknown))}")
        if not str(values.get("summary", self.summary)).strip():
            raise RuleViolation("Enter a summary of the complaint", field="summary")
        with transaction.atomic():
            locked = type(self).objects.select_for_update().get(pk=self.pk)
            if locked.version != version:
                raise ConcurrentChange(
                    "Someone else changed this complaint after you opened this page. "
                    "Check what is saved now, then save again."
                )
            changed = [name for name, value in values.items() if getattr(locked, name) != value]
            if changed:
                for name in changed:
                    setattr(locked, name, values[name])
                locked.updated_by = by
                locked.version += 1
                locked.full_clean(exclude=["reference", "children"])
                locked.save()
                locked.events.create(
                    action="edit_details",
                    actor=by,
                    details={"fields": changed},
                )
        self.refresh_from_db()
        return changed

    # --- moving between stages --------------------------------------------------------------

    def escalate(self, *, by: User | None, requested_on: date) -> Stage:
        """Start the next stage at the complainant's request.

        From Stage 1 after a response, or without one once the response is overdue; from
        Stage 2 after its response. A request after the 20-working-day window may still be
        accepted: it is recorded as late.
        """
        require_date(requested_on, label="request", field="requested_on")
        current = self.active_stage
        details: dict[str, Any] = {}
        with step(
            "escalate", current, by=by, on=requested_on, as_of=requested_on, details=details
        ) as stage:
            earliest = stage.ended_on if stage.status == StageStatus.RESPONDED else stage.started_on
            assert earliest is not None
            what = (
                "the response"
                if stage.status == StageStatus.RESPONDED
                else "the date the complaint was received"
            )
            not_before(requested_on, earliest, label="request", what=what, field="requested_on")
            window = stage.escalation_deadline
            # A request after the 20-working-day window may still be accepted; it is marked late.
            details["late"] = window is not None and requested_on > window
            if stage.status != StageStatus.RESPONDED:
                stage.status = StageStatus.ESCALATED_UNANSWERED
                stage.ended_on = requested_on
            complaint = stage.complaint
            complaint.current_stage = stage.number + 1
            complaint.status = ComplaintStatus.OPEN
            complaint.closed_on = None
            next_stage = complaint.stages.create(
                number=stage.number + 1,
                started_on=requested_on,
                updated_by=by,
            )
        self.refresh_from_db()
        return next_stage

    def close(self, *, by: User | None, on: date) -> None:
        """Close the case once its current stage has ended."""
        require_date(on, label="closing", field="closed_on")
        with step("close", self.active_stage, by=by, on=on) as stage:
            assert stage.ended_on is not None
            not_before(
                on,
                stage.ended_on,
                label="closing",
                what=f"the end of Stage {stage.number}",
                field="closed_on",
            )
            stage.complaint.status = ComplaintStatus.CLOSED
            stage.complaint.closed_on = on
        self.refresh_from_db()

    # --- triage and assignment --------------------------------------------------------------

    def assign(self, *, by: User | None, officer: User | None) -> bool:
        """Give the case to an officer (or to no one); False if it was theirs already. An
        item in the triage queue leaves it: its officer takes it from there."""
        with transaction.atomic():
            locked = (
                type(self)
                .objects.select_related("assigned_officer")
                .select_for_update(of=("self",))
                .get(pk=self.pk)
            )
            before = locked.assigned_officer
            if before == officer and not (officer and locked.awaiting_triage):
                return False
            locked.assigned_officer = officer
            locked.awaiting_triage = locked.awaiting_triage and officer is None
            locked.updated_by = by
            locked.version += 1
            locked.save(
                update_fields=["assigned_officer", "awaiting_triage", "updated_by", "version"]
            )
            locked.events.create(
                action="assign",
                actor=by,
                details={
                    "officer": officer.get_full_name() if officer else "",
                    "was": before.get_full_name() if before else "",
                },
            )
        self.refresh_from_db()
        return True

    def _check_awaiting_triage(self) -> None:
        if not self.awaiting_triage:
            raise TransitionNotAllowed("This complaint has already been triaged")

    def accept(
        self, *, by: User | None, procedure: str, team: Any, officer: User | None, on: date
    ) -> None:
        """Accept a complaint from the triage queue into its procedure and team (moving it,
        as change_procedure does, if the public form's guess was wrong)."""
        self._check_awaiting_triage()
        with transaction.atomic():
            if procedure != self.procedure:
                self.change_procedure(by=by, procedure=procedure, on=on, reason="Chosen at triage")
            locked = type(self).objects.select_for_update().get(pk=self.pk)
            locked.team = team
            locked.assigned_officer = officer
            locked.awaiting_triage = False
            locked.updated_by = by
            locked.version += 1
            locked.save(
                update_fields=[
                    "team",
                    "assigned_officer",
                    "awaiting_triage",
                    "updated_by",
                    "version",
                ]
            )
            locked.events.create(
                action="accept",
                actor=by,
                effective_on=on,
                details={
                    "procedure": procedure,
                    "team": team.name,
                    "officer": officer.get_full_name() if officer else "",
                },
            )
        self.refresh_from_db()

    def not_a_complaint(self, *, by: User | None, on: date, note: str) -> None:
        """Take an item off the triage queue as not a complaint: Stage 1 is not accepted for
        that reason (so the year's figures still reconcile) and the case is closed."""
        self._check_awaiting_triage()
        if not note.strip():
            raise RuleViolation("Say what it is and where it was sent", field="note")
        with transaction.atomic():
            self.active_stage.not_accept(
                by=by, on=on, reason=NotAcceptedReason.NOT_A_COMPLAINT, note=note
            )
            type(self).objects.filter(pk=self.pk).update(awaiting_triage=False)
            self.refresh_from_db()
            self.close(by=by, on=on)

    # --- outcomes ---------------------------------------------------------------------------

    def add_element(self, *, by: User | None, theme: Theme, description: str) -> Element:
        """Add a point of complaint."""
        if not description.strip():
            raise RuleViolation("Describe the point of complaint", field="description")
        with transaction.atomic():
            type(self).objects.select_for_update().get(pk=self.pk)
            number = self.elements.count() + 1
            element = self.elements.create(number=number, theme=theme, description=description)
            self.events.create(
                action="add_element",
                actor=by,
                details={"element": number, "theme": theme.name},
            )
        return element

    def add_remedy(
        self,
        *,
        by: User | None,
        kind: str,
        agreed_on: date,
        description: str,
        owner: str,
        due_on: date | None,
        amount: Decimal | None = None,
    ) -> Remedy:
        """Record a remedy agreed at the current stage: what, by whom and by when."""
        remedy = Remedy(
            complaint=self,
            stage=self.active_stage,
            kind=kind,
            agreed_on=agreed_on,
            description=description,
            owner=owner,
            due_on=due_on,
            amount=amount,
        )
        remedy.add(
            by=by,
            on=agreed_on,
            details={"kind": kind, "amount": str(amount) if amount is not None else None},
        )
        return remedy

    def add_learning_action(
        self,
        *,
        by: User | None,
        theme: Theme,
        description: str,
        owner: str,
        due_on: date,
        raised_on: date | None = None,
    ) -> LearningAction:
        action = LearningAction(
            complaint=self,
            theme=theme,
            description=description,
            owner=owner,
            raised_on=raised_on or clock.today(),
            due_on=due_on,
        )
        action.add(
            by=by,
            on=action.raised_on,
            details={"theme": theme.name, "owner": owner, "due_on": str(due_on)},
        )
        return action
