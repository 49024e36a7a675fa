"""The case list and case page in a real browser, with axe-core checks on every state."""

from __future__ import annotations

import re

import pytest

from heard.accounts.tests.factories import UserFactory
from heard.complaints.tests import factories as f
from heard.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-long-test-password"


@pytest.fixture
def officer_page(page):
    user = UserFactory(
        username="olivia", first_name="Olivia", last_name="Officer", role="complaints_officer"
    )
    user.set_password(PASSWORD)
    user.save()
    sign_in(page, "olivia", PASSWORD)
    page.wait_for_url(re.compile(r"/$"))
    return page


def test_an_officer_filters_sorts_and_opens_a_case(officer_page):
    page = officer_page
    f.Stage1AcknowledgedFactory(complainant=f.ComplainantFactory(name="Maria Lopez"))
    complaint = f.Stage3OpenFactory()
    f.appoint_panel(complaint.active_stage, complaint.active_stage.started_on)
    page.get_by_role("link", name="Cases").click()
    page.wait_for_url(re.compile(r"/complaints/$"))
    assert_accessible(page)

    page.get_by_label("Stage", exact=True).select_option("3")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"stage=3"))
    assert page.get_by_text("1 case", exact=True).is_visible()
    page.get_by_role("link", name=re.compile("^Received")).click()
    page.wait_for_url(re.compile(r"sort=received"))
    assert "stage=3" in page.url
    assert_accessible(page)

    page.get_by_role("link", name=complaint.reference).click()
    page.wait_for_url(re.compile(complaint.reference))
    assert page.get_by_role("heading", name=complaint.reference, level=1).is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Back to cases").click()
    page.wait_for_url(re.compile(r"/complaints/$"))


def test_the_list_error_state_has_no_axe_violations(officer_page):
    page = officer_page
    page.goto("/complaints/?received_from=31/2/2025&due_within=soon")
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert page.title().startswith("Error:")
    assert_accessible(page)
    page.get_by_role("link", name="Received from must be a real date, like 3/3/2025").click()
    assert page.evaluate("document.activeElement.id") == "id_received_from"
