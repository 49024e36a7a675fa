"""The one access rule: who may see which complaint, in lists and on pages alike."""

from __future__ import annotations

import pytest

from heard.accounts.models import Role
from heard.accounts.tests.factories import UserFactory
from heard.complaints.choices import AppointmentRole
from heard.complaints.models import Complaint
from heard.complaints.tests import factories as f
from heard.core.models import Team

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases():
    """Two Stage 3 cases (every appointment made) and a Stage 1 case for another team."""
    seen = f.Stage3OpenFactory(team=f.TeamFactory(name="Fostering"))
    unseen = f.Stage3OpenFactory(team=f.TeamFactory(name="Adoption"))
    stage3 = seen.active_stage
    panel = f.appoint_panel(stage3, stage3.started_on)
    responder = f.PractitionerFactory()
    stage1_other = f.Stage1OpenFactory(team=f.TeamFactory(name="Early help"))
    stage1_other.active_stage.appoint(
        by=None,
        role=AppointmentRole.RESPONDING_MANAGER,
        practitioner=responder,
        on=stage1_other.received_on,
    )
    stage2 = seen.stages.get(number=2)
    people = {a.role: a.practitioner for a in stage2.appointments.all()}
    people[AppointmentRole.PANEL_MEMBER] = panel[1]
    people[AppointmentRole.RESPONDING_MANAGER] = responder
    return {"seen": seen, "unseen": unseen, "stage1_other": stage1_other, "people": people}


def persona(role, cases, appointment=None, team=None):
    user = UserFactory(role=role, team=team)
    if appointment:
        practitioner = cases["people"][appointment]
        practitioner.user = user
        practitioner.save()
    return user


@pytest.mark.parametrize(
    ("role", "appointment", "team", "expected"),
    [
        (Role.COMPLAINTS_MANAGER, None, None, {"seen", "unseen", "stage1_other"}),
        (Role.COMPLAINTS_OFFICER, None, None, {"seen", "unseen", "stage1_other"}),
        (
            Role.RESPONDING_MANAGER,
            AppointmentRole.RESPONDING_MANAGER,
            "Fostering",
            {"seen", "stage1_other"},
        ),
        (Role.RESPONDING_MANAGER, None, "Adoption", {"unseen"}),
        (Role.INVESTIGATING_OFFICER, AppointmentRole.INVESTIGATING_OFFICER, None, {"seen"}),
        (Role.INDEPENDENT_PERSON, AppointmentRole.INDEPENDENT_PERSON, None, {"seen"}),
        (Role.ADJUDICATING_OFFICER, AppointmentRole.ADJUDICATING_OFFICER, None, {"seen"}),
        (Role.PANEL_MEMBER, AppointmentRole.PANEL_MEMBER, None, {"seen"}),
        (Role.INVESTIGATING_OFFICER, None, None, set()),
        (Role.REPORT_VIEWER, None, None, set()),
        (Role.ADMINISTRATOR, None, None, set()),
    ],
)
def test_each_role_sees_exactly_its_cases_in_lists_and_by_permission(
    cases, role, appointment, team, expected
):
    user = persona(role, cases, appointment, Team.objects.get(name=team) if team else None)
    visible = set(Complaint.objects.visible_to(user))
    assert visible == {cases[name] for name in expected}
    for name in ("seen", "unseen", "stage1_other"):
        assert user.has_perm("complaints.view_complaint", cases[name]) == (name in expected)


def test_an_appointment_in_another_role_does_not_open_the_case(cases):
    # An IO account linked to the practitioner who was the IP sees nothing as IO.
    user = persona(Role.INVESTIGATING_OFFICER, cases, AppointmentRole.INDEPENDENT_PERSON)
    assert not Complaint.objects.visible_to(user).exists()


def test_inactive_and_anonymous_users_see_nothing(cases):
    from django.contrib.auth.models import AnonymousUser

    manager = UserFactory(role=Role.COMPLAINTS_MANAGER, is_active=False)
    assert not Complaint.objects.visible_to(manager).exists()
    assert not Complaint.objects.visible_to(AnonymousUser()).exists()
