"""The subject access exemptions, kept on Heard's own screens by whoever may configure
(issue 33): add, reword, reorder, stop offering (kept on the requests that applied it)."""

from __future__ import annotations

import html
from datetime import date

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from heard.accounts.models import Role
from heard.accounts.tests.factories import UserFactory
from heard.sars.models import Exemption, SarOutcome
from heard.sars.tests.test_sars import make

pytestmark = pytest.mark.django_db
LIST = reverse("sars:exemptions")
ADD = reverse("sars:add_exemption")


def edit_url(exemption):
    return reverse("sars:edit_exemption", args=[exemption.pk])


def offered(client, sar):
    response = client.get(reverse("sars:step", args=[sar.reference, "close"]))
    return list(response.context["form"].fields["exemptions"].queryset)


@pytest.mark.parametrize("role", list(Role))
def test_only_roles_that_configure_keep_the_exemptions_others_find_nothing_there(client, role):
    exemption = Exemption.objects.create(name="Adoption records", order=50)
    client.force_login(UserFactory(role=role))
    allowed = role in (Role.COMPLAINTS_MANAGER, Role.ADMINISTRATOR)
    for url in (LIST, ADD, edit_url(exemption)):
        assert client.get(url).status_code == (200 if allowed else 404)
    posted = client.post(ADD, {"name": "Health data", "order": "60", "active": "on"})
    assert posted.status_code == (302 if allowed else 404)
    assert Exemption.objects.filter(name="Health data").exists() == allowed


def test_an_exemption_is_added_reworded_and_stopped_and_stays_on_requests_that_used_it(
    client, manager
):
    client.force_login(manager)
    client.post(ADD, {"name": "Adoption records", "order": "50", "active": "on"})
    exemption = Exemption.objects.get(name="Adoption records")
    sar = make(received_on=date(2025, 3, 3))
    assert exemption in offered(client, sar)

    client.post(edit_url(exemption), {"name": "Adoption records (s.93)", "order": "50"})
    exemption.refresh_from_db()
    assert (exemption.name, exemption.active) == ("Adoption records (s.93)", False)
    assert exemption not in offered(client, sar)
    assert "Not offered" in client.get(LIST).content.decode()

    used = make(received_on=date(2025, 3, 3))
    used.close(
        by=None,
        on=date(2025, 4, 2),
        outcome=SarOutcome.DISCLOSED_PART,
        pages_reviewed=10,
        pages_disclosed=8,
        exemptions=[exemption],
        search_limited=False,
        search_decision="",
    )
    assert list(used.exemptions.all()) == [exemption]
    update = LogEntry.objects.get_for_object(exemption).get(action=LogEntry.Action.UPDATE)
    assert update.actor == manager
    assert update.changes_dict["name"] == ["Adoption records", "Adoption records (s.93)"]
    assert [str(v) for v in update.changes_dict["active"]] == ["True", "False"]


def test_an_exemption_is_unique_whatever_the_capitals(client, manager):
    existing = Exemption.objects.order_by("pk").first()
    before = Exemption.objects.count()
    client.force_login(manager)
    response = client.post(ADD, {"name": existing.name.upper(), "order": "1", "active": "on"})
    assert f"There is already an exemption called {existing.name}" in html.unescape(
        response.content.decode()
    )
    assert Exemption.objects.count() == before
