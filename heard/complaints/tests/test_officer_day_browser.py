"""Issue 17's walk-through in a real browser, at 320 px wide: a phone complaint with three
points, from the dashboard to its Stage 1 response, following the case page's next step.
It counts the pages loaded and the answers entered (the issue's baseline: 25 clicks and 49
entries to Stage 2; the target: at most 10 page loads to a Stage 1 response). Also: the
triage queue, bulk reassignment and the list's CSV download, each with axe-core and the
320 px check (heard.conftest.assert_accessible) on every page."""

from __future__ import annotations

import csv
import io
import re

import pytest

from heard.accounts.tests.factories import UserFactory
from heard.complaints.choices import Finding, StageStatus
from heard.complaints.models import Complaint
from heard.complaints.tests import factories as f
from heard.conftest import assert_accessible, sign_in
from heard.core.tests.factories import TeamFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-long-test-password"


@pytest.fixture
def narrow(page):
    page.set_viewport_size({"width": 320, "height": 640})
    return page


def signed_in(page, role="complaints_officer", username="olivia"):
    user = UserFactory(username=username, first_name="Olivia", last_name="Officer", role=role)
    user.set_password(PASSWORD)
    user.save()
    sign_in(page, username, PASSWORD)
    page.wait_for_url(re.compile(r"/$"))
    return user


class Counter:
    """Pages loaded (each a document the browser shows: a form sent and its answer page
    count once) and answers entered."""

    def __init__(self, page):
        self.loads = 0
        self.entries = 0
        self.clicks = 0
        page.on("load", lambda _: self._loaded())

    def _loaded(self):
        self.loads += 1

    def fill(self, locator, value):
        locator.fill(value)
        self.entries += 1

    def choose(self, locator, **option):
        locator.select_option(**option)
        self.entries += 1

    def check(self, locator):
        locator.check()
        self.entries += 1

    def click(self, locator):
        locator.click()
        self.clicks += 1

    def go(self, page, locator):
        """A click that loads a page: wait for it to load."""
        with page.expect_navigation():
            self.click(locator)


def go(page, locator):
    with page.expect_navigation():
        locator.click()


def test_a_phone_complaint_with_three_points_reaches_its_stage_1_response(narrow, capsys):
    page = narrow
    TeamFactory(name="Fostering")
    for name in ("Communication", "Care planning", "Staff conduct"):
        f.ThemeFactory(name=name)
    signed_in(page)
    count = Counter(page)
    page.goto("/")
    assert_accessible(page)

    count.go(page, page.get_by_role("button", name="Log a complaint"))
    page.wait_for_url(re.compile(r"/complaints/new/$"))
    assert_accessible(page)
    # Received today: the date is already filled in.
    count.choose(page.get_by_label("How was it received?"), value="phone")
    count.choose(page.get_by_label("Team or service it is about"), label="Fostering")
    count.fill(page.get_by_label("Summary"), "Visits missed and calls not returned")
    count.fill(page.get_by_label("Complainant's full name"), "Pat Jones")
    count.choose(page.get_by_label("Complainant's relationship to the child"), value="parent")
    count.fill(page.get_by_label("Phone number (optional)"), "07700 900123")
    count.choose(page.get_by_label("Preferred way to contact them"), value="phone")
    count.fill(page.get_by_label("Child's full name (optional)", exact=True), "Alex Jones")
    points = [
        ("Communication", "Calls were not returned for three weeks"),
        ("Care planning", "The care plan review was missed"),
        ("Staff conduct", "The social worker was rude at a visit"),
    ]
    count.choose(page.get_by_label("Point 1: theme"), label=points[0][0])
    count.fill(page.get_by_label("Point 1: what it is about"), points[0][1])
    count.click(page.get_by_text("Add another point"))
    assert_accessible(page)
    for number, (theme, text) in enumerate(points[1:], start=2):
        count.choose(page.get_by_label(f"Point {number}: theme"), label=theme)
        count.fill(page.get_by_label(f"Point {number}: what it is about"), text)
    count.go(page, page.get_by_role("button", name="Log the complaint"))
    page.wait_for_selector(".govuk-notification-banner--success")
    assert_accessible(page)
    complaint = Complaint.objects.get()
    assert complaint.elements.count() == 3

    # Each step from here is the case page's one primary button; dates start at today.
    count.go(page, page.get_by_role("button", name="Acknowledge"))
    assert_accessible(page)
    count.go(page, page.get_by_role("button", name="Save"))
    page.wait_for_selector(".govuk-notification-banner--success")
    assert_accessible(page)

    count.go(page, page.get_by_role("button", name="Record the findings"))
    assert_accessible(page)
    for number, finding in ((1, "Upheld"), (2, "Partially upheld"), (3, "Not upheld")):
        group = page.get_by_role("group", name=f"Finding on point {number}")
        count.check(group.get_by_label(finding, exact=True))
    count.go(page, page.get_by_role("button", name="Save the findings"))
    page.wait_for_selector(".govuk-notification-banner--success")
    assert_accessible(page)

    count.go(page, page.get_by_role("button", name="Record the response"))
    assert_accessible(page)
    count.go(page, page.get_by_role("button", name="Save"))
    page.wait_for_selector(".govuk-notification-banner--success")
    assert_accessible(page)

    stage = complaint.stages.get(number=1)
    assert stage.status == StageStatus.RESPONDED
    assert sorted(stage.findings.values_list("finding", flat=True)) == sorted(
        [Finding.UPHELD, Finding.PARTIALLY_UPHELD, Finding.NOT_UPHELD]
    )
    # The closing note reports these beside the baseline.
    with capsys.disabled():
        print(
            f"\nStage 1 response walk-through: {count.loads} page loads, {count.clicks} clicks,"
            f" {count.entries} entries"
        )
    assert count.loads <= 10
    assert count.entries <= 20


