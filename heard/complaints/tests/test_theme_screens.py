"""The complaint themes, kept on Heard's own screens by whoever may configure (issue 33)."""

from __future__ import annotations

import html

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from heard.accounts.models import Role
from heard.accounts.tests.factories import UserFactory
from heard.complaints.models import Theme
from heard.complaints.tests import factories as f

pytestmark = pytest.mark.django_db
LIST = reverse("complaints:themes")
ADD = reverse("complaints:add_theme")
CONFIGURES = (Role.COMPLAINTS_MANAGER, Role.ADMINISTRATOR)


def edit_url(theme):
    return reverse("complaints:edit_theme", args=[theme.pk])


def offered_on_a_new_point(client, complaint):
    form = client.get(reverse("complaints:add_element", args=[complaint.reference]))
    return list(form.context["form"].fields["theme"].queryset)


@pytest.mark.parametrize("role", list(Role))
def test_only_roles_that_configure_keep_the_themes_others_find_nothing_there(client, role):
    theme = Theme.objects.create(name="Fostering placements")
    client.force_login(UserFactory(role=role))
    allowed = role in CONFIGURES
    missing = client.get(reverse("complaints:edit_theme", args=[999_999])).status_code
    assert missing == 404
    for url in (LIST, ADD, edit_url(theme)):
        assert client.get(url).status_code == (200 if allowed else 404)
    posted = client.post(ADD, {"name": "Respite", "order": "3", "active": "on"})
    assert posted.status_code == (302 if allowed else 404)
    assert Theme.objects.filter(name="Respite").exists() == allowed


def test_a_manager_adds_a_theme_and_it_is_offered_on_a_new_point(client, manager):
    complaint = f.Stage1OpenFactory()
    client.force_login(manager)
    response = client.post(ADD, {"name": "  Short   breaks ", "order": "50", "active": "on"})
    assert response.status_code == 302
    theme = Theme.objects.get(name="Short breaks")
    assert theme in offered_on_a_new_point(client, complaint)
    listing = client.get(LIST).content.decode()
    assert "Short breaks" in listing
    entry = LogEntry.objects.get_for_object(theme).get()
    assert entry.action == LogEntry.Action.CREATE
    assert entry.actor == manager


def test_a_theme_stopped_is_not_offered_on_a_new_case_but_stays_on_old_ones(client, manager):
    complaint = f.Stage1OpenFactory()
    theme = Theme.objects.create(name="Respite care", order=1)
    complaint.add_element(by=None, theme=theme, description="Respite was cut")
    client.force_login(manager)
    response = client.post(edit_url(theme), {"name": theme.name, "order": "1"}, follow=True)
    assert f"Theme “{theme.name}” saved" in response.content.decode()
    theme.refresh_from_db()
    assert not theme.active
    assert theme not in offered_on_a_new_point(client, f.Stage1OpenFactory())
    create = client.get(reverse("complaints:create")).context["form"]
    assert theme not in create.fields["point1_theme"].queryset
    assert complaint.elements.get().theme == theme
    case_page = client.get(reverse("complaints:section", args=[complaint.reference, "points"]))
    assert theme.name in html.unescape(case_page.content.decode())
    assert "Not offered" in client.get(LIST).content.decode()


def test_a_theme_is_renamed_and_reordered(client, manager):
    first = Theme.objects.create(name="Delays", order=1)
    second = Theme.objects.create(name="Money", order=2)
    client.force_login(manager)
    client.post(edit_url(second), {"name": "Money and charges", "order": "0", "active": "on"})
    second.refresh_from_db()
    assert second.name == "Money and charges"
    assert list(Theme.objects.filter(pk__in=[first.pk, second.pk])) == [second, first]
    update = LogEntry.objects.get_for_object(second).get(action=LogEntry.Action.UPDATE)
    assert update.changes_dict["name"] == ["Money", "Money and charges"]
    assert [str(v) for v in update.changes_dict["order"]] == ["2", "0"]


@pytest.mark.parametrize(
    ("name", "order", "message"),
    [
        ("", "1", "Enter the theme's name"),
        ("   ", "1", "Enter the theme's name"),
        ("DELAY", "1", "There is already a theme called Delay"),
        ("x" * 121, "1", "Theme's name must be 120 characters or fewer"),
        ("Respite", "", "Enter the place in the list as a whole number"),
        ("Respite", "first", "Enter the place in the list as a whole number"),
        ("Respite", "-1", "The place in the list cannot be less than 0"),
    ],
)
def test_a_bad_theme_is_refused_with_a_specific_error_and_saves_nothing(
    client, manager, name, order, message
):
    before = Theme.objects.count()
    client.force_login(manager)
    response = client.post(ADD, {"name": name, "order": order, "active": "on"})
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert Theme.objects.count() == before


def test_renaming_a_theme_to_another_themes_name_whatever_the_capitals_is_refused(client, manager):
    other = Theme.objects.create(name="Respite care")
    client.force_login(manager)
    response = client.post(edit_url(other), {"name": "communication", "order": "1"})
    assert "There is already a theme called Communication" in html.unescape(
        response.content.decode()
    )
    other.refresh_from_db()
    assert other.name == "Respite care"
