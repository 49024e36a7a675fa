"""The site shell: signing in, the first dashboard, branding and the configuration admin."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_page_needs_a_signed_in_user(client):
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_signing_in_with_a_wrong_password_says_so(client, officer):
    officer.set_password("correct horse battery")
    officer.save()
    response = client.post(reverse("login"), {"username": officer.username, "password": "nope"})
    assert response.status_code == 200
    assert "Enter a correct username and password" in response.content.decode()


def test_the_brand_colour_is_served_as_css_from_settings(client, settings):
    settings.HEARD_BRAND_COLOUR = "#00703c"
    response = client.get(reverse("core:brand_css"))
    assert response["Content-Type"] == "text/css"
    assert "--heard-brand-colour:#00703c" in response.content.decode()


def test_pages_carry_the_organisation_name_and_no_crown(client, officer, settings):
    settings.HEARD_ORGANISATION_NAME = "Exampleshire County Council"
    client.force_login(officer)
    page = client.get(reverse("dashboard:home")).content.decode()
    assert "Exampleshire County Council" in page
    assert "govuk-crest" not in page
    assert "GDS Transport" not in page


def test_the_admin_site_configures_pick_lists_teams_closure_days_and_letter_wording_only():
    # And the council's own words for its import (configuration too: what a word means).
    registered = {m._meta.label for m in admin.site._registry}
    assert registered == {
        "imports.WordMeaning",
        "complaints.Theme",
        "complaints.LetterTemplate",
        "core.Team",
        "workdays.ClosureDay",
        "sars.Exemption",
    }
