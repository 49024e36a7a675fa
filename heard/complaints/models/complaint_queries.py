"""Rules about many complaints, computed in the database: who may see them, and their
deadlines.

The current stage's next deadline and status are kept on each complaint
(`ComplaintQuerySet.refresh_deadlines()`, from `StageQuerySet.with_deadlines()`), so counts and
filters over the open caseload read one table and an index.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from heard.accounts.models import Role, User
from heard.complaints.choices import AppointmentRole, ComplaintStatus, Procedure
from heard.complaints.models.outcomes import LearningAction, Remedy
from heard.complaints.models.stage import Appointment, Stage
from heard.workdays import add_working_days

if TYPE_CHECKING:
    from heard.complaints.models.complaint import Complaint  # noqa: F401 (the quoted generic)


#: What is owed on a case beyond its stage's deadline, by name: the label, and the condition
#: for a day. Each shows on the dashboard (one query) and filters the case list.
FOLLOW_UPS: dict[str, str] = {
    "advocacy": "Advocacy offered, answer not known",
    "remedies": "Remedies overdue",
    "learning": "Learning actions overdue",
}


def follow_up_condition(name: str, today: date) -> Q:
    """The complaints with this kind of follow-up outstanding on `today`.

    Each is found through its own small index, not by testing every complaint: the advocacy
    answers not known through `complaint_advocacy_idx`, and the remedies and learning actions
    not done by their due date through `remedy_overdue_idx` and `learning_overdue_idx`.
    """
    if name not in FOLLOW_UPS:
        raise ValueError(f"No follow-up called {name!r}")
    if name == "advocacy":
        # The answer to the offer of an advocate (s.26A) is not known yet.
        return Q(
            status=ComplaintStatus.OPEN,
            procedure=Procedure.CHILDREN,
            advocacy_offered_on__isnull=False,
            advocacy_taken_up__isnull=True,
        )
    model = Remedy if name == "remedies" else LearningAction
    return Q(pk__in=_overdue(model, today))


def _overdue(model: type[Remedy | LearningAction], today: date) -> models.QuerySet[Any]:
    """The complaints (their ids) with a remedy or a learning action not done by its due date."""
    overdue = model._default_manager.filter(completed_on__isnull=True, due_on__lt=today)
    return overdue.order_by().values("complaint_id")


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

    def follow_up(self, name: str, today: date) -> ComplaintQuerySet:
        return self.filter(follow_up_condition(name, today))

    def follow_up_counts(self, today: date) -> dict[str, int]:
        """How many complaints have each kind of follow-up outstanding (one query).

        Counted over the few complaints that owe one (the union of each kind's index), each
        kind by the same condition as the case list's filter: a count filtered over every
        complaint read the whole table (issue 30).
        """
        advocacy = self.model._default_manager.filter(follow_up_condition("advocacy", today))
        owing = advocacy.order_by().values("pk")
        owing = owing.union(_overdue(Remedy, today), _overdue(LearningAction, today))
        return self.filter(pk__in=owing).aggregate(
            **{name: Count("pk", filter=follow_up_condition(name, today)) for name in FOLLOW_UPS}
        )

    def deadline_counts(self, today: date, within: int) -> dict[str, int]:
        """How many open complaints are overdue, and how many fall due within N working days
        (one query, over an index of the open complaints' stored deadlines)."""
        last = add_working_days(today, within)
        return self.open().aggregate(
            overdue=Count("pk", filter=Q(next_due_on__lt=today)),
            due_soon=Count("pk", filter=Q(next_due_on__gte=today, next_due_on__lte=last)),
        )
