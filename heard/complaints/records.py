"""Remedies, learning actions and costs on the case page: added, corrected, removed and (a
remedy or a learning action) recorded as done, each through its model's methods, which hold
the rules (heard.complaints.models.outcomes.CaseRecord). Every change is an event on the
case's timeline and an entry in its audit trail.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_http_methods

from heard.accounts.models import User
from heard.complaints.choices import CostKind, RemedyKind
from heard.complaints.models import Complaint, Cost, LearningAction, Remedy, Stage, Theme
from heard.complaints.models.outcomes import CaseRecord, FollowedThrough
from heard.complaints.views import case_editor, complaint_for_user
from heard.core.errors import DomainError
from heard.core.forms import DateInputField, GovukForm, MoneyField


def _text(label: str, *, required: str = "", rows: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label if required else f"{label} (optional)",
        required=bool(required),
        max_length=4000 if rows else 200,
        widget=forms.Textarea if rows else forms.TextInput,
        error_messages={"required": required},
    )


class RecordForm(GovukForm):
    """The fields of one kind of record; `values` are what the model method is given."""

    def __init__(self, *args: Any, complaint: Complaint, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.complaint = complaint

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields}

    def add(self, by: User) -> CaseRecord:
        raise NotImplementedError


class RemedyForm(RecordForm):
    kind = forms.ChoiceField(
        label="Type of remedy",
        choices=[("", "Choose a type"), *RemedyKind.choices],
        error_messages={"required": "Choose the type of remedy"},
    )
    description = _text("What will be done", required="Describe what will be done")
    amount = MoneyField(
        label="Amount in pounds (financial remedies only)",
        required=False,
        help_text="For example, 250.00",
    )
    owner = _text("Who will do it", required="Enter who will do it", rows=False)
    agreed_on = DateInputField(what="the remedy was agreed", today=True)
    due_on = DateInputField(what="it is due", label="To be done by")

    def add(self, by: User) -> CaseRecord:
        return self.complaint.add_remedy(by=by, **self.values())


class LearningActionForm(RecordForm):
    description = _text("What will change", required="Describe what will change")
    theme = forms.ModelChoiceField(
        label="Theme",
        queryset=Theme.objects.filter(active=True),
        empty_label="Choose a theme",
        error_messages={"required": "Choose the theme the learning is about"},
    )
    owner = _text("Who owns the action", required="Enter who owns the action", rows=False)
    raised_on = DateInputField(what="the action was raised", today=True)
    due_on = DateInputField(what="it is due", label="To be done by")

    def add(self, by: User) -> CaseRecord:
        return self.complaint.add_learning_action(by=by, **self.values())


class StageChoiceField(forms.ModelChoiceField[Stage]):
    def label_from_instance(self, obj: Stage) -> str:
        return f"Stage {obj.number}"


class CostForm(RecordForm):
    stage = StageChoiceField(
        label="Stage",
        queryset=Stage.objects.none(),
        empty_label=None,
        error_messages={"required": "Choose the stage the cost belongs to"},
    )
    kind = forms.ChoiceField(
        label="Type of cost",
        choices=[("", "Choose a type"), *CostKind.choices],
        error_messages={"required": "Choose the type of cost"},
    )
    amount = MoneyField(label="Amount in pounds", help_text="For example, 1250.00")
    incurred_on = DateInputField(what="the cost was incurred", today=True)
    note = _text("Note", rows=False)

    def __init__(self, *args: Any, complaint: Complaint, **kwargs: Any) -> None:
        super().__init__(*args, complaint=complaint, **kwargs)
        stage = self.fields["stage"]
        assert isinstance(stage, forms.ModelChoiceField)
        stage.queryset = complaint.stages.order_by("-number")

    def add(self, by: User) -> CaseRecord:
        values = self.values()
        stage = values.pop("stage")
        return stage.add_cost(by=by, **values)

    def values(self) -> dict[str, Any]:
        values = super().values()
        if self.fields["stage"].disabled:  # a cost keeps its stage when corrected
            values.pop("stage")
        return values


class ActionForm(GovukForm):
    """One thing done to a record: `act` does it, `done` words the message after it, and
    `page` gives the page's title and what it says above the form."""

    done: ClassVar[str]

    def act(self, record: CaseRecord, *, by: User) -> None:
        raise NotImplementedError

    def page(self, record: CaseRecord, noun: str) -> dict[str, str]:
        raise NotImplementedError


class RemoveForm(ActionForm):
    reason = _text("Why is it being removed?", required="Give the reason for removing it")
    done = "removed"

    def act(self, record: CaseRecord, *, by: User) -> None:
        record.remove(by=by, reason=self.cleaned_data["reason"])

    def page(self, record: CaseRecord, noun: str) -> dict[str, str]:
        return {
            "title": f"Remove the {noun}",
            "warning": f"You are removing: {record}. The case's timeline will keep what it "
            "was, who removed it and why.",
            "button": f"Remove the {noun}",
        }


