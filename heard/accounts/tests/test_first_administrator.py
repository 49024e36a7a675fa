"""Going live: the first administrator is made with Django's own createsuperuser."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from heard.accounts.models import Role, User

pytestmark = pytest.mark.django_db


def test_createsuperuser_makes_an_administrator(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a long first password 2026")
    call_command(
        "createsuperuser",
        "--no-input",
        username="alex",
        email="alex.morgan@example.gov.uk",
        stdout=io.StringIO(),
    )
    user = User.objects.get(username="alex")
    # Not a Django superuser: the role's permissions are all it has (issue 19).
    assert (user.role, user.is_staff, user.is_superuser) == (Role.ADMINISTRATOR, True, False)
    assert user.check_password("a long first password 2026")


def test_an_ordinary_account_keeps_the_role_it_is_given():
    user = User.objects.create_user("tom", role=Role.COMPLAINTS_OFFICER)
    assert (user.role, user.is_staff, user.is_superuser) == (Role.COMPLAINTS_OFFICER, False, False)


def test_the_first_administrator_signs_in_to_the_dashboard(client):
    User.objects.create_superuser("alex", "alex@example.gov.uk", "a long first password 2026")
    response = client.post(
        "/sign-in/", {"username": "alex", "password": "a long first password 2026"}, follow=True
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/"
