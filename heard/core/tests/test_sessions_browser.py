"""The timeout warning and a form sent after the session ended, in a real browser, with
axe-core on the warning and on the page that gives back what was typed."""

from __future__ import annotations

import re

import pytest

from heard.accounts.tests.factories import UserFactory
from heard.complaints.tests import factories as f
from heard.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_warning_comes_before_the_idle_limit_and_a_late_form_keeps_its_answers(page):
    complaint = f.Stage1OpenFactory.create()
    user = UserFactory(username="olivia", first_name="Olivia", role="complaints_officer")
    user.set_password("a-long-test-password")
    user.save()
    page.clock.install()
    sign_in(page, "olivia", "a-long-test-password")
    page.wait_for_url(re.compile(r"/$"))
    page.goto(f"/complaints/{complaint.reference}/note/")
    page.get_by_label("What was said or done").fill("Asked when the response is due.")

    dialog = page.get_by_role("dialog", name="You are about to be signed out")
    assert not dialog.is_visible()
    page.clock.fast_forward("28:30")  # 30 minutes idle, warned 2 minutes before
    dialog.wait_for(state="visible")
    assert_accessible(page)
    page.get_by_role("button", name="Stay signed in").click()
    dialog.wait_for(state="hidden")

    # Then the session ends after all; the form is sent.
    page.context.clear_cookies(name="sessionid")
    page.get_by_role("button", name="Add to the timeline").click()
    page.wait_for_url(re.compile(r"/sign-in/"))
    page.get_by_label("Username").fill("olivia")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/resume/$"))
    assert page.get_by_role("heading", name="Send what you typed").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Send what I typed").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    assert page.get_by_text("Asked when the response is due.").is_visible()
