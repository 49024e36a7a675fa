"""The report in a real browser: choosing it, reading it, and following a figure to its
cases, with axe-core on every page."""

from __future__ import annotations

import re

import pytest

from heard.accounts.tests.factories import UserFactory
from heard.conftest import assert_accessible, sign_in
from heard.imports.service import run_import

pytestmark = pytest.mark.django_db(transaction=True)

LOG = (
    "reference,stage,received,ended,outcome,themes,team,relationship,ethnicity\n"
    "CSC-2021-00001,1,2021-05-04,2021-05-10,Upheld,Delay,Fostering,Parent,White: Irish\n"
    "CSC-2021-00002,1,2021-06-04,2021-06-10,Not upheld,Communication,Fostering,Child,\n"
    "CSC-2021-00002,2,2021-06-20,,,,,,\n"
)


def test_a_manager_reads_the_annual_report_and_follows_a_figure_to_its_cases(page):
    assert run_import([("log.csv", LOG.encode())]).ok
    user = UserFactory(username="mo", role="complaints_manager")
    user.set_password("a-long-test-password")
    user.save()
    sign_in(page, "mo", "a-long-test-password")
    page.wait_for_url(re.compile(r"/$"))
    page.get_by_role("link", name="Reports", exact=True).click()
    page.get_by_role("link", name="Annual report").click()
    page.get_by_label("Financial year").select_option(label="2021/22")
    page.get_by_role("button", name="Show report").click()
    page.wait_for_url(re.compile(r"year=2021"))
    assert page.get_by_role("heading", level=1).inner_text().endswith("annual report 2021/22")
    # The key messages, and the numbered paragraph of the complaints received.
    assert page.get_by_text("6. 2 statutory complaints were received").is_visible()
    assert_accessible(page)

    flow = page.get_by_role("table", name="Complaints at each stage, 2021/22")
    flow.get_by_role("link", name=re.compile(r"^2 cases: Responded")).click()
    page.wait_for_url(re.compile(r"figure=stage.1.responded"))
    assert page.get_by_role("link", name="CSC-2021-00001").is_visible()
    assert page.get_by_role("link", name="CSC-2021-00002").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Back to the report").click()
    page.wait_for_url(re.compile(r"year=2021"))
    page.get_by_text("The numbers in this chart").first.click()
    assert_accessible(page)

    page.get_by_role("link", name="Edit the report's words").click()
    assert_accessible(page)
    # Each part starts with Heard's words; the manager writes their own for one.
    assert "2006" in page.get_by_label("Policy framework and previous decisions").input_value()
    page.get_by_label("Recurring themes and learning", exact=True).fill(
        "- Timeliness of conference papers"
    )
    page.get_by_role("button", name="Save the words").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    assert page.get_by_text("Timeliness of conference papers").is_visible()

    # The paper's headings: rename one, and see the error for an order that is not a number.
    page.get_by_role("link", name="Change the paper's headings").click()
    assert_accessible(page)
    page.get_by_label("Committee the report goes to (optional)").fill("Scrutiny Committee")
    page.get_by_label("Heading for Background").fill("Who handles complaints")
    page.get_by_label("Order of Background").fill("third")
    page.get_by_role("button", name="Save the paper").click()
    assert page.get_by_role("link", name="Enter the order as a whole number, like 3").is_visible()
    assert_accessible(page)
    page.get_by_label("Order of Background").fill("3")
    page.get_by_role("button", name="Save the paper").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    page.get_by_role("link", name="Back to the report").click()
    assert page.get_by_role("heading", name="Who handles complaints").is_visible()
    page.get_by_role("button", name="Publish this report").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    assert page.get_by_text("Version 1 of the report is published").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Back to reports").click()
    page.get_by_role("link", name="The whole council's casework").click()
    page.get_by_label("Financial year").select_option(label="2021/22")
    page.get_by_role("button", name="Show figures").click()
    page.wait_for_url(re.compile(r"council/\?year=2021"))
    table = page.get_by_role("table", name=re.compile("Casework by procedure"))
    row = table.get_by_role("row", name=re.compile("^Complaints received"))
    assert row.get_by_role("cell").all_inner_texts() == ["2", "0", "0", "2"]
    assert page.get_by_text("Every total reconciles").is_visible()
    assert_accessible(page)


def test_a_manager_builds_a_table_and_follows_a_count_to_its_cases(page):
    assert run_import([("log.csv", LOG.encode())]).ok
    user = UserFactory(username="mo", role="complaints_manager")
    user.set_password("a-long-test-password")
    user.save()
    sign_in(page, "mo", "a-long-test-password")
    page.wait_for_url(re.compile(r"/$"))
    page.get_by_role("link", name="Reports", exact=True).click()
    page.get_by_role("link", name="Build a table").click()
    assert_accessible(page)
    page.get_by_label("Responses sent").check()
    page.get_by_label("Rows: count by").select_option(label="Outcome")
    page.get_by_label("Columns: and by (optional)").select_option(label="Child or adult")
    page.get_by_label("Financial year").select_option(label="2021/22")
    page.get_by_role("button", name="Count").click()
    page.wait_for_url(re.compile(r"measure=responded"))
    table = page.get_by_role("table", name=re.compile("Responses sent by outcome and child"))
    upheld = table.get_by_role("row", name=re.compile("^Upheld"))
    assert upheld.get_by_role("cell").all_inner_texts()[:2] == ["0", "0"]
    assert_accessible(page)
    upheld.get_by_role("link", name=re.compile("the cases, Upheld, An adult")).click()
    assert page.get_by_role("link", name="CSC-2021-00001").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Back to the table").click()
    page.wait_for_url(re.compile(r"measure=responded"))
    # A breakdown the count cannot have says why, on the page.
    page.get_by_label("Stages received").check()
    page.get_by_label("Rows: count by").select_option(label="Theme")
    page.get_by_role("button", name="Count").click()
    assert page.get_by_text("they cannot be counted by theme").first.is_visible()
    assert_accessible(page)


def test_a_manager_records_the_corporate_self_assessment_against_the_code(page):
    user = UserFactory(username="mo", role="complaints_manager")
    user.set_password("a-long-test-password")
    user.save()
    sign_in(page, "mo", "a-long-test-password")
    page.wait_for_url(re.compile(r"/$"))
    page.goto(page.url + "reports/complaints/?year=2024&procedure=corporate")
    page.get_by_role("link", name="Self-assessment against the Code").click()
    assert_accessible(page)
    area = page.get_by_role("group", name="Area 2")
    area.get_by_label("Does the council meet it?").select_option(label="Partly")
    page.get_by_role("button", name="Save the self-assessment").click()
    error = "Say where the council falls short of this area, and what it will do"
    assert page.get_by_role("link", name=error).is_visible()
    assert_accessible(page)
    area = page.get_by_role("group", name="Area 2")
    area.get_by_label("Where the council falls short, and what it will do").fill(
        "Refusal letters do not yet name the Ombudsman"
    )
    page.get_by_role("button", name="Save the self-assessment").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    assert page.get_by_text("Refusal letters do not yet name the Ombudsman").is_visible()
    assert_accessible(page)
