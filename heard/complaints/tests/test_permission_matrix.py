"""Every role, every URL, a case it may see and one it may not: the expected status code.

The list never shows a case whose page would refuse (checked here for every role too).
"""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from heard.accounts.models import Role
from heard.accounts.tests.factories import UserFactory
from heard.complaints.choices import AppointmentRole, CostKind
from heard.complaints.models import Cost, Document
from heard.complaints.tests import factories as f

pytestmark = pytest.mark.django_db

CASEWORK = {Role.COMPLAINTS_MANAGER, Role.COMPLAINTS_OFFICER}
#: The appointment that lets each role see the "seen" case (None: sees by role or team).
APPOINTED = {
    Role.INVESTIGATING_OFFICER: AppointmentRole.INVESTIGATING_OFFICER,
    Role.INDEPENDENT_PERSON: AppointmentRole.INDEPENDENT_PERSON,
    Role.ADJUDICATING_OFFICER: AppointmentRole.ADJUDICATING_OFFICER,
    Role.PANEL_MEMBER: AppointmentRole.PANEL_MEMBER,
}
SEES_NOTHING = {Role.REPORT_VIEWER, Role.ADMINISTRATOR, Role.SAR_OFFICER}
STAGE_2_ONLY = {Role.INVESTIGATING_OFFICER, Role.INDEPENDENT_PERSON}


@pytest.fixture
def world():
    seen = f.Stage3OpenFactory(team=f.TeamFactory(name="Fostering"))
    panel = f.appoint_panel(seen.active_stage, seen.active_stage.started_on)
    unseen = f.Stage3OpenFactory(team=f.TeamFactory(name="Adoption"))
    people = {a.role: a.practitioner for a in seen.stages.get(number=2).appointments.all()}
    people[AppointmentRole.PANEL_MEMBER] = panel[1]
    for complaint in (seen, unseen):
        add_records(complaint)
        for number in (1, 2):
            Document.attach(
                complaint,
                by=None,
                stage=complaint.stages.get(number=number),
                title=f"Stage {number} notes",
                filename="notes.pdf",
                content=io.BytesIO(b"%PDF-1.4\n%%EOF\n"),
                content_type="application/pdf",
            )
    return {"seen": seen, "unseen": unseen, "people": people}


def add_records(complaint):
    """A remedy, a learning action and a cost, so their pages can be tried."""
    on = complaint.active_stage.started_on
    f.agree_remedy(complaint, on)
    f.raise_learning_action(complaint, on)
    complaint.active_stage.add_cost(by=None, kind=CostKind.VENUE, amount=100, incurred_on=on)


def make_user(role, world):
    from heard.core.models import Team

    team = Team.objects.get(name="Fostering") if role == Role.RESPONDING_MANAGER else None
    user = UserFactory(role=role, team=team)
    if role in APPOINTED:
        practitioner = world["people"][APPOINTED[role]]
        practitioner.user = user
        practitioner.save()
    return user


def case_urls(complaint):
    ref = complaint.reference
    return {
        "detail": reverse("complaints:detail", args=[ref]),
        "step": reverse("complaints:step", args=[ref, "appoint"]),
        "step_advocacy": reverse("complaints:step", args=[ref, "record_advocacy"]),
        "add_point": reverse("complaints:add_element", args=[ref]),
        "edit": reverse("complaints:edit", args=[ref]),
        "procedure": reverse("complaints:procedure", args=[ref]),
        "audit": reverse("complaints:audit", args=[ref]),
        "upload": reverse("complaints:upload", args=[ref]),
        "complainant": reverse("complaints:edit_complainant", args=[ref]),
        "add_child": reverse("complaints:add_child", args=[ref]),
        **{
            f"{action}_{kind}": reverse(f"complaints:{action}_{kind}", args=[ref, record.pk])
            for kind, record in (
                ("remedies", complaint.remedies.get()),
                ("learning", complaint.learning_actions.get()),
                ("costs", Cost.objects.get(stage__complaint=complaint)),
            )
            for action in ("edit", "remove", "complete")
            if not (kind == "costs" and action == "complete")
        },
        **{
            f"add_{kind}": reverse(f"complaints:add_{kind}", args=[ref])
            for kind in ("remedies", "learning", "costs")
        },
        **{
            f"document_stage{d.stage.number}": reverse("complaints:document", args=[ref, d.pk])
            for d in complaint.documents.select_related("stage")
        },
    }


def expected(role, url_name, may_see):
    if not may_see:
        return 404
    if url_name == "document_stage1" and role in STAGE_2_ONLY:
        return 404  # investigators see only the documents of their Stage 2
    if url_name in ("detail", "document_stage1", "document_stage2"):
        return 200
    if url_name == "audit":
        return 200 if role == Role.COMPLAINTS_MANAGER else 403
    return 200 if role in CASEWORK else 403


@pytest.mark.parametrize("role", list(Role))
def test_every_role_gets_the_expected_status_on_every_url(client, world, role):
    user = make_user(role, world)
    client.force_login(user)
    may_see = {
        "seen": role not in SEES_NOTHING,
        "unseen": role in CASEWORK,
    }
    results = {}
    for which in ("seen", "unseen"):
        for name, url in case_urls(world[which]).items():
            results[(which, name)] = (
                client.get(url).status_code,
                expected(role, name, may_see[which]),
            )
        letter = reverse("complaints:letter", args=[world[which].reference, "acknowledgement"])
        results[(which, "letter")] = (
            client.post(letter).status_code,
            302 if may_see[which] and role in CASEWORK else 404 if not may_see[which] else 403,
        )
    wrong = {k: v for k, v in results.items() if v[0] != v[1]}
    assert not wrong, f"{role}: (got, expected) {wrong}"

    for name in ("dashboard:home", "complaints:list", "reporting:menu"):
        assert client.get(reverse(name)).status_code == 200
    create = client.get(reverse("complaints:create")).status_code
    assert create == (200 if role in CASEWORK else 403)

    listed = {c.reference for c, _ in client.get(reverse("complaints:list")).context["rows"]}
    assert listed == {world[w].reference for w in ("seen", "unseen") if may_see[w]}


def test_signed_out_visitors_are_sent_to_sign_in_from_every_url(client, world):
    urls = [
        *case_urls(world["seen"]).values(),
        reverse("dashboard:home"),
        reverse("complaints:list"),
        reverse("complaints:create"),
        reverse("reporting:menu"),
        reverse("compliments:list"),
        reverse("compliments:create"),
        reverse("enquiries:list"),
        reverse("enquiries:create"),
        reverse("sars:list"),
        reverse("sars:create"),
        reverse("ombudsman:list"),
        reverse("ombudsman:create"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
