"""The Content Security Policy: strict, and on every response, signed in or not."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def admin_switched_on(settings):
    """These tests read the Django admin, which an operator may turn on (it is off by
    default: heard.core.middleware.AdminSwitch)."""
    settings.HEARD_ADMIN_ENABLED = True


def directives(response) -> dict[str, str]:
    header = response.headers["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


@pytest.mark.parametrize("name", ["login", "dashboard:home", "complaints:list", "admin:index"])
def test_every_page_has_a_policy_that_allows_no_inline_script_or_style(client, manager, name):
    client.force_login(manager)
    policy = directives(client.get(reverse(name)))
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe" not in " ".join(policy.values())


def test_a_page_for_someone_not_signed_in_has_the_policy_too(client):
    response = client.get(reverse("login"))
    assert directives(response)["script-src"] == "'self'"


def test_charts_may_be_images_in_data_urls_and_nothing_else_from_elsewhere(client, manager):
    client.force_login(manager)
    policy = directives(client.get(reverse("dashboard:home")))
    assert policy["img-src"] == "'self' data:"
    assert policy["form-action"] == "'self'"


@pytest.mark.parametrize(
    "name", ["login", "dashboard:home", "complaints:list", "admin:index", "public:start"]
)
def test_no_page_with_personal_data_may_be_cached(client, manager, name):
    client.force_login(manager)
    response = client.get(reverse(name))
    assert "no-store" in response.headers["Cache-Control"]


def test_a_case_page_and_a_public_form_page_are_not_cached(client, manager):
    from heard.complaints.tests import factories as f

    complaint = f.Stage1OpenFactory()
    client.force_login(manager)
    page = client.get(reverse("complaints:detail", args=[complaint.reference]))
    assert "no-store" in page.headers["Cache-Control"]
    client.logout()
    form = client.get(reverse("public:question", args=["service"]))
    assert "no-store" in form.headers["Cache-Control"]
