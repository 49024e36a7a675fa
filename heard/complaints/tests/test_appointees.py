"""The register of appointees: kept on screen by the complaints team, and what the
appointment step picks from."""

from __future__ import annotations

import html
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from heard.accounts.models import Role
from heard.accounts.tests.factories import UserFactory
from heard.complaints.appointees import ROLE_FIELDS
from heard.complaints.choices import AppointmentRole, Procedure, Relationship
from heard.complaints.models import Practitioner
from heard.complaints.tests import factories as f
from heard.core.errors import RuleViolation

pytestmark = pytest.mark.django_db
LIST = reverse("complaints:appointees")
ADD = reverse("complaints:add_appointee")


def entry(**changes):
    values = {
        "name": "Helen Marsh",
        "organisation": "Independent Reviews Ltd",
        "email": "helen@example.org",
        "phone": "0161 496 0000",
        "is_external": "on",
        "may_be_independent": "on",
        "fee_basis": "daily",
        "fee": "350.00",
        "user": "",
        "active": "on",
    }
    values.update(changes)
    return {k: v for k, v in values.items() if v is not None}


@pytest.mark.parametrize("role", list(Role))
def test_the_complaints_team_keeps_the_register(client, role):
    helen = f.PractitionerFactory(name="Helen Marsh")
    client.force_login(UserFactory(role=role))
    allowed = role in (Role.COMPLAINTS_MANAGER, Role.COMPLAINTS_OFFICER)
    for url in (LIST, ADD, reverse("complaints:edit_appointee", args=[helen.pk])):
        assert client.get(url).status_code == (200 if allowed else 403)
    assert client.post(ADD, entry(name="Martin Doyle")).status_code == (302 if allowed else 403)
    assert Practitioner.objects.filter(name="Martin Doyle").exists() == allowed


def test_an_officer_adds_an_independent_person_with_a_daily_fee(client, officer):
    client.force_login(officer)
    response = client.post(ADD, entry(), follow=True)
    assert "Helen Marsh added to the register" in response.content.decode()
    helen = Practitioner.objects.get(name="Helen Marsh")
    roles = {name: getattr(helen, name) for name in ROLE_FIELDS}
    assert roles == {name: name == "may_be_independent" for name in ROLE_FIELDS}
    assert (helen.fee_basis, helen.fee, helen.active) == ("daily", Decimal("350.00"), True)
    assert "£350.00 a day" in client.get(LIST).content.decode()
    assert LogEntry.objects.get_for_object(helen).exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Enter the name"),
        ({"may_be_independent": None}, "Choose at least one role they may take"),
        ({"fee": ""}, "Enter the fee, or choose “No fee”"),
        ({"fee_basis": ""}, "Choose whether the fee is a daily rate or fixed"),
        ({"fee": "-5"}, "The fee must be more than £0"),
        ({"fee": "a lot"}, "Enter the fee as an amount, like 350"),
        ({"email": "helen@"}, "Enter an email address in the right format"),
    ],
)
def test_a_bad_entry_is_refused_with_a_specific_error_and_saves_nothing(
    client, officer, changes, message
):
    client.force_login(officer)
    response = client.post(ADD, entry(**changes))
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert not Practitioner.objects.filter(name="Helen Marsh").exists()


def test_the_appointment_step_picks_those_who_may_take_the_stages_roles(client, officer):
    stage = f.Stage2OpenFactory().stages.get(number=2)
    investigator = f.PractitionerFactory(name="Martin Doyle", may_be_independent=False)
    panel_only = f.PractitionerFactory(
        name="Ruth Campbell",
        may_respond=False,
        may_investigate=False,
        may_be_independent=False,
        may_adjudicate=False,
    )
    retired = f.PractitionerFactory(name="Retired Investigator", active=False)
    client.force_login(officer)
    url = reverse("complaints:step", args=[stage.complaint.reference, "appoint"])
    offered = set(client.get(url).context["form"].fields["practitioner"].queryset)
    assert investigator in offered
    assert panel_only not in offered
    assert retired not in offered


def test_the_appointment_step_offers_only_the_roles_of_the_cases_procedure(client, officer):
    # The trial: a corporate complaint's Stage 2 offered the children's roles too.
    children = f.Stage2OpenFactory().stages.get(number=2)
    corporate = f.Stage2OpenFactory(
        procedure=Procedure.CORPORATE, relationship=Relationship.SELF
    ).stages.get(number=2)
    client.force_login(officer)

    def roles(stage):
        url = reverse("complaints:step", args=[stage.complaint.reference, "appoint"])
        return [value for value, _ in client.get(url).context["form"].fields["role"].choices]

    assert roles(corporate) == ["", AppointmentRole.RESPONDING_MANAGER]
    assert AppointmentRole.INVESTIGATING_OFFICER in roles(children)


