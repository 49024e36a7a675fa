"""The closure days' screens (issue 33): days the council's complaints service is closed
beyond the bank holidays, listed by year, added one day or a range at a time with a reason,
and removed while still to come.

They live here, not in `heard.workdays` (the ground layer's calendar, which may not import
`heard.core`'s forms) nor in `heard.core` (which imports no app but accounts): saving a
closure day is about the complaints' deadlines. Each save rebuilds the calendar table as
today, in the same transaction (heard.workdays.apps), and the rebuild re-derives every open
complaint's stored next deadline (heard.complaints.apps). The page then says how many of
those deadlines moved, compared with what they were before the change.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from heard.complaints.models import Complaint
from heard.core import clock
from heard.core.configuration import configurer
from heard.core.dates import long_date
from heard.core.forms import DateInputField, GovukForm
from heard.workdays.models import ClosureDay

#: The longest range added at once: a council's longest usual closure is Christmas to New
#: Year, and each day saved rebuilds the calendar.
MOST_DAYS = 31


class ClosureDaysForm(GovukForm):
    first_day = DateInputField(what="the service closes", label="First day closed")
    last_day = DateInputField(
        what="the service reopens",
        label="Last day closed (if more than one day)",
        required=False,
        help_text="Leave blank for one day. For example, 2 1 2026",
    )
    reason = forms.CharField(
        label="Why the service is closed",
        max_length=200,
        help_text="For example, Christmas closure",
        error_messages={"required": "Enter why the service is closed"},
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, last = cleaned.get("first_day"), cleaned.get("last_day")
        if first is None:
            return cleaned
        last = last or first
        if last < first:
            self.add_error("last_day", "The last day closed must be the same as or after the first")
        elif (last - first).days + 1 > MOST_DAYS:
            self.add_error("last_day", f"Add at most {MOST_DAYS} days at a time")
        else:
            days = [first + timedelta(n) for n in range((last - first).days + 1)]
            taken = ClosureDay.objects.filter(day__in=days).values_list("day", flat=True)
            if taken:
                said = ", ".join(long_date(day) for day in sorted(taken))
                self.add_error("first_day", f"The service is already closed on {said}")
            cleaned["days"] = days
        return cleaned


def _open_deadlines() -> dict[int, date | None]:
    return dict(Complaint.objects.open().values_list("pk", "next_due_on"))


@transaction.atomic
def change_calendar(change: Any) -> int:
    """Make a change to the closure days and return how many open complaints' next deadlines
    it moved. Each saved or deleted day rebuilds the calendar (and the stored deadlines) in
    this transaction; the deadlines are compared with a snapshot taken before."""
    before = _open_deadlines()
    change()
    after = _open_deadlines()
    return sum(1 for pk, due in after.items() if before.get(pk, due) != due)


def _moved(n: int) -> str:
    if n == 0:
        return "No open deadline moved"
    return f"{n} open {'deadline' if n == 1 else 'deadlines'} moved"


@require_GET
def closure_list(request: HttpRequest) -> HttpResponse:
    configurer(request)
    today = clock.today()
    years = sorted({*ClosureDay.objects.dates("day", "year").values_list("day__year", flat=True)})
    years = sorted({*years, today.year, today.year + 1})
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    if year not in years:
        year = today.year
    days = ClosureDay.objects.filter(day__year=year).order_by("day")
    return render(
        request,
        "complaints/closure_days.html",
        {"year": year, "years": years, "days": days, "today": today},
    )


@require_http_methods(["GET", "POST"])
def closure_add(request: HttpRequest) -> HttpResponse:
    configurer(request)
    form = ClosureDaysForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        days, reason = form.cleaned_data["days"], form.cleaned_data["reason"]

        def add() -> None:
            for day in days:
                ClosureDay.objects.create(day=day, description=reason)

        moved = change_calendar(add)
        added = "1 closure day added" if len(days) == 1 else f"{len(days)} closure days added"
        messages.success(request, f"{added}. {_moved(moved)}")
        return redirect(f"{reverse('complaints:closure_days')}?year={days[0].year}")
    return render(request, "complaints/closure_add.html", {"form": form})


@require_POST
def closure_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove a closure day still to come; one passed is kept, since deadlines and verdicts
    already given were worked out with it."""
    configurer(request)
    closure = get_object_or_404(ClosureDay, pk=pk)
    back = f"{reverse('complaints:closure_days')}?year={closure.day.year}"
    if closure.day <= clock.today():
        messages.error(request, "Only a closure day still to come can be removed")
        return redirect(back)
    moved = change_calendar(closure.delete)
    messages.success(request, f"Closure day {long_date(closure.day)} removed. {_moved(moved)}")
    return redirect(back)
