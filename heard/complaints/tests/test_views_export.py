"""The case list a manager can work from: who each case is with, its procedure, the cases
assigned to no one, and the filtered list as a CSV download (every row permission-checked,
cells Excel cannot run as formulas)."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from heard.accounts.tests.factories import UserFactory
from heard.complaints.models import Complaint
from heard.complaints.tests import factories as f
from heard.core.tests.factories import TeamFactory

pytestmark = pytest.mark.django_db


def downloaded(client, **params) -> list[list[str]]:
    response = client.get(reverse("complaints:export"), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:])))


def test_the_list_shows_the_procedure_and_the_assigned_officer(client, officer):
    f.Stage1OpenFactory(assigned_officer=officer)
    f.Stage1OpenFactory()
    client.force_login(officer)
    html = client.get(reverse("complaints:list")).content.decode()
    assert "Assigned officer</th>" in html
    assert "Children&#x27;s social care (statutory)" in html or "Children's social care" in html
    assert "Olivia" in html
    assert "Not assigned</td>" in html


def test_the_cases_assigned_to_no_one_can_be_listed_and_downloaded(client, officer):
    mine = f.Stage1OpenFactory(assigned_officer=officer)
    nobody = f.Stage1OpenFactory()
    client.force_login(officer)
    listed = client.get(reverse("complaints:list"), {"unassigned": "on"})
    assert nobody.reference in listed.content.decode()
    assert mine.reference not in listed.content.decode()
    rows = downloaded(client, unassigned="on")
    assert [row[0] for row in rows[1:]] == [nobody.reference]
    both = client.get(reverse("complaints:list"), {"unassigned": "on", "officer": officer.pk})
    assert "not both" in both.content.decode()


def test_the_download_holds_only_the_cases_the_user_may_see(client):
    theirs, other = TeamFactory(name="Fostering"), TeamFactory(name="Adoption")
    seen = f.Stage1OpenFactory(team=theirs)
    f.Stage1OpenFactory(team=other)
    responder = UserFactory(role="responding_manager", team=theirs)
    client.force_login(responder)
    rows = downloaded(client)
    assert rows[0][:3] == ["Reference", "Procedure", "Received"]
    assert [row[0] for row in rows[1:]] == [seen.reference]
    client.force_login(UserFactory(role="report_viewer"))
    assert client.get(reverse("complaints:export")).status_code in (403, 404)


def test_text_that_looks_like_a_formula_is_defused(client, officer):
    complaint = f.Stage1OpenFactory(summary='=HYPERLINK("http://example.com","Click")')
    client.force_login(officer)
    rows = downloaded(client)
    row = next(r for r in rows if r[0] == complaint.reference)
    assert row[-1] == '\'=HYPERLINK("http://example.com","Click")'


def test_the_download_costs_the_same_queries_for_few_cases_or_many(client, officer):
    f.Stage1OpenFactory()
    client.force_login(officer)
    with CaptureQueriesContext(connection) as few:
        downloaded(client)
    for _ in range(5):
        f.Stage1OpenFactory(assigned_officer=officer)
    with CaptureQueriesContext(connection) as many:
        rows = downloaded(client)
    assert len(rows) == Complaint.objects.count() + 1
    assert len(many) == len(few)


def test_a_download_is_audited_once_with_its_filter(client, officer):
    from auditlog.models import LogEntry

    f.Stage1OpenFactory()
    f.Stage1OpenFactory()
    client.force_login(officer)
    downloaded(client, status="open")
    entry = LogEntry.objects.get(additional_data__export="complaints")
    assert (entry.actor, entry.action) == (officer, LogEntry.Action.ACCESS)
    assert entry.additional_data["filter"] == "status=open"
