"""View helpers shared by the light case types' screens (subject access, Ombudsman)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from heard.accounts.models import User
from heard.core.forms import CaseStepForm
from heard.core.workflow import Workflow


def require_perm(request: HttpRequest, perm: str, case: models.Model | None = None) -> User:
    """The signed-in user, if they have the permission (on the case); 403 otherwise."""
    user = request.user
    if not isinstance(user, User) or not user.has_perm(perm, case):
        raise PermissionDenied
    return user


def step_page(
    request: HttpRequest,
    *,
    case: Any,
    by: User,
    workflow: Workflow[Any],
    name: str,
    form_class: type[CaseStepForm],
    detail_url: str,
) -> HttpResponse:
    """One step's page (core/step.html): refused (back to the case, saying why) unless the
    workflow allows it now; on a valid post the step runs and the case page says it is done."""
    refusal = workflow.why_not(name, case)
    if refusal:
        messages.error(request, refusal)
        return redirect(detail_url)
    form = form_class(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid() and form.run(by=by):
        messages.success(request, workflow[name].done)
        return redirect(detail_url)
    return render(
        request,
        "core/step.html",
        {"case": case, "detail_url": detail_url, "form": form, "title": workflow[name].label},
    )
