"""Rules about many complaints and stages, computed in the database.

Deadlines are derived, never entered. `StageQuerySet.with_deadlines()` derives them in SQL
from the recorded dates and the calendar table (`workdays.CalendarDay`), by the same rules as
the properties on `Stage`; a test checks that both agree. The current stage's next deadline
and status are also kept on each complaint (`ComplaintQuerySet.refresh_deadlines()`), so
counts and filters over the open caseload read one table and an index.

The trick: each calendar row carries the count of working days up to and including that day.
"N working days after d" is then the working day whose count is count(d) + N.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from heard.complaints import lookups, periods
from heard.complaints.choices import (
    OPEN_STAGE_STATUSES,
    ComplaintStatus,
    Procedure,
)
from heard.complaints.procedures import ADULT_RESPONSE_MONTHS, CORPORATE_RESPONSE, RULES
from heard.workdays import add_working_days
from heard.workdays.sql import AddMonths, count_at, working_day

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from heard.accounts.models import User
    from heard.complaints.models import Complaint, Stage  # noqa: F401 (quoted generics below)


# Importing the module registers the `in_constants` lookup on CharField.
__all__ = ["ComplaintQuerySet", "StageQuerySet", "lookups"]


class StageQuerySet(models.QuerySet["Stage"]):
    def refresh_report_values(self) -> int:
        """Derive the values each stage keeps for reports (heard.complaints.timing) again."""
        from heard.complaints.timing import report_values

        return self.order_by().update(**report_values())

    def refresh_findings(self) -> int:
        """Copy each stage's procedure, number and response date onto its findings again."""
        from heard.complaints.models import ElementFinding
        from heard.complaints.timing import finding_values

        return ElementFinding.objects.filter(stage__in=self.values("pk")).update(**finding_values())

    def open(self) -> StageQuerySet:
        # Literal values, so SQLite can match the partial index on open stages.
        return self.filter(status__in_constants=OPEN_STAGE_STATUSES)  # type: ignore[misc]

    def with_deadlines(self) -> StageQuerySet:
        """Annotate `acknowledgement_due_on` and `derived_next_due_on`, derived as Stage's
        properties `acknowledgement_due` and `next_due` derive them."""
        clock = "statement_agreed_on" if periods.stage2_clock_from_statement() else "started_on"
        adults = Q(complaint__procedure=Procedure.ADULTS)
        corporate = Q(complaint__procedure=Procedure.CORPORATE)
        counted = self.annotate(
            _ack_days=Case(
                *(
                    When(complaint__procedure=code, then=Value(rules.acknowledgement_period()))
                    for code, rules in RULES.items()
                ),
                output_field=IntegerField(),
            ),
            _n_ack=count_at("acknowledged_on"),
            _n_start=count_at("started_on"),
            _n_pause=Coalesce(count_at("resumed_on") - count_at("paused_on"), Value(0)),
            _n_clock=count_at(clock),
            _n_held=count_at("panel_held_on"),
            _n_report=count_at("panel_report_sent_on"),
        )
        after = OuterRef
        return counted.annotate(
            acknowledgement_due_on=working_day(after("_n_start") + after("_ack_days")),
        ).annotate(
            derived_next_due_on=Case(
                # An ended stage owes nothing, whatever its dates say.
                When(
                    ~Q(status__in=OPEN_STAGE_STATUSES), then=Value(None, output_field=DateField())
                ),
                When(acknowledged_on__isnull=True, then=F("acknowledgement_due_on")),
                # Adult social care: the agreed date, or six months after the complaint.
                When(adults & Q(extended_to__isnull=False), then=F("extended_to")),
                When(adults, then=AddMonths(F("started_on"), ADULT_RESPONSE_MONTHS)),
                # Corporate: working days from the acknowledgement, unless extended.
                When(corporate & Q(extended_to__isnull=False), then=F("extended_to")),
                *(
                    When(
                        corporate & Q(number=number),
                        then=working_day(after("_n_ack") + days),
                    )
                    for number, days in CORPORATE_RESPONSE.items()
                ),
                When(
                    number=3,
                    panel_held_on__isnull=True,
                    then=working_day(after("_n_start") + periods.STAGE3_PANEL),
                ),
                When(
                    number=3,
                    panel_report_sent_on__isnull=True,
                    then=working_day(after("_n_held") + periods.STAGE3_REPORT),
                ),
                When(extended_to__isnull=False, then=F("extended_to")),
                When(
                    number=1,
                    paused_on__isnull=False,
                    resumed_on__isnull=True,
                    then=Value(None, output_field=DateField()),
                ),
                When(
                    number=1,
                    then=working_day(
                        after("_n_start") + after("_n_pause") + periods.STAGE1_RESPONSE
                    ),
                ),
                When(number=2, then=working_day(after("_n_clock") + periods.STAGE2_RESPONSE)),
                default=working_day(after("_n_report") + periods.STAGE3_RESPONSE),
                output_field=DateField(),
            ),
        )


