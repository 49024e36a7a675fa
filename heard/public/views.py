"""The public complaint form's pages. Nobody signs in; each person's answers are kept in their
own session, and the pages show nothing about any case but the one they have just sent."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

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
from heard.public import tracking
from heard.public.journey import Answers, Page
from heard.public.online import OnlineForm

#: A field hidden from people (public/partials/honeypot.html): only a robot fills it in.
HONEYPOT = "website"


def _url(online: OnlineForm, page: Page | None) -> str:
    if page is None:
        return reverse(online.url_name("check"))
    return reverse(online.url_name("question"), args=[page.slug])


def _context(online: OnlineForm, **extra: Any) -> dict[str, Any]:
    return {
        "online": online,
        "start_url": reverse(online.url_name("start")),
        "check_url": reverse(online.url_name("check")),
        **extra,
    }


@login_not_required
def start(request: HttpRequest, online: OnlineForm) -> HttpResponse:
    first = _url(online, online.journey.pages[0])
    return render(request, online.start_template, _context(online, first=first))


@login_not_required
@require_http_methods(["GET", "POST"])
def question(request: HttpRequest, slug: str, online: OnlineForm) -> HttpResponse:
    journey = online.journey
    page = journey.page(slug)
    if page is None:
        raise Http404
    answers = Answers(request.session, journey)
    if not answers.started:
        if page is not journey.pages[0] or request.method == "POST":
            return expired(request, online)
        answers.start()
    if not page.applies(answers):
        return redirect(_url(online, journey.first_unanswered(answers)))
    changing = request.GET.get("change") == "1"
    if request.POST.get(HONEYPOT):
        return refused(request, online)
    if request.method == "POST" and request.FILES and not _uploads_allowed(request):
        # Counted before anything is stored, by address and by session, like sends.
        return render(request, "public/too_many_files.html", _context(online), status=429)
    if request.method == "POST":
        form = answers.bind(page, request.POST, request.FILES)
        if form.is_valid():
            typed = getattr(form, "typed", None)  # a page of files stores them first
            answers.keep(
                page.slug,
                typed()
                if typed
                else {k: str(v) for k, v in request.POST.items() if k in _names(form)},
            )
            if changing:
                return redirect(_url(online, journey.first_unanswered(answers)))
            return redirect(_url(online, journey.after(page, answers)))
    else:
        form = answers.form(page) or page.form()
    back = journey.before(page, answers)
    if changing:
        back_url = reverse(online.url_name("check"))
    else:
        back_url = _url(online, back) if back else reverse(online.url_name("start"))
    return render(
        request, "public/question.html", _context(online, page=page, form=form, back=back_url)
    )


def _uploads_allowed(request: HttpRequest) -> bool:
    """Whether this address and this session may add these files now: how many times files
    were added in the hour, and how many kilobytes, each within its limit."""
    size = sum(upload.size or 0 for name in request.FILES for upload in request.FILES.getlist(name))
    kilobytes = math.ceil(size / 1024)
    who = [f"address:{ratelimit.client_address(request)}", f"session:{request.session.session_key}"]
    checks = [
        (f"public-uploads:{one}", settings.HEARD_PUBLIC_UPLOADS_PER_HOUR, 1) for one in who
    ] + [
        (f"public-upload-kb:{one}", settings.HEARD_PUBLIC_UPLOAD_MB_PER_HOUR * 1024, kilobytes)
        for one in who
    ]
    # Every count is raised (no short-circuit), so a refused post still counts.
    within = [ratelimit.allow(key, limit=limit, seconds=3600, amount=n) for key, limit, n in checks]
    return all(within)


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
def check(request: HttpRequest, online: OnlineForm) -> HttpResponse:
    journey = online.journey
    answers = Answers(request.session, journey)
    if not answers.started:
        if request.session.get(online.sent_key):
            return redirect(online.url_name("sent"))
        return expired(request, online)
    claim = f"public-sent:{answers.identity}"
    missing = journey.first_unanswered(answers)
    # Asked after the answers are checked: a send of these answers that commits meanwhile
    # clears their files (so they look unanswered), and is found here.
    sent = ratelimit.outcome_of(claim)
    if sent is not None:
        # Sent already, by a request whose session this one read before it was saved (a
        # double click, a second tab).
        return _confirm(request, online, answers, sent)
    if missing is not None:
        return redirect(_url(online, missing))
    if request.POST.get(HONEYPOT):
        return refused(request, online)
    if request.method == "POST":
        record = None
        try:
            allowed = ratelimit.allow(
                f"public-send:{ratelimit.client_address(request)}",
                limit=settings.HEARD_PUBLIC_SENDS_PER_HOUR,
                seconds=3600,
            )
            with transaction.atomic():
                # These answers are sent once: a double click or a second tab that sends
                # them again waits for the first, then finds them sent, with the reference to
                # show. The claim is in the send's transaction, so a send that fails does not
                # use it up.
                first = allowed and ratelimit.first_time(claim)
                if first:
                    record = online.send(answers)
                    token = getattr(record, "tracking_token", None) if online.tracked else None
                    sent = {"reference": record.reference, "tracking": token}
                    ratelimit.record_outcome(claim, sent)
                elif allowed:
                    sent = ratelimit.outcome_of(claim)
        except DatabaseError:
            # Locked or unreachable: nothing was saved (one transaction), and the answers are
            # still in the session (a 5xx response does not save it, so nothing is lost).
            return render(request, "public/try_again.html", _context(online), status=503)
        if not allowed:
            return render(request, "public/too_many.html", _context(online), status=429)
        if record is not None and online.after_send:
            online.after_send(request, record)
        return _confirm(request, online, answers, sent)
    rows = []
    for page in journey.applicable(answers):
        form = answers.form(page)
        assert form is not None
        assert form.is_valid()
        rows.append((page, _shown(form), _url(online, page) + "?change=1"))
    last = journey.applicable(answers)[-1]
    return render(
        request, "public/check.html", _context(online, rows=rows, back=_url(online, last))
    )


def _confirm(
    request: HttpRequest, online: OnlineForm, answers: Answers, sent: dict[str, Any] | None
) -> HttpResponse:
    """Show the confirmation of answers that have been sent, by this request or by one that
    sent them first. Every request that sends them ends alike: the answers are forgotten (so
    no request saves a stale copy of them back into the session) and the reference is kept."""
    answers.forget()
    if sent:
        request.session[online.sent_key] = sent
    return redirect(online.url_name("sent"))


def _shown(form: forms.Form) -> list[tuple[str, str]]:
    """Each answer on a page as the person would read it: the label of a choice, not its code."""
    own = getattr(form, "shown", None)  # a page of files names its files
    if own:
        return list(own())
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
def sent(request: HttpRequest, online: OnlineForm) -> HttpResponse:
    kept = request.session.get(online.sent_key)
    if not kept:
        return redirect(online.url_name("start"))
    token = kept.get("tracking")
    # On the page, the address the person is on; the receipt's is built from HEARD_BASE_URL.
    link = request.build_absolute_uri(reverse("public:track", args=[token])) if token else ""
    context = _context(online, reference=kept["reference"], tracking_link=link)
    return render(request, "public/sent.html", context)


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


def expired(request: HttpRequest, online: OnlineForm) -> HttpResponse:
    context = _context(online, minutes=settings.SESSION_COOKIE_AGE // 60)
    return render(request, "public/expired.html", context, status=400)


def refused(request: HttpRequest, online: OnlineForm) -> HttpResponse:
    """A form with the robots' field filled in: nothing is kept or sent."""
    return render(request, "public/refused.html", _context(online), status=400)
