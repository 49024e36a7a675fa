"""Sessions as an officer's day needs them: a form sent after the idle limit keeps what was
typed through sign-in, and the page warns before the limit (heard/core/static/heard/init.js).

`SignInRequired` is Django's LoginRequiredMiddleware with one addition: a form sent by
someone whose session has ended is kept in the new session (its fields, not files) before
they are sent to sign in. Once they are signed in again, "resume" shows what they typed,
ready to send, to the same person only: the browser carries a signed note of who was signed
in, and a form kept for someone else, or for more than an hour, is thrown away unseen.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

#: Where a form sent after the session ended waits for its sender to sign in again.
UNSENT = "heard_unsent"
#: The signed cookie naming who was last signed in on this browser.
WHO = "heard_who"
WHO_SALT = "heard.core.sessions.who"
#: A kept form is offered back for this long.
KEPT_SECONDS = 3600
#: Fields never kept: the old form's token, and anything that looks like a password.
NOT_KEPT = ("csrfmiddlewaretoken", "password")


class SignInRequired(LoginRequiredMiddleware):
    def handle_no_permission(self, request: HttpRequest, view_func: Any) -> HttpResponseRedirect:
        if request.method == "POST" and request.path != reverse("login"):
            who = request.get_signed_cookie(WHO, default=None, salt=WHO_SALT)
            request.session[UNSENT] = {
                "path": request.get_full_path(),
                "fields": [
                    [name, value]
                    for name, values in request.POST.lists()
                    if not any(word in name for word in NOT_KEPT)
                    for value in values
                ],
                "files": bool(request.FILES),
                "who": who,
                "at": timezone.now().isoformat(),
            }
            return redirect_to_login(reverse("core:resume"), self.get_login_url(view_func))
        return super().handle_no_permission(request, view_func)

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        """Note who is signed in on this browser, so a kept form goes back to them only."""
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            known = request.get_signed_cookie(WHO, default=None, salt=WHO_SALT)
            if known != str(user.pk):
                response.set_signed_cookie(
                    WHO,
                    str(user.pk),
                    salt=WHO_SALT,
                    max_age=86400,
                    secure=settings.SESSION_COOKIE_SECURE,
                    httponly=True,
                    samesite="Lax",
                )
        return response


def _kept_for(request: HttpRequest) -> dict[str, Any] | None:
    kept = request.session.pop(UNSENT, None)
    if not kept:
        return None
    age = timezone.now() - datetime.fromisoformat(kept["at"])
    if kept.get("who") != str(request.user.pk) or age.total_seconds() > KEPT_SECONDS:
        return None
    if not kept["path"].startswith("/") or kept["path"].startswith("//"):
        return None
    return kept


@require_GET
def resume(request: HttpRequest) -> HttpResponse:
    """What was typed before the session ended, ready to send again."""
    kept = _kept_for(request)
    if kept is None:
        return redirect("dashboard:home")
    return render(request, "core/resume.html", {"kept": kept})


@require_GET
def keep_alive(request: HttpRequest) -> HttpResponse:
    """Nothing but a request: the session's idle clock starts again (the timeout warning's
    "Stay signed in")."""
    request.session.modified = True
    return HttpResponse(status=204)


#: The warning comes this long before the session ends.
WARN_SECONDS = 120


def remaining(request: HttpRequest) -> dict[str, Any]:
    """For the page: how long the session lasts idle, so the warning comes before it ends."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"idle_seconds": settings.SESSION_COOKIE_AGE, "warn_seconds": WARN_SECONDS}
