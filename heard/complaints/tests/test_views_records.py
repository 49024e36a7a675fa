"""Remedies, learning actions and costs on screen: add, correct, remove and done, each with a
specific error for bad input and nothing saved; and what is left to follow up (advocacy
answers, overdue remedies and learning actions) on the case page, the dashboard and the list.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from heard.complaints.choices import CostKind, Relationship, RemedyKind
from heard.complaints.models import Cost
from heard.complaints.records import KINDS
from heard.complaints.tests import factories as f
from heard.core import clock

pytestmark = pytest.mark.django_db


def day(d, name):
    return {f"{name}_0": str(d.day), f"{name}_1": str(d.month), f"{name}_2": str(d.year)}


def url(name, complaint, *args):
    return reverse(f"complaints:{name}", args=[complaint.reference, *args])


def remedy_answers(complaint, **changes):
    agreed = complaint.active_stage.ended_on or complaint.received_on
    answers = {
        "kind": RemedyKind.APOLOGY,
        "description": "A written apology from the team manager",
        "amount": "",
        "owner": "Team manager",
        **day(agreed, "agreed_on"),
        **day(agreed + timedelta(days=14), "due_on"),
    }
    answers.update(changes)
    return answers


def test_a_remedy_is_added_from_the_case_page_with_what_who_and_when(client, officer):
    complaint = f.Stage1RespondedFactory()
    client.force_login(officer)
    page = client.get(
        reverse("complaints:section", args=[complaint.reference, "outcomes"])
    ).content.decode()
    assert url("add_remedies", complaint) in page
    response = client.post(url("add_remedies", complaint), remedy_answers(complaint))
    assert response.status_code == 302
    remedy = complaint.remedies.get()
    assert (remedy.owner, remedy.stage.number) == ("Team manager", 1)
    assert complaint.events.filter(action="add_remedy").exists()
    page = client.get(
        reverse("complaints:section", args=[complaint.reference, "outcomes"])
    ).content.decode()
    assert "A written apology from the team manager" in page


def test_bad_remedy_answers_get_specific_errors_and_nothing_is_saved(client, officer):
    complaint = f.Stage1RespondedFactory()
    client.force_login(officer)
    response = client.post(url("add_remedies", complaint), {})
    errors = response.context["form"].errors
    assert errors["kind"] == ["Choose the type of remedy"]
    assert errors["description"] == ["Describe what will be done"]
    assert errors["owner"] == ["Enter who will do it"]
    assert errors["due_on"] == ["Enter the date it is due"]
    response = client.post(
        url("add_remedies", complaint), remedy_answers(complaint, kind=RemedyKind.FINANCIAL)
    )
    assert response.context["form"].errors["amount"] == ["Enter the amount of the financial remedy"]
    response = client.post(
        url("add_remedies", complaint), remedy_answers(complaint, amount="two hundred")
    )
    assert "Enter the amount in pounds" in response.context["form"].errors["amount"][0]
    assert not complaint.remedies.exists()
    assert not complaint.events.filter(action="add_remedy").exists()


def test_a_remedy_is_corrected_removed_with_a_reason_and_recorded_as_done(client, officer):
    complaint = f.Stage1RespondedFactory()
    client.force_login(officer)
    client.post(url("add_remedies", complaint), remedy_answers(complaint))
    remedy = complaint.remedies.get()
    form = client.get(url("edit_remedies", complaint, remedy.pk)).context["form"]
    assert form.initial["owner"] == "Team manager"  # the form opens with what is saved
    response = client.post(
        url("edit_remedies", complaint, remedy.pk),
        remedy_answers(complaint, kind=RemedyKind.FINANCIAL, amount="150"),
    )
    assert response.status_code == 302
    remedy.refresh_from_db()
    assert remedy.amount == Decimal("150.00")

    future = clock.today() + timedelta(days=3)
    response = client.post(
        url("complete_remedies", complaint, remedy.pk), day(future, "completed_on")
    )
    assert "today or in the past" in response.context["form"].errors["completed_on"][0]
    client.post(url("complete_remedies", complaint, remedy.pk), day(clock.today(), "completed_on"))
    remedy.refresh_from_db()
    assert remedy.completed_on == clock.today()

    response = client.post(url("remove_remedies", complaint, remedy.pk), {"reason": ""})
    assert response.context["form"].errors["reason"] == ["Give the reason for removing it"]
    assert complaint.remedies.exists()
    client.post(url("remove_remedies", complaint, remedy.pk), {"reason": "Wrong case"})
    assert not complaint.remedies.exists()
    actions = list(complaint.events.order_by("pk").values_list("action", flat=True))
    assert actions[-4:] == ["add_remedy", "correct_remedy", "complete_remedy", "remove_remedy"]


def test_a_learning_action_and_a_cost_on_an_earlier_stage(client, officer):
    complaint = f.Stage2OpenFactory()
    stage1 = complaint.stages.get(number=1)
    client.force_login(officer)
    theme = f.ThemeFactory(name="Communication")
    today = clock.today()
    response = client.post(
        url("add_learning", complaint),
        {
            "description": "Brief the team on returning calls",
            "theme": theme.pk,
            "owner": "Head of service",
            **day(today, "raised_on"),
            **day(today - timedelta(days=1), "due_on"),
        },
    )
    assert "on or after the date it was raised" in response.context["form"].errors["due_on"][0]
    assert not complaint.learning_actions.exists()
    response = client.post(
        url("add_learning", complaint),
        {
            "description": "Brief the team on returning calls",
            "theme": theme.pk,
            "owner": "Head of service",
            **day(today, "raised_on"),
            **day(today + timedelta(days=30), "due_on"),
        },
    )
    assert response.status_code == 302
    assert complaint.learning_actions.get().owner == "Head of service"

    answers = {
        "stage": stage1.pk,
        "kind": CostKind.ADVOCACY,
        "amount": "0",
        "note": "",
        **day(stage1.started_on, "incurred_on"),
    }
    response = client.post(url("add_costs", complaint), answers)
    assert response.context["form"].errors["amount"] == ["The amount must be more than £0"]
    answers["amount"] = "320.00"
    assert client.post(url("add_costs", complaint), answers).status_code == 302
    cost = Cost.objects.get(stage__complaint=complaint)
    assert cost.stage == stage1
    # Corrected, it keeps its stage whatever is posted.
    stage2 = complaint.active_stage
    answers.update(stage=stage2.pk, amount="350")
    assert client.post(url("edit_costs", complaint, cost.pk), answers).status_code == 302
    cost.refresh_from_db()
    assert (cost.stage, cost.amount) == (stage1, Decimal("350.00"))


def test_a_record_of_another_case_is_not_found(client, officer):
    complaint, other = f.Stage1RespondedFactory(), f.Stage1RespondedFactory()
    client.force_login(officer)
    client.post(url("add_remedies", other), remedy_answers(other))
    remedy = other.remedies.get()
    assert client.get(url("edit_remedies", complaint, remedy.pk)).status_code == 404
    assert (
        client.post(url("remove_remedies", complaint, remedy.pk), {"reason": "x"}).status_code
        == 404
    )
    assert other.remedies.exists()


def test_advocacy_not_known_yet_is_followed_up_on_the_case_the_dashboard_and_the_list(
    client, officer
):
    complaint = f.Stage1OpenFactory(relationship=Relationship.CHILD, assigned_officer=officer)
    provider = f.PractitionerFactory(name="Coram Voice", may_advocate=True)
    f.PractitionerFactory(name="Sam Investigator")  # not a provider: not offered
    client.force_login(officer)
    step = url("step", complaint, "record_advocacy")
    form = client.get(step).context["form"]
    assert [p.name for p in form.fields["advocacy_by"].queryset] == ["Coram Voice"]
    base = {
        "version": complaint.active_stage.version,
        **day(complaint.received_on, "advocacy_offered_on"),
    }
    response = client.post(step, {**base, "advocacy_taken_up": "yes"})
    assert response.context["form"].errors["advocacy_by"] == ["Choose the advocacy provider"]
    assert client.post(step, {**base, "advocacy_taken_up": "unsure"}).status_code == 302
    assert (
        "Follow up"
        in client.get(
            reverse("complaints:section", args=[complaint.reference, "people"])
        ).content.decode()
    )
    dashboard = client.get(reverse("dashboard:home"))
    assert ("advocacy", "Advocacy offered, answer not known", 1) in dashboard.context["follow_ups"]
    listed = client.get(reverse("complaints:list") + "?follow_up=advocacy").context["rows"]
    assert [c.reference for c, _ in listed] == [complaint.reference]

    complaint.refresh_from_db()
    answer = {**base, "version": complaint.active_stage.version, "advocacy_taken_up": "yes"}
    response = client.post(step, {**answer, "advocacy_by": provider.pk})
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert (complaint.advocacy_taken_up, complaint.advocacy_by) == (True, provider)
    assert (
        "Follow up"
        not in client.get(
            reverse("complaints:section", args=[complaint.reference, "people"])
        ).content.decode()
    )


def test_overdue_remedies_and_learning_actions_show_on_the_dashboard(client, officer):
    complaint = f.Stage1RespondedFactory()
    agreed = complaint.active_stage.ended_on
    f.agree_remedy(complaint, agreed)
    f.raise_learning_action(complaint, agreed)
    client.force_login(officer)
    counts = {name: n for name, _, n in client.get(reverse("dashboard:home")).context["follow_ups"]}
    assert counts == {"advocacy": 0, "remedies": 1, "learning": 1}
    page = client.get(
        reverse("complaints:section", args=[complaint.reference, "outcomes"])
    ).content.decode()
    assert page.count("Overdue") >= 2


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_missing_answer_on_every_record_form_gets_its_own_error(client, officer, kind):
    complaint = f.Stage1RespondedFactory()
    client.force_login(officer)
    before = complaint.events.count()
    response = client.post(url(f"add_{kind}", complaint), {})
    form = response.context["form"]
    required = [name for name, field in form.fields.items() if field.required]
    assert required
    for name in required:
        assert name in form.errors, f"{kind}: no error for a missing {name}"
        assert "This field is required" not in form.errors[name][0]  # GOV.UK wording
    assert complaint.events.count() == before


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_script_tag_in_a_record_is_kept_as_text_and_shown_escaped(client, officer, kind):
    complaint = f.Stage1RespondedFactory()
    stage = complaint.active_stage
    theme = f.ThemeFactory()
    client.force_login(officer)
    script = "<script>alert('x')</script>"
    answers = {
        "remedies": remedy_answers(complaint, description=script, owner=script),
        "learning": {
            "description": script,
            "theme": theme.pk,
            "owner": script,
            **day(stage.ended_on, "raised_on"),
            **day(stage.ended_on, "due_on"),
        },
        "costs": {
            "stage": stage.pk,
            "kind": CostKind.VENUE,
            "amount": "80",
            "note": script,
            **day(stage.ended_on, "incurred_on"),
        },
    }[kind]
    assert client.post(url(f"add_{kind}", complaint), answers).status_code == 302
    page = client.get(
        reverse("complaints:section", args=[complaint.reference, "outcomes"])
    ).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page
