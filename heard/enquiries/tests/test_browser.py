"""Logging and answering a member enquiry in a real browser, with axe-core on every state."""

from __future__ import annotations

import re

import pytest

from heard.accounts.tests.factories import UserFactory
from heard.conftest import assert_accessible, sign_in
from heard.core.tests.factories import TeamFactory

pytestmark = pytest.mark.django_db(transaction=True)


def fill_date(page, legend, day, month, year):
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


def test_an_officer_logs_an_enquiry_and_records_the_reply(page):
    TeamFactory(name="Fostering")
    user = UserFactory(username="olivia", first_name="Olivia", role="complaints_officer")
    user.set_password("a-long-test-password")
    user.save()
    sign_in(page, "olivia", "a-long-test-password")
    page.wait_for_url(re.compile(r"/$"))
    page.get_by_role("link", name="Enquiries", exact=True).click()
    page.wait_for_url(re.compile(r"/enquiries/$"))
    assert_accessible(page)
    page.get_by_role("button", name="Log an enquiry").click()
    assert_accessible(page)
    page.get_by_role("button", name="Log the enquiry").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert_accessible(page)

    fill_date(page, "Date the enquiry was received", "20", "5", "2025")
    page.get_by_role("radio", name="Councillor's or MP's enquiry").check()
    page.get_by_label("From a").select_option(label="MP")
    page.get_by_label("Name", exact=True).fill("Jo Smith MP")
    page.get_by_label("Team or service it is about").select_option(label="Fostering")
    page.get_by_label("Summary").fill("Asks why a review was delayed")
    page.get_by_role("button", name="Log the enquiry").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    assert page.get_by_text("4 June 2025").is_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Record the reply").click()
    fill_date(page, "Date the reply was sent", "19", "5", "2025")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert_accessible(page)
    fill_date(page, "Date the reply was sent", "30", "5", "2025")
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    assert page.get_by_text("30 May 2025, on time").is_visible()
