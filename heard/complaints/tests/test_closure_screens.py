"""Closure days, kept on Heard's own screens: a day added or removed rebuilds the calendar as
today and the page says how many open deadlines moved (issue 33)."""

from __future__ import annotations

import html
from datetime import date

import pytest
import time_machine
from auditlog.models import LogEntry
from django.urls import reverse

from heard.accounts.models import Role
from heard.accounts.tests.factories import UserFactory
from heard.complaints.tests import factories as f
from heard.workdays.models import ClosureDay

pytestmark = pytest.mark.django_db
LIST = reverse("complaints:closure_days")
ADD = reverse("complaints:add_closure_day")


def remove_url(closure):
    return reverse("complaints:remove_closure_day", args=[closure.pk])


def days(first: date, last: date | None = None, reason: str = "Snow") -> dict[str, str]:
    data = {
        "first_day_0": str(first.day),
        "first_day_1": str(first.month),
        "first_day_2": str(first.year),
        "reason": reason,
    }
    if last:
        data |= {"last_day_0": str(last.day), "last_day_1": str(last.month)}
        data["last_day_2"] = str(last.year)
    return data


@pytest.mark.parametrize("role", list(Role))
def test_only_roles_that_configure_keep_closure_days_others_find_nothing_there(client, role):
    closure = ClosureDay.objects.create(day=date(2099, 12, 29), description="Christmas")
    client.force_login(UserFactory(role=role))
    allowed = role in (Role.COMPLAINTS_MANAGER, Role.ADMINISTRATOR)
    for url in (LIST, ADD):
        assert client.get(url).status_code == (200 if allowed else 404)
    assert client.post(ADD, days(date(2099, 12, 30))).status_code == (302 if allowed else 404)
    assert client.post(remove_url(closure)).status_code == (302 if allowed else 404)
    assert ClosureDay.objects.filter(day=date(2099, 12, 30)).exists() == allowed
    assert ClosureDay.objects.filter(pk=closure.pk).exists() != allowed


@time_machine.travel(date(2025, 3, 4), tick=False)
def test_a_closure_day_moves_an_open_deadline_and_the_page_says_so(client, manager):
    complaint = f.Stage1OpenFactory()  # received Monday 3 March 2025: acknowledge by the 6th
    f.Stage1OpenFactory().active_stage.withdraw(by=None, on=date(2025, 3, 4), reason="")
    complaint.refresh_from_db()
    assert complaint.next_due_on == date(2025, 3, 6)
    client.force_login(manager)
    response = client.post(ADD, days(date(2025, 3, 5), reason="Office move"), follow=True)
    page = html.unescape(response.content.decode())
    assert "1 closure day added. 1 open deadline moved" in page
    assert "Wednesday 5 March 2025" in page
    complaint.refresh_from_db()
    assert complaint.next_due_on == date(2025, 3, 7)

    response = client.post(remove_url(ClosureDay.objects.get()), follow=True)
    assert "Closure day 5 March 2025 removed. 1 open deadline moved" in html.unescape(
        response.content.decode()
    )
    complaint.refresh_from_db()
    assert complaint.next_due_on == date(2025, 3, 6)

    # A day after every deadline moves none.
    response = client.post(ADD, days(date(2025, 6, 2)), follow=True)
    assert "No open deadline moved" in response.content.decode()


@time_machine.travel(date(2025, 11, 3), tick=False)
def test_a_range_adds_every_day_in_it_listed_by_year(client, manager):
    client.force_login(manager)
    response = client.post(
        ADD, days(date(2025, 12, 29), date(2026, 1, 2), "Christmas closure"), follow=True
    )
    assert "5 closure days added" in response.content.decode()
    assert ClosureDay.objects.count() == 5
    assert set(ClosureDay.objects.values_list("description", flat=True)) == {"Christmas closure"}
    this_year = client.get(LIST).content.decode()
    assert "Monday 29 December 2025" in this_year
    assert "Friday 2 January 2026" not in this_year
    next_year = client.get(LIST, {"year": "2026"}).content.decode()
    assert "Friday 2 January 2026" in next_year
    assert "Monday 29 December 2025" not in next_year
    entry = LogEntry.objects.get_for_object(ClosureDay.objects.first()).get()
    assert entry.actor == manager
    assert entry.changes_dict["description"][1] == "Christmas closure"


@time_machine.travel(date(2025, 11, 3), tick=False)
def test_only_a_closure_day_still_to_come_can_be_removed(client, manager):
    passed = ClosureDay.objects.create(day=date(2025, 11, 3), description="Today")
    client.force_login(manager)
    assert "Passed" in client.get(LIST).content.decode()
    response = client.post(remove_url(passed), follow=True)
    assert "Only a closure day still to come can be removed" in response.content.decode()
    assert ClosureDay.objects.filter(pk=passed.pk).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (days(date(2025, 5, 6), reason=""), "Enter why the service is closed"),
        ({"reason": "Snow"}, "Enter the date the service closes"),
        (days(date(2025, 5, 6), date(2025, 5, 5)), "must be the same as or after the first"),
        (days(date(2025, 5, 1), date(2025, 6, 1)), "Add at most 31 days at a time"),
        (days(date(2025, 5, 4), date(2025, 5, 6)), "already closed on 5 May 2025"),
        ({**days(date(2025, 5, 6)), "first_day_1": "13"}, "must be a real date"),
    ],
)
def test_bad_closure_days_are_refused_with_a_specific_error_and_save_nothing(
    client, manager, data, message
):
    ClosureDay.objects.create(day=date(2025, 5, 5), description="Already closed")
    client.force_login(manager)
    response = client.post(ADD, data)
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert ClosureDay.objects.count() == 1
