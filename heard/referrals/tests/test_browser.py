"""The referrals page in a real browser, with axe-core on the page and its error states."""

from __future__ import annotations

import re

import pytest

from heard.accounts.tests.factories import UserFactory
from heard.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_officer_enters_a_month_and_imports_a_file(page, tmp_path):
    user = UserFactory(username="olivia", role="complaints_officer")
    user.set_password("a-long-test-password")
    user.save()
    sign_in(page, "olivia", "a-long-test-password")
    page.wait_for_url(re.compile(r"/$"))
    page.get_by_role("link", name="Reports").click()
    page.get_by_role("link", name="Referrals to children's social care by month").click()
    page.wait_for_url(re.compile(r"/referrals/$"))
    assert_accessible(page)

    page.get_by_role("button", name="Save the month").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert_accessible(page)

    page.get_by_label("Month", exact=True).select_option(label="April 2025")
    page.get_by_label("Referrals to children's social care that month").fill("352")
    page.get_by_role("button", name="Save the month").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    assert page.get_by_role("row", name="April 2025 352").is_visible()

    bad = tmp_path / "referrals.csv"
    bad.write_text("month,referrals\n2025-05,lots\n")
    page.get_by_label("CSV file").set_input_files(str(bad))
    page.get_by_role("button", name="Import the file").click()
    assert page.get_by_text("Row 2: referrals must be a whole number, 0 or more").first.is_visible()
    assert_accessible(page)
