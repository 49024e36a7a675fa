"""The triage queue and assignment: new complaints from the public form wait here until
someone accepts them into a procedure, assigns them, or finds they are not complaints; any
case can be reassigned, one at a time or a page of the list at once.

Each step is a model method (Complaint.accept, assign, not_a_complaint) that records its
event; these views only collect the answers and check who may act on which case.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from heard.accounts.models import User
from heard.accounts.rules import caseworkers
from heard.complaints.choices import Procedure
from heard.complaints.models import Complaint
from heard.complaints.views import case_editor, complaint_for_user
from heard.core import clock
from heard.core.casepages import require_perm
from heard.core.errors import DomainError
from heard.core.forms import DateInputField, GovukForm
from heard.core.models import Team


def _officer_field(label: str = "Assign to") -> forms.ModelChoiceField[User]:
    return forms.ModelChoiceField(
        label=label,
        queryset=caseworkers().filter(is_active=True),
        required=False,
        empty_label="No one yet",
    )


class AcceptForm(GovukForm):
    procedure = forms.ChoiceField(
        label="Procedure",
        choices=Procedure.choices,
        widget=forms.RadioSelect,
        help_text="The public form's answers suggested the one chosen: change it if wrong",
        error_messages={"required": "Choose the procedure"},
    )
    team = forms.ModelChoiceField(
        label="Team",
        queryset=Team.objects.none(),
        empty_label="Choose a team",
        error_messages={"required": "Choose the team that will handle it"},
    )
    officer = _officer_field()
    accepted_on = DateInputField(what="it was accepted", today=True)

    def __init__(self, *args: Any, complaint: Complaint, **kwargs: Any) -> None:
        super().__init__(*args, initial={"procedure": complaint.procedure}, **kwargs)
        team = self.fields["team"]
        assert isinstance(team, forms.ModelChoiceField)
        # The holding team the public form files complaints under is not a team to accept
        # a complaint into.
        team.queryset = Team.objects.filter(active=True).exclude(pk=complaint.team_id)
        self.complaint = complaint

    def save(self, by: User) -> bool:
        data = self.cleaned_data
        try:
            self.complaint.accept(
                by=by,
                procedure=data["procedure"],
                team=data["team"],
                officer=data["officer"],
                on=data["accepted_on"],
            )
        except DomainError as error:
            self.add_rule_error(error)
            return False
        return True


class AssignForm(GovukForm):
    officer = _officer_field("Assigned officer")


class NotComplaintForm(GovukForm):
    decided_on = DateInputField(what="of the decision", label="Date of the decision", today=True)
    note = forms.CharField(
        label="What it is, and where it was sent",
        widget=forms.Textarea,
        max_length=4000,
        help_text="For example, a request to repair a streetlight, passed to Highways",
        error_messages={"required": "Say what it is and where it was sent"},
    )


def _queue(request: HttpRequest) -> Any:
    return (
        Complaint.objects.visible_to(request.user)
        .filter(awaiting_triage=True)
        .select_related("team", "complainant")
        .order_by("received_on", "pk")
    )


@require_GET
def triage_queue(request: HttpRequest) -> HttpResponse:
    """New complaints not yet accepted or assigned, oldest first."""
    require_perm(request, "complaints.list_complaints")
    page = Paginator(_queue(request), 25).get_page(request.GET.get("page"))
    return render(request, "complaints/triage.html", {"page": page, "today": clock.today()})


def _awaiting(request: HttpRequest, reference: str) -> tuple[Complaint, User] | HttpResponse:
    """The queued complaint and its editor, or back to the case if it has left the queue."""
    complaint = complaint_for_user(request, reference)
    user = case_editor(request, complaint)
    if not complaint.awaiting_triage:
        messages.error(request, "This complaint has already been triaged")
        return redirect("complaints:detail", reference=complaint.reference)
    return complaint, user


def _step_page(
    request: HttpRequest, complaint: Complaint, form: forms.Form, **extra: Any
) -> HttpResponse:
    return render(
        request,
        "core/step.html",
        {
            "case": complaint,
            "detail_url": reverse("complaints:detail", args=[complaint.reference]),
            "form": form,
            **extra,
        },
    )


@require_http_methods(["GET", "POST"])
def triage_accept(request: HttpRequest, reference: str) -> HttpResponse:
    """Accept a complaint from the queue into a procedure and team."""
    found = _awaiting(request, reference)
    if isinstance(found, HttpResponse):
        return found
    complaint, user = found
    form = AcceptForm(request.POST or None, complaint=complaint)
    if request.method == "POST" and form.is_valid() and form.save(by=user):
        messages.success(request, f"{complaint.reference} accepted")
        return redirect("complaints:triage")
    return _step_page(
        request,
        complaint,
        form,
        title="Accept the complaint",
        button="Accept",
        about=complaint.summary,
    )


@require_http_methods(["GET", "POST"])
def triage_not_complaint(request: HttpRequest, reference: str) -> HttpResponse:
    """Take an item off the queue as not a complaint (Stage 1 not accepted; case closed)."""
    found = _awaiting(request, reference)
    if isinstance(found, HttpResponse):
        return found
    complaint, user = found
    form = NotComplaintForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            complaint.not_a_complaint(
                by=user, on=form.cleaned_data["decided_on"], note=form.cleaned_data["note"]
            )
        except DomainError as error:
            form.add_rule_error(error)
        else:
            messages.success(request, f"{complaint.reference} recorded as not a complaint")
            return redirect("complaints:triage")
    return _step_page(
        request,
        complaint,
        form,
        title="Not a complaint",
        button="Record as not a complaint",
        about=complaint.summary,
        warning="It leaves the queue and the case is closed: Stage 1 is recorded as not "
        "accepted, because it is not a complaint.",
    )


@require_http_methods(["GET", "POST"])
def assign(request: HttpRequest, reference: str) -> HttpResponse:
    """Give one case to an officer; from the queue it then leaves the queue."""
    complaint = complaint_for_user(request, reference)
    user = case_editor(request, complaint)
    form = AssignForm(request.POST or None, initial={"officer": complaint.assigned_officer_id})
    if request.method == "POST" and form.is_valid():
        officer = form.cleaned_data["officer"]
        from_queue = complaint.awaiting_triage
        if complaint.assign(by=user, officer=officer):
            who = officer.get_full_name() if officer else "no one"
            messages.success(request, f"{complaint.reference} assigned to {who}")
        else:
            messages.success(request, "Nothing was changed")
        if from_queue:
            return redirect("complaints:triage")
        return redirect("complaints:detail", reference=complaint.reference)
    return _step_page(request, complaint, form, title="Assign the case", button="Assign")


#: At most this many cases are reassigned at once (a page of the list is 25).
PAGE_LIMIT = 100


class ReassignForm(GovukForm):
    """The officer the ticked cases go to (the cases themselves are checked one by one)."""

    officer = _officer_field("Assign the ticked cases to")


@require_POST
def bulk_reassign(request: HttpRequest) -> HttpResponse:
    """Reassign the cases ticked on the list; each is checked for this user's right to change
    it, and one the user may not change is left as it is and named."""
    user = require_perm(request, "complaints.list_complaints")
    references = request.POST.getlist("cases")
    back = reverse("complaints:list") + (
        f"?{request.POST['query']}" if request.POST.get("query") else ""
    )
    form = ReassignForm(request.POST)
    if not references:
        messages.error(request, "Choose at least one case to reassign")
        return redirect(back)
    if not form.is_valid():
        messages.error(request, "Choose an officer from the list")
        return redirect(back)
    officer = form.cleaned_data["officer"]
    wanted = set(references[:PAGE_LIMIT])
    visible = Complaint.objects.visible_to(user).filter(reference__in=wanted)
    moved, refused = [], []
    with transaction.atomic():
        for complaint in visible.select_related("team").order_by("reference"):
            if not user.has_perm("complaints.change_complaint", complaint):
                refused.append(complaint.reference)
            elif complaint.assign(by=user, officer=officer):
                moved.append(complaint.reference)
    who = officer.get_full_name() if officer else "no one"
    if moved:
        messages.success(
            request, f"{len(moved)} case{'s' if len(moved) != 1 else ''} assigned to {who}"
        )
    elif not refused:
        messages.success(request, "Nothing was changed")
    if refused:
        messages.error(request, f"You may not reassign {', '.join(refused)}")
    # A reference this user may not see is not named: the answer is the same as for one
    # that does not exist.
    return redirect(back)
