"""The case list and case page in a real browser, with axe-core checks on every state."""

from __future__ import annotations

import re

import pytest

from heard.accounts.tests.factories import UserFactory
from heard.complaints.models import LetterKind, LetterTemplate
from heard.complaints.tests import factories as f
from heard.conftest import assert_accessible, sign_in
from heard.core import clock

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
    page.get_by_role("link", name="Cases", exact=True).click()
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


def fill_date(page, legend, day):
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def take_step(page, action, fill, button="Save"):
    page.get_by_role("link", name=action, exact=True).click()
    page.wait_for_selector("main form[method=post]")
    assert_accessible(page)
    fill(page)
    page.get_by_role("button", name=button).click()
    page.wait_for_selector(".govuk-notification-banner--success")
    assert_accessible(page)


def test_an_officer_takes_a_complaint_from_receipt_to_stage_2(officer_page):
    from datetime import date

    page = officer_page
    f.TeamFactory(name="Fostering")
    f.ThemeFactory(name="Communication")
    f.PractitionerFactory(name="Ian Vestigate")
    f.PractitionerFactory(name="Indy Pendent")
    page.get_by_role("link", name="Cases", exact=True).click()
    page.get_by_role("button", name="Log a new complaint").click()
    assert_accessible(page)
    page.get_by_role("button", name="Log the complaint").click()  # empty: every error shows
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert_accessible(page)
    fill_date(page, "Date the complaint was received", date(2025, 3, 3))
    page.get_by_label("How was it received?").select_option("email")
    page.get_by_label("Team or service it is about").select_option(label="Fostering")
    page.get_by_label("Summary").fill("Calls not returned")
    page.get_by_label("Complainant's full name").fill("Pat Jones")
    page.get_by_label("Complainant's relationship to the child").select_option("parent")
    page.get_by_label("Email address (optional)").fill("pat@example.org")
    page.get_by_label("Child's full name (optional)", exact=True).fill("Alex Jones")
    page.get_by_role("button", name="Log the complaint").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    assert_accessible(page)
    from heard.complaints.models import Complaint

    complaint = Complaint.objects.get()

    def add_point(p):
        p.get_by_label("The point of complaint").fill("Calls not returned")
        p.get_by_label("Theme").select_option(label="Communication")

    take_step(page, "Add a point of complaint", add_point, button="Add the point")

    # An error state first: a response date before the complaint was received.
    page.get_by_role("link", name="Acknowledge", exact=True).click()
    fill_date(page, "Date the acknowledgement was sent", date(2025, 3, 2))
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text(
        "The acknowledgement date must be on or after the date the "
        "complaint was received, 3 March 2025"
    ).first.is_visible()
    assert_accessible(page)
    fill_date(page, "Date the acknowledgement was sent", date(2025, 3, 4))
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector(".govuk-notification-banner--success")

    def extend(p):
        fill_date(p, "New response date", date(2025, 3, 24))
        fill_date(p, "Date the extension was agreed", date(2025, 3, 10))
        p.get_by_label("Reason for the extension").fill("Several teams involved")

    take_step(page, "Extend the response time", extend)

    def find(p):
        p.get_by_role("group", name="Finding on point 1").get_by_label("Upheld", exact=True).check()

    take_step(page, "Record the findings", find, button="Save the findings")
    take_step(
        page,
        "Record the response",
        lambda p: fill_date(p, "Date the response was sent", date(2025, 3, 21)),
    )
    take_step(
        page,
        "Escalate to the next stage",
        lambda p: fill_date(p, "Date the complainant asked for the next stage", date(2025, 4, 1)),
    )
    for role, person in (
        ("Investigating officer", "Ian Vestigate"),
        ("Independent person", "Indy Pendent"),
    ):

        def appoint(p, role=role, person=person):
            p.get_by_label("Role").select_option(label=role)
            p.get_by_label("Person").select_option(label=person)
            fill_date(p, "Date they were appointed", date(2025, 4, 2))

        take_step(page, "Appoint the people who handle this stage", appoint)

    stage2 = complaint.stages.get(number=2)
    assert sorted(stage2.appointments.values_list("practitioner__name", flat=True)) == [
        "Ian Vestigate",
        "Indy Pendent",
    ]
    assert complaint.stages.get(number=1).status == "responded"


def test_a_manager_reads_the_audit_trail_of_a_case(page):
    manager = UserFactory(
        username="mo", first_name="Mo", last_name="Manager", role="complaints_manager"
    )
    manager.set_password(PASSWORD)
    manager.save()
    complaint = f.Stage1AcknowledgedFactory()
    sign_in(page, "mo", PASSWORD)
    page.wait_for_url(re.compile(r"/$"))
    page.goto(f"/complaints/{complaint.reference}/")
    page.get_by_role("link", name="Audit", exact=True).click()
    page.wait_for_url(re.compile(r"/audit/$"))
    assert page.get_by_role("cell", name="Mo Manager").first.is_visible()
    assert_accessible(page)


