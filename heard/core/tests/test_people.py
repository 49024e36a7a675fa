"""Staff accounts on screen: listed, added (with an email link to set a password), changed
and stopped from signing in, never deleted; audited."""

from __future__ import annotations

import html
import re

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.urls import reverse

from heard.accounts.models import Role, User
from heard.accounts.tests.factories import UserFactory
from heard.core.tests.factories import TeamFactory

pytestmark = pytest.mark.django_db
LIST = reverse("core:people")
ADD = reverse("core:add_person")


def edit_url(user):
    return reverse("core:edit_person", args=[user.pk])


def details(**changes):
    values = {
        "first_name": "Grace",
        "last_name": "Okafor",
        "username": "grace",
        "email": "grace.okafor@example.gov.uk",
        "role": Role.RESPONDING_MANAGER,
        "team": "",
        "is_active": "on",
    }
    values.update(changes)
    return values


@pytest.fixture
def admin_user(db):
    return UserFactory(username="alex", role=Role.ADMINISTRATOR, is_staff=True)


@pytest.mark.parametrize("role", list(Role))
def test_administrators_and_complaints_managers_keep_the_accounts(client, role):
    other = UserFactory(role=Role.COMPLAINTS_OFFICER)
    client.force_login(UserFactory(role=role))
    allowed = role in (Role.ADMINISTRATOR, Role.COMPLAINTS_MANAGER)
    for url in (LIST, ADD, edit_url(other)):
        assert client.get(url).status_code == (200 if allowed else 403)
    assert client.post(ADD, details()).status_code == (302 if allowed else 403)
    assert User.objects.filter(username="grace").exists() == allowed


def test_a_new_account_gets_an_email_link_to_set_its_password(
    client, admin_user, django_capture_on_commit_callbacks
):
    team = TeamFactory(name="Fostering")
    client.force_login(admin_user)
    # The email goes once the account is saved.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ADD, details(team=str(team.pk)), follow=True)
    page = html.unescape(response.content.decode())
    assert "Account for Grace Okafor added" in page
    assert "emailed grace.okafor@example.gov.uk a link to set a password" in page
    grace = User.objects.get(username="grace")
    assert (grace.role, grace.team, grace.is_active) == (Role.RESPONDING_MANAGER, team, True)
    assert not grace.has_usable_password()
    assert (grace.is_staff, grace.is_superuser) == (False, False)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["grace.okafor@example.gov.uk"]
    assert "grace" in mail.outbox[0].body
    link = re.search(r"https?://[^/\s]+(/password/reset/\S+/)", mail.outbox[0].body)
    assert link
    form_url = client.get(link.group(1), follow=True).redirect_chain[-1][0]
    client.post(
        form_url,
        {
            "new_password1": "grace's own password 2026",
            "new_password2": "grace's own password 2026",
        },
    )
    grace.refresh_from_db()
    assert grace.check_password("grace's own password 2026")
    assert LogEntry.objects.get_for_object(grace).filter(action=LogEntry.Action.CREATE).exists()


def test_an_account_is_stopped_from_signing_in_and_kept(client, admin_user):
    tom = UserFactory(username="tom", role=Role.COMPLAINTS_OFFICER, email="tom@example.gov.uk")
    client.force_login(admin_user)
    values = details(
        first_name="Tom",
        last_name="Hughes",
        username="tom",
        email="tom@example.gov.uk",
        role=Role.COMPLAINTS_OFFICER,
        is_active="",
    )
    response = client.post(edit_url(tom), values, follow=True)
    assert "Account for Tom Hughes saved" in html.unescape(response.content.decode())
    tom.refresh_from_db()
    assert not tom.is_active
    assert "Cannot sign in" in client.get(LIST).content.decode()
    update = LogEntry.objects.get_for_object(tom).filter(action=LogEntry.Action.UPDATE).get()
    assert update.changes_dict["is_active"] == [True, False]
    assert "password" not in update.changes_dict
    assert not mail.outbox


def test_an_administrator_account_gets_the_admin_site(client, admin_user):
    client.force_login(admin_user)
    client.post(ADD, details(username="sam", email="sam@example.gov.uk", role=Role.ADMINISTRATOR))
    sam = User.objects.get(username="sam")
    assert (sam.is_staff, sam.is_superuser) == (True, False)


def test_a_complaints_manager_cannot_make_or_change_an_administrator(client, admin_user):
    manager = UserFactory(role=Role.COMPLAINTS_MANAGER)
    client.force_login(manager)
    form = client.get(ADD).context["form"]
    assert Role.ADMINISTRATOR not in dict(form.fields["role"].choices)
    response = client.post(ADD, details(role=Role.ADMINISTRATOR))
    assert response.status_code == 200
    assert not User.objects.filter(username="grace").exists()
    assert client.get(edit_url(admin_user)).status_code == 403


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"first_name": ""}, "Enter the first name"),
        ({"last_name": ""}, "Enter the last name"),
        ({"username": ""}, "Enter a username"),
        ({"username": "grace okafor!"}, "A username may contain only letters, numbers"),
        ({"username": "TOM"}, "There is already an account with the username tom"),
        ({"email": ""}, "Enter an email address"),
        ({"email": "grace@"}, "Enter an email address in the right format"),
        ({"email": "TOM@example.gov.uk"}, "There is already an account with that email address"),
        ({"role": ""}, "Choose the role"),
    ],
)
def test_bad_details_are_refused_with_a_specific_error_and_save_nothing(
    client, admin_user, changes, message
):
    UserFactory(username="tom", email="tom@example.gov.uk")
    client.force_login(admin_user)
    response = client.post(ADD, details(**changes))
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert not User.objects.filter(first_name="Grace").exists()
    assert not mail.outbox


def test_nobody_can_stop_their_own_account(client, admin_user):
    client.force_login(admin_user)
    values = details(
        first_name="Alex",
        last_name="Morgan",
        username="alex",
        email="alex@example.gov.uk",
        role=Role.ADMINISTRATOR,
        is_active="",
    )
    response = client.post(edit_url(admin_user), values)
    assert "You cannot stop your own account" in html.unescape(response.content.decode())
    admin_user.refresh_from_db()
    assert admin_user.is_active