class CompleteForm(ActionForm):
    completed_on = DateInputField(what="it was done", today=True)
    done = "recorded as done"

    def act(self, record: CaseRecord, *, by: User) -> None:
        assert isinstance(record, FollowedThrough)  # only they are routed here
        record.complete(by=by, on=self.cleaned_data["completed_on"])

    def page(self, record: CaseRecord, noun: str) -> dict[str, str]:
        about = record.description if isinstance(record, LearningAction) else str(record)
        return {"title": f"Record the {noun} as done", "about": about}


@dataclass(frozen=True)
class Kind:
    """One kind of record the case page keeps, as its screens need it."""

    model: type[CaseRecord]
    form: type[RecordForm]
    #: "a remedy": in headings and messages.
    article: str
    #: How to find the records of a complaint.
    of_complaint: str
    can_complete: bool


KINDS = {
    "remedies": Kind(Remedy, RemedyForm, "a remedy", "complaint", can_complete=True),
    "learning": Kind(
        LearningAction, LearningActionForm, "a learning action", "complaint", can_complete=True
    ),
    "costs": Kind(Cost, CostForm, "a cost", "stage__complaint", can_complete=False),
}


def routes() -> list[URLPattern]:
    """Each kind's pages: add, correct, remove and (a remedy or learning action) done."""
    pages: list[tuple[str, Callable[..., HttpResponse], str, bool]] = [
        ("new/", record_edit, "add", True),
        ("<int:pk>/", record_edit, "edit", True),
        ("<int:pk>/remove/", record_remove, "remove", True),
        ("<int:pk>/done/", record_complete, "complete", False),
    ]
    return [
        path(f"<str:reference>/{slug}/{route}", view, {"kind": slug}, name=f"{name}_{slug}")
        for slug, kind in KINDS.items()
        for route, view, name, every_kind in pages
        if every_kind or kind.can_complete
    ]


def _kind(slug: str) -> Kind:
    if slug not in KINDS:
        raise Http404("No such record")
    return KINDS[slug]


def _record(complaint: Complaint, kind: Kind, pk: int) -> CaseRecord:
    return get_object_or_404(
        kind.model._default_manager.filter(**{kind.of_complaint: complaint}), pk=pk
    )


def _page(
    request: HttpRequest, complaint: Complaint, form: forms.Form, *, title: str, **extra: Any
) -> HttpResponse:
    return render(
        request,
        "core/step.html",
        {
            "case": complaint,
            "detail_url": _back(complaint),
            "title": title,
            "form": form,
            **extra,
        },
    )


def _posted(request: HttpRequest) -> Any:
    """What was posted, even nothing at all (an empty form is still an answer to check)."""
    return request.POST if request.method == "POST" else None


def _back(complaint: Complaint) -> str:
    return reverse("complaints:section", args=[complaint.reference, "outcomes"])


@require_http_methods(["GET", "POST"])
def record_edit(
    request: HttpRequest, reference: str, kind: str, pk: int | None = None
) -> HttpResponse:
    """Add a record to the case, or correct one."""
    complaint = complaint_for_user(request, reference)
    user = case_editor(request, complaint)
    what = _kind(kind)
    record = _record(complaint, what, pk) if pk is not None else None
    initial: dict[str, Any] = {}
    if record is not None:
        initial = {name: getattr(record, name) for name in what.model.EDITABLE}
        if isinstance(record, Cost):
            initial["stage"] = record.stage_id
    form = what.form(_posted(request), complaint=complaint, initial=initial)
    if record is not None and "stage" in form.fields:
        form.fields["stage"].disabled = True
    noun = what.article.split(" ", 1)[1]
    if request.method == "POST" and form.is_valid():
        try:
            if record is None:
                form.add(user)
                done = f"{noun.capitalize()} added"
            else:
                changed = record.correct(by=user, **form.values())
                done = f"{noun.capitalize()} corrected" if changed else "Nothing was changed"
        except DomainError as error:
            form.add_rule_error(error)
        else:
            messages.success(request, done)
            return redirect(_back(complaint))
    title = f"Add {what.article}" if record is None else f"Correct the {noun}"
    return _page(request, complaint, form, title=title)


def _act(
    request: HttpRequest, reference: str, kind: str, pk: int, form_class: type[ActionForm]
) -> HttpResponse:
    """Do one thing to a record (remove it, record it as done) through its form."""
    complaint = complaint_for_user(request, reference)
    user = case_editor(request, complaint)
    what = _kind(kind)
    record = _record(complaint, what, pk)
    noun = what.article.split(" ", 1)[1]
    form = form_class(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            form.act(record, by=user)
        except DomainError as error:
            form.add_rule_error(error)
        else:
            messages.success(request, f"{noun.capitalize()} {form.done}")
            return redirect(_back(complaint))
    return _page(request, complaint, form, **form.page(record, noun))


@require_http_methods(["GET", "POST"])
def record_remove(request: HttpRequest, reference: str, kind: str, pk: int) -> HttpResponse:
    """Take off a record made in error, with the reason (the timeline keeps both)."""
    return _act(request, reference, kind, pk, RemoveForm)


@require_http_methods(["GET", "POST"])
def record_complete(request: HttpRequest, reference: str, kind: str, pk: int) -> HttpResponse:
    """Record that a remedy or a learning action was carried out."""
    return _act(request, reference, kind, pk, CompleteForm)
