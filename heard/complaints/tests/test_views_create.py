"""Logging a new complaint and adding points of complaint from the screens."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from heard.accounts.tests.factories import UserFactory
from heard.complaints.models import Complainant, Complaint
from heard.complaints.tests import factories as f
from heard.core import clock

pytestmark = pytest.mark.django_db
URL = reverse("complaints:create")


def day_fields(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


@pytest.fixture
def valid(db):
    team = f.TeamFactory(name="Fostering")
    return {
        "procedure": "children",
        **day_fields("received_on", date(2025, 3, 3)),
        "channel": "email",
        "team": team.pk,
        "summary": "Calls not returned",
        "description": "I have rung the social worker five times.",
        "complainant_name": "Pat Jones",
        "relationship": "parent",
        "complainant_email": "pat@example.org",
        "complainant_address": "2 Station Road\nExampletown",
        "preferred_contact": "email",
        "child_name": "Alex Jones",
        **day_fields("child_date_of_birth", date(2014, 6, 1)),
        "child_record_number": "SC123456",
        "child_legal_status": "child_in_need",
    }


def test_an_officer_logs_a_complaint_and_it_starts_at_stage_1(client, officer, valid):
    client.force_login(officer)
    response = client.post(URL, valid)
    complaint = Complaint.objects.get()
    assert response.url == reverse("complaints:detail", args=[complaint.reference])
    assert complaint.reference == "CSC-2025-00001"
    assert complaint.assigned_officer == officer
    assert complaint.complainant.email == "pat@example.org"
    assert complaint.complainant.address == "2 Station Road\nExampletown"
    assert complaint.children.get().record_number == "SC123456"
    assert complaint.active_stage.started_on == date(2025, 3, 3)
    assert complaint.events.get().actor == officer


def test_a_complaint_about_brothers_and_sisters_names_each_child_when_it_is_logged(
    client, officer, valid
):
    client.force_login(officer)
    page = client.get(URL).content.decode()
    assert "The complaint is about more than one child" in page
    two = {
        **valid,
        "child2_name": "Sam Jones",
        **day_fields("child2_date_of_birth", date(2016, 1, 9)),
    }
    missing = client.post(URL, {**two, "child3_record_number": "SC999", "child3_name": ""})
    assert "Enter the third child&#x27;s name" in missing.content.decode()
    assert " open>" in missing.content.decode()  # the later children's fields are shown open
    assert not Complaint.objects.exists()
    client.post(URL, two)
    children = Complaint.objects.get().children.order_by("name")
    assert [(c.name, c.legal_status) for c in children] == [
        ("Alex Jones", "child_in_need"),
        ("Sam Jones", "not_known"),
    ]


def test_an_adult_social_care_complaint_is_logged_under_its_own_procedure(client, officer, valid):
    client.force_login(officer)
    client.post(URL, {**valid, "procedure": "adults"})
    complaint = Complaint.objects.get()
    assert (complaint.reference, complaint.procedure) == ("ASC-2025-00001", "adults")
    assert complaint.active_stage.acknowledgement_due == date(2025, 3, 6)  # 3 working days


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"summary": ""}, "summary", "Enter a summary of the complaint"),
        ({"complainant_name": ""}, "complainant_name", "Enter the complainant&#x27;s name"),
        (
            {"relationship": ""},
            "relationship",
            "Choose the complainant&#x27;s relationship to the child",
        ),
        ({"channel": ""}, "channel", "Choose how the complaint was received"),
        ({"procedure": "parking"}, "procedure", "Choose the procedure"),
        (
            {"received_on_0": "", "received_on_1": "", "received_on_2": ""},
            "received_on_0",
            "Enter the date the complaint was received",
        ),
        (
            {"received_on_1": "13"},
            "received_on_0",
            "The date the complaint was received must be a real date",
        ),
        (
            {"complainant_email": "pat-at-example"},
            "complainant_email",
            "Enter an email address in the correct format, like name@example.com",
        ),
        (
            {"complainant_email": ""},
            "complainant_email",
            "Enter an email address, or choose another way to contact them",
        ),
        ({"child_name": ""}, "child_name", "Enter the child&#x27;s name"),
    ],
)
def test_bad_input_gets_a_specific_error_and_saves_nothing(
    client, officer, valid, change, field, message
):
    client.force_login(officer)
    response = client.post(URL, {**valid, **change})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert f'href="#id_{field}"' in html
    assert not Complaint.objects.exists()
    assert not Complainant.objects.exists()


def test_a_complaint_received_in_the_future_is_refused(client, officer, valid):
    client.force_login(officer)
    tomorrow = clock.today() + timedelta(days=1)
    response = client.post(URL, {**valid, **day_fields("received_on", tomorrow)})
    assert "The received date must be today or in the past" in response.content.decode()
    assert not Complaint.objects.exists()
    assert not Complainant.objects.exists()


def test_script_tags_in_every_text_field_are_stored_as_text_and_shown_escaped(
    client, officer, valid
):
    client.force_login(officer)
    script = "<script>alert(1)</script>"
    texts = [
        "summary",
        "description",
        "complainant_name",
        "complainant_phone",
        "child_name",
        "child_record_number",
    ]
    response = client.post(URL, {**valid, **{name: f"{script}{name}"[:40] for name in texts}})
    complaint = Complaint.objects.get()
    assert complaint.summary == f"{script}summary"
    html = client.get(response.url).content.decode()
    assert script not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;summary" in html


def test_only_the_complaints_team_logs_complaints(client, valid):
    client.force_login(UserFactory(role="responding_manager"))
    assert client.get(URL).status_code == 403
    assert client.post(URL, valid).status_code == 403
    assert not Complaint.objects.exists()


def test_a_point_of_complaint_is_added_with_its_theme(client, officer):
    complaint = f.Stage1OpenFactory()
    theme = f.ThemeFactory(name="Delay")
    client.force_login(officer)
    url = reverse("complaints:add_element", args=[complaint.reference])
    response = client.post(url, {"theme": "", "description": ""})
    html = response.content.decode()
    assert "Choose the theme of this point" in html
    assert "Describe the point of complaint" in html
    assert not complaint.elements.exists()
    client.post(url, {"theme": theme.pk, "description": "The visit was late"})
    element = complaint.elements.get()
    assert (element.number, element.theme, element.description) == (1, theme, "The visit was late")


def test_text_over_its_limit_gets_a_govuk_message(client, officer, valid):
    client.force_login(officer)
    response = client.post(URL, {**valid, "complainant_phone": "0" * 41, "summary": "s" * 301})
    html = response.content.decode()
    assert "Phone number must be 40 characters or fewer" in html
    assert "Summary must be 300 characters or fewer" in html
    assert not Complaint.objects.exists()


def test_the_error_summary_lists_errors_in_the_order_of_the_page(client, officer):
    client.force_login(officer)
    html = client.post(URL, {"description": ""}).content.decode()
    links = [
        "#id_received_on_0",
        "#id_channel",
        "#id_team",
        "#id_summary",
        "#id_complainant_name",
        "#id_relationship",
    ]
    positions = [html.index(f'href="{link}"') for link in links]
    assert positions == sorted(positions)


@pytest.mark.parametrize(("procedure", "reference"), [("corporate", "COR"), ("adults", "ASC")])
def test_an_adult_or_corporate_complaint_is_logged_and_answered_without_a_childs_question(
    client, officer, valid, procedure, reference
):
    # The trial: a corporate complaint about bins was refused until "relationship to the
    # child" was answered, and an adult complaint showed "Child: Not recorded / Add a child".
    client.force_login(officer)
    answers = {k: v for k, v in valid.items() if not k.startswith("child") and k != "relationship"}
    response = client.post(URL, {**answers, "procedure": procedure, "summary": "Bins not emptied"})
    assert response.status_code == 302, response.context["form"].errors
    complaint = Complaint.objects.get()
    assert complaint.reference.startswith(reference)
    assert complaint.relationship == "self"
    assert not complaint.children.exists()
    page = client.get(response.url).content.decode()
    for question in ("Child</dt>", "Add a child", "Advocacy</dt>", "relationship", "advocate"):
        assert question not in page, question
    # Answered on screen: a point, its finding and the response, with no child in sight.
    stage = complaint.active_stage
    complaint.add_element(by=officer, theme=f.ThemeFactory(), description="Missed collection")
    stage.record_finding(by=officer, element=complaint.elements.get(), finding="upheld")
    stage.refresh_from_db()
    answered = client.post(
        reverse("complaints:step", args=[complaint.reference, "respond"]),
        {"version": stage.version, **day_fields("ended_on", date(2025, 3, 10))},
    )
    assert answered.status_code == 302
    stage.refresh_from_db()
    assert stage.status == "responded"
    assert "advocate" not in client.get(response.url).content.decode()


def test_an_adult_complaint_names_the_person_it_is_about_and_a_childrens_one_may_not(
    client, officer, valid
):
    client.force_login(officer)
    answers = {k: v for k, v in valid.items() if not k.startswith("child") and k != "relationship"}
    about = "Her mother, Mrs Edna Shah"
    response = client.post(URL, {**answers, "procedure": "adults", "about_person": about})
    assert response.status_code == 302, response.context["form"].errors
    complaint = Complaint.objects.get()
    assert complaint.about_person == about
    people = reverse("complaints:section", args=[complaint.reference, "people"])
    page = client.get(people).content.decode()
    assert "About</dt>" in page
    assert about in page
    # Corrected later on the details page, like the rest of the complaint's details.
    edit = reverse("complaints:edit", args=[complaint.reference])
    assert about in client.get(edit).content.decode()
    # A children's complaint names its children instead: the answer is kept and explained.
    refused = client.post(URL, {**valid, "about_person": "Alex"})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Leave this empty for a children&#x27;s complaint" in page
    assert 'value="Alex Jones"' in page
    assert Complaint.objects.count() == 1