class ComplaintQuerySet(models.QuerySet["Complaint"]):
    def visible_to(self, user: User | AnonymousUser) -> ComplaintQuerySet:
        """The complaints this user may see: the one access rule (DOMAIN.md section 1).

        Every list, page, download and export filters through this method, and the `rules`
        predicate `complaints.view_complaint` is derived from it, so a list can never show a
        case that its page would refuse.

        - complaints managers and officers: every complaint;
        - responding managers: complaints about their team, or where they are appointed to
          respond (children's and adult Stage 1, either corporate stage);
        - investigating officers, independent persons and adjudicating officers: complaints
          whose Stage 2 they are appointed to, in that role;
        - review panel members: complaints whose Stage 3 panel they sit on;
        - report viewers, administrators and subject access officers: none (aggregate reports,
          configuration and subject access requests only).
        """
        from heard.accounts.models import Role, User
        from heard.complaints.choices import AppointmentRole
        from heard.complaints.models import Appointment

        if not isinstance(user, User) or not user.is_active:
            return self.none()
        role = user.role
        if role in (Role.COMPLAINTS_MANAGER, Role.COMPLAINTS_OFFICER):
            return self.all()
        appointed = Appointment.objects.filter(
            stage__complaint=OuterRef("pk"), practitioner__user=user
        )
        if role == Role.RESPONDING_MANAGER:
            own_team = Q(team_id=user.team_id) if user.team_id else Q(pk=None)
            return self.filter(
                own_team | Q(Exists(appointed.filter(role=AppointmentRole.RESPONDING_MANAGER)))
            )
        stage_roles: dict[str, tuple[int, list[str]]] = {
            Role.INVESTIGATING_OFFICER: (2, [AppointmentRole.INVESTIGATING_OFFICER]),
            Role.INDEPENDENT_PERSON: (2, [AppointmentRole.INDEPENDENT_PERSON]),
            Role.ADJUDICATING_OFFICER: (2, [AppointmentRole.ADJUDICATING_OFFICER]),
            Role.PANEL_MEMBER: (3, [AppointmentRole.PANEL_CHAIR, AppointmentRole.PANEL_MEMBER]),
        }
        if role in stage_roles:
            number, roles = stage_roles[role]
            return self.filter(Exists(appointed.filter(stage__number=number, role__in=roles)))
        return self.none()

    def open(self) -> ComplaintQuerySet:
        return self.filter(status=ComplaintStatus.OPEN)

    def refresh_deadlines(self) -> int:
        """Store each complaint's `next_due_on` and `stage_status`: the next deadline and the
        status of its current stage, derived in SQL by StageQuerySet.with_deadlines()."""
        from heard.complaints.models import Stage

        current = Stage.objects.filter(complaint=OuterRef("pk"), number=OuterRef("current_stage"))
        # An annotation, which django-stubs cannot see through with_deadlines().
        due = current.with_deadlines().values("derived_next_due_on")  # type: ignore[misc]
        return self.order_by().update(
            next_due_on=Subquery(due[:1]),
            # Empty for the moment between creating a complaint and its first stage.
            stage_status=Coalesce(Subquery(current.order_by().values("status")[:1]), Value("")),
        )

    def refresh_all_deadlines(self) -> int:
        """Re-derive the stored deadline of every open complaint, after the calendar or a
        deadline setting changed; closed complaints owe nothing. Returns how many are open."""
        self.exclude(status=ComplaintStatus.OPEN).filter(next_due_on__isnull=False).update(
            next_due_on=None
        )
        return self.open().refresh_deadlines()

    def received_between(self, first: date, last: date) -> ComplaintQuerySet:
        return self.filter(received_on__gte=first, received_on__lte=last)

    def overdue(self, today: date) -> ComplaintQuerySet:
        """Open complaints whose next deadline has passed (it was before today)."""
        return self.open().filter(next_due_on__lt=today)

    def due_within(self, working_days: int, today: date) -> ComplaintQuerySet:
        """Open complaints whose next deadline is today or within the next N working days."""
        last = add_working_days(today, working_days)
        return self.open().filter(next_due_on__gte=today, next_due_on__lte=last)

    def deadline_counts(self, today: date, within: int) -> dict[str, int]:
        """How many open complaints are overdue, and how many fall due within N working days
        (one query, over an index of the open complaints' stored deadlines)."""
        last = add_working_days(today, within)
        return self.open().aggregate(
            overdue=Count("pk", filter=Q(next_due_on__lt=today)),
            due_soon=Count("pk", filter=Q(next_due_on__gte=today, next_due_on__lte=last)),
        )
