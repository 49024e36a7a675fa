"""A public form is sent once: two sends of the same answers at the same moment (a double
click, a second tab) make one complaint (issue 19). Real threads against the live server."""

from __future__ import annotations

import re
import threading
from http.cookiejar import CookieJar
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, Request, build_opener

import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from heard.complaints.models import Complaint
from heard.public.tests.test_complaint_form import PARENT

pytestmark = pytest.mark.django_db(transaction=True)

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Visitor:
    """One browser: its own cookies (and so its own session)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = build_opener(HTTPCookieProcessor(CookieJar()))

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path) as response:
            return response.read().decode()

    def post(self, path: str, data: dict[str, str], token: str) -> int:
        body = urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        request = Request(self.base + path, data=body, method="POST")
        try:
            with self.opener.open(request) as response:  # redirects are followed
                return int(response.status)
        except HTTPError as error:
            return error.code


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

    def send() -> None:
        ready.wait()
        statuses.append(visitor.post(check, {}, token))

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    # Each ends on the page saying it was sent: the second waited for the first.
    assert statuses == [200, 200]
    assert Complaint.objects.count() == 1
    # Trying again finds it sent.
    assert visitor.post(check, {}, token) == 200
    assert Complaint.objects.count() == 1
