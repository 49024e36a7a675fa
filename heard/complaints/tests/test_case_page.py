"""The case page as a guided record: header, sections, the current stage's task list with
one next step; every finding of a stage on one page; dates that start at today; points of
complaint on the log form (issue 17, points 1 and 2)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from heard.accounts.tests.factories import UserFactory
from heard.complaints.choices import Finding, Relationship
from heard.complaints.models import Complaint
from heard.complaints.tasks import CAN_START, CANNOT_START, DONE, work_for
from heard.complaints.tests import factories as f
from heard.core import clock

pytestmark = pytest.mark.django_db


def section(complaint, name):
    if name == "overview":
        return reverse("complaints:detail", args=[complaint.reference])
    return reverse("complaints:section", args=[complaint.reference, name])


def statuses(work):
    return [(t.name, t.status) for t in work.tasks]


def test_a_new_stage_1_lists_its_work_and_the_next_step_is_the_acknowledgement():
    complaint = f.Stage1OpenFactory.create()
    work = work_for(complaint, complaint.received_on)
    assert statuses(work) == [
        ("acknowledge", CAN_START),
        ("record_finding", CANNOT_START),  # no point of complaint yet
        ("respond", CAN_START),
    ]
    assert work.next is not None
    assert work.next.name == "acknowledge"
    # The rest of what the table allows today is offered beside the task list.
    others = {t.name for t in work.others}
    assert {"extend", "withdraw", "not_accept", "record_advocacy"} <= others
    assert "acknowledge" not in others


def test_a_child_is_offered_an_advocate_before_the_acknowledgement():
    complaint = f.Stage1OpenFactory.create(relationship=Relationship.CHILD)
    work = work_for(complaint, complaint.received_on)
    assert [t.name for t in work.tasks][:2] == ["record_advocacy", "acknowledge"]
    assert work.next is not None
    assert work.next.name == "record_advocacy"


def test_tasks_are_done_as_the_case_records_them_and_closing_follows_the_response():
    complaint = f.Stage1AcknowledgedFactory.create()
    complaint.add_element(by=None, theme=f.ThemeFactory.create(), description="Calls")
    complaint.refresh_from_db()
    work = work_for(complaint, complaint.received_on)
    assert statuses(work)[:2] == [("acknowledge", DONE), ("record_finding", CAN_START)]
    assert work.next is not None
    assert work.next.name == "record_finding"
    assert work.next.url == reverse("complaints:findings", args=[complaint.reference])
    assert work.tasks[0].url == ""  # an acknowledgement cannot be sent twice

    responded = f.Stage1RespondedFactory.create()
    work = work_for(responded, clock.today())
    assert statuses(work)[-3:] == [("respond", DONE), ("close", CAN_START), ("escalate", CAN_START)]
    assert work.next is not None
    assert work.next.name == "close"
    # Closing and escalating are choices after the work, not tasks to count.
    assert (work.done_count, len(work.course)) == (3, 3)


def test_stage_2_follows_the_statutory_investigation():
    complaint = f.Stage2OpenFactory.create()
    work = work_for(complaint, clock.today())
    assert [t.name for t in work.tasks] == [
        "acknowledge",
        "appoint",
        "agree_statement",
        "receive_io_report",
        "receive_ip_report",
        "adjudicate",
        "record_finding",
        "respond",
    ]


def test_the_case_page_has_a_header_sections_and_one_primary_button(client, officer):
    complaint = f.Stage1OpenFactory.create(assigned_officer=officer)
    client.force_login(officer)
    html = client.get(section(complaint, "overview")).content.decode()
    assert 'class="heard-case-header"' in html
    assert "Olivia Officer" in html
    assert "Stage 1: in progress" in html
    for name in ("points", "people", "documents", "outcomes", "timeline"):
        assert f'href="{section(complaint, name)}"' in html
        assert client.get(section(complaint, name)).status_code == 200
    main = html[html.index("<main") : html.index("</main>")]
    assert main.count('class="govuk-button"') == 1  # one primary button
    acknowledge = reverse("complaints:step", args=[complaint.reference, "acknowledge"])
    assert f'href="{acknowledge}" role="button"' in html
    assert 'aria-current="page">Overview<' in html


def test_a_section_that_does_not_exist_is_not_found(client, officer):
    complaint = f.Stage1OpenFactory.create()
    client.force_login(officer)
    assert client.get(f"/complaints/{complaint.reference}/nonsense/").status_code == 404


def test_someone_who_may_see_but_not_change_the_case_gets_no_task_list(client):
    complaint = f.Stage1OpenFactory.create()
    client.force_login(UserFactory(role="responding_manager", team=complaint.team))
    page = client.get(section(complaint, "overview"))
    assert page.status_code == 200
    assert page.context["work"] is None
    assert 'role="button"' not in page.content.decode()


def days(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def test_every_finding_of_a_stage_goes_in_on_one_page(client, officer):
    complaint = f.Stage1AcknowledgedFactory.create()
    theme = f.ThemeFactory.create()
    points = [
        complaint.add_element(by=None, theme=theme, description=text)
        for text in ("Calls were not returned", "The plan was late", "Rude at a visit")
    ]
    client.force_login(officer)
    url = reverse("complaints:findings", args=[complaint.reference])
    page = client.get(url)
    assert page.status_code == 200
    assert "The plan was late" in page.content.decode()
    version = complaint.active_stage.version

    # A reason with no finding is refused on that point, and what was typed is kept.
    refused = client.post(
        url,
        {"version": version, f"reasons_{points[1].pk}": "It was three weeks late"},
    )
    assert refused.status_code == 200
    assert refused.context["form"].errors[f"finding_{points[1].pk}"] == [
        "Choose a finding on point 2"
    ]
    assert "It was three weeks late" in refused.content.decode()

    answers = {
        "version": version,
        f"finding_{points[0].pk}": Finding.UPHELD,
        f"reasons_{points[0].pk}": "The log shows no call back",
        f"action_{points[0].pk}": "Calls returned within a day",
        f"finding_{points[1].pk}": Finding.PARTIALLY_UPHELD,
        f"finding_{points[2].pk}": Finding.NOT_UPHELD,
    }
    assert client.post(url, answers).status_code == 302
    stage = complaint.active_stage
    recorded = {x.element.number: (x.finding, x.action) for x in stage.findings.all()}
    assert recorded == {
        1: (Finding.UPHELD, "Calls returned within a day"),
        2: (Finding.PARTIALLY_UPHELD, ""),
        3: (Finding.NOT_UPHELD, ""),
    }
    labels = [e.label for e in complaint.events.filter(action="record_finding")]
    assert sorted(labels) == [
        "Finding recorded: point 1, upheld",
        "Finding recorded: point 2, partially upheld",
        "Finding recorded: point 3, not upheld",
    ]

    # Saved again with one change: only that point is recorded again.
    stage.refresh_from_db()
    again = {**answers, "version": stage.version, f"finding_{points[2].pk}": Finding.UPHELD}
    assert client.post(url, again).status_code == 302
    assert complaint.events.filter(action="record_finding").count() == 4


def test_a_findings_page_opened_before_someone_else_saved_keeps_what_was_typed(client, officer):
    complaint = f.Stage1AcknowledgedFactory.create()
    point = complaint.add_element(by=None, theme=f.ThemeFactory.create(), description="Calls")
    client.force_login(officer)
    url = reverse("complaints:findings", args=[complaint.reference])
    stale = complaint.active_stage.version
    complaint.active_stage.extend(
        by=None,
        new_due=date(2025, 3, 24),
        reason="Complex",
        agreed_on=complaint.received_on,
    )
    response = client.post(
        url, {"version": stale, f"finding_{point.pk}": Finding.UPHELD, f"reasons_{point.pk}": "Log"}
    )
    assert response.status_code == 200
    assert "Someone else changed this case" in response.content.decode()
    assert not complaint.active_stage.findings.exists()


def test_dates_start_at_today_and_the_extension_shows_its_latest_date(client, officer):
    complaint = f.Stage1AcknowledgedFactory.create()
    client.force_login(officer)
    today = clock.today()
    respond = client.get(reverse("complaints:step", args=[complaint.reference, "respond"]))
    html = respond.content.decode()
    assert f'name="ended_on_0" type="text" inputmode="numeric" value="{today.day}"' in html
    assert f'name="ended_on_2" type="text" inputmode="numeric" value="{today.year}"' in html
    due = complaint.active_stage.response_due
    assert f"Due by {due:%-d %B %Y}" in html  # the allowed range, up front
    extend = client.get(reverse("complaints:step", args=[complaint.reference, "extend"]))
    latest = complaint.active_stage.maximum_response_due
    assert f"The latest date allowed is {latest:%-d %B %Y}" in extend.content.decode()
    # The new response date itself is not filled in: it is the officer's to choose.
    assert 'name="extended_to_0" type="text" inputmode="numeric" value=""' in (
        extend.content.decode()
    )


def test_a_complaint_is_logged_with_its_points(client, officer):
    theme = f.ThemeFactory.create(name="Communication")
    other = f.ThemeFactory.create(name="Care planning")
    team = f.TeamFactory.create()
    client.force_login(officer)
    today = clock.today()
    answers = {
        "procedure": "corporate",
        **days("received_on", today),
        "channel": "phone",
        "team": team.pk,
        "summary": "Bins not collected",
        "complainant_name": "Sam Jones",
        "preferred_contact": "phone",
        "complainant_phone": "07000 000000",
        "point1_theme": theme.pk,
        "point1_description": "Missed three weeks running",
        "point2_theme": other.pk,
        "point2_description": "Nobody called back",
        "point3_description": "Half written",
    }
    refused = client.post(reverse("complaints:create"), answers)
    assert refused.status_code == 200
    assert refused.context["form"].errors["point3_theme"] == ["Choose the theme of point 3"]
    assert not Complaint.objects.exists()
    assert "Half written" in refused.content.decode()

    del answers["point3_description"]
    created = client.post(reverse("complaints:create"), answers)
    assert created.status_code == 302
    complaint = Complaint.objects.get()
    assert [(e.number, e.theme.name, e.description) for e in complaint.elements.all()] == [
        (1, "Communication", "Missed three weeks running"),
        (2, "Care planning", "Nobody called back"),
    ]