def test_the_register_decides_which_roles_someone_may_take(officer):
    stage = f.Stage2OpenFactory().stages.get(number=2)
    investigator = f.PractitionerFactory(name="Martin Doyle", may_be_independent=False)
    with pytest.raises(
        RuleViolation,
        match="Martin Doyle is not on the register as an independent person",
    ) as refused:
        stage.appoint(
            by=officer,
            role=AppointmentRole.INDEPENDENT_PERSON,
            practitioner=investigator,
            on=stage.started_on,
        )
    assert refused.value.field == "practitioner"
    assert not stage.appointments.exists()


def test_someone_no_longer_taking_work_cannot_be_appointed_but_keeps_appointments(officer):
    stage = f.Stage2OpenFactory().stages.get(number=2)
    martin = f.PractitionerFactory(name="Martin Doyle")
    stage.appoint(
        by=officer,
        role=AppointmentRole.INVESTIGATING_OFFICER,
        practitioner=martin,
        on=stage.started_on,
    )
    martin.active = False
    martin.save()
    with pytest.raises(RuleViolation, match="no longer on the register"):
        stage.appoint(
            by=officer,
            role=AppointmentRole.INDEPENDENT_PERSON,
            practitioner=martin,
            on=stage.started_on,
        )
    assert list(stage.appointments.values_list("practitioner__name", flat=True)) == ["Martin Doyle"]


def edit_url(person):
    return reverse("complaints:edit_appointee", args=[person.pk])


def test_an_officer_cannot_change_which_account_reads_an_appointees_cases(client, officer):
    # The probe: the register's sign-in field offered every active account to any caseworker,
    # and the account then read another person's Stage 2 cases.
    investigator = UserFactory(role=Role.INVESTIGATING_OFFICER)
    helen = f.PractitionerFactory(name="Helen Marsh", user=investigator)
    other = UserFactory(role=Role.INVESTIGATING_OFFICER)
    client.force_login(officer)
    response = client.post(edit_url(helen), entry(user=str(other.pk), organisation="Changed"))
    assert response.status_code == 302
    helen.refresh_from_db()
    assert helen.organisation == "Changed"  # the rest of the entry is theirs to keep
    assert helen.user == investigator
    added = client.post(ADD, entry(name="Martin Doyle", user=str(other.pk)))
    assert added.status_code == 302
    assert Practitioner.objects.get(name="Martin Doyle").user is None


@pytest.mark.parametrize("role", list(Role))
def test_the_sign_in_offered_is_an_appointees_that_no_other_entry_holds(client, manager, role):
    account = UserFactory(role=role)
    taken = UserFactory(role=Role.PANEL_MEMBER)
    f.PractitionerFactory(name="Ruth Campbell", user=taken)
    client.force_login(manager)
    offered = set(client.get(ADD).context["form"].fields["user"].queryset)
    appointee = role in (
        Role.INVESTIGATING_OFFICER,
        Role.INDEPENDENT_PERSON,
        Role.ADJUDICATING_OFFICER,
        Role.PANEL_MEMBER,
    )
    assert (account in offered) == appointee
    assert taken not in offered
    response = client.post(ADD, entry(user=str(account.pk)))
    assert Practitioner.objects.filter(name="Helen Marsh").exists() == appointee
    if not appointee:
        assert "Choose the sign-in of an investigating officer" in html.unescape(
            response.content.decode()
        )
    refused = client.post(ADD, entry(name="Martin Doyle", user=str(taken.pk)))
    assert refused.status_code == 200
    assert not Practitioner.objects.filter(name="Martin Doyle").exists()


def test_a_new_sign_in_is_an_event_on_every_case_the_entry_is_appointed_to(client, manager):
    helen = f.PractitionerFactory(name="Helen Marsh")
    complaints = [f.Stage2OpenFactory(), f.Stage2OpenFactory()]
    for complaint in complaints:
        stage = complaint.stages.get(number=2)
        stage.appoint(
            by=None,
            role=AppointmentRole.INVESTIGATING_OFFICER,
            practitioner=helen,
            on=stage.started_on,
        )
    untouched = f.Stage2OpenFactory()
    account = UserFactory(role=Role.INVESTIGATING_OFFICER, username="helen.m")
    client.force_login(manager)
    client.post(edit_url(helen), entry(user=str(account.pk)))
    helen.refresh_from_db()
    assert helen.user == account
    for complaint in complaints:
        event = complaint.events.get(action="change_appointee_sign_in")
        assert event.actor == manager
        assert event.details == {"appointee": "Helen Marsh", "from": "", "to": "helen.m"}
        assert event.label == "Appointee's sign-in changed"
    assert not untouched.events.filter(action="change_appointee_sign_in").exists()
    change = LogEntry.objects.get_for_object(helen).latest("timestamp")
    assert change.changes_dict["user"] == [None, account.pk]
    assert change.actor == manager
    # Saving without changing the sign-in writes nothing on the cases.
    client.post(edit_url(helen), entry(user=str(account.pk), phone="0161 496 0001"))
    assert complaints[0].events.filter(action="change_appointee_sign_in").count() == 1


