"""Correcting the complainant's and children's details from the case page."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from heard.complaints.models import Child, Complaint, ComplaintEvent
from heard.complaints.tests import factories as f
from heard.core import clock

pytestmark = pytest.mark.django_db


def complainant_url(complaint):
    return reverse("complaints:edit_complainant", args=[complaint.reference])


def form_values(response):
    """What the page's form would send back unchanged, as a browser would post it."""
    form = response.context["form"]
    values = {}
    for field in form:
        value = field.value()
        if isinstance(value, list | tuple):
            for i, part in enumerate(value):
                values[f"{field.html_name}_{i}"] = "" if part is None else str(part)
        else:
            values[field.html_name] = "" if value is None else str(value)
    return values


@pytest.fixture
def complaint(db):
    complaint = f.Stage1OpenFactory(
        complainant__name="Pat Jones", complainant__email="pat@example.org"
    )
    complaint.children.add(f.ChildFactory(name="Alex Jones"))
    return complaint


def test_an_officer_corrects_the_complainants_details_and_equality_answers(
    client, officer, complaint
):
    client.force_login(officer)
    page = client.get(complainant_url(complaint))
    # Who they are and how they relate to the child come first; equality questions last.
    assert list(page.context["form"].fields)[:3] == ["name", "relationship", "address"]
    values = form_values(page)
    values.update(
        address="1 High Street\nExampletown EX1 1AA",
        phone="01234 567890",
        ethnicity="prefer_not_to_say",
        relationship="special_guardian",
    )
    response = client.post(complainant_url(complaint), values)
    assert response.status_code == 302
    complaint.refresh_from_db()
    complainant = complaint.complainant
    assert complainant.address == "1 High Street\nExampletown EX1 1AA"
    assert complainant.phone == "01234 567890"
    assert complainant.ethnicity == "prefer_not_to_say"
    assert complainant.gender == ""  # not answered stays blank, apart from "prefer not to say"
    assert complaint.relationship == "special_guardian"
    event = ComplaintEvent.objects.get(action="edit_complainant")
    assert event.actor == officer
    assert set(event.details["changed"]) == {"address", "phone", "ethnicity", "relationship"}
    change = LogEntry.objects.get_for_object(complainant).get(action=LogEntry.Action.UPDATE)
    assert change.additional_data == {"complaint": complaint.pk}
    assert "1 High Street" in client.get(response.url).content.decode()


def test_email_is_needed_when_it_is_the_preferred_way_to_contact(client, officer, complaint):
    client.force_login(officer)
    values = form_values(client.get(complainant_url(complaint)))
    values.update(email="", preferred_contact="email")
    html = client.post(complainant_url(complaint), values).content.decode()
    assert "Enter an email address, or choose another way to contact them" in html
    complaint.complainant.refresh_from_db()
    assert complaint.complainant.email == "pat@example.org"


def test_a_save_from_an_out_of_date_page_is_refused_and_shows_both_values(
    client, officer, complaint
):
    client.force_login(officer)
    stale = form_values(client.get(complainant_url(complaint)))
    complainant = complaint.complainant
    complainant.phone = "07000 000001"  # someone else saves first
    complainant.save()
    stale.update(phone="07000 000002")
    response = client.post(complainant_url(complaint), stale)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else changed these details after you opened this page" in html
    assert ("Phone number (optional)", "07000 000001", "07000 000002") in response.context[
        "form"
    ].differences
    complainant.refresh_from_db()
    assert complainant.phone == "07000 000001"
    # What was typed is kept, and saving again (now knowingly) succeeds.
    again = form_values(response)
    assert again["phone"] == "07000 000002"
    assert client.post(complainant_url(complaint), again).status_code == 302
    complainant.refresh_from_db()
    assert complainant.phone == "07000 000002"


