"""The dashboard: open work across every kind of case, counted for what the user may see."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from heard.complaints.tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_dashboard_counts_open_overdue_and_due_soon_complaints(client, officer):
    f.Stage1AcknowledgedFactory()  # response due Monday 17 March 2025
    f.Stage1RespondedFactory()
    client.force_login(officer)
    with time_machine.travel(date(2025, 3, 18), tick=False):
        response = client.get(reverse("dashboard:home"))
    assert (
        response.context["open_count"],
        response.context["overdue_count"],
        response.context["due_soon_count"],
    ) == (2, 1, 0)
    # One open complaint, its Stage 1 in progress; the answered one is within its window.
    assert response.context["by_stage_and_status"] == [
        (1, [1, 0, 0, 0, 1]),
        (2, [0, 0, 0, 0, 0]),
        (3, [0, 0, 0, 0, 0]),
    ]
    page = response.content.decode()
    assert "?overdue=on&amp;sort=due&amp;order=asc" in page


def test_the_dashboard_counts_only_cases_the_user_may_see(client):
    from heard.accounts.tests.factories import UserFactory

    f.Stage1AcknowledgedFactory()
    viewer = UserFactory(role="report_viewer")
    client.force_login(viewer)
    response = client.get(reverse("dashboard:home"))
    assert response.context["open_count"] == 0
    assert response.context["by_stage_and_status"] == [(n, [0] * 5) for n in (1, 2, 3)]


def test_my_open_work_counts_the_open_complaints_assigned_to_me(client, officer):
    f.Stage1OpenFactory(assigned_officer=officer)
    f.Stage1OpenFactory()
    client.force_login(officer)
    response = client.get(reverse("dashboard:home"))
    assert response.context["my_count"] == 1
    assert f"?officer={officer.pk}&amp;status=open" in response.content.decode()


def test_the_dashboard_counts_open_and_overdue_complaints_by_procedure(client, officer):
    from heard.complaints.choices import Procedure

    f.Stage1OpenFactory(procedure=Procedure.ADULTS)  # received in 2025: long overdue now
    f.Stage1OpenFactory(procedure=Procedure.ADULTS)
    f.Stage1OpenFactory(procedure=Procedure.CORPORATE)
    client.force_login(officer)
    response = client.get(reverse("dashboard:home"))
    rows = {code: (open_, overdue) for code, _, open_, overdue in response.context["by_procedure"]}
    assert rows == {"children": (0, 0), "adults": (2, 2), "corporate": (1, 1)}
    assert "?procedure=adults&amp;overdue=on" in response.content.decode()


def test_the_dashboard_shows_the_latest_month_of_referrals(client, officer):
    from heard.referrals.models import MonthlyReferrals

    MonthlyReferrals.objects.create(month=date(2025, 1, 1), referrals=300)
    MonthlyReferrals.objects.create(month=date(2025, 2, 1), referrals=341)
    client.force_login(officer)
    page = client.get(reverse("dashboard:home")).content.decode()
    assert "341 in February 2025, the latest month recorded" in page