# --- Independence as a rule, not a habit (issue 32) -----------------------------------------


def test_a_new_register_entry_takes_no_roles_until_they_are_chosen(client, officer):
    helen = Practitioner.objects.create(name="Helen Marsh")
    assert {name: getattr(helen, name) for name in ROLE_FIELDS} == dict.fromkeys(ROLE_FIELDS, False)
    client.force_login(officer)
    form = client.get(ADD).context["form"]
    assert not any(form[name].value() for name in ROLE_FIELDS)


@pytest.mark.parametrize(
    ("flag", "message"),
    [
        (
            "may_be_independent",
            "Only someone independent of the council may be the independent person: tick "
            "“Independent of the council”, or untick that role",
        ),
        (
            "may_sit_on_panel",
            "Only someone independent of the council may sit on a review panel: tick "
            "“Independent of the council”, or untick that role",
        ),
    ],
)
def test_only_someone_independent_of_the_council_may_take_the_independent_roles(
    client, officer, flag, message
):
    client.force_login(officer)
    not_independent = {"is_external": None, "may_be_independent": None, "may_adjudicate": "on"}
    response = client.post(ADD, entry(**not_independent | {flag: "on"}))
    assert response.status_code == 200
    assert response.context["form"].errors["is_external"] == [message]
    assert not Practitioner.objects.filter(name="Helen Marsh").exists()
    # Someone not independent may still take the council's own roles.
    client.post(ADD, entry(**not_independent))
    assert Practitioner.objects.get(name="Helen Marsh").may_adjudicate


def test_both_independent_roles_ticked_are_named_in_the_one_error(client, officer):
    client.force_login(officer)
    response = client.post(ADD, entry(is_external=None, may_sit_on_panel="on"))
    assert response.context["form"].errors["is_external"] == [
        "Only someone independent of the council may be the independent person or sit on a "
        "review panel: tick “Independent of the council”, or untick those roles"
    ]


def stage_for(role):
    if role == AppointmentRole.INDEPENDENT_PERSON:
        return f.Stage2OpenFactory().active_stage
    return f.Stage3OpenFactory().active_stage


@pytest.mark.parametrize(
    ("role", "as_what"),
    [
        (AppointmentRole.INDEPENDENT_PERSON, "be the independent person"),
        (AppointmentRole.PANEL_CHAIR, "chair the review panel"),
        (AppointmentRole.PANEL_MEMBER, "sit on the review panel"),
    ],
)
def test_an_entry_not_independent_of_the_council_cannot_take_an_independent_role(
    officer, role, as_what
):
    # An entry made before the rule, when every role was ticked by default: it keeps its
    # roles, but the appointment is refused.
    stage = stage_for(role)
    helen = f.PractitionerFactory(name="Helen Marsh", is_external=False)
    assert helen.may_take(AppointmentRole.INVESTIGATING_OFFICER)
    with pytest.raises(
        RuleViolation,
        match=f"^Helen Marsh is not recorded as independent of the council, so cannot {as_what}$",
    ) as refused:
        stage.appoint(by=officer, role=role, practitioner=helen, on=stage.started_on)
    assert refused.value.field == "practitioner"
    assert not stage.appointments.filter(practitioner=helen).exists()


def test_the_appointment_step_offers_the_independent_roles_only_to_those_independent(
    client, officer
):
    stage2 = f.Stage2OpenFactory().active_stage
    stage3 = f.Stage3OpenFactory().active_stage
    adjudicator = f.PractitionerFactory(
        name="Ada Judicate", is_external=False, may_investigate=False
    )
    council_ip = f.PractitionerFactory(
        name="Ian Side",
        is_external=False,
        may_investigate=False,
        may_adjudicate=False,
    )
    independent = f.PractitionerFactory(name="Helen Marsh")
    client.force_login(officer)

    def offered(stage):
        url = reverse("complaints:step", args=[stage.complaint.reference, "appoint"])
        return set(client.get(url).context["form"].fields["practitioner"].queryset)

    assert {adjudicator, independent} <= offered(stage2)
    assert council_ip not in offered(stage2)
    assert independent in offered(stage3)
    assert not {adjudicator, council_ip} & offered(stage3)


def test_the_register_shows_who_is_independent_of_the_council(client, officer):
    f.PractitionerFactory(name="Helen Marsh")
    f.PractitionerFactory(name="Ada Judicate", is_external=False, may_be_independent=False)
    client.force_login(officer)
    page = client.get(LIST).content.decode()
    assert "Independent of the council" in page
    helen_row = page[page.index("Helen Marsh") :].split("</tr>")[0]
    ada_row = page[page.index("Ada Judicate") :].split("</tr>")[0]
    assert ">Yes<" in helen_row
    assert ">No<" in ada_row
