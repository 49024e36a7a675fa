"""A stage of the statutory procedure, its derived deadlines, and the steps taken in it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import models

from heard.complaints import periods
from heard.complaints.choices import (
    OPEN_STAGE_STATUSES,
    AppointmentRole,
    Finding,
    NotAcceptedReason,
    Outcome,
    Procedure,
    StageStatus,
)
from heard.complaints.models.outcomes import Cost
from heard.complaints.models.people import INDEPENDENT_ROLES
from heard.complaints.models.stage_queries import StageQuerySet
from heard.complaints.models.steps import step
from heard.complaints.procedures import (
    ADULT_RESPONSE_MONTHS,
    CORPORATE_EXTENSION,
    CORPORATE_RESPONSE,
    ProcedureRules,
    rules_for,
)
from heard.complaints.timing import roll_up
from heard.core.dates import long_date, not_before, require_date
from heard.core.errors import RuleViolation
from heard.core.models import Stamped
from heard.workdays import add_working_days, working_days_between
from heard.workdays.sar import add_calendar_months

if TYPE_CHECKING:
    from heard.accounts.models import User
    from heard.complaints.models.outcomes import Element, ElementFinding
    from heard.complaints.models.people import Practitioner


def _a(label: str) -> str:
    """ "an investigating officer", "a panel chair": a role's label with its article."""
    word = label.lower()
    return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"


