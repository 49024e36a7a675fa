"""An Ombudsman case in a real browser, with axe-core on every state."""

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


def test_an_officer_logs_a_case_records_the_decision_and_a_remedy(page):
    TeamFactory(name="Fostering")
    user = UserFactory(username="olivia", first_name="Olivia", role="complaints_officer")
    user.set_password("a-long-test-password")
    user.save()
    sign_in(page, "olivia", "a-long-test-password")
    page.wait_for_url(re.compile(r"/$"))
    page.get_by_role("link", name="Ombudsman", exact=True).click()
    page.wait_for_url(re.compile(r"/ombudsman/$"))
    assert_accessible(page)
    page.get_by_role("button", name="Log an Ombudsman case").click()
    page.get_by_role("button", name="Log the case").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert_accessible(page)

    page.get_by_label("Ombudsman's reference").fill("24 012 345")
    fill_date(page, "Date the enquiry was received", "3", "2", "2025")
    fill_date(page, "Date the council's reply is due", "3", "3", "2025")
    page.get_by_label("Service area").select_option(label="Children's social care")
    page.get_by_label("Team or service it is about").select_option(label="Fostering")
    page.get_by_label("Summary").fill("Delay in a placement review")
    page.get_by_role("button", name="Log the case").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    assert_accessible(page)

    page.get_by_role("button", name="Record the decision").click()
    fill_date(page, "Decision date", "1", "2", "2025")
    page.get_by_label("Decision", exact=True).select_option(label="Upheld")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("on or after the date the enquiry was received").first.is_visible()
    assert_accessible(page)
    fill_date(page, "Decision date", "2", "6", "2025")
    page.get_by_label("The Ombudsman investigated in detail").check()
    page.get_by_label("Fault found").check()
    page.get_by_label("Injustice caused").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector(".govuk-notification-banner--success")

    page.get_by_role("button", name="Add a remedy").click()
    page.get_by_label("What the Ombudsman recommended").fill("Pay £300 for distress")
    page.get_by_label("Amount in pounds (optional)").fill("-300")
    fill_date(page, "Due by", "2", "7", "2025")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("The amount must be more than £0").first.is_visible()
    assert_accessible(page)
    page.get_by_label("Amount in pounds (optional)").fill("300")
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    assert page.get_by_role("cell", name="£300.00").is_visible()
    assert_accessible(page)
