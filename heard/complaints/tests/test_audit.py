"""The audit trail: every change and every view of a case, for managers to read."""

from __future__ import annotations

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.contrib import admin
from django.urls import reverse

from heard.accounts.tests.factories import UserFactory
from heard.complaints.audit import entries_for
from heard.complaints.models import Cost
from heard.complaints.tests import factories as f

pytestmark = pytest.mark.django_db


def test_a_change_through_the_screens_is_logged_with_who_before_and_after(client, officer):
    complaint = f.Stage1OpenFactory()
    client.force_login(officer)
    stage = complaint.stages.get(number=1)
    client.post(
        reverse("complaints:step", args=[complaint.reference, "acknowledge"]),
        {
            "version": stage.version,
            "acknowledged_on_0": "4",
            "acknowledged_on_1": "3",
            "acknowledged_on_2": "2025",
        },
        REMOTE_ADDR="10.1.2.3",
    )
    entry = (
        entries_for(complaint)
        .filter(action=LogEntry.Action.UPDATE, content_type__model="stage")
        .first()
    )
    assert entry.actor == officer
    assert entry.remote_addr == "10.1.2.3"
    assert entry.changes_dict["acknowledged_on"] == [None, "2025-03-04"]


def test_opening_a_case_page_is_logged_as_a_view(client, officer):
    complaint = f.Stage1OpenFactory()
    client.force_login(officer)
    client.get(reverse("complaints:detail", args=[complaint.reference]), REMOTE_ADDR="10.9.8.7")
    view = entries_for(complaint).get(action=LogEntry.Action.ACCESS)
    assert (view.actor, view.remote_addr) == (officer, "10.9.8.7")


def test_entries_for_a_case_include_its_stages_findings_and_costs_only():
    complaint = f.Stage2OpenFactory()
    other = f.Stage1OpenFactory()
    complaint.active_stage.add_cost(
        by=None, kind="io_fee", amount=500, incurred_on=complaint.active_stage.started_on
    )
    models = set(entries_for(complaint).values_list("content_type__model", flat=True))
    assert {"complaint", "stage", "element", "elementfinding", "cost"} <= models
    assert (
        not entries_for(complaint)
        .filter(object_pk=str(other.pk), content_type__model="complaint")
        .exists()
    )


def test_the_audit_tab_is_for_complaints_managers(client, officer, manager):
    complaint = f.Stage1OpenFactory()
    url = reverse("complaints:audit", args=[complaint.reference])
    client.force_login(manager)
    case_page = client.get(reverse("complaints:detail", args=[complaint.reference]))
    assert url in case_page.content.decode()
    page = client.get(url)
    assert page.status_code == 200
    assert "Mo Manager" in page.content.decode()
    client.force_login(officer)
    assert (
        url
        not in client.get(reverse("complaints:detail", args=[complaint.reference])).content.decode()
    )
    assert client.get(url).status_code == 403
    client.force_login(UserFactory(role="report_viewer"))
    assert client.get(url).status_code == 404


def test_audit_entries_cannot_be_edited_or_deleted_through_the_admin():
    assert not admin.site.is_registered(LogEntry)


def test_a_new_complainant_and_child_are_logged_and_later_edits_name_their_complaint():
    complaint = f.Stage1OpenFactory(children=[f.ChildFactory()])
    person, child = complaint.complainant, complaint.children.get()
    for logged in (person, child):
        entry = entries_about(logged).get(action=LogEntry.Action.CREATE)
        assert entry.additional_data == {"complaint": None}  # no complaint named them yet
    person.phone = "01632 960000"
    person.save()
    child.name = "Sam Jones"
    child.save()
    for logged in (person, child):
        entry = entries_about(logged).get(action=LogEntry.Action.UPDATE)
        assert entry.additional_data == {"complaint": complaint.pk}


def entries_about(instance):
    return LogEntry.objects.filter(
        content_type__model=instance._meta.model_name, object_pk=str(instance.pk)
    )


def test_correcting_and_removing_a_remedy_learning_action_or_cost_is_audited_on_the_case():
    complaint = f.Stage1RespondedFactory()
    on = complaint.active_stage.ended_on
    records = [
        f.agree_remedy(complaint, on),
        f.raise_learning_action(complaint, on),
        complaint.active_stage.add_cost(by=None, kind="venue", amount=80, incurred_on=on),
    ]
    for record in records:
        changes = {"note": "Room hire"} if isinstance(record, Cost) else {"owner": "Director"}
        assert record.correct(by=None, **changes)
        record.remove(by=None, reason="Recorded in error")
    logged = set(entries_for(complaint).values_list("content_type__model", "action").distinct())
    for model in ("remedy", "learningaction", "cost"):
        for action in (LogEntry.Action.CREATE, LogEntry.Action.UPDATE, LogEntry.Action.DELETE):
            assert (model, action) in logged, (model, action)


def test_the_audit_tab_reads_in_words(client, manager):
    """Field labels, choices by their label, linked records by name, dates written out, and
    a document's fingerprint only as changed: no field names, ids or hashes."""
    complaint = f.Stage1OpenFactory()
    new_team = f.TeamFactory(name="Leaving care")
    complaint.team = new_team
    complaint.relationship = "foster_carer"
    complaint.save()
    complaint.active_stage.acknowledge(by=manager, on=date(2025, 3, 4))
    client.force_login(manager)
    page = client.get(reverse("complaints:audit", args=[complaint.reference]))
    html = page.content.decode()
    assert "→ Leaving care" in html
    assert "→ Foster carer" in html
    assert "4 March 2025" in html
    assert "Changed: Complaint " in html
    entries = page.context["entries"]
    labels = {change.label for entry in entries for change in entry.changes}
    assert "Team" in labels
    assert "team" not in labels
    assert "ID" not in labels
    assert not any(change.new == str(new_team.pk) for entry in entries for change in entry.changes)
