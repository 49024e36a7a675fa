"""Logging, listing and reading compliments, with the one access rule."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from heard.accounts.models import Role
from heard.accounts.tests.factories import UserFactory
from heard.compliments.models import Compliment, Giver
from heard.core import clock
from heard.core.tests.factories import TeamFactory

pytestmark = pytest.mark.django_db
CREATE = reverse("compliments:create")
LIST = reverse("compliments:list")


def day_fields(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


@pytest.fixture
def valid(db):
    team = TeamFactory(name="Fostering")
    return {
        **day_fields("received_on", date(2025, 3, 3)),
        "team": team.pk,
        "giver": "carer",
        "summary": "Thanks to the supervising social worker",
        "quote": "She listened and she called back every time.",
        "consent_to_publish": "on",
    }


def make(team, received_on=date(2025, 3, 3), **fields):
    values = {"giver": Giver.PARENT, "summary": "Thank you", **fields}
    return Compliment.log(by=None, received_on=received_on, team=team, **values)


def test_an_officer_logs_a_compliment_on_one_page(client, officer, valid):
    client.force_login(officer)
    response = client.post(CREATE, valid)
    compliment = Compliment.objects.get()
    assert response.url == reverse("compliments:detail", args=[compliment.reference])
    assert compliment.reference == "CMP-2025-00001"
    assert compliment.consent_to_publish is True
    assert compliment.giver == Giver.CARER
    assert compliment.logged_by == officer
    page = client.get(response.url).content.decode()
    assert "She listened and she called back every time." in page


def test_log_it_and_add_another_returns_to_an_empty_form(client, officer, valid):
    client.force_login(officer)
    response = client.post(CREATE, {**valid, "another": "1"})
    assert response.url == CREATE
    assert Compliment.objects.count() == 1


def test_missing_answers_and_a_future_date_get_specific_errors(client, officer, valid):
    client.force_login(officer)
    html = client.post(CREATE, {"quote": "x"}).content.decode()
    for message in (
        "Enter the date the compliment was received",
        "Choose the team",
        "Choose who gave the compliment",
        "Enter a summary of the compliment",
    ):
        assert message in html
    future = {**valid, **day_fields("received_on", clock.today() + timedelta(days=1))}
    html = client.post(CREATE, future).content.decode()
    assert "The date the compliment was received must be today or in the past" in html
    assert not Compliment.objects.exists()


def test_a_script_tag_is_kept_as_text_and_shown_escaped(client, officer, valid):
    client.force_login(officer)
    script = "<script>alert(1)</script>"
    response = client.post(CREATE, {**valid, "summary": script, "quote": script})
    assert Compliment.objects.get().quote == script
    page = client.get(response.url).content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_list_filters_by_team_and_period(client, officer):
    fostering, adoption = TeamFactory(name="Fostering"), TeamFactory(name="Adoption")
    march = make(fostering, date(2025, 3, 3))
    make(fostering, date(2025, 5, 1))
    make(adoption, date(2025, 3, 4))
    client.force_login(officer)
    response = client.get(
        LIST,
        {
            "team": fostering.pk,
            **day_fields("received_from", date(2025, 3, 1)),
            **day_fields("received_to", date(2025, 3, 31)),
        },
    )
    assert [c.reference for c in response.context["page"]] == [march.reference]


def test_a_period_that_ends_before_it_starts_is_an_error(client, officer):
    client.force_login(officer)
    html = client.get(
        LIST,
        {
            **day_fields("received_from", date(2025, 3, 31)),
            **day_fields("received_to", date(2025, 3, 1)),
        },
    ).content.decode()
    assert "The date to list to must be the same as or after the date from" in html


@pytest.mark.parametrize("role", list(Role))
def test_each_role_sees_and_logs_compliments_as_the_one_rule_says(client, role):
    own, other = TeamFactory(name="Fostering"), TeamFactory(name="Adoption")
    mine, theirs = make(own), make(other, date(2025, 3, 4))
    user = UserFactory(role=role, team=own if role == Role.RESPONDING_MANAGER else None)
    client.force_login(user)
    team_only = role == Role.RESPONDING_MANAGER
    everything = role in (Role.COMPLAINTS_MANAGER, Role.COMPLAINTS_OFFICER)
    expected = {mine, theirs} if everything else {mine} if team_only else set()

    listed = set(client.get(LIST).context["page"].object_list)
    assert listed == expected
    for compliment in (mine, theirs):
        status = client.get(reverse("compliments:detail", args=[compliment.reference]))
        assert status.status_code == (200 if compliment in expected else 404)
        edit = client.get(reverse("compliments:edit", args=[compliment.reference]))
        assert edit.status_code == (200 if everything else 403)
        review = client.get(reverse("compliments:review_quote", args=[compliment.reference]))
        assert review.status_code == (200 if role == Role.COMPLAINTS_MANAGER else 403)
    assert client.get(CREATE).status_code == (200 if everything else 403)
    quotes = client.get(reverse("compliments:quotes")).status_code
    assert quotes == (200 if role == Role.COMPLAINTS_MANAGER else 403)


def test_reading_a_compliment_is_audited(client, officer):
    compliment = make(TeamFactory())
    client.force_login(officer)
    client.get(reverse("compliments:detail", args=[compliment.reference]))
    entry = LogEntry.objects.get_for_object(compliment).get(action=LogEntry.Action.ACCESS)
    assert entry.actor == officer


def test_the_dashboard_counts_this_months_compliments(client, officer):
    team = TeamFactory()
    today = clock.today()
    make(team, today)
    make(team, today.replace(day=1) - timedelta(days=1))  # last month
    client.force_login(officer)
    response = client.get(reverse("dashboard:home"))
    assert response.context["compliments_this_month"] == 1
    assert CREATE in response.content.decode()
