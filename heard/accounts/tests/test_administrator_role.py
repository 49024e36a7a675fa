"""The administrator configures Heard and does nothing else: not a Django superuser, so every
check is the role's (issue 19). The admin site keeps configuration and deletes nothing a case
refers to."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from heard.accounts.models import Role, User
from heard.accounts.tests.factories import UserFactory
from heard.complaints.models import Complaint, Theme
from heard.complaints.tests import factories as f
from heard.core.models import Team
from heard.imports.models import ImportJob
from heard.reporting.models import PublishedReport
from heard.sars.models import Exemption
from heard.workdays.models import ClosureDay

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def admin_switched_on(settings):
    """These tests read the Django admin, which an operator may turn on (it is off by
    default: heard.core.middleware.AdminSwitch)."""
    settings.HEARD_ADMIN_ENABLED = True


@pytest.fixture
def administrator(db):
    return User.objects.create_superuser("alex", "alex@example.gov.uk", "a long password 2026")


def test_the_administrator_cannot_log_a_complaint_publish_a_report_or_read_an_import(
    client, administrator, manager
):
    client.force_login(administrator)
    team = f.TeamFactory()
    assert client.get(reverse("complaints:create")).status_code == 403
    response = client.post(reverse("complaints:create"), {"team": team.pk, "summary": "x"})
    assert response.status_code == 403
    assert not Complaint.objects.exists()
    publish = reverse("reporting:publish") + "?year=2024&procedure=children"
    assert client.post(publish).status_code == 403
    assert not PublishedReport.objects.exists()
    job = ImportJob.objects.create(file_name="log.csv", content=b"x", uploaded_by=manager)
    assert client.get(reverse("imports:job", args=[job.pk])).status_code == 403
    assert client.get(reverse("sars:create")).status_code == 403


def test_the_administrator_keeps_the_configuration_in_the_admin_site(client, administrator):
    client.force_login(administrator)
    assert client.get(reverse("admin:index")).status_code == 200
    for model in (Team, Theme, ClosureDay, Exemption):
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert client.get(changelist).status_code == 200, opts.label
        assert (
            client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add")).status_code == 200
        )


def test_nothing_a_case_refers_to_can_be_deleted_in_the_admin_site(client, administrator):
    complaint = f.Stage1OpenFactory()
    team, theme = complaint.team, f.ThemeFactory()
    exemption = Exemption.objects.create(name="Third-party information")
    client.force_login(administrator)
    for obj in (team, theme, exemption):
        opts = obj._meta
        delete = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[obj.pk])
        response = client.get(delete)
        assert response.status_code == 403, opts.label
        assert complaint.reference not in response.content.decode()
        assert client.post(delete, {"post": "yes"}).status_code == 403
        assert type(obj).objects.filter(pk=obj.pk).exists()
    changelist = reverse("admin:core_team_changelist")
    response = client.post(
        changelist, {"action": "delete_selected", "_selected_action": [team.pk], "post": "yes"}
    )
    assert Team.objects.filter(pk=team.pk).exists()
    # A closure day is referred to by no case: a mistaken one may be deleted.
    day = ClosureDay.objects.create(day=date(2030, 12, 27), description="Closure")
    delete = reverse("admin:workdays_closureday_delete", args=[day.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not ClosureDay.objects.filter(pk=day.pk).exists()


@pytest.mark.parametrize("role", [r for r in Role if r not in (Role.ADMINISTRATOR,)])
def test_only_the_administrator_and_the_complaints_manager_open_the_admin_site(client, role):
    user = UserFactory(role=role, is_staff=role == Role.COMPLAINTS_MANAGER)
    client.force_login(user)
    response = client.get(reverse("admin:core_team_changelist"))
    assert response.status_code == (200 if role == Role.COMPLAINTS_MANAGER else 302)
