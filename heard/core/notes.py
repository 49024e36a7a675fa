"""Notes and a contact log on any case: a note, or a phone call, letter, email or meeting with
the person, kept on the case's timeline as one of its events (heard.core.events), so it is
history like every step: dated, signed and never changed.

A note is not a step: it changes nothing about the case, so it may be added whatever the
case's status, closed cases included, by anyone who may change the case.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from heard.accounts.models import User
from heard.core import clock
from heard.core.casepages import require_perm
from heard.core.events import DIRECTIONS, NOTE, NOTE_KINDS
from heard.core.forms import DateInputField, GovukForm
from heard.core.text import printable

#: A note's words, at most.
WORDS_LIMIT = 5_000


class NoteForm(GovukForm):
    kind = forms.ChoiceField(
        label="What are you recording?",
        choices=[(key, words) for key, (words, _) in NOTE_KINDS.items()],
        widget=forms.RadioSelect,
        initial="note",
        error_messages={"required": "Choose what you are recording"},
    )
    direction = forms.ChoiceField(
        label="Which way did it go? (for a contact)",
        required=False,
        choices=[("", "Not a contact"), *DIRECTIONS.items()],
        error_messages={"invalid_choice": "Choose from them or to them"},
    )
    with_whom = forms.CharField(
        label="Who with (optional)",
        required=False,
        max_length=200,
        help_text="For example, the complainant, or the team manager",
    )
    on = DateInputField(what="it happened", label="When did it happen?")
    words = forms.CharField(
        label="What was said or done",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=WORDS_LIMIT,
        error_messages={
            "required": "Enter what was said or done",
            "max_length": f"What was said or done must be {WORDS_LIMIT:,} characters or fewer",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = clock.today()

    def clean_on(self) -> date:
        on: date = self.cleaned_data["on"]
        if on > clock.today():
            raise forms.ValidationError("The date it happened must be today or in the past")
        return on

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == "note" and data.get("direction"):
            self.add_error("direction", "A note is not a contact: choose “Not a contact”")
        return data


def add_note(
    case: Any,
    *,
    by: User,
    kind: str,
    on: date,
    words: str,
    direction: str = "",
    with_whom: str = "",
) -> None:
    """Keep a note on the case's timeline (its events, which are never changed)."""
    details = {"kind": kind, "direction": direction, "with": printable(with_whom).strip()}
    case.events.create(
        action=NOTE, actor=by, effective_on=on, reason=printable(words).strip(), details=details
    )


def note_page(
    request: HttpRequest, *, case: Any, by: User, detail_url: str, done_url: str = ""
) -> HttpResponse:
    """The "Add a note or log a contact" page of a case (core/step.html); saved, it goes to
    `done_url` (the case's timeline, where it has its own page) or the case page."""
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        add_note(
            case,
            by=by,
            kind=data["kind"],
            on=data["on"],
            words=data["words"],
            direction=data["direction"],
            with_whom=data["with_whom"],
        )
        messages.success(request, f"{NOTE_KINDS[data['kind']][1]} on the timeline")
        return redirect(done_url or detail_url)
    return render(
        request,
        "core/step.html",
        {
            "case": case,
            "detail_url": detail_url,
            "form": form,
            "title": "Add a note or log a contact",
            "about": "It goes on the case's timeline, dated and signed, and cannot be changed "
            "afterwards. It changes nothing else about the case.",
            "button": "Add to the timeline",
        },
    )


def note_view(
    get_case: Callable[[HttpRequest, str], Any],
    perm: str,
    detail: str,
    timeline: Callable[[Any], str] | None = None,
) -> Callable[[HttpRequest, str], HttpResponse]:
    """A case type's note page: its case found for the user (`get_case`, 404 if they may not
    see it), refused unless they have `perm` on it, back to its `detail` page when done, or to
    its timeline where it has one (`timeline` gives its address)."""

    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, reference: str) -> HttpResponse:
        case = get_case(request, reference)
        user = require_perm(request, perm, case)
        return note_page(
            request,
            case=case,
            by=user,
            detail_url=reverse(detail, args=[case.reference]),
            done_url=timeline(case) if timeline else "",
        )

    return view
