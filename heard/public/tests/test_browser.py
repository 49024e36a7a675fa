"""The public complaint form in a real browser: completed with the keyboard alone, with
axe-core on every page and error state, on a phone (320 px) and a desktop."""

from __future__ import annotations

import re

import pytest

from heard.complaints.models import Complaint
from heard.complaints.tests.test_documents import PDF
from heard.compliments.models import Compliment
from heard.conftest import assert_accessible, refused_by_policy
from heard.sars.models import SubjectAccessRequest

pytestmark = pytest.mark.django_db(transaction=True)


def press_continue(page) -> None:
    """Tab to the page's button and press Enter, as someone with no mouse would."""
    button = page.get_by_role(
        "button", name=re.compile("^(Continue|Send|Send complaint|Send compliment|Send request)$")
    )
    for _ in range(40):
        page.keyboard.press("Tab")
        if button.evaluate("b => b === document.activeElement"):
            break
    else:
        pytest.fail(f"no way to tab to the button on {page.url}")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def tab_to(page, locator) -> None:
    for _ in range(40):
        page.keyboard.press("Tab")
        if locator.evaluate("e => e === document.activeElement"):
            return
    pytest.fail(f"no way to tab to {locator} on {page.url}")


def choose(page, label: str) -> None:
    """Tab into a group of radios, then move with the arrow keys to the option and select it."""
    option = page.get_by_label(label, exact=True)
    radios = page.locator("input[type=radio]")
    tab_to(page, radios.first)
    for _ in range(radios.count()):
        if option.evaluate("e => e === document.activeElement"):
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    assert option.is_checked()


def type_into(page, label: str, text: str) -> None:
    field = page.get_by_label(label, exact=True)
    tab_to(page, field)
    page.keyboard.type(text)


