"""Teams and service areas, kept on screen by a complaints manager or an administrator."""

from __future__ import annotations

import html

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from heard.accounts.models import Role
from heard.accounts.tests.factories import UserFactory
from heard.complaints.tests import factories as f
from heard.core.models import Team
from heard.core.tests.factories import TeamFactory

pytestmark = pytest.mark.django_db
LIST = reverse("core:teams")
ADD = reverse("core:add_team")


def edit_url(team):
    return reverse("core:edit_team", args=[team.pk])


@pytest.mark.parametrize("role", list(Role))
def test_only_complaints_managers_and_administrators_keep_the_teams(client, role):
    team = TeamFactory(name="Fostering")
    client.force_login(UserFactory(role=role))
    allowed = role in (Role.COMPLAINTS_MANAGER, Role.ADMINISTRATOR)
    for url in (LIST, ADD, edit_url(team)):
        assert client.get(url).status_code == (200 if allowed else 403)
    assert client.post(
        ADD, {"name": "Adoption", "active": "on", "service": "children"}
    ).status_code == (302 if allowed else 403)
    assert Team.objects.filter(name="Adoption").exists() == allowed


def test_a_manager_adds_a_team_and_it_is_offered_for_new_complaints(client, manager):
    client.force_login(manager)
    response = client.post(
        ADD, {"name": "Leaving care", "active": "on", "service": "children"}, follow=True
    )
    assert "Team “Leaving care” added" in response.content.decode()
    team = Team.objects.get(name="Leaving care")
    assert team.active
    offered = client.get(reverse("complaints:create")).context["form"].fields["team"].queryset
    assert team in offered
    assert LogEntry.objects.get_for_object(team).get().action == LogEntry.Action.CREATE


def test_a_deactivated_team_keeps_its_cases_but_is_not_offered_for_new_ones(client, manager):
    complaint = f.Stage1OpenFactory(team__name="Early help")
    team = complaint.team
    client.force_login(manager)
    response = client.post(
        edit_url(team), {"name": "Early help", "service": "children"}, follow=True
    )
    assert "Team “Early help” saved" in response.content.decode()
    team.refresh_from_db()
    assert not team.active
    offered = client.get(reverse("complaints:create")).context["form"].fields["team"].queryset
    assert team not in offered
    # The case still names it; its edit form still offers it, so saving keeps it.
    page = client.get(reverse("complaints:detail", args=[complaint.reference])).content.decode()
    assert "Early help" in page
    edit = client.get(reverse("complaints:edit", args=[complaint.reference]))
    assert team in edit.context["form"].fields["team"].queryset
    # The lists still filter by it, for the cases it has.
    listed = client.get(reverse("complaints:list")).context["form"].fields["team"].queryset
    assert team in listed
    listing = client.get(LIST).content.decode()
    assert "Not offered for new cases" in listing
    update = LogEntry.objects.get_for_object(team).filter(action=LogEntry.Action.UPDATE).get()
    changes = update.changes_dict
    assert changes["active"] == [True, False]


def test_a_team_can_be_renamed_and_made_active_again(client, manager):
    team = TeamFactory(name="Child protection", active=False)
    client.force_login(manager)
    client.post(
        edit_url(team),
        {"name": "Child protection and safeguarding", "active": "on", "service": "children"},
    )
    team.refresh_from_db()
    assert (team.name, team.active) == ("Child protection and safeguarding", True)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Enter the team's name"),
        ("  ", "Enter the team's name"),
        ("FOSTERING", "There is already a team called Fostering"),
        ("x" * 121, "Team's name must be 120 characters or fewer"),
    ],
)
def test_a_bad_name_is_refused_with_a_specific_error_and_saves_nothing(
    client, manager, name, message
):
    TeamFactory(name="Fostering")
    client.force_login(manager)
    response = client.post(ADD, {"name": name, "active": "on", "service": "children"})
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert list(Team.objects.values_list("name", flat=True)) == ["Fostering"]


def test_renaming_a_team_to_another_teams_name_is_refused(client, manager):
    TeamFactory(name="Fostering")
    adoption = TeamFactory(name="Adoption")
    client.force_login(manager)
    response = client.post(
        edit_url(adoption), {"name": "fostering", "active": "on", "service": "children"}
    )
    assert "There is already a team called Fostering" in response.content.decode()
    adoption.refresh_from_db()
    assert adoption.name == "Adoption"


def test_a_team_that_does_not_exist_is_not_found(client, manager):
    client.force_login(manager)
    assert client.get(reverse("core:edit_team", args=[999])).status_code == 404


def test_a_team_belongs_to_a_service_whose_report_counts_its_compliments(client, manager):
    client.force_login(manager)
    response = client.post(ADD, {"name": "Reablement", "service": "adults", "active": "on"})
    assert response.status_code == 302
    assert Team.objects.get(name="Reablement").service == "adults"
    assert "Adult social care" in client.get(reverse("core:teams")).content.decode()
    refused = client.post(ADD, {"name": "Bins", "active": "on"})
    assert "Choose the team&#x27;s service" in refused.content.decode()


def test_a_team_sits_in_a_service_area_which_the_list_shows(client, manager):
    client.force_login(manager)
    client.post(
        ADD,
        {
            "name": "Fostering",
            "active": "on",
            "service": "children",
            "service_area": "  Children in   care ",
        },
    )
    team = Team.objects.get(name="Fostering")
    assert team.service_area == "Children in care"
    TeamFactory(name="Adoption")
    listing = client.get(LIST).content.decode()
    assert "Children in care" in listing
    # A team with no area says so, rather than a blank cell.
    assert "Not recorded" in listing
    # Another spelling of an area a team is in is that area.
    client.post(
        ADD,
        {
            "name": "Kinship",
            "active": "on",
            "service": "children",
            "service_area": "CHILDREN IN CARE",
        },
    )
    assert Team.objects.get(name="Kinship").service_area == "Children in care"
