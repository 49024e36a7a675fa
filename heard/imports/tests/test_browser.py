"""Uploading an import in a real browser, with axe-core on each page."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command

from heard.accounts.tests.factories import UserFactory
from heard.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_manager_uploads_a_log_and_follows_its_progress(page, tmp_path):
    user = UserFactory(username="mo", role="complaints_manager")
    user.set_password("a-long-test-password")
    user.save()
    log = tmp_path / "history.csv"
    log.write_text(
        "reference,stage,received,ended,outcome,themes,team,relationship\n"
        "CSC-2021-00001,1,2021-05-04,2021-05-10,Upheld,Delay,Fostering,Parent\n"
        "CSC-2021-00002,1,2021-05-32,,,,Fostering,Parent\n",
        encoding="utf-8",
    )
    sign_in(page, "mo", "a-long-test-password")
    page.wait_for_url(re.compile(r"/$"))
    page.get_by_role("link", name="Reports", exact=True).click()
    page.get_by_role("link", name="Import cases").click()
    assert_accessible(page)
    page.get_by_role("button", name="Upload and import").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert_accessible(page)

    page.get_by_label("Spreadsheet").set_input_files(str(log))
    page.get_by_role("button", name="Upload and import").click()
    page.wait_for_url(re.compile(r"/imports/\d+/$"))
    assert page.get_by_role("heading", name="Waiting to start").is_visible()
    assert_accessible(page)

    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO())
    page.get_by_role("button", name="Check progress").click()
    assert page.get_by_role("heading", name="Not imported: there are problems").is_visible()
    assert page.get_by_text("“2021-05-32” is not a date").is_visible()
    assert_accessible(page)


def test_a_manager_says_what_the_logs_words_mean_and_the_log_imports(page, tmp_path):
    user = UserFactory(username="mo", role="complaints_manager")
    user.set_password("a-long-test-password")
    user.save()
    log = tmp_path / "history.csv"
    log.write_text(
        "reference,stage,received,ended,outcome,themes,team,relationship\n"
        "C-1,1,2021-05-04,2021-05-10,Unable to say,Delay,Fostering,Other relative\n",
        encoding="utf-8",
    )
    sign_in(page, "mo", "a-long-test-password")
    page.wait_for_url(re.compile(r"/$"))
    page.goto("/imports/")
    page.get_by_label("Spreadsheet").set_input_files(str(log))
    page.get_by_role("button", name="Upload and import").click()
    page.wait_for_url(re.compile(r"/imports/\d+/$"))
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO())
    page.get_by_role("button", name="Check progress").click()
    assert page.get_by_role("heading", name="What do these words mean?").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Save the answers and import again").click()
    # The outcome has no natural answer: it must be chosen.
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert page.title().startswith("Error:")
    assert_accessible(page)
    page.get_by_label("“Unable to say”").select_option(label="No finding")
    page.get_by_role("button", name="Save the answers and import again").click()
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO())
    page.get_by_role("button", name="Check progress").click()
    assert page.get_by_role("heading", name="Imported").is_visible()
    assert page.get_by_text("1 complaint added").is_visible()
    assert_accessible(page)
