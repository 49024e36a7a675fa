"""Logging a phone call on a complaint in a real browser, with axe-core on every page and on
the error state."""

from __future__ import annotations

import re

import pytest

from heard.accounts.tests.factories import UserFactory
from heard.complaints.tests import factories as f
from heard.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_officer_logs_a_phone_call_on_a_complaint(page):
    complaint = f.Stage1OpenFactory.create()
    user = UserFactory(username="olivia", first_name="Olivia", role="complaints_officer")
    user.set_password("a-long-test-password")
    user.save()
    sign_in(page, "olivia", "a-long-test-password")
    page.wait_for_url(re.compile(r"/$"))
    page.goto(page.url + f"complaints/{complaint.reference}/")
    page.get_by_role("link", name="Add a note or log a contact").click()
    assert_accessible(page)
    page.get_by_label("A phone call").check()
    page.get_by_label("Which way did it go? (for a contact)").select_option(label="From them")
    page.get_by_label("Who with (optional)").fill("the complainant")
    page.get_by_role("button", name="Add to the timeline").click()
    assert page.get_by_role("link", name="Enter what was said or done").is_visible()
    assert_accessible(page)
    # What was typed is still there.
    assert page.get_by_label("Who with (optional)").input_value() == "the complainant"
    page.get_by_label("What was said or done").fill("Asked when the response is due.")
    page.get_by_role("button", name="Add to the timeline").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    assert page.get_by_role("heading", name="Phone call logged: from the complainant").is_visible()
    assert page.get_by_text("Asked when the response is due.").is_visible()
    assert_accessible(page)
