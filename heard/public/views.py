"""The public complaint form's pages. Nobody signs in; each person's answers are kept in their
own session, and the pages show nothing about any case but the one they have just sent."""

from __future__ import annotations

from datetime import date
from functools import partial

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from heard.complaints.models import Complaint
from heard.core import clock, ratelimit
from heard.notifications.tasks import send_new_complaint_messages
from heard.public import tracking
from heard.public.complaint import COMPLAINT, send_complaint
from heard.public.journey import Answers, Page

#: The session key for the reference of the complaint just sent, for the confirmation page.
SENT = "public-complaint-sent"
SENT_TRACKING = "public-complaint-tracking"
#: A field hidden from people (public/partials/honeypot.html): only a robot fills it in.
HONEYPOT = "website"


def _url(page: Page | None) -> str:
    if page is None:
        return reverse("public:check")
    return reverse("public:question", args=[page.slug])


@login_not_required
def start(request: HttpRequest) -> HttpResponse:
    return render(request, "public/start.html", {"first": _url(COMPLAINT.pages[0])})


@login_not_required
@require_http_methods(["GET", "POST"])
def question(request: HttpRequest, slug: str) -> HttpResponse:
    page = COMPLAINT.page(slug)
    if page is None:
        raise Http404
    answers = Answers(request.session, COMPLAINT)
    if not answers.started:
        if page is not COMPLAINT.pages[0] or request.method == "POST":
            return expired(request)
        answers.start()
    if not page.applies(answers):
        return redirect(_url(COMPLAINT.first_unanswered(answers)))
    changing = request.GET.get("change") == "1"
    if request.POST.get(HONEYPOT):
        return refused(request)
    if request.method == "POST":
        form = page.form(data=request.POST)
        if form.is_valid():
            answers.keep(
                page.slug, {k: str(v) for k, v in request.POST.items() if k in _names(form)}
            )
            if changing:
                return redirect(_url(COMPLAINT.first_unanswered(answers)))
            return redirect(_url(COMPLAINT.after(page, answers)))
    else:
        form = answers.form(page) or page.form()
    back = COMPLAINT.before(page, answers)
    return render(
        request,
        "public/question.html",
        {
            "page": page,
            "form": form,
            "back": reverse("public:check")
            if changing
            else (_url(back) if back else reverse("public:start")),
        },
    )


def _names(form: forms.Form) -> set[str]:
    """The names a form's fields post under (a date posts as three boxes)."""
    names = set()
    for bound in form:
        widget = bound.field.widget
        if hasattr(widget, "widgets"):
            names |= {f"{bound.html_name}_{i}" for i in range(len(widget.widgets))}
        else:
            names.add(bound.html_name)
    return names


@login_not_required
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest) -> HttpResponse:
    answers = Answers(request.session, COMPLAINT)
    if not answers.started:
        if request.session.get(SENT):
            return redirect("public:sent")
        return expired(request)
    missing = COMPLAINT.first_unanswered(answers)
    if missing is not None:
        return redirect(_url(missing))
    if request.POST.get(HONEYPOT):
        return refused(request)
    if request.method == "POST":
        if not ratelimit.allow(
            f"public-send:{ratelimit.client_address(request)}",
            limit=settings.HEARD_PUBLIC_SENDS_PER_HOUR,
            seconds=3600,
        ):
            return render(request, "public/too_many.html", status=429)
        try:
            complaint = send_complaint(answers)
        except DatabaseError:
            # Nothing was saved (one transaction), and the answers are still in the session.
            return render(request, "public/try_again.html", status=503)
        answers.forget()
        link = request.build_absolute_uri(reverse("public:track", args=[complaint.tracking_token]))
        # The receipt and the team's note go out from the worker once the complaint is saved.
        transaction.on_commit(partial(send_new_complaint_messages.enqueue, complaint.pk, link))
        request.session[SENT] = complaint.reference
        request.session[SENT_TRACKING] = complaint.tracking_token
        return redirect("public:sent")
    rows = []
    for page in COMPLAINT.applicable(answers):
        form = answers.form(page)
        assert form is not None
        assert form.is_valid()
        rows.append((page, _shown(form), _url(page) + "?change=1"))
    last = COMPLAINT.applicable(answers)[-1]
    return render(request, "public/check.html", {"rows": rows, "back": _url(last)})


def _shown(form: forms.Form) -> list[tuple[str, str]]:
    """Each answer on a page as the person would read it: the label of a choice, not its code."""
    shown = []
    for bound in form:
        value = form.cleaned_data.get(bound.name)
        choices = dict(getattr(bound.field, "choices", []))
        text = choices.get(value, value) if choices else value
        if isinstance(text, date):
            text = f"{text.day} {text:%B %Y}"
        shown.append((str(bound.label).removesuffix(" (optional)"), str(text or "Not answered")))
    return shown


@login_not_required
def sent(request: HttpRequest) -> HttpResponse:
    reference = request.session.get(SENT)
    if not reference:
        return redirect("public:start")
    token = request.session.get(SENT_TRACKING, "")
    link = request.build_absolute_uri(reverse("public:track", args=[token])) if token else ""
    return render(request, "public/sent.html", {"reference": reference, "tracking_link": link})


@login_not_required
def track(request: HttpRequest, token: str) -> HttpResponse:
    """The status and next deadline of the complaint whose link this is, and nothing else."""
    complaint = Complaint.objects.filter(tracking_token=token).first() if token else None
    if complaint is None:
        return render(request, "public/track_unknown.html", status=404)
    if tracking.link_expired(complaint, clock.today()):
        return render(request, "public/track_unknown.html", {"expired": True}, status=410)
    context = {"reference": complaint.reference, "status": tracking.public_status(complaint)}
    response = render(request, "public/track.html", context)
    # The link is a secret: keep it out of other sites' logs and out of shared caches.
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "no-store"
    return response


def expired(request: HttpRequest) -> HttpResponse:
    context = {"start": reverse("public:start"), "minutes": settings.SESSION_COOKIE_AGE // 60}
    return render(request, "public/expired.html", context, status=400)


def refused(request: HttpRequest) -> HttpResponse:
    """A form with the robots' field filled in: nothing is kept or sent."""
    return render(request, "public/refused.html", status=400)
