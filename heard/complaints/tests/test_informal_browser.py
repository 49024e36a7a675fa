"""An informal complaint in a real browser: logged, then taken to Stage 1 on the complaint
form, with axe-core on every page."""

from __future__ import annotations

import re

import pytest

from heard.accounts.tests.factories import UserFactory
from heard.complaints.models import InformalComplaint
from heard.conftest import assert_accessible, sign_in
from heard.core.tests.factories import TeamFactory

pytestmark = pytest.mark.django_db(transaction=True)


def fill_date(page, legend, day, month, year):
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


def test_an_officer_logs_an_informal_complaint_and_takes_it_to_stage_1(page, settings):
    settings.HEARD_INFORMAL_STAGE = {"corporate": 10}
    TeamFactory(name="Highways", service="corporate")
    user = UserFactory(username="olivia", first_name="Olivia", role="complaints_officer")
    user.set_password("a-long-test-password")
    user.save()
    sign_in(page, "olivia", "a-long-test-password")
    page.wait_for_url(re.compile(r"/$"))
    page.get_by_role("link", name="Cases", exact=True).click()
    page.get_by_role("link", name="Informal complaints").click()
    page.wait_for_url(re.compile(r"/informal/$"))
    assert_accessible(page)
    page.get_by_role("button", name="Log an informal complaint").click()
    page.get_by_role("button", name="Log the informal complaint").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert_accessible(page)
    fill_date(page, "Date it was received", "1", "6", "2026")
    page.get_by_role("radio", name=re.compile("Other council services|Corporate")).check()
    page.get_by_label("Complainant's name").fill("Sam Jones")
    page.get_by_label("Team or service it is about").select_option(label="Highways")
    page.get_by_label("Summary").fill("Pothole not repaired")
    page.get_by_role("button", name="Log the informal complaint").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    assert page.get_by_text("Pothole not repaired").first.is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Take it to Stage 1").click()
    assert page.get_by_text("Taking informal complaint").is_visible()
    assert page.get_by_label("Summary").input_value() == "Pothole not repaired"
    assert_accessible(page)
    informal = InformalComplaint.objects.get()
    assert informal.status == "open"
