"""Logging a compliment from the dashboard in a real browser, with axe-core on every state."""

from __future__ import annotations

import re

import pytest

from heard.accounts.tests.factories import UserFactory
from heard.conftest import assert_accessible, sign_in
from heard.core.tests.factories import TeamFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_officer_logs_a_compliment_from_the_dashboard(page):
    TeamFactory(name="Fostering")
    user = UserFactory(username="olivia", role="complaints_officer")
    user.set_password("a-long-test-password")
    user.save()
    sign_in(page, "olivia", "a-long-test-password")
    page.wait_for_url(re.compile(r"/$"))
    page.get_by_role("button", name="Log a compliment").click()
    page.wait_for_url(re.compile(r"/compliments/new/$"))
    assert_accessible(page)

    page.get_by_role("button", name="Log the compliment").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert_accessible(page)

    group = page.get_by_role("group", name="Date the compliment was received")
    group.get_by_label("Day").fill("3")
    group.get_by_label("Month").fill("3")
    group.get_by_label("Year").fill("2025")
    page.get_by_label("Team or service it is about").select_option(label="Fostering")
    page.get_by_label("Who gave it?").select_option(label="A carer")
    page.get_by_label("Summary").fill("Thanks to the supervising social worker")
    page.get_by_label("They agreed it may be published without their name").check()
    page.get_by_role("button", name="Log the compliment").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    assert page.get_by_role("heading", name="CMP-2025-00001").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Back to compliments").click()
    page.wait_for_url(re.compile(r"/compliments/$"))
    assert page.get_by_role("link", name="CMP-2025-00001").is_visible()
    assert_accessible(page)


def test_a_complaints_manager_reviews_a_quote_on_accessible_pages(page):
    from datetime import date

    from heard.compliments.models import Compliment, Giver

    compliment = Compliment.log(
        by=None,
        received_on=date(2025, 6, 3),
        team=TeamFactory(name="Fostering"),
        giver=Giver.PARENT,
        summary="Thanks",
        quote="Jamie's social worker Kim was brilliant.",
        consent_to_publish=True,
    )
    user = UserFactory(username="priya", role="complaints_manager")
    user.set_password("a-long-test-password")
    user.save()
    sign_in(page, "priya", "a-long-test-password")
    page.wait_for_url(re.compile(r"/$"))
    page.goto("/compliments/")
    page.get_by_role("link", name="Quotes for reports").click()
    page.wait_for_url(re.compile(r"/compliments/quotes/$"))
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(compliment.reference)).click()
    page.wait_for_url(re.compile(r"/quote/$"))
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert_accessible(page)
    page.get_by_label("The words a report may quote").fill("Their social worker was brilliant.")
    page.get_by_label("Yes, in these words").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    assert page.get_by_text("“Their social worker was brilliant.”").is_visible()
    assert_accessible(page)
