"""The site shell in a real browser: signing in and the dashboard, with axe-core checks."""

from __future__ import annotations

import re

import pytest

from heard.accounts.tests.factories import UserFactory
from heard.complaints.tests import factories as f
from heard.conftest import assert_accessible, axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password"


@pytest.fixture
def officer_login():
    user = UserFactory(
        username="olivia", first_name="Olivia", last_name="Officer", role="complaints_officer"
    )
    user.set_password(PASSWORD)
    user.save()
    return user


def test_the_sign_in_page_and_its_error_state_have_no_axe_violations(page, officer_login):
    page.goto("/sign-in/")
    assert_accessible(page)
    sign_in(page, "olivia", "wrong password")
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert page.title().startswith("Error:")
    assert_accessible(page)


def test_an_officer_signs_in_and_sees_the_dashboard(page, officer_login):
    f.Stage1OpenFactory()
    sign_in(page, "olivia", PASSWORD)
    page.wait_for_url(re.compile(r"/$"))
    assert page.get_by_role("heading", name="Dashboard", level=1).is_visible()
    assert page.get_by_text("Signed in as Olivia Officer").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/sign-in/"))


def test_axe_reports_a_violation_when_there_is_one(page, officer_login):
    # The check must be able to fail: an image with no alternative text is a violation.
    page.goto("/sign-in/")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', "
        "'<img src=\"/static/heard/favicon.ico\">')"
    )
    assert any(v.startswith("image-alt") for v in axe_violations(page))


def test_a_complaints_manager_keeps_the_teams_on_screen(page):
    user = UserFactory(username="priya", first_name="Priya", role="complaints_manager")
    user.set_password(PASSWORD)
    user.save()
    sign_in(page, "priya", PASSWORD)
    page.wait_for_url(re.compile(r"/$"))
    page.get_by_role("link", name="Teams", exact=True).click()
    assert page.get_by_text("No teams yet").is_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Add a team").click()
    page.get_by_role("button", name="Save").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert_accessible(page)
    page.get_by_label("Team's name").fill("Children in care")
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    assert page.get_by_role("cell", name="Children in care", exact=True).is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Change Children in care").click()
    page.get_by_label("Offered for new cases").uncheck()
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    assert page.get_by_text("Not offered for new cases").is_visible()
    assert_accessible(page)