def test_an_officer_corrects_the_details_of_a_case(officer_page):
    page = officer_page
    complaint = f.Stage1OpenFactory()
    page.goto(f"/complaints/{complaint.reference}/")
    page.get_by_role("link", name="Correct the details").click()
    page.wait_for_url(re.compile(r"/edit/$"))
    assert_accessible(page)
    page.get_by_label("Summary").fill("")
    page.get_by_role("button", name="Save the details").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert_accessible(page)
    page.get_by_label("Summary").fill("Visits were cancelled at short notice")
    page.get_by_role("button", name="Save the details").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    assert page.get_by_text("Visits were cancelled at short notice").first.is_visible()


def test_an_officer_adds_a_document_and_creates_a_letter(officer_page, tmp_path):
    # A browser test's database is emptied between tests, migrated rows included.
    LetterTemplate.objects.get_or_create(
        kind=LetterKind.ACKNOWLEDGEMENT, defaults={"body": "Dear {complainant_name}"}
    )
    page = officer_page
    complaint = f.Stage1OpenFactory()
    page.goto(f"/complaints/{complaint.reference}/")
    page.get_by_role("link", name="Documents", exact=True).click()
    page.wait_for_url(re.compile(r"/documents/$"))
    assert_accessible(page)
    page.get_by_role("link", name="Add a document").click()
    page.wait_for_url(re.compile(r"/documents/new/$"))
    assert_accessible(page)

    disguised = tmp_path / "letter.pdf"
    disguised.write_bytes(b"<!DOCTYPE html><html><script>alert(1)</script></html>")
    page.get_by_label("Choose the file").set_input_files(str(disguised))
    page.get_by_role("button", name="Add the document").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert page.get_by_text("it is a web page").first.is_visible()
    assert_accessible(page)

    real = tmp_path / "letter-from-pat.pdf"
    real.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n")
    page.get_by_label("Choose the file").set_input_files(str(real))
    page.get_by_label("Title (optional)").fill("Letter from Pat")
    page.get_by_role("button", name="Add the document").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    assert page.get_by_role("link", name=re.compile("^Letter from Pat")).is_visible()

    page.get_by_role("button", name="Acknowledgement letter").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    link = page.get_by_role("link", name=re.compile("^Acknowledgement letter"))
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == f"{complaint.reference} Acknowledgement.docx"
    assert_accessible(page)


def test_the_investigating_officers_report_is_recorded_with_its_file(officer_page, tmp_path):
    page = officer_page
    complaint = f.Stage2OpenFactory()
    page.goto(f"/complaints/{complaint.reference}/")
    page.get_by_role("link", name="Record the investigating officer's report").click()
    page.wait_for_url(re.compile(r"/receive_io_report/$"))
    assert_accessible(page)
    fill_date(page, re.compile("report was received"), clock.today())
    report = tmp_path / "io-report.pdf"
    report.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n")
    page.get_by_label("The document (optional)").set_input_files(str(report))
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    page.get_by_role("link", name="Documents", exact=True).click()
    page.wait_for_url(re.compile(r"/documents/$"))
    assert page.get_by_role("link", name=re.compile("^Investigating officer's report")).is_visible()
    assert_accessible(page)


def test_an_officer_corrects_the_complainants_details(officer_page):
    page = officer_page
    complaint = f.Stage1OpenFactory(complainant__name="Pat Jones")
    page.goto(f"/complaints/{complaint.reference}/people/")
    page.get_by_role("link", name="Change the complainant's details").click()
    page.wait_for_url(re.compile(r"/complainant/$"))
    assert_accessible(page)
    page.get_by_label("Full name").fill("")
    page.get_by_role("button", name="Save the details").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert_accessible(page)
    page.get_by_label("Full name").fill("Pat Jones-Smith")
    page.get_by_label("Postal address (optional)").fill("1 High Street\nExampletown")
    page.get_by_label("Gender (optional)").select_option(label="Prefer not to say")
    page.get_by_role("button", name="Save the details").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    assert page.get_by_text("Pat Jones-Smith").first.is_visible()
    page.get_by_role("link", name="Add a child").click()
    page.wait_for_url(re.compile(r"/children/new/$"))
    assert_accessible(page)


def test_an_officer_keeps_the_register_of_appointees(officer_page):
    page = officer_page
    page.goto("/complaints/")
    page.get_by_role("link", name="Register of appointees").click()
    assert page.get_by_text("Nobody is on the register yet").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Add someone to the register").click()
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert_accessible(page)
    page.get_by_label("Name", exact=True).fill("Helen Marsh")
    page.get_by_label("Independent person (Stage 2)").check()
    page.get_by_label("Fee", exact=True).select_option(label="A daily rate")
    page.get_by_label("Fee in pounds (optional)").fill("350")
    page.get_by_role("button", name="Save").click()
    # The independent person must be independent of the council (regulation 17).
    error = page.locator(".govuk-error-message", has_text="Only someone independent")
    assert error.is_visible()
    assert_accessible(page)
    page.get_by_label("Independent of the council", exact=True).check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    assert page.get_by_text("£350.00 a day").is_visible()
    assert_accessible(page)