def test_the_triage_queue_accepts_assigns_and_turns_away(narrow):
    page = narrow
    holding = TeamFactory(name="To be triaged")
    TeamFactory(name="Fostering")
    accepted, assigned, turned_away = (
        f.Stage1OpenFactory.create(team=holding, awaiting_triage=True, channel="web_form")
        for _ in range(3)
    )
    signed_in(page, role="complaints_manager", username="mo")
    go(page, page.get_by_role("link", name="3 new complaints from the website to triage"))
    assert_accessible(page)

    go(page, page.get_by_role("link", name=f"Accept {accepted.reference}"))
    assert_accessible(page)
    go(page, page.get_by_role("button", name="Accept"))
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert_accessible(page)
    page.get_by_label("Team").select_option(label="Fostering")
    go(page, page.get_by_role("button", name="Accept"))
    page.wait_for_selector(".govuk-notification-banner--success")
    assert_accessible(page)

    go(page, page.get_by_role("link", name=f"Assign {assigned.reference}"))
    assert_accessible(page)
    page.get_by_label("Assigned officer").select_option(label="Olivia Officer")
    go(page, page.get_by_role("button", name="Assign"))
    page.wait_for_selector(".govuk-notification-banner--success")

    not_one = re.compile(rf"^Not a complaint ?: {turned_away.reference}$")
    go(page, page.get_by_role("link", name=not_one))
    assert_accessible(page)
    page.get_by_label("What it is, and where it was sent").fill("A bin collection: to Waste")
    go(page, page.get_by_role("button", name="Record as not a complaint"))
    page.wait_for_selector(".govuk-notification-banner--success")
    assert page.get_by_text("Nothing is waiting").is_visible()
    assert_accessible(page)
    assert not Complaint.objects.filter(awaiting_triage=True).exists()


def test_a_manager_reassigns_cases_from_the_list_and_downloads_it(page, tmp_path):
    team = TeamFactory(name="Fostering")
    UserFactory(first_name="Nina", last_name="Newton", role="complaints_officer")
    cases = [
        f.Stage1OpenFactory.create(team=team, summary=summary)
        for summary in ("=HYPERLINK(1)", "Late visit", "Lost file")
    ]
    signed_in(page, role="complaints_manager", username="mo")
    page.goto("/complaints/")
    assert_accessible(page)
    for complaint in cases[:2]:
        page.get_by_label(f"Tick {complaint.reference}").check()
    page.get_by_label("Assign the ticked cases to").select_option(label="Nina Newton")
    go(page, page.get_by_role("button", name="Reassign the ticked cases"))
    page.wait_for_selector(".govuk-notification-banner--success")
    assert page.get_by_text("2 cases assigned to Nina Newton").is_visible()
    assert_accessible(page)
    officers = dict(Complaint.objects.values_list("reference", "assigned_officer__first_name"))
    assert [officers[c.reference] for c in cases] == ["Nina", "Nina", None]

    # Filter by the officer: the selected filter shows as a tag that removes it.
    page.get_by_label("Assigned officer").select_option(label="Nina Newton")
    go(page, page.get_by_role("button", name="Apply filters"))
    tag = page.get_by_role("link", name="Remove this filter: Assigned officer: Nina Newton")
    assert tag.is_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 640})
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download these cases as a spreadsheet (CSV)").click()
    saved = tmp_path / "cases.csv"
    download.value.save_as(saved)
    rows = list(csv.reader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
    assert rows[0][0] == "Reference"
    assert {row[0] for row in rows[1:]} == {c.reference for c in cases[:2]}
    summaries = {row[-1] for row in rows[1:]}
    assert "'=HYPERLINK(1)" in summaries  # a formula is written as text, not run by Excel

    go(page, tag)
    assert page.get_by_text("3 cases").first.is_visible()


def test_the_findings_page_error_state_is_accessible(narrow):
    page = narrow
    complaint = f.Stage1AcknowledgedFactory.create()
    complaint.add_element(by=None, theme=f.ThemeFactory.create(), description="Calls")
    signed_in(page)
    page.goto(f"/complaints/{complaint.reference}/findings/")
    assert_accessible(page)
    page.get_by_label("Reasons (optional)").fill("The call log shows none returned")
    go(page, page.get_by_role("button", name="Save the findings"))
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert page.get_by_label("Reasons (optional)").input_value() == (
        "The call log shows none returned"
    )
    assert_accessible(page)
