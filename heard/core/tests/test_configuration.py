"""The configuration page, its audit in words, and the one access rule of every
configuration screen (issue 33): offered in the menu to the roles that may configure, and for
every other role each configuration address answers as a page that does not exist."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from django.urls import reverse

from heard.accounts.models import Role
from heard.accounts.tests.factories import UserFactory
from heard.complaints.models import LetterTemplate, Theme
from heard.core.configuration import screens
from heard.sars.models import Exemption
from heard.workdays.models import ClosureDay

pytestmark = pytest.mark.django_db
CONFIGURES = (Role.COMPLAINTS_MANAGER, Role.ADMINISTRATOR)


def without_token(response) -> str:
    """The page less its form token, which differs on every response."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def configuration_urls() -> list[str]:
    theme = Theme.objects.create(name="Respite")
    exemption = Exemption.objects.create(name="Adoption records")
    closure = ClosureDay.objects.create(day=date(2099, 12, 29), description="Christmas")
    letter = LetterTemplate.objects.first()
    urls = [
        reverse("core:configuration"),
        reverse("core:configuration_audit"),
        # The teams' screens predate this rule and answer 403 (test_teams.py).
        *(reverse(s.url_name) for s in screens() if s.url_name != "core:teams"),
        reverse("complaints:add_theme"),
        reverse("complaints:edit_theme", args=[theme.pk]),
        reverse("complaints:add_closure_day"),
        reverse("sars:add_exemption"),
        reverse("sars:edit_exemption", args=[exemption.pk]),
    ]
    if letter is not None:
        urls.append(reverse("complaints:edit_letter_wording", args=[letter.pk]))
    assert closure.pk
    return urls


def test_every_configuration_screen_is_on_the_configuration_page(client, manager):
    client.force_login(manager)
    page = client.get(reverse("core:configuration")).content.decode()
    labels = [screen.label for screen in screens()]
    for label in (
        "Complaint themes",
        "Closure days",
        "Subject access exemptions",
        "Letter wording",
        "Teams and service areas",
    ):
        assert label in labels
        assert label in page
    assert reverse("core:configuration_audit") in page


@pytest.mark.parametrize("role", list(Role))
def test_the_menu_offers_configuration_only_to_the_roles_that_may_configure(client, role):
    client.force_login(UserFactory(role=role))
    home = client.get(reverse("dashboard:home")).content.decode()
    link = f'href="{reverse("core:configuration")}"'
    assert (link in home) == (role in CONFIGURES)


@pytest.mark.parametrize("role", [r for r in Role if r not in CONFIGURES])
def test_a_role_that_may_not_configure_gets_the_same_answer_as_a_page_that_does_not_exist(
    client, role, standard_letters
):
    client.force_login(UserFactory(role=role))
    missing = client.get("/configuration/no-such-page/")
    assert missing.status_code == 404
    for url in configuration_urls():
        response = client.get(url)
        assert response.status_code == 404, url
        assert without_token(response) == without_token(missing), url
    posted = client.post(reverse("complaints:add_theme"), {"name": "Sneaky", "order": "1"})
    assert posted.status_code == 404
    assert not Theme.objects.filter(name="Sneaky").exists()


@pytest.mark.parametrize("role", CONFIGURES)
def test_the_roles_that_configure_open_every_configuration_screen(client, role, standard_letters):
    client.force_login(UserFactory(role=role))
    for url in configuration_urls():
        assert client.get(url).status_code == 200, url


def test_each_change_appears_in_the_audit_in_words(client, manager, standard_letters):
    client.force_login(manager)
    theme = Theme.objects.create(name="Money", order=7)
    client.post(
        reverse("complaints:edit_theme", args=[theme.pk]),
        {"name": "Money and charges", "order": "7"},
    )
    client.post(
        reverse("complaints:add_closure_day"),
        {"first_day_0": "29", "first_day_1": "12", "first_day_2": "2099", "reason": "Christmas"},
    )
    exemption = Exemption.objects.create(name="Health data", order=9)
    client.post(
        reverse("sars:edit_exemption", args=[exemption.pk]),
        {"name": "Health data (serious harm)", "order": "9", "active": "on"},
    )
    letter = LetterTemplate.objects.get(procedure="children", kind="acknowledgement")
    client.post(
        reverse("complaints:edit_letter_wording", args=[letter.pk]),
        {"body": "Thank you, {complainant_name}.", "action": "save"},
    )
    page = html.unescape(client.get(reverse("core:configuration_audit")).content.decode())
    who = manager.get_full_name() or manager.username
    assert page.count(str(manager)) >= 4 or page.count(who) >= 4
    assert "Changed: Theme Money and charges" in page
    assert "Name</strong>: Money → Money and charges" in page
    assert "Active</strong>: Yes → No" in page
    assert "Created: Closure day" in page
    assert "Description</strong>: Christmas" in page
    assert "Name</strong>: Health data → Health data (serious harm)" in page
    assert "Changed: Letter template Acknowledgement" in page
    assert "→ Thank you, {complainant_name}." in page
