"""Each role's menu and dashboard offer only what it can use, and no link leads to a page
the role may not open (issue 32)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from heard.accounts.models import Role
from heard.accounts.tests.factories import UserFactory
from heard.complaints.tests import factories as f
from heard.core.tests.factories import TeamFactory

pytestmark = pytest.mark.django_db

MENU = ["Cases", "Compliments", "Enquiries", "Ombudsman", "Subject access", "Reports"]
APPOINTEES = {
    Role.INVESTIGATING_OFFICER,
    Role.INDEPENDENT_PERSON,
    Role.ADJUDICATING_OFFICER,
    Role.PANEL_MEMBER,
}


def offered(role: Role) -> set[str]:
    team_cases = {"Cases", "Compliments", "Enquiries", "Ombudsman"}
    if role in (Role.COMPLAINTS_MANAGER, Role.COMPLAINTS_OFFICER):
        return team_cases | {"Subject access", "Reports"}
    if role == Role.RESPONDING_MANAGER:
        return team_cases
    if role in APPOINTEES:
        return {"Cases"}
    if role == Role.SAR_OFFICER:
        return {"Subject access"}
    if role == Role.REPORT_VIEWER:
        return {"Reports"}
    return set()


def menu(page: str) -> set[str]:
    nav = page[page.index('id="navigation"') : page.index("</nav>")]
    return {item for item in MENU if f">{item}</a>" in nav}


@pytest.mark.parametrize("role", list(Role))
def test_the_menu_offers_only_what_the_role_can_use(client, role):
    client.force_login(UserFactory(role=role, team=TeamFactory()))
    page = client.get(reverse("dashboard:home")).content.decode()
    assert menu(page) - {"Reports"} == offered(role) - {"Reports"}


@pytest.mark.parametrize("role", list(Role))
def test_no_link_on_the_dashboard_leads_to_a_page_the_role_may_not_open(client, role):
    f.Stage1OpenFactory()
    client.force_login(UserFactory(role=role, team=TeamFactory()))
    page = client.get(reverse("dashboard:home")).content.decode()
    links = {href.replace("&amp;", "&") for href in re.findall(r'href="(/[^"]*)"', page)}
    links -= {reverse("logout")}
    for link in sorted(links):
        if link.startswith(("/static/", "/brand.css")):
            continue
        assert client.get(link).status_code == 200, link


def unmasked(page: bytes) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page.decode())


def test_a_report_viewer_sees_no_case_and_cannot_tell_a_case_that_exists_from_one_that_does_not(
    client,
):
    complaint = f.Stage1OpenFactory()
    client.force_login(UserFactory(role=Role.REPORT_VIEWER))
    page = client.get(reverse("dashboard:home")).content.decode()
    assert reverse("complaints:list") not in page
    assert "Cases</a>" not in page
    there = client.get(reverse("complaints:detail", args=[complaint.reference]))
    absent = client.get(reverse("complaints:detail", args=["CSC-2099-99999"]))
    assert there.status_code == absent.status_code == 404
    # The same page, but for the sign-out form's token, which is masked afresh each time.
    assert unmasked(there.content) == unmasked(absent.content)
    assert "The page does not exist, or it is not open to you" in there.content.decode()
