"""Searching every kind of case in a real browser, on whichever database the suite runs on:
axe-core on each state of the page (first visit, nothing typed, nothing found, results) at a
desktop width and on a 320 px phone, where nothing may be wider than the screen."""

from __future__ import annotations

import re

import pytest

from heard.accounts.tests.factories import UserFactory
from heard.conftest import assert_accessible, refused_by_policy, sign_in
from heard.core.tests.factories import TeamFactory
from heard.dashboard.tests.search_cases import KINDS, make

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-long-test-password"


def fits(page, width: int) -> None:
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} is {scroll} px wide in a {width} px window"


def search_for(page, text: str) -> None:
    page.get_by_label("Search cases").fill(text)
    with page.expect_navigation():
        page.get_by_role("button", name="Search", exact=True).click()


@pytest.mark.parametrize("width", [320, 1280])
def test_an_officer_searches_every_kind_of_case(chromium, live_server, settings, width):
    settings.HEARD_INFORMAL_STAGE = {"corporate": 10}
    team = TeamFactory(name="Fostering")
    cases = {
        kind: make(
            kind,
            team,
            name="Marguerite Ashdown-Featherstonehaugh",
            summary="Supervisedcontactarrangementsweremissedrepeatedly in the summer",
        )
        for kind in KINDS
    }
    user = UserFactory(username="olivia", role="complaints_officer")
    user.set_password(PASSWORD)
    user.save()
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    refused = refused_by_policy(page)
    sign_in(page, "olivia", PASSWORD)
    page.wait_for_url(re.compile(r"/$"))

    page.get_by_role("link", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"/search/$"))
    assert page.get_by_role("heading", name="Search cases").is_visible()
    assert_accessible(page)
    fits(page, width)

    search_for(page, "  ")
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert page.get_by_role("link", name="Enter a reference, a name or words from the case")
    assert_accessible(page)
    fits(page, width)

    search_for(page, "Babbage")
    assert page.get_by_role("status").inner_text() == "No cases match \u2018Babbage\u2019."
    assert_accessible(page)
    fits(page, width)

    search_for(page, "ashdown feather")
    assert page.get_by_role("status").inner_text() == "6 cases match"
    for case in cases.values():
        assert page.get_by_role("link", name=re.compile(f"^{case.reference}")).is_visible()
    assert_accessible(page)
    fits(page, width)

    complaint = cases["complaint"].reference
    search_for(page, complaint)
    page.get_by_role("link", name=re.compile(f"^{complaint}")).first.click()
    page.wait_for_url(re.compile(f"/complaints/{complaint}/"))
    assert page.get_by_role("heading", name=re.compile(complaint)).first.is_visible()
    context.close()
    assert not refused, "The Content Security Policy refused:\n" + "\n".join(refused)
