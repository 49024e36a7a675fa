"""The dashboard: the team's open work across every kind of case, each count linking to its
list. It reads every case type and nothing imports it."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from heard.complaints.choices import Procedure, StageStatus
from heard.complaints.models import Complaint
from heard.complaints.models.complaint_queries import FOLLOW_UPS, ComplaintQuerySet
from heard.compliments.models import Compliment
from heard.core import clock
from heard.enquiries.models import Enquiry
from heard.ombudsman.models import OmbudsmanCase
from heard.referrals.models import MonthlyReferrals
from heard.sars.models import SubjectAccessRequest

#: The columns of the dashboard's stage table: where an open complaint's current stage is.
DASHBOARD_STATUSES = [
    StageStatus.IN_PROGRESS,
    StageStatus.PAUSED,
    StageStatus.PANEL_HELD,
    StageStatus.PANEL_REPORTED,
    StageStatus.RESPONDED,
]


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The team's open work across every kind of case, each count linking to its list."""
    today = clock.today()
    visible = Complaint.objects.visible_to(request.user)
    user = request.user
    context: dict[str, object] = {
        "today": today,
        "my_count": visible.open().filter(assigned_officer_id=user.pk).count(),
        "by_stage_and_status": _current_stages_by_status(visible),
        "open_count": visible.open().count(),
        # New complaints wait here for someone to take them (the officer's triage).
        "unassigned_count": visible.open().filter(assigned_officer__isnull=True).count(),
        "triage_count": visible.filter(awaiting_triage=True).count(),
        **_enquiry_counts(user, today),
        "month_start": today.replace(day=1),
        "compliments_this_month": Compliment.objects.visible_to(user)
        .received_between(today.replace(day=1), today)
        .count(),
        **_deadline_counts(visible, today),
        "follow_ups": _follow_ups(visible, today),
        "by_procedure": _open_by_procedure(visible, today),
        "sars": SubjectAccessRequest.objects.visible_to(user).counts(today, within=5),
        "ombudsman": OmbudsmanCase.objects.visible_to(user).counts(today, within=5),
        "latest_referrals": MonthlyReferrals.objects.order_by("-month").first()
        if user.has_perm("referrals.view_monthlyreferrals")
        else None,
    }
    context["statuses"] = [(s.value, s.label) for s in DASHBOARD_STATUSES]
    return render(request, "dashboard/home.html", context)


def _enquiry_counts(user: object, today: date) -> dict[str, int]:
    """Open member enquiries, and how many are past their target (one query, by the same
    derivation as EnquiryQuerySet.overdue)."""
    enquiries = Enquiry.objects.visible_to(user).open().with_due()  # type: ignore[arg-type]
    counts = enquiries.aggregate(
        total=Count("pk"),
        overdue=Count("pk", filter=Q(response_due_on__lt=today)),
    )
    return {"enquiries_open": counts["total"], "enquiries_overdue": counts["overdue"]}


def _deadline_counts(visible: ComplaintQuerySet, today: date) -> dict[str, int]:
    counts = visible.deadline_counts(today, within=5)
    return {"overdue_count": counts["overdue"], "due_soon_count": counts["due_soon"]}


def _follow_ups(visible: ComplaintQuerySet, today: date) -> list[tuple[str, str, int]]:
    """What is owed beyond the stages' deadlines: advocacy answers, overdue remedies and
    learning actions (one query)."""
    counts = visible.follow_up_counts(today)
    return [(name, label, counts[name]) for name, label in FOLLOW_UPS.items()]


def _open_by_procedure(visible: ComplaintQuerySet, today: date) -> list[tuple[str, str, int, int]]:
    """Open complaints and overdue ones for each procedure (one query)."""
    counts = {
        row["procedure"]: (row["total"], row["overdue"])
        for row in visible.open()
        .values("procedure")
        .order_by()
        .annotate(total=Count("pk"), overdue=Count("pk", filter=Q(next_due_on__lt=today)))
    }
    return [(p.value, p.label, *counts.get(p.value, (0, 0))) for p in Procedure]


def _current_stages_by_status(visible: ComplaintQuerySet) -> list[tuple[int, list[int]]]:
    """Open complaints counted by current stage and where that stage is (one query, read
    from the index on the complaint's stored current-stage status)."""
    counts = {
        (row["current_stage"], row["stage_status"]): row["total"]
        for row in visible.open()
        .values("current_stage", "stage_status")
        .order_by()
        .annotate(total=Count("pk"))
    }
    return [(n, [counts.get((n, status), 0) for status in DASHBOARD_STATUSES]) for n in (1, 2, 3)]
