"""Moving a complaint between procedures in a real browser, with axe-core on every state."""

from __future__ import annotations

import re
from datetime import date

import pytest

from heard.accounts.tests.factories import UserFactory
from heard.complaints.choices import Procedure
from heard.complaints.tests import factories as f
from heard.complaints.tests.test_browser import fill_date
from heard.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_officer_moves_a_corporate_complaint_to_the_childrens_procedure(page):
    complaint = f.Stage1OpenFactory(procedure=Procedure.CORPORATE)
    user = UserFactory(username="olivia", first_name="Olivia", role="complaints_officer")
    user.set_password("a-long-test-password")
    user.save()
    sign_in(page, "olivia", "a-long-test-password")
    page.wait_for_url(re.compile(r"/$"))
    page.goto(page.url + f"complaints/{complaint.reference}/")
    assert page.get_by_text("Corporate (Complaint Handling Code)").first.is_visible()
    page.get_by_role("link", name="Move to another procedure").click()
    assert_accessible(page)
    page.get_by_role("button", name="Move the complaint").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert_accessible(page)
    page.get_by_label("Move it to").select_option(label="Children's social care (statutory)")
    group = page.get_by_role("group", name="Date of the decision")
    group.get_by_label("Day").fill("4")
    group.get_by_label("Month").fill("3")
    group.get_by_label("Year").fill("2025")
    page.get_by_label("Why it belongs there").fill("It is about a child in need")
    page.get_by_role("button", name="Move the complaint").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    assert page.get_by_text("Children's social care (statutory)").first.is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Timeline", exact=True).click()
    page.wait_for_url(re.compile(r"/timeline/$"))
    assert page.get_by_role("heading", name="Moved to another procedure (Stage 1)").is_visible()


def test_a_corporate_complaint_is_logged_without_the_childrens_questions(page):
    f.TeamFactory(name="Waste")
    user = UserFactory(username="olivia", first_name="Olivia", role="complaints_officer")
    user.set_password("a-long-test-password")
    user.save()
    sign_in(page, "olivia", "a-long-test-password")
    page.wait_for_url(re.compile(r"/$"))
    page.goto(page.url + "complaints/new/")
    relationship = page.get_by_label("Complainant's relationship to the child")
    about = page.get_by_label("Who it is about, if not the complainant")
    children = page.get_by_role("heading", name="The children it is about")
    shown = [relationship.is_visible(), children.is_visible(), about.is_visible()]
    assert shown == [True, True, False]
    page.get_by_label("Procedure", exact=True).select_option(
        label="Corporate (Complaint Handling Code)"
    )
    shown = [relationship.is_visible(), children.is_visible(), about.is_visible()]
    assert shown == [False, False, True]
    assert_accessible(page)
    fill_date(page, "Date the complaint was received", date(2025, 3, 3))
    page.get_by_label("How was it received?").select_option("email")
    page.get_by_label("Team or service it is about").select_option(label="Waste")
    page.get_by_label("Summary").fill("Bins not emptied")
    page.get_by_label("Complainant's full name").fill("Pat Jones")
    page.get_by_label("Email address (optional)").fill("pat@example.org")
    about.fill("Her neighbour, Mr Ray Cole")
    page.get_by_role("button", name="Log the complaint").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    page.get_by_role("link", name="People", exact=True).click()
    page.wait_for_url(re.compile(r"/people/$"))
    assert page.get_by_text("Her neighbour, Mr Ray Cole").is_visible()
    assert not page.get_by_text("Add a child").count()
    assert_accessible(page)