class Stage(Stamped):
    """Stage 1 (local resolution), 2 (investigation) or 3 (review panel) of one complaint.

    Only recorded dates are entered. Every deadline is a property derived from those dates and
    the working-day calendar, so a change to the calendar moves every deadline with it; the
    same rules are expressed in SQL by StageQuerySet.with_deadlines(). The complaint keeps its
    current stage's next deadline, written from that SQL on every save and whenever the
    calendar changes (docs/decisions/0004-stored-next-deadline.md).
    """

    complaint = models.ForeignKey(
        "complaints.Complaint",
        on_delete=models.CASCADE,
        related_name="stages",
        db_index=False,  # stage_unique_number leads with it
    )
    number = models.PositiveSmallIntegerField()
    #: The complaint's procedure, kept on each stage (set on saving, and moved with the
    #: complaint by Complaint.change_procedure) so that reports over a year's stages read
    #: one index instead of looking up every stage's complaint (docs/decisions/0005).
    procedure = models.CharField(max_length=20, choices=Procedure.choices, editable=False)
    status = models.CharField(
        max_length=30, choices=StageStatus.choices, default=StageStatus.IN_PROGRESS
    )
    #: Day 0: when Stage 1 was received, or when Stage 2 or 3 was asked for.
    started_on = models.DateField()
    acknowledged_on = models.DateField(null=True, blank=True)
    paused_on = models.DateField(null=True, blank=True)
    resumed_on = models.DateField(null=True, blank=True)
    pause_reason = models.TextField(blank=True)
    statement_agreed_on = models.DateField("statement of complaint agreed", null=True, blank=True)
    #: Stage 2's reports and adjudication (regulation 17): the investigating officer's and the
    #: independent person's reports, then the adjudicating officer's decision on them.
    io_report_on = models.DateField("investigating officer's report", null=True, blank=True)
    ip_report_on = models.DateField("independent person's report", null=True, blank=True)
    adjudicated_on = models.DateField("adjudication", null=True, blank=True)
    adjudication = models.TextField("the adjudicating officer's decision", blank=True)
    extended_to = models.DateField("extended response date", null=True, blank=True)
    extension_agreed_on = models.DateField(null=True, blank=True)
    extension_reason = models.TextField(blank=True)
    panel_held_on = models.DateField(null=True, blank=True)
    panel_report_sent_on = models.DateField(null=True, blank=True)
    #: When the stage ended, by whichever route its status names (response, ADR, ...).
    ended_on = models.DateField(null=True, blank=True)
    not_accepted_reason = models.CharField(
        max_length=30, choices=NotAcceptedReason.choices, blank=True
    )
    end_note = models.TextField(blank=True)
    # Kept for reports, derived from the dates, the calendar and the findings on every save
    # (heard.complaints.timing; docs/decisions/0006), never entered.
    response_working_days = models.IntegerField(null=True, editable=False)
    acknowledgement_working_days = models.IntegerField(null=True, editable=False)
    rolled_up_outcome = models.CharField(
        max_length=20, choices=Outcome.choices, blank=True, editable=False
    )

    objects = StageQuerySet.as_manager()

    class Meta:
        ordering = ["complaint", "number"]
        constraints = [
            models.UniqueConstraint(fields=["complaint", "number"], name="stage_unique_number"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=3), name="stage_number_1_to_3"
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="stage_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(acknowledged_on__isnull=True)
                | models.Q(acknowledged_on__gte=models.F("started_on")),
                name="stage_acknowledged_after_start",
            ),
        ]
        indexes = [
            # Only the open stages (a few thousand of millions): deadlines, overdue, due soon.
            models.Index(
                fields=["complaint"],
                condition=models.Q(status__in=OPEN_STAGE_STATUSES),
                name="stage_open_idx",
            ),
            models.Index(fields=["status", "number"], name="stage_status_idx"),
            # Reports: a procedure's stages started, or ended, in a period (the second covers
            # every flow count, so the counts read the index alone).
            # Each covers what the report reads of the stages it picks out, so a year's
            # figures read the index alone. The first leaves out the end date, so that the
            # stages open across a period's start or end are read by the second, over the
            # few ended since, not over every stage started before.
            models.Index(
                fields=[
                    "procedure",
                    "number",
                    "started_on",
                    "status",
                    "acknowledged_on",
                    "acknowledgement_working_days",
                ],
                name="stage_report_started_idx",
            ),
            models.Index(
                fields=[
                    "procedure",
                    "number",
                    "ended_on",
                    "status",
                    "started_on",
                    "rolled_up_outcome",
                    "response_working_days",
                    "extended_to",
                ],
                name="stage_report_ended_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.complaint} Stage {self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.procedure:
            self.procedure = self.complaint.procedure
        # A new stage not yet acknowledged or ended has no findings and nothing counted, so
        # its report values are known without asking the database (a form sent online).
        fresh = self._state.adding and self.acknowledged_on is None and self.ended_on is None
        if fresh:
            self.response_working_days = self.acknowledgement_working_days = None
            self.rolled_up_outcome = ""
        super().save(*args, **kwargs)
        if not fresh:
            saved = type(self).objects.filter(pk=self.pk)
            saved.refresh_report_values()
            saved.refresh_findings()
        # The complaint keeps its current stage's status and next deadline. A new complaint's
        # Stage 1 is its current stage. (The one import inside a method in this package: the
        # complaint imports its stages, and a stage saving its complaint's deadline closes
        # the loop within the aggregate.)
        from heard.complaints.models.complaint import Complaint

        Complaint.store_current_deadline(
            self.complaint_id, current=self if fresh and self.number == 1 else None
        )

    # --- derived state ----------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STAGE_STATUSES

    @property
    def responded_on(self) -> date | None:
        return self.ended_on if self.status == StageStatus.RESPONDED else None

    @property
    def start_label(self) -> str:
        return "the date the complaint was received" if self.number == 1 else "the request"

    @property
    def rules(self) -> ProcedureRules:
        return rules_for(self.complaint.procedure)

    @property
    def acknowledgement_due(self) -> date:
        return add_working_days(self.started_on, self.rules.acknowledgement_period())

    @property
    def paused_working_days(self) -> int:
        """Working days Stage 1's clock stood still while an advocate was found."""
        if self.paused_on is None or self.resumed_on is None:
            return 0
        return working_days_between(self.paused_on, self.resumed_on)

    @property
    def is_paused(self) -> bool:
        return self.paused_on is not None and self.resumed_on is None

    @property
    def clock_start(self) -> date | None:
        """Day 0 of the response clock (Stage 2 may count from the agreed statement)."""
        if self.number == 2 and periods.stage2_clock_from_statement():
            return self.statement_agreed_on
        return self.started_on

    def _response_due_after(self, stage1: int, stage2: int) -> date | None:
        if self.number == 1:
            if self.is_paused:
                return None
            return add_working_days(self.started_on, stage1 + self.paused_working_days)
        if self.number == 2:
            start = self.clock_start
            return add_working_days(start, stage2) if start else None
        if self.panel_report_sent_on is None:
            return None
        return add_working_days(self.panel_report_sent_on, periods.STAGE3_RESPONSE)

    def _after_acknowledgement(self, working_days: int) -> date | None:
        if self.acknowledged_on is None:
            return None
        return add_working_days(self.acknowledged_on, working_days)

    @property
    def standard_response_due(self) -> date | None:
        """The response deadline before any extension; None while the clock is stopped."""
        if self.procedure == Procedure.ADULTS:
            return add_calendar_months(self.started_on, ADULT_RESPONSE_MONTHS)
        if self.procedure == Procedure.CORPORATE:
            return self._after_acknowledgement(CORPORATE_RESPONSE[self.number])
        return self._response_due_after(periods.STAGE1_RESPONSE, periods.STAGE2_RESPONSE)

    @property
    def maximum_response_due(self) -> date | None:
        """The latest the response may be, even with an extension (children's: 20 WD or
        65 WD; corporate: twice the period). Adult social care has none: the date is agreed."""
        if self.procedure == Procedure.ADULTS:
            return None
        if self.procedure == Procedure.CORPORATE:
            return self._after_acknowledgement(
                CORPORATE_RESPONSE[self.number] + CORPORATE_EXTENSION[self.number]
            )
        return self._response_due_after(periods.STAGE1_MAXIMUM, periods.STAGE2_MAXIMUM)

    @property
    def response_due(self) -> date | None:
        """The response deadline in force: the agreed extension, or the standard period."""
        if self.extended_to is not None:
            return self.extended_to
        return self.standard_response_due

    @property
    def panel_due(self) -> date | None:
        return add_working_days(self.started_on, periods.STAGE3_PANEL) if self.number == 3 else None

    @property
    def panel_report_due(self) -> date | None:
        if self.number != 3 or self.panel_held_on is None:
            return None
        return add_working_days(self.panel_held_on, periods.STAGE3_REPORT)

    @property
    def next_due(self) -> date | None:
        """The next deadline the council owes on this stage, or None if there is none now."""
        if not self.is_open:
            return None
        if self.acknowledged_on is None:
            return self.acknowledgement_due
        if self.number == 3 and self.panel_held_on is None:
            return self.panel_due
        if self.number == 3 and self.panel_report_sent_on is None:
            return self.panel_report_due
        return self.response_due

    def is_overdue(self, today: date) -> bool:
        due = self.next_due
        return due is not None and due < today

    @property
    def escalation_deadline(self) -> date | None:
        """The end of the 20 working days the complainant has to ask for the next stage."""
        if self.number >= self.rules.last_stage or self.responded_on is None:
            return None
        return add_working_days(self.responded_on, periods.ESCALATION_WINDOW)

    @property
    def working_days_taken(self) -> int | None:
        """Working days from day 0 to the end of the stage, less any pause for advocacy."""
        if self.ended_on is None:
            return None
        return working_days_between(self.started_on, self.ended_on) - self.paused_working_days

    @property
    def outcome(self) -> Outcome | None:
        return roll_up(f.finding for f in self.findings.all())

    # --- steps ------------------------------------------------------------------------------

    def _check_on(self, on: date | None, *, label: str, field: str) -> date:
        day = require_date(on, label=label, field=field)
        not_before(day, self.started_on, label=label, what=self.start_label, field=field)
        return day

    def acknowledge(self, *, by: User | None, on: date) -> None:
        with step("acknowledge", self, by=by, on=on) as stage:
            stage._check_on(on, label="acknowledgement", field="acknowledged_on")
            complaint = stage.complaint
            if (
                stage.number == 1
                and complaint.procedure == Procedure.CHILDREN
                and complaint.from_child
                and complaint.advocacy_offered_on is None
            ):
                raise RuleViolation(
                    "A child who complains must be offered an advocate (Children Act 1989 "
                    "s.26A): record when advocacy was offered before acknowledging",
                    field="advocacy_offered_on",
                )
            stage.acknowledged_on = on

    def extend(self, *, by: User | None, new_due: date, reason: str, agreed_on: date) -> None:
        """Extend the response time: children's Stage 1 once, to at most 20 WD, and Stage 2 to
        at most 65 WD; a corporate stage once, by at most its own period again. For adult
        social care this records the response date agreed with the complainant."""
        with step(
            "extend",
            self,
            by=by,
            on=agreed_on,
            reason=reason,
            details={"new_due": new_due.isoformat()},
        ) as stage:
            stage._check_on(agreed_on, label="extension agreed", field="extension_agreed_on")
            if not reason.strip():
                raise RuleViolation("Give the reason for the extension", field="extension_reason")
            if stage.procedure == Procedure.ADULTS:
                not_before(
                    new_due,
                    agreed_on,
                    label="agreed response",
                    what="the date it was agreed",
                    field="extended_to",
                )
                stage.extended_to = new_due
                stage.extension_agreed_on = agreed_on
                stage.extension_reason = reason
                return
            current, maximum = stage.response_due, stage.maximum_response_due
            if current is None or maximum is None:
                raise RuleViolation(
                    "The response clock has not started, so it cannot be extended",
                    field="extended_to",
                )
            if new_due <= current:
                raise RuleViolation(
                    f"The extended date must be after the current response date, "
                    f"{long_date(current)}",
                    field="extended_to",
                )
            if new_due > maximum and stage.procedure == Procedure.CORPORATE:
                limit = CORPORATE_RESPONSE[stage.number] + CORPORATE_EXTENSION[stage.number]
                raise RuleViolation(
                    f"Stage {stage.number} cannot be extended beyond {limit} working days after "
                    f"it was acknowledged (Complaint Handling Code): the latest date is "
                    f"{long_date(maximum)}",
                    field="extended_to",
                )
            if new_due > maximum:
                limit = periods.STAGE1_MAXIMUM if stage.number == 1 else periods.STAGE2_MAXIMUM
                regulation = 14 if stage.number == 1 else 17
                raise RuleViolation(
                    f"Stage {stage.number} cannot be extended beyond {limit} working days "
                    f"(regulation {regulation}): the latest date is {long_date(maximum)}",
                    field="extended_to",
                )
            stage.extended_to = new_due
            stage.extension_agreed_on = agreed_on
            stage.extension_reason = reason

    def pause_for_advocacy(self, *, by: User | None, on: date, reason: str = "") -> None:
        """Stop Stage 1's clock while an advocate is found (regulation 14)."""
        with step("pause", self, by=by, on=on, reason=reason) as stage:
            stage._check_on(on, label="pause", field="paused_on")
            if stage.complaint.advocacy_offered_on is None:
                raise RuleViolation(
                    "Record the advocacy offer before pausing for an advocate",
                    field="advocacy_offered_on",
                )
            stage.paused_on = on
            stage.pause_reason = reason

    def resume(self, *, by: User | None, on: date) -> None:
        with step("resume", self, by=by, on=on) as stage:
            day = require_date(on, label="resume", field="resumed_on")
            assert stage.paused_on is not None
            not_before(day, stage.paused_on, label="resume", what="the pause", field="resumed_on")
            stage.resumed_on = on

    def agree_statement(self, *, by: User | None, on: date) -> None:
        """The complainant agreed the written statement of complaint (Stage 2)."""
        with step("agree_statement", self, by=by, on=on) as stage:
            stage._check_on(on, label="statement agreed", field="statement_agreed_on")
            stage.statement_agreed_on = on

    def receive_report(self, *, by: User | None, author: str, on: date) -> None:
        """The investigating officer's ("io") or the independent person's ("ip") report
        arrived (Stage 2), once each, on or after the stage started."""
        name, field = {
            "io": ("receive_io_report", "io_report_on"),
            "ip": (
                "receive_ip_report",
                "ip_report_on",
            ),
        }[author]
        with step(name, self, by=by, on=on) as stage:
            stage._check_on(on, label="report", field=field)
            setattr(stage, field, on)

    def adjudicate(self, *, by: User | None, on: date, decision: str) -> None:
        """The adjudicating officer's decision on the Stage 2 reports: dated, in brief, once
        the investigating officer's report is in (the response letter follows)."""
        if not decision.strip():
            raise RuleViolation("Enter the adjudicating officer's decision", field="adjudication")
        with step("adjudicate", self, by=by, on=on) as stage:
            stage._check_on(on, label="adjudication", field="adjudicated_on")
            assert stage.io_report_on is not None
            not_before(
                on,
                stage.io_report_on,
                label="adjudication",
                what="the investigating officer's report",
                field="adjudicated_on",
            )
            stage.adjudicated_on, stage.adjudication = on, decision.strip()

    def appoint(
        self, *, by: User | None, role: str, practitioner: Practitioner, on: date
    ) -> Appointment:
        with step(
            "appoint", self, by=by, on=on, details={"role": role, "practitioner": practitioner.name}
        ) as stage:
            stage._check_on(on, label="appointment", field="appointed_on")
            if role not in stage.rules.roles_by_stage[stage.number]:
                raise RuleViolation(
                    f"{_a(AppointmentRole(role).label).capitalize()} is not appointed at "
                    f"Stage {stage.number}",
                    field="role",
                )
            if not practitioner.active:
                raise RuleViolation(
                    f"{practitioner} is no longer on the register of appointees",
                    field="practitioner",
                )
            stage._check_independent_of_the_council(role, practitioner)
            if not practitioner.may_take(role):
                raise RuleViolation(
                    f"{practitioner} is not on the register as {_a(AppointmentRole(role).label)}",
                    field="practitioner",
                )
            current = list(stage.appointments.select_related("practitioner"))
            if any(a.practitioner_id == practitioner.pk for a in current):
                raise RuleViolation(
                    f"{practitioner} is already appointed to this stage", field="practitioner"
                )
            single = role != AppointmentRole.PANEL_MEMBER
            if single and any(a.role == role for a in current):
                raise RuleViolation(
                    f"{_a(AppointmentRole(role).label).capitalize()} is already appointed",
                    field="role",
                )
            if (
                role == AppointmentRole.PANEL_MEMBER
                and sum(a.role == AppointmentRole.PANEL_MEMBER for a in current) >= 2
            ):
                raise RuleViolation(
                    "A review panel has three people: a chair and two members", field="role"
                )
            if stage.number == 3:
                stage._check_not_stage2_independent_person(practitioner)
            if stage.procedure == Procedure.CORPORATE and stage.number == 2:
                stage._check_not_stage1_responder(practitioner)
            appointment = Appointment.objects.create(
                stage=stage, role=role, practitioner=practitioner, appointed_on=on
            )
        return appointment

    @staticmethod
    def _check_independent_of_the_council(role: str, practitioner: Practitioner) -> None:
        # Regulations 17 and 19: the independent person and the panel are neither members nor
        # officers of the council, whatever roles an older register entry was given.
        if role in INDEPENDENT_ROLES and not practitioner.is_external:
            raise RuleViolation(
                f"{practitioner} is not recorded as independent of the council, so cannot "
                f"{INDEPENDENT_ROLES[role]}",
                field="practitioner",
            )

    def _check_not_stage2_independent_person(self, practitioner: Practitioner) -> None:
        # DOMAIN.md: the independent person from Stage 2 may not sit on the review panel.
        if Appointment.objects.filter(
            stage__complaint_id=self.complaint_id,
            stage__number=2,
            role=AppointmentRole.INDEPENDENT_PERSON,
            practitioner=practitioner,
        ).exists():
            raise RuleViolation(
                f"{practitioner} was the independent person at Stage 2 and may not sit on the "
                "review panel",
                field="practitioner",
            )

    def _check_not_stage1_responder(self, practitioner: Practitioner) -> None:
        # The Complaint Handling Code: someone other than the Stage 1 responder handles Stage 2.
        if Appointment.objects.filter(
            stage__complaint_id=self.complaint_id, stage__number=1, practitioner=practitioner
        ).exists():
            raise RuleViolation(
                f"{practitioner} responded at Stage 1: someone else must handle Stage 2",
                field="practitioner",
            )

    def record_finding(
        self,
        *,
        by: User | None,
        element: Element,
        finding: str,
        reasons: str = "",
        action: str = "",
    ) -> ElementFinding:
        """The finding on one point at this stage, with its reasons (and, at Stage 1, any
        action promised): recorded again, it replaces the last."""
        if finding not in Finding.values:
            raise RuleViolation("Choose a finding", field="finding")
        if action and self.number != 1:
            raise RuleViolation(
                "An action is promised with a Stage 1 finding; later stages agree remedies",
                field="action",
            )
        with step(
            "record_finding",
            self,
            by=by,
            on=None,
            details={"element": element.number, "finding": finding},
        ) as stage:
            if element.complaint_id != stage.complaint_id:
                raise RuleViolation("That point belongs to another complaint", field="element")
            result, _ = stage.findings.update_or_create(
                element=element,
                defaults={"finding": finding, "reasons": reasons, "action": action},
            )
        return result

    def hold_panel(self, *, by: User | None, on: date) -> None:
        with step("hold_panel", self, by=by, on=on) as stage:
            stage._check_on(on, label="panel", field="panel_held_on")
            roles = [a.role for a in stage.appointments.all()]
            if roles.count(AppointmentRole.PANEL_CHAIR) != 1 or len(roles) != 3:
                raise RuleViolation(
                    "Appoint the panel first: three independent people, one of them the chair",
                    field="panel_held_on",
                )
            stage.panel_held_on = on

    def send_panel_report(self, *, by: User | None, on: date) -> None:
        with step("send_panel_report", self, by=by, on=on) as stage:
            assert stage.panel_held_on is not None
            day = require_date(on, label="panel report", field="panel_report_sent_on")
            not_before(
                day,
                stage.panel_held_on,
                label="panel report",
                what="the panel",
                field="panel_report_sent_on",
            )
            stage.panel_report_sent_on = on

    def respond(self, *, by: User | None, on: date) -> None:
        """Record the stage's response (at Stage 3, the council's response to the panel)."""
        with step("respond", self, by=by, on=on) as stage:
            if stage.number == 3:
                assert stage.panel_report_sent_on is not None
                day = require_date(on, label="response", field="ended_on")
                not_before(
                    day,
                    stage.panel_report_sent_on,
                    label="response",
                    what="the panel's report",
                    field="ended_on",
                )
            else:
                stage._check_on(on, label="response", field="ended_on")
                stage._check_can_be_considered()
                stage._check_every_element_has_a_finding()
            if stage.number == 2 and stage.procedure == Procedure.CHILDREN:
                stage._check_stage2_appointments()
            stage.ended_on = on

    def _check_can_be_considered(self) -> None:
        blocker = self.complaint.consideration_blocker()
        if blocker:
            raise RuleViolation(blocker, field="ended_on")

    def _check_every_element_has_a_finding(self) -> None:
        elements = self.complaint.elements.count()
        if elements == 0:
            raise RuleViolation(
                "Add the points of complaint and their findings first", field="ended_on"
            )
        if self.findings.count() < elements:
            raise RuleViolation(
                "Record a finding for every point of complaint before the response",
                field="ended_on",
            )

    def _check_stage2_appointments(self) -> None:
        # Regulation 17: an investigating officer and an independent person consider it,
        # and a senior manager adjudicates.
        appointed = set(self.appointments.values_list("role", flat=True))
        needed: set[str] = {
            AppointmentRole.INVESTIGATING_OFFICER,
            AppointmentRole.INDEPENDENT_PERSON,
            AppointmentRole.ADJUDICATING_OFFICER,
        }
        missing = needed - appointed
        if missing:
            names = ", ".join(sorted(AppointmentRole(r).label.lower() for r in missing))
            raise RuleViolation(
                f"Appoint the {names} before the Stage 2 response", field="ended_on"
            )

    def resolve_by_adr(self, *, by: User | None, on: date, note: str = "") -> None:
        """Stage 1 ended by agreement through a meeting or mediation."""
        with step("resolve_by_adr", self, by=by, on=on, reason=note) as stage:
            stage._check_on(on, label="resolution", field="ended_on")
            stage._check_can_be_considered()
            stage.ended_on = on
            stage.end_note = note

    def withdraw(self, *, by: User | None, on: date, reason: str = "") -> None:
        """The complainant withdrew; the reason is recorded if they gave one."""
        with step("withdraw", self, by=by, on=on, reason=reason) as stage:
            stage._check_on(on, label="withdrawal", field="ended_on")
            stage.ended_on = on
            stage.end_note = reason

    def not_accept(self, *, by: User | None, on: date, reason: str, note: str = "") -> None:
        with step(
            "not_accept", self, by=by, on=on, reason=note, details={"reason": reason}
        ) as stage:
            if reason not in NotAcceptedReason.values:
                raise RuleViolation(
                    "Choose why the complaint is not accepted", field="not_accepted_reason"
                )
            stage._check_on(on, label="decision", field="ended_on")
            stage.ended_on = on
            stage.not_accepted_reason = reason
            stage.end_note = note

    def add_cost(
        self, *, by: User | None, kind: str, amount: Decimal, incurred_on: date, note: str = ""
    ) -> Cost:
        """Record money spent on this stage (fees, venue, advocacy)."""
        cost = Cost(stage=self, kind=kind, amount=amount, incurred_on=incurred_on, note=note)
        cost.add(by=by, on=incurred_on, details={"kind": kind, "amount": str(amount)})
        return cost


class Appointment(models.Model):
    """Someone appointed to a stage: responder, IO, IP, adjudicator or panel member."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="appointments")
    role = models.CharField(max_length=30, choices=AppointmentRole.choices)
    practitioner = models.ForeignKey(
        "complaints.Practitioner", on_delete=models.PROTECT, related_name="appointments"
    )
    appointed_on = models.DateField()

    class Meta:
        ordering = ["stage", "appointed_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["stage", "practitioner"], name="appointment_once_per_stage"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.practitioner}"