def test_a_stale_save_of_the_relationship_is_refused(client, officer, complaint):
    client.force_login(officer)
    stale = form_values(client.get(complainant_url(complaint)))
    # Someone else corrects the relationship (it is saved on the complaint, not the person).
    Complaint.objects.filter(pk=complaint.pk).update(relationship="special_guardian")
    stale.update(relationship="foster_carer")
    response = client.post(complainant_url(complaint), stale)
    assert response.status_code == 200
    assert "Someone else changed these details" in response.content.decode()
    differences = response.context["form"].differences
    assert ("Relationship to the child", "Special guardian", "Foster carer") in differences
    complaint.refresh_from_db()
    assert complaint.relationship == "special_guardian"


def test_a_childs_details_are_corrected_and_bad_input_is_refused(client, officer, complaint):
    child = complaint.children.get()
    url = reverse("complaints:edit_child", args=[complaint.reference, child.pk])
    client.force_login(officer)
    values = form_values(client.get(url))
    future = clock.today() + timedelta(days=3)
    bad = {
        **values,
        "name": "",
        "date_of_birth_0": str(future.day),
        "date_of_birth_1": str(future.month),
        "date_of_birth_2": str(future.year),
    }
    html = client.post(url, bad).content.decode()
    assert "Enter the child&#x27;s name" in html
    assert "The date the child was born must be in the past" in html
    child.refresh_from_db()
    assert child.name == "Alex Jones"

    good = {
        **values,
        "name": "<script>alert(1)</script>",
        "date_of_birth_0": "1",
        "date_of_birth_1": "6",
        "date_of_birth_2": "2014",
        "legal_status": "looked_after",
    }
    assert client.post(url, good).status_code == 302
    child.refresh_from_db()
    assert (child.name, child.date_of_birth) == ("<script>alert(1)</script>", date(2014, 6, 1))
    page = client.get(
        reverse("complaints:section", args=[complaint.reference, "people"])
    ).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page


def test_a_child_can_be_added_to_a_complaint_logged_without_one(client, officer):
    complaint = f.Stage1OpenFactory()
    url = reverse("complaints:add_child", args=[complaint.reference])
    client.force_login(officer)
    values = form_values(client.get(url))
    values.update(name="Sam Smith", legal_status="child_in_need")
    assert client.post(url, values).status_code == 302
    assert [c.name for c in complaint.children.all()] == ["Sam Smith"]
    assert ComplaintEvent.objects.filter(action="add_child").count() == 1
    added = LogEntry.objects.get_for_object(Child.objects.get()).get()
    assert added.additional_data == {"complaint": complaint.pk}


def test_a_child_of_another_complaint_is_not_found(client, officer, complaint):
    other = f.Stage1OpenFactory()
    child = complaint.children.get()
    client.force_login(officer)
    url = reverse("complaints:edit_child", args=[other.reference, child.pk])
    assert client.get(url).status_code == 404


def test_unchanged_details_save_nothing(client, officer, complaint):
    client.force_login(officer)
    values = form_values(client.get(complainant_url(complaint)))
    response = client.post(complainant_url(complaint), values, follow=True)
    assert "Nothing was changed" in response.content.decode()
    assert not ComplaintEvent.objects.filter(action="edit_complainant").exists()


def test_a_second_child_can_be_added_from_the_case_page(client, officer, complaint):
    """A complaint about two siblings: the case page offers another child after the first."""
    client.force_login(officer)
    url = reverse("complaints:add_child", args=[complaint.reference])
    page = client.get(
        reverse("complaints:section", args=[complaint.reference, "people"])
    ).content.decode()
    assert f'href="{url}"' in page
    assert "Add another child" in page
    values = form_values(client.get(url))
    values.update(name="Sam Jones", legal_status="child_in_need")
    assert client.post(url, values).status_code == 302
    assert sorted(c.name for c in complaint.children.all()) == ["Alex Jones", "Sam Jones"]


def test_only_those_who_may_change_the_case_are_offered_another_child(client, complaint):
    from heard.accounts.tests.factories import UserFactory

    responder = UserFactory(role="responding_manager", team=complaint.team)
    client.force_login(responder)
    page = client.get(
        reverse("complaints:section", args=[complaint.reference, "people"])
    ).content.decode()
    assert "Add another child" not in page