@pytest.mark.parametrize("width", [320, 1280])
def test_a_parent_completes_the_form_with_the_keyboard_alone(chromium, live_server, width):
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    refused = refused_by_policy(page)
    page.goto("/complain/")
    assert_accessible(page)
    tab_to(page, page.get_by_role("button", name="Start now"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/complain/service/")

    # Every question page's error state first, then its answer.
    press_continue(page)
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert_accessible(page)
    choose(page, "Children's social care")
    press_continue(page)

    assert page.get_by_role("heading", name="Who are you?", level=1).is_visible()
    assert_accessible(page)
    choose(page, "Parent")
    press_continue(page)

    press_continue(page)
    assert page.get_by_text("Enter the child or young person's full name").first.is_visible()
    assert_accessible(page)
    type_into(page, "Child or young person's full name", "Sam Smith")
    press_continue(page)

    press_continue(page)
    assert_accessible(page)
    type_into(page, "What happened?", "Nobody came to Sam's review.")
    press_continue(page)

    type_into(page, "What would you like to happen?", "A new review date.")
    press_continue(page)

    type_into(page, "Full name", "Alex Smith")
    page.get_by_label("How should we contact you?").select_option("email")
    press_continue(page)
    assert page.get_by_text("Enter your email address, or choose another way").first.is_visible()
    assert_accessible(page)
    type_into(page, "Email address (optional)", "alex@example.com")
    press_continue(page)

    assert page.get_by_text("An advocate is someone who is on the child").is_visible()
    assert_accessible(page)
    choose(page, "Yes")
    press_continue(page)

    assert_accessible(page)
    press_continue(page)  # the equality questions may all be left unanswered

    assert page.get_by_role("heading", name="Add files (optional)").is_visible()
    assert_accessible(page)
    files = page.get_by_label("Add files (optional)")
    files.set_input_files(
        [{"name": "notes.pdf", "mimeType": "application/pdf", "buffer": b"#!/bin/sh\necho\n"}]
    )
    press_continue(page)
    assert page.get_by_text("“notes.pdf”: The selected file must be").first.is_visible()
    assert_accessible(page)
    files.set_input_files([{"name": "letter.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    press_continue(page)
    assert page.get_by_text("letter.pdf").is_visible()  # on "Check your answers"

    assert page.get_by_role(
        "heading", name="Check your answers before sending your complaint"
    ).is_visible()
    assert_accessible(page)
    # Going back from "Check your answers" and changing an answer.
    with page.expect_navigation():
        page.get_by_role("link", name="Change what would you like to happen?").click()
    field = page.get_by_label("What would you like to happen?")
    assert field.input_value() == "A new review date."
    field.fill("An apology and a new review date.")
    press_continue(page)
    assert page.get_by_text("An apology and a new review date.").is_visible()

    press_continue(page)
    assert page.url.endswith("/complain/sent/")
    complaint = Complaint.objects.get()
    assert page.get_by_text(complaint.reference).is_visible()
    assert [d.filename for d in complaint.documents.all()] == ["letter.pdf"]
    assert_accessible(page)
    # The tracking page, from the link on the confirmation.
    with page.expect_navigation():
        page.locator("a[href*='/complain/track/']").click()
    assert page.get_by_text("We have received your complaint (stage 1).").is_visible()
    assert_accessible(page)
    context.close()
    assert not refused


@pytest.mark.parametrize("width", [320, 1280])
def test_a_young_person_completes_their_form_with_the_keyboard_alone(chromium, live_server, width):
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    refused = refused_by_policy(page)
    page.goto("/complain/")
    with page.expect_navigation():
        page.get_by_role("link", name="tell us what is wrong").click()
    assert page.get_by_role("heading", name="Tell us what is wrong").is_visible()
    assert page.get_by_role("heading", name="You can have an advocate").is_visible()
    assert_accessible(page)
    tab_to(page, page.get_by_role("button", name="Start now"))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    for label, text, error in [
        ("What is your name?", "Jo Brown", "Tell us your name"),
        ("What has gone wrong?", "Nobody came to see me.", "Tell us what has gone wrong"),
        (
            "What would make things better?",
            "Seeing my social worker.",
            "Tell us what would make things better",
        ),
    ]:
        press_continue(page)
        assert page.get_by_text(error).first.is_visible()
        assert_accessible(page)
        type_into(page, label, text)
        press_continue(page)
        if label == "What has gone wrong?":
            assert page.get_by_role("heading", name="Is it about your brothers").is_visible()
            assert_accessible(page)
            press_continue(page)  # nobody else: it may be left empty

    assert page.get_by_text("An advocate is a grown-up who is on your side.").is_visible()
    press_continue(page)
    assert page.get_by_text("Choose yes if you want an advocate").first.is_visible()
    assert_accessible(page)
    choose(page, "Yes, please")
    press_continue(page)

    page.get_by_label("How should we get in touch?").select_option("email")
    press_continue(page)
    assert page.get_by_text("Tell us your email, or pick another way").first.is_visible()
    assert_accessible(page)
    type_into(page, "Email (optional)", "jo@example.com")
    press_continue(page)

    assert page.get_by_role("heading", name="About you (you can skip this)").is_visible()
    assert_accessible(page)
    press_continue(page)  # every question here may be skipped

    assert page.get_by_role("heading", name="Do you want to send us anything?").is_visible()
    assert_accessible(page)
    press_continue(page)

    assert page.get_by_role("heading", name="Check what you have told us").is_visible()
    assert_accessible(page)
    # Going back from the check page and changing an answer.
    with page.expect_navigation():
        page.get_by_role("link", name="Change what would make things better?").click()
    field = page.get_by_label("What would make things better?")
    assert field.input_value() == "Seeing my social worker."
    field.fill("Seeing my social worker every week.")
    press_continue(page)
    assert page.get_by_text("Seeing my social worker every week.").is_visible()

    press_continue(page)
    assert page.url.endswith("/complain/young-people/sent/")
    assert page.get_by_role("heading", name="We have got your complaint").is_visible()
    complaint = Complaint.objects.get()
    assert (complaint.relationship, complaint.advocacy_taken_up) == ("child", True)
    assert page.get_by_text(complaint.reference).is_visible()
    assert_accessible(page)
    context.close()
    assert not refused


@pytest.mark.parametrize("width", [320, 1280])
def test_a_compliment_is_given_with_the_keyboard_alone(chromium, live_server, width):
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    refused = refused_by_policy(page)
    page.goto("/give-a-compliment/")
    assert_accessible(page)
    tab_to(page, page.get_by_role("button", name="Start now"))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    press_continue(page)
    assert page.get_by_text("Select who you are").first.is_visible()
    assert_accessible(page)
    choose(page, "A parent")
    press_continue(page)
    for label, text, error in [
        ("Who would you like to thank?", "Sam, our social worker", "Enter who you would"),
        ("What would you like to tell them?", "Sam listened to us.", "Enter what you would"),
    ]:
        press_continue(page)
        assert page.get_by_text(error).first.is_visible()
        assert_accessible(page)
        type_into(page, label, text)
        press_continue(page)
    press_continue(page)
    assert page.get_by_text("Select yes if we can share what you said").first.is_visible()
    assert_accessible(page)
    choose(page, "Yes, you can share it without my name")
    press_continue(page)

    assert page.get_by_role("heading", name="Check your answers before sending").is_visible()
    assert_accessible(page)
    press_continue(page)
    assert page.get_by_role("heading", name="Compliment sent").is_visible()
    assert page.get_by_text(Compliment.objects.get().reference).is_visible()
    assert_accessible(page)
    context.close()
    assert not refused


@pytest.mark.parametrize("width", [320, 1280])
def test_a_parent_asks_for_their_childs_records_with_the_keyboard(chromium, live_server, width):
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    refused = refused_by_policy(page)
    page.goto("/ask-for-your-records/")
    assert_accessible(page)
    tab_to(page, page.get_by_role("button", name="Start now"))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    press_continue(page)
    assert page.get_by_text("Select whose records you are asking for").first.is_visible()
    assert_accessible(page)
    choose(page, "Someone else's records")
    press_continue(page)

    press_continue(page)
    assert page.get_by_text("Select how you can act for them").first.is_visible()
    assert_accessible(page)
    choose(page, "I am their parent, or have parental responsibility")
    press_continue(page)

    for label, text, error in [
        ("Your full name", "Pat Jones", "Enter your full name"),
        ("Their full name", "Max Jones", "Enter the full name of the person"),
        ("What records would you like?", "Max's records since 2020.", "Enter what records"),
    ]:
        press_continue(page)
        assert page.get_by_text(error).first.is_visible()
        assert_accessible(page)
        type_into(page, label, text)
        press_continue(page)

    page.get_by_label("How should we contact you?").select_option("email")
    type_into(page, "Email address (optional)", "pat@example.com")
    press_continue(page)

    for heading, name, error in [
        ("Proof of your identity", "licence.pdf", "Select a copy of your proof of identity"),
        ("Proof that you can act for them", "birth.pdf", "Select a copy of your proof that"),
    ]:
        assert page.get_by_role("heading", name=heading).is_visible()
        press_continue(page)
        assert page.get_by_text(error).first.is_visible()
        assert_accessible(page)
        page.locator("input[type=file]").set_input_files(
            [{"name": name, "mimeType": "application/pdf", "buffer": PDF}]
        )
        press_continue(page)

    assert page.get_by_role("heading", name="Check your answers before sending").is_visible()
    assert page.get_by_text("licence.pdf").is_visible()
    assert_accessible(page)
    press_continue(page)
    assert page.get_by_role("heading", name="Request sent").is_visible()
    request = SubjectAccessRequest.objects.get()
    assert page.get_by_text(request.reference).is_visible()
    assert sorted(request.documents.values_list("filename", flat=True)) == [
        "birth.pdf",
        "licence.pdf",
    ]
    assert_accessible(page)
    context.close()
    assert not refused


@pytest.mark.parametrize("width", [320, 1280])
def test_every_other_public_page_and_error_state_passes_axe(chromium, live_server, width):
    """The pages a journey can end on besides its own: an expired session, the honeypot, the
    rate limit, the database busy, a request too large, and unknown or expired tracking
    links; and the adult form's remaining error states."""
    from datetime import date

    from django.db import connection
    from django.test import override_settings

    from heard.complaints.tests import factories as f

    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    refused = refused_by_policy(page)

    def shows(path: str, heading: str, status: int) -> None:
        response = page.goto(path)
        assert response is not None
        assert response.status == status, path
        assert page.get_by_role("heading", name=heading).is_visible(), path
        assert_accessible(page)

    shows("/complain/what-happened/", "Sorry, you'll have to start again", 400)
    shows("/complain/track/not-a-link/", "Page not found", 404)
    closed = f.Stage1OpenFactory(received_on=date(2024, 1, 8), tracking_token="t" * 43)
    type(closed).objects.filter(pk=closed.pk).update(status="closed", closed_on=date(2024, 2, 1))
    shows(f"/complain/track/{'t' * 43}/", "This link has expired", 410)

    # The adult form's pages not shown in error elsewhere: who you are, what you would like,
    # the advocate.
    page.goto("/complain/service/")
    choose(page, "Children's social care")
    press_continue(page)
    press_continue(page)
    assert page.get_by_text("Select who you are").first.is_visible()
    assert_accessible(page)
    choose(page, "I am the child or young person")
    press_continue(page)
    type_into(page, "What happened?", "Nobody came.")
    press_continue(page)
    press_continue(page)
    assert page.get_by_text("Enter what you would like to happen").first.is_visible()
    assert_accessible(page)
    type_into(page, "What would you like to happen?", "A visit.")
    press_continue(page)
    type_into(page, "Full name", "Jo Brown")
    page.get_by_label("How should we contact you?").select_option("letter")
    type_into(page, "Postal address (optional)", "1 High Street")
    press_continue(page)
    press_continue(page)
    assert page.get_by_text("Select yes if you would like an advocate").first.is_visible()
    assert_accessible(page)
    choose(page, "No")
    press_continue(page)
    press_continue(page)
    press_continue(page)  # no files: "Check your answers"

    # Sending while another process holds SQLite's write lock. (On PostgreSQL the live
    # server's connection would wait for the lock; test_complaint_form.py covers that.)
    if connection.vendor == "sqlite":
        other = connection.copy()
        other.cursor().execute("BEGIN IMMEDIATE")
        try:
            with page.expect_navigation():
                page.get_by_role("button", name="Send complaint").click()
            assert page.get_by_role(
                "heading", name="Sorry, there is a problem with the service"
            ).is_visible()
            assert_accessible(page)
        finally:
            other.cursor().execute("ROLLBACK")
            other.close()
    # Too many sends from this connection.
    with override_settings(HEARD_PUBLIC_SENDS_PER_HOUR=0):
        page.goto("/complain/check-your-answers/")
        with page.expect_navigation():
            page.get_by_role("button", name="Send complaint").click()
        assert page.get_by_role(
            "heading", name="Too many forms have been sent from this connection"
        ).is_visible()
        assert_accessible(page)
    # A form sent without its security token (its cookie gone).
    page.goto("/complain/check-your-answers/")
    context.clear_cookies(name="csrftoken")
    with page.expect_navigation():
        page.get_by_role("button", name="Send complaint").click()
    assert page.get_by_role("heading", name="Sorry, we could not accept that form").is_visible()
    assert_accessible(page)
    shows("/no-such-page/", "Page not found", 404)
    # A robot filling in the hidden field.
    page.goto("/complain/check-your-answers/")
    page.evaluate("document.querySelector('input[name=website]').value = 'spam'")
    with page.expect_navigation():
        page.get_by_role("button", name="Send complaint").click()
    assert_accessible(page)
    # A body larger than the limit.
    with override_settings(HEARD_REQUEST_MAX_MB=2):
        page.goto("/complain/files/")
        page.get_by_label("Add files (optional)").set_input_files(
            [{"name": "big.pdf", "mimeType": "application/pdf", "buffer": PDF * 200_000}]
        )
        with page.expect_navigation():
            page.get_by_role("button", name="Continue").click()
        assert page.get_by_role("heading", name="What you sent is too large").is_visible()
        assert_accessible(page)
    context.close()
    assert not refused
