"""A subject access request in a real browser, with axe-core on every state."""

from __future__ import annotations

import re

import pytest

from heard.accounts.tests.factories import UserFactory
from heard.complaints.tests.test_documents import PDF
from heard.conftest import assert_accessible, sign_in
from heard.sars.models import Exemption

pytestmark = pytest.mark.django_db(transaction=True)


def fill_date(page, legend, day, month, year):
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


def test_a_subject_access_officer_logs_extends_and_closes_a_request(page):
    # Browser tests empty the database afterwards, data migrations included.
    Exemption.objects.get_or_create(name="Third-party personal data")
    user = UserFactory(username="sami", first_name="Sami", role="sar_officer")
    user.set_password("a-long-test-password")
    user.save()
    sign_in(page, "sami", "a-long-test-password")
    page.wait_for_url(re.compile(r"/$"))
    assert page.get_by_role("heading", name="Subject access requests").is_visible()
    assert page.get_by_role("link", name="Cases", exact=True).count() == 0
    assert_accessible(page)

    page.get_by_role("link", name="Subject access", exact=True).click()
    page.wait_for_url(re.compile(r"/subject-access/$"))
    assert_accessible(page)
    page.get_by_role("button", name="Log a request").click()
    page.get_by_role("button", name="Log the request").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert_accessible(page)

    fill_date(page, "Date the request was received", "31", "1", "2025")
    fill_date(page, "Proof of identity received (optional)", "31", "1", "2025")
    page.get_by_label("Requester's name").fill("Sam Taylor")
    page.get_by_label("Who is asking").select_option(label="The person the records are about")
    page.get_by_label("Whose records").fill("Sam Taylor")
    page.get_by_label("A care leaver asking for their file").check()
    page.get_by_label("What was asked for").fill("My social care file")
    page.get_by_role("button", name="Log the request").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    assert page.get_by_text("28 February 2025").first.is_visible()
    assert_accessible(page)

    # A letter from the requester, added by the officer; sent without a file first.
    page.get_by_role("button", name="Add a document").click()
    assert_accessible(page)
    page.get_by_label("What is it?").select_option(label="Other document")
    page.get_by_role("button", name="Add the document").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert_accessible(page)
    page.get_by_label("Choose the file").set_input_files(
        {"name": "letter.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_label("Title (optional)").fill("Letter asking for 2008 to 2016")
    page.get_by_role("button", name="Add the document").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    assert page.get_by_role(
        "link", name="Other document: Letter asking for 2008 to 2016"
    ).is_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Extend the deadline").click()
    fill_date(page, "Date the requester was told", "3", "3", "2025")
    page.get_by_label("Time allowed in all").select_option(label="Three months")
    page.get_by_label("Why (the requester is told this)").fill("Files from three services")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("had to be told by 28 February 2025").first.is_visible()
    assert_accessible(page)
    fill_date(page, "Date the requester was told", "20", "2", "2025")
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    assert page.get_by_text("30 April 2025").first.is_visible()

    page.get_by_role("button", name="Record the outcome").click()
    fill_date(page, "Date the response was sent", "22", "4", "2025")
    page.get_by_label("Outcome").select_option(label="Disclosed in part")
    page.get_by_label("Pages reviewed").fill("300")
    page.get_by_label("Pages disclosed").fill("250")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("Choose the exemptions applied").first.is_visible()
    assert_accessible(page)
    page.get_by_label("Third-party personal data").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    assert page.get_by_text("300 reviewed, 250 disclosed").is_visible()
    assert_accessible(page)
