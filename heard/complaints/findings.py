"""Every finding of a stage on one page: one group of answers for each point of complaint.

An officer writing a response decides on all the points together, so the page shows them
together, each with what is already recorded. Saving records each point whose answers
changed (one "Finding recorded" event each, as one step at a time did) and leaves the rest.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from heard.accounts.models import User
from heard.complaints import transitions
from heard.complaints.choices import Finding
from heard.complaints.models import Element, Stage
from heard.complaints.views import case_editor, complaint_for_user
from heard.core import clock
from heard.core.errors import DomainError
from heard.core.forms import GovukForm


class FindingsForm(GovukForm):
    """A finding, its reasons and (at Stage 1) the action promised, for each point."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, stage: Stage, elements: list[Element], **kwargs: Any) -> None:
        recorded = {f.element_id: f for f in stage.findings.all()}
        initial: dict[str, object] = {"version": stage.version}
        for element in elements:
            found = recorded.get(element.pk)
            if found is not None:
                initial[f"finding_{element.pk}"] = found.finding
                initial[f"reasons_{element.pk}"] = found.reasons
                initial[f"action_{element.pk}"] = found.action
        super().__init__(*args, initial=initial, **kwargs)
        self.stage = stage
        self.points: list[tuple[Element, list[forms.BoundField]]] = []
        for element in elements:
            names = [f"finding_{element.pk}", f"reasons_{element.pk}"]
            self.fields[names[0]] = forms.ChoiceField(
                label=f"Finding on point {element.number}",
                choices=Finding.choices,
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[names[1]] = forms.CharField(
                label="Reasons (optional)",
                required=False,
                max_length=10_000,
                widget=forms.Textarea,
                help_text="Why: the response letter prints them under the point and its finding",
            )
            if stage.number == 1:  # later stages agree remedies instead
                names.append(f"action_{element.pk}")
                self.fields[names[2]] = forms.CharField(
                    label="Action promised (optional)",
                    required=False,
                    max_length=4_000,
                    widget=forms.Textarea,
                    help_text="What the service will do about this point, as the letter will say",
                )
            self.points.append((element, [self[name] for name in names]))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for element, bound in self.points:
            finding = data.get(f"finding_{element.pk}")
            written = any(data.get(b.name) for b in bound[1:])
            if written and not finding:
                self.add_error(bound[0].name, f"Choose a finding on point {element.number}")
        if not self.errors and not any(data.get(b[0].name) for _, b in self.points):
            self.add_error(None, "Choose a finding on at least one point")
        return data

    def changed_points(self) -> list[tuple[Element, str, str, str]]:
        """The points whose answers differ from what is recorded."""
        changed = []
        for element, bound in self.points:
            finding = self.cleaned_data.get(bound[0].name) or ""
            reasons = self.cleaned_data.get(bound[1].name) or ""
            action = self.cleaned_data.get(bound[2].name) or "" if len(bound) > 2 else ""
            before = [self.initial.get(b.name) or "" for b in bound]
            if finding and [finding, reasons, action][: len(bound)] != before:
                changed.append((element, finding, reasons, action))
        return changed

    def save(self, by: User) -> int | None:
        """Record every changed point in one transaction; None (and the error shown) if a
        rule refuses any of them, so nothing is half saved."""
        changed = self.changed_points()
        try:
            with transaction.atomic():
                for element, finding, reasons, action in changed:
                    self.stage.record_finding(
                        by=by, element=element, finding=finding, reasons=reasons, action=action
                    )
        except DomainError as error:
            self.add_rule_error(error)
            return None
        return len(changed)


@require_http_methods(["GET", "POST"])
def record_findings(request: HttpRequest, reference: str) -> HttpResponse:
    """The findings on every point at the current stage, on one page."""
    complaint = complaint_for_user(request, reference)
    user = case_editor(request, complaint)
    detail_url = reverse("complaints:detail", args=[complaint.reference])
    stage = complaint.active_stage
    refusal = transitions.refusal("record_finding", stage, clock.today())
    elements = list(complaint.elements.all())
    if refusal or not elements:
        why = refusal or "add a point of complaint first"
        messages.error(request, f"Recording findings is not possible: {why}.")
        return redirect(detail_url)
    form = FindingsForm(request.POST or None, stage=stage, elements=elements)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["version"] != stage.version:
            # Keep what was typed, on the current version, and say why it was not saved.
            data = request.POST.copy()
            data["version"] = str(stage.version)
            form = FindingsForm(data, stage=stage, elements=elements)
            form.is_valid()
            form.add_error(
                None,
                "Someone else changed this case after you opened this page. "
                "Check the case, then save again.",
            )
        else:
            saved = form.save(by=user)
            if saved is not None:
                messages.success(
                    request,
                    f"Findings recorded on {saved} point{'s' if saved != 1 else ''}"
                    if saved
                    else "Nothing was changed",
                )
                return redirect(detail_url)
    return render(
        request,
        "complaints/findings.html",
        {
            "case": complaint,
            "stage": stage,
            "form": form,
            "detail_url": detail_url,
            "title": "Record the findings",
            "about": "A finding on each point of complaint. You can come back to a point "
            "later: only the points you change are saved.",
            "button": "Save the findings",
        },
    )
