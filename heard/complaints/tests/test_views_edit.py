"""Correcting a complaint's details: saved, specific errors, and concurrent edits refused."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from heard.accounts.tests.factories import UserFactory
from heard.complaints.tests import factories as f
from heard.core.errors import ConcurrentChange

pytestmark = pytest.mark.django_db


def edit_url(complaint):
    return reverse("complaints:edit", args=[complaint.reference])


def form_data(complaint, **changes):
    data = {
        "version": complaint.version,
        "summary": complaint.summary,
        "description": complaint.description,
        "team": complaint.team_id,
        "channel": complaint.channel,
        "assigned_officer": "",
        "matter_date_0": "",
        "matter_date_1": "",
        "matter_date_2": "",
    }
    data.update(changes)
    return data


def test_the_form_opens_with_the_saved_details(client, officer):
    complaint = f.Stage1OpenFactory(matter_date=date(2025, 1, 20))
    client.force_login(officer)
    html = client.get(edit_url(complaint)).content.decode()
    assert f'value="{complaint.summary}"' in html
    assert 'name="matter_date_0" type="text" inputmode="numeric" value="20"' in html


def test_details_are_corrected_and_the_change_is_recorded(client, officer):
    complaint = f.Stage1OpenFactory()
    client.force_login(officer)
    response = client.post(
        edit_url(complaint),
        form_data(
            complaint,
            summary="Visits cancelled",
            matter_date_0="20",
            matter_date_1="1",
            matter_date_2="2025",
        ),
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert (complaint.summary, complaint.matter_date) == ("Visits cancelled", date(2025, 1, 20))
    assert complaint.events.get(action="edit_details").details == {
        "fields": ["summary", "matter_date"]
    }


def test_bad_details_get_specific_errors_and_nothing_changes(client, officer):
    complaint = f.Stage1OpenFactory()
    client.force_login(officer)
    response = client.post(
        edit_url(complaint),
        form_data(
            complaint,
            summary="",
            channel="",
            matter_date_0="31",
            matter_date_1="2",
            matter_date_2="2025",
        ),
    )
    html = response.content.decode()
    assert "Enter a summary of the complaint" in html
    assert "Choose how the complaint was received" in html
    assert "The date of the matter complained about must be a real date" in html
    complaint.refresh_from_db()
    assert complaint.summary == "Social worker did not return calls"


def test_a_save_from_an_out_of_date_page_is_refused_and_both_versions_are_shown(
    client, officer, manager
):
    complaint = f.Stage1OpenFactory()
    opened = complaint.version
    complaint.update_details(by=manager, version=opened, summary="Manager's wording")
    client.force_login(officer)
    response = client.post(
        edit_url(complaint), form_data(complaint, version=opened, summary="Officer's wording")
    )
    html = response.content.decode()
    assert "Someone else changed this complaint after you opened this page" in html
    assert "Manager&#x27;s wording" in html  # saved now
    assert "Officer&#x27;s wording" in html  # what the officer typed, kept in the form
    complaint.refresh_from_db()
    assert complaint.summary == "Manager's wording"
    # Saving again from the refreshed form works.
    response = client.post(edit_url(complaint), form_data(complaint, summary="Officer's wording"))
    assert response.status_code == 302


def test_the_model_refuses_a_stale_version_and_unknown_fields():
    complaint = f.Stage1OpenFactory()
    with pytest.raises(ConcurrentChange):
        complaint.update_details(by=None, version=complaint.version - 1, summary="x")
    from heard.core.errors import RuleViolation

    with pytest.raises(RuleViolation, match="cannot be edited: received_on"):
        complaint.update_details(by=None, version=complaint.version, received_on=date(2025, 1, 1))


def test_only_the_complaints_team_corrects_details(client):
    complaint = f.Stage1OpenFactory()
    client.force_login(UserFactory(role="report_viewer"))
    assert client.get(edit_url(complaint)).status_code == 404
