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


def link_path(message, pattern=r"/people/email/\S+/"):
    found = re.search(rf"https?://[^/\s]+({pattern})", message.body)
    assert found, message.body
    return found.group(1)


def current(user, **changes):
    """The edit form's answers for `user` as it is, with `changes`."""
    values = details(
        first_name=user.first_name,
        last_name=user.last_name,
        username=user.username,
        email=user.email,
        role=user.role,
        is_active="on" if user.is_active else "",
    )
    values.update(changes)
    return values


def test_an_address_given_by_someone_else_takes_effect_only_once_confirmed_from_it(
    client, django_capture_on_commit_callbacks
):
    # The probe: a manager changed an officer's email to an outside address, then used
    # "Forgotten your password?" on it and signed in as the officer.
    manager = UserFactory(role=Role.COMPLAINTS_MANAGER, first_name="Mo", last_name="Khan")
    tom = UserFactory(username="tom", role=Role.COMPLAINTS_OFFICER, email="tom@example.gov.uk")
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(tom), current(tom, email="me@elsewhere.example"))
    assert response.status_code == 302
    tom.refresh_from_db()
    assert (tom.email, tom.pending_email) == ("tom@example.gov.uk", "me@elsewhere.example")
    confirm, told = mail.outbox
    assert confirm.to == ["me@elsewhere.example"]
    assert told.to == ["tom@example.gov.uk"]
    assert "me@elsewhere.example" in told.body
    assert "Mo Khan" in told.body

    # Until it is confirmed, a reset link goes only to the old address.
    client.logout()
    mail.outbox.clear()
    client.post(reverse("password_reset"), {"email": "me@elsewhere.example"})
    assert not mail.outbox
    client.post(reverse("password_reset"), {"email": "tom@example.gov.uk"})
    assert [m.to for m in mail.outbox] == [["tom@example.gov.uk"]]

    # Opening the link shows a button; only pressing it changes the address, once.
    page = client.get(link_path(confirm))
    assert "Confirm your new email address" in page.content.decode()
    tom.refresh_from_db()
    assert tom.email == "tom@example.gov.uk"
    done = client.post(link_path(confirm))
    assert "Your email address has been changed" in done.content.decode()
    tom.refresh_from_db()
    assert (tom.email, tom.pending_email) == ("me@elsewhere.example", "")
    assert client.post(link_path(confirm)).status_code == 404
    # The reset link sent to the old address before the change no longer works.
    old_link = re.search(r"https?://[^/\s]+(/password/reset/\S+/)", mail.outbox[0].body)
    assert old_link
    expired = client.get(old_link.group(1), follow=True).content.decode()
    assert "This link has expired or has been used" in expired


def test_the_holder_changes_their_own_address_at_once(client):
    manager = UserFactory(role=Role.COMPLAINTS_MANAGER, email="mo@example.gov.uk")
    client.force_login(manager)
    client.post(edit_url(manager), current(manager, email="mo.khan@example.gov.uk"))
    manager.refresh_from_db()
    assert (manager.email, manager.pending_email) == ("mo.khan@example.gov.uk", "")
    assert not mail.outbox


def test_an_address_waiting_for_confirmation_is_not_given_to_another_account(client, admin_user):
    UserFactory(email="tom@example.gov.uk", pending_email="new@example.gov.uk")
    client.force_login(admin_user)
    response = client.post(ADD, details(email="NEW@example.gov.uk"))
    assert "There is already an account with that email address" in html.unescape(
        response.content.decode()
    )


KEPT_BY_MANAGERS = {
    Role.COMPLAINTS_OFFICER,
    Role.RESPONDING_MANAGER,
    Role.REPORT_VIEWER,
    Role.INVESTIGATING_OFFICER,
    Role.INDEPENDENT_PERSON,
    Role.ADJUDICATING_OFFICER,
    Role.PANEL_MEMBER,
}


