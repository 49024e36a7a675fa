"""The Django admin is off by default (issue 33, point 6): /admin/ answers as a page that does
not exist, to everyone, and the menu does not offer it; an operator may turn it on."""

from __future__ import annotations

import pytest
from django.urls import reverse

from heard.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def without_token(html: str) -> str:
    return "\n".join(line for line in html.splitlines() if "csrfmiddlewaretoken" not in line)


def test_with_the_admin_off_it_answers_as_a_page_that_does_not_exist(client, settings):
    assert settings.HEARD_ADMIN_ENABLED is False  # the default
    administrator = UserFactory(role="administrator", is_staff=True)
    client.force_login(administrator)
    for url in ("/admin/", reverse("admin:core_team_changelist"), "/admin/login/"):
        response = client.get(url)
        assert response.status_code == 404, url
    missing = client.get("/no-such-page/")
    assert without_token(client.get("/admin/").content.decode()) == without_token(
        missing.content.decode()
    )
    assert 'href="/admin/"' not in client.get(reverse("dashboard:home")).content.decode()


def test_an_operator_may_turn_it_on(client, settings):
    settings.HEARD_ADMIN_ENABLED = True
    administrator = UserFactory(role="administrator", is_staff=True)
    client.force_login(administrator)
    assert client.get("/admin/").status_code == 200
    assert 'href="/admin/"' in client.get(reverse("core:people")).content.decode()
