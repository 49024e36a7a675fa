"""The site shell in a real browser: signing in and the dashboard, with axe-core checks."""

from __future__ import annotations

import re

import pytest
from django.core import mail

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


def signed_in_as(page, username, first_name, role):
    user = UserFactory(username=username, first_name=first_name, role=role)
    user.set_password(PASSWORD)
    user.save()
    sign_in(page, username, PASSWORD)
    page.wait_for_url(re.compile(r"/$"))
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
    signed_in_as(page, "priya", "Priya", "complaints_manager")
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


def test_a_forgotten_password_is_reset_by_email_link(page, officer_login):
    officer_login.email = "olivia@example.gov.uk"
    officer_login.save()
    page.goto("/sign-in/")
    page.get_by_role("link", name="Forgotten your password?").click()
    assert_accessible(page)
    page.get_by_role("button", name="Send the link").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert_accessible(page)
    page.get_by_label("Email address").fill("olivia@example.gov.uk")
    page.get_by_role("button", name="Send the link").click()
    assert page.get_by_role("heading", name="Check your email").is_visible()
    assert_accessible(page)

    found = re.search(r"https?://[^/\s]+(/password/reset/\S+/)", mail.outbox[-1].body)
    assert found
    page.goto(found.group(1))
    assert page.get_by_role("heading", name="Choose a new password").is_visible()
    assert_accessible(page)
    page.get_by_label("New password", exact=True).fill("a brand new password 2026")
    page.get_by_label("The new password again").fill("not the same password 2026")
    page.get_by_role("button", name="Save the new password").click()
    assert page.get_by_text("The passwords do not match").first.is_visible()
    assert_accessible(page)
    page.get_by_label("New password", exact=True).fill("a brand new password 2026")
    page.get_by_label("The new password again").fill("a brand new password 2026")
    page.get_by_role("button", name="Save the new password").click()
    assert page.get_by_role("heading", name="Your password has been changed").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Sign in with your new password").click()
    sign_in(page, "olivia", "a brand new password 2026")
    page.wait_for_url(re.compile(r"/$"))


def test_an_administrator_adds_an_account_on_screen(page):
    signed_in_as(page, "alex", "Alex", "administrator")
    page.get_by_role("link", name="People", exact=True).click()
    assert_accessible(page)
    page.get_by_role("button", name="Add an account").click()
    page.get_by_role("button", name="Save").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert_accessible(page)
    page.get_by_label("First name").fill("Grace")
    page.get_by_label("Last name").fill("Okafor")
    page.get_by_label("Username").fill("grace")
    page.get_by_label("Email address").fill("grace.okafor@example.gov.uk")
    page.get_by_label("Role").select_option(label="Responding manager")
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    assert page.get_by_role("cell", name="grace", exact=True).is_visible()
    assert_accessible(page)


def test_a_new_address_given_by_an_administrator_is_confirmed_from_it(page):
    UserFactory(
        username="tom", first_name="Tom", role="complaints_officer", email="tom@example.gov.uk"
    )
    signed_in_as(page, "alex", "Alex", "administrator")
    page.get_by_role("link", name="People", exact=True).click()
    page.get_by_role("link", name="Change Tom").click()
    page.get_by_label("Email address").fill("tom.new@example.gov.uk")
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    assert page.get_by_text("Changing to tom.new@example.gov.uk once confirmed").is_visible()
    assert_accessible(page)
    confirm = next(m for m in mail.outbox if m.to == ["tom.new@example.gov.uk"])
    link = re.search(r"https?://[^/\s]+(/people/email/\S+/)", confirm.body)
    assert link
    page.get_by_role("button", name="Sign out").click()
    page.goto(link.group(1))
    assert page.get_by_role("heading", name="Confirm your new email address").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Confirm the new address").click()
    assert page.get_by_role("heading", name="Your email address has been changed").is_visible()
    assert_accessible(page)