@pytest.mark.parametrize("role", list(Role))
def test_a_complaints_manager_keeps_officers_responders_viewers_and_appointees_only(client, role):
    manager = UserFactory(role=Role.COMPLAINTS_MANAGER)
    person = UserFactory(role=role, email="person@example.gov.uk")
    client.force_login(manager)
    allowed = role in KEPT_BY_MANAGERS
    assert client.get(edit_url(person)).status_code == (200 if allowed else 403)
    response = client.post(edit_url(person), current(person, first_name="Changed"))
    assert response.status_code == (302 if allowed else 403)
    person.refresh_from_db()
    assert (person.first_name == "Changed") == allowed
    # The list offers "Change" only where the page would allow it.
    listed = client.get(LIST).content.decode()
    assert (f'href="{edit_url(person)}"' in listed) == allowed
    # Nor can the manager give the role to a new account or to one they keep.
    offered = dict(client.get(ADD).context["form"].fields["role"].choices)
    assert (role in offered) == allowed
    officer = UserFactory(role=Role.COMPLAINTS_OFFICER, email="officer@example.gov.uk")
    client.post(edit_url(officer), current(officer, role=role))
    client.post(ADD, details(role=role))
    officer.refresh_from_db()
    assert (officer.role == role) == allowed
    assert User.objects.filter(username="grace").exists() == allowed


def test_a_complaints_manager_keeps_their_own_account_and_role(client):
    manager = UserFactory(role=Role.COMPLAINTS_MANAGER, email="mo@example.gov.uk")
    client.force_login(manager)
    response = client.post(edit_url(manager), current(manager, first_name="Mohammed"))
    assert response.status_code == 302
    manager.refresh_from_db()
    assert (manager.first_name, manager.role) == ("Mohammed", Role.COMPLAINTS_MANAGER)
    client.post(edit_url(manager), current(manager, role=Role.SAR_OFFICER))
    manager.refresh_from_db()
    assert manager.role == Role.COMPLAINTS_MANAGER


def test_re_enabling_an_account_cancels_its_password_and_sends_a_fresh_link(
    client, admin_user, django_capture_on_commit_callbacks
):
    tom = UserFactory(username="tom", role=Role.COMPLAINTS_OFFICER, email="tom@example.gov.uk")
    tom.set_password("tom's old password 2024")
    tom.save()
    client.force_login(admin_user)
    client.post(edit_url(tom), current(tom, is_active=""))
    assert not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(tom), current(tom, is_active="on"), follow=True)
    assert "emailed tom@example.gov.uk a link to set a password" in html.unescape(
        response.content.decode()
    )
    tom.refresh_from_db()
    assert tom.is_active
    assert not tom.has_usable_password()
    assert [m.to for m in mail.outbox] == [["tom@example.gov.uk"]]
    assert "/password/reset/" in mail.outbox[0].body
    # The password is cancelled in the audit trail, and no hash is logged.
    logged = [
        e.changes_dict["password"]
        for e in LogEntry.objects.get_for_object(tom).order_by("pk")
        if "password" in e.changes_dict
    ]
    assert logged == [["(not shown)", "set"], ["(not shown)", "cancelled"]]


def test_setting_a_password_from_a_link_is_audited(
    client, admin_user, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ADD, details())
    grace = User.objects.get(username="grace")
    client.logout()
    link = re.search(r"https?://[^/\s]+(/password/reset/\S+/)", mail.outbox[0].body)
    assert link
    form_url = client.get(link.group(1), follow=True).redirect_chain[-1][0]
    new = "grace's own password 2026"
    client.post(form_url, {"new_password1": new, "new_password2": new})
    entry = LogEntry.objects.get_for_object(grace).latest("timestamp")
    assert entry.changes_dict == {"password": ["(not shown)", "set"]}
    assert entry.actor is None  # set through the emailed link, not by someone signed in
    assert new not in str(entry.changes)
    assert grace.password not in str(entry.changes)
