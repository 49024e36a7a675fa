"""A public form is sent once: two sends of the same answers at the same moment (a double
click, a second tab) make one complaint (issue 19), and each shows the same confirmation
(issue 30). The race itself runs in real threads against the live server."""

from __future__ import annotations

import re
import threading
from http.cookiejar import CookieJar
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, Request, build_opener

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from heard.complaints.models import Complaint
from heard.core import ratelimit
from heard.public.tests.test_complaint_form import PARENT, answer, put_back

pytestmark = pytest.mark.django_db(transaction=True)

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Visitor:
    """One browser: its own cookies (and so its own session)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies = CookieJar()
        self.opener = build_opener(HTTPCookieProcessor(self.cookies))

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path) as response:
            return response.read().decode()

    def post(self, path: str, data: dict[str, str], token: str) -> int:
        return self.post_for_page(path, data, token)[0]

    def post_for_page(self, path: str, data: dict[str, str], token: str) -> tuple[int, str]:
        """The status and the page at the end of the redirects."""
        body = urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        request = Request(self.base + path, data=body, method="POST")
        try:
            with self.opener.open(request) as response:  # redirects are followed
                return int(response.status), response.read().decode()
        except HTTPError as error:
            return error.code, ""

    def session(self) -> SessionStore:
        (key,) = [c.value for c in self.cookies if c.name == settings.SESSION_COOKIE_NAME]
        return SessionStore(session_key=key)


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the in-memory SQLite test database is one connection shared by the live server's "
    "threads, so two requests cannot hold two transactions; the PostgreSQL run tests this",
)
# Cookies are sent over the live server's plain HTTP (a browser treats localhost as secure;
# urllib does not).
@override_settings(SESSION_COOKIE_SECURE=False, CSRF_COOKIE_SECURE=False)
def test_two_simultaneous_sends_from_one_session_make_one_complaint(live_server):
    visitor = Visitor(live_server.url)
    for slug, data in PARENT:
        page = visitor.get(reverse("public:question", args=[slug]))
        visitor.post(reverse("public:question", args=[slug]), data, TOKEN.search(page)[1])
    check = reverse("public:check")
    token = TOKEN.search(visitor.get(check))[1]

    ready = threading.Barrier(2)
    statuses: list[int] = []
    pages: list[str] = []

    def send() -> None:
        ready.wait()
        status, page = visitor.post_for_page(check, {}, token)
        statuses.append(status)
        pages.append(page)

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    # Each ends on the page saying it was sent: the second waited for the first.
    assert statuses == [200, 200]
    assert Complaint.objects.count() == 1
    # Both show the same confirmation, and the one that lost did not save its stale copy of
    # the session (the answers) over the winner's.
    complaint = Complaint.objects.get()
    assert all(complaint.reference in page for page in pages)
    assert all(str(complaint.tracking_token) in page for page in pages)
    session = visitor.session()
    assert "public-complaint" not in session
    assert session["public-complaint-sent"]["reference"] == complaint.reference
    # Trying again finds it sent.
    assert visitor.post(check, {}, token) == 200
    assert Complaint.objects.count() == 1


def sent_page(client) -> str:
    response = client.post(reverse("public:check"), follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_a_send_that_lost_the_race_shows_the_winners_confirmation_and_forgets_the_answers(
    client,
):
    answer(client, PARENT)
    stale = client.session["public-complaint"]
    sent_page(client)
    complaint = Complaint.objects.get()
    # The loser read the session before the winner saved it: it still holds the answers.
    put_back(client, "public-complaint", stale)
    page = sent_page(client)
    assert Complaint.objects.count() == 1
    assert complaint.reference in page
    assert str(complaint.tracking_token) in page
    assert "public-complaint" not in client.session
    assert client.session["public-complaint-sent"]["reference"] == complaint.reference


def test_answers_sent_are_not_sent_again_after_the_rate_limits_clear_their_old_counts(client):
    answer(client, PARENT)
    stale = client.session["public-complaint"]
    sent_page(client)
    reference = Complaint.objects.get().reference
    # Someone else's first count in a new window (a password reset from another address)
    # clears the rate limits' windows that have ended.
    ratelimit.allow("password-reset:203.0.113.9", limit=5, seconds=3600)
    put_back(client, "public-complaint", stale)
    page = sent_page(client)
    assert Complaint.objects.count() == 1
    assert reference in page
