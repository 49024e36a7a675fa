"""The demo data: deterministic plans, realistic volumes, and cases that obey every rule."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from heard.accounts.models import Role, User
from heard.complaints.choices import Procedure
from heard.complaints.models import Complaint, InformalComplaint, Stage
from heard.compliments.models import Compliment
from heard.core.models import Team
from heard.demo.build import build_demo
from heard.demo.plan import Planner
from heard.demo.reference import DEMO_USERS
from heard.demo.years import demo_closure_days, financial_year_start
from heard.enquiries.models import Enquiry
from heard.ombudsman.models import OmbudsmanCase
from heard.referrals.models import MonthlyReferrals
from heard.reporting.models import PaperTemplate
from heard.sars.models import SubjectAccessRequest
from heard.workdays.calendar import WorkingCalendar

TODAY = date(2026, 11, 22)
CALENDAR = WorkingCalendar.for_england_and_wales(demo_closure_days(2019, 2026))


def summary(plans):
    return [
        (p.received_on, p.complainant["name"], [(s.on, s.action) for s in p.steps]) for p in plans
    ]


def test_the_same_seed_and_day_give_the_same_plan_and_another_seed_does_not():
    first = summary(Planner(7, TODAY, CALENDAR).plan())
    assert first == summary(Planner(7, TODAY, CALENDAR).plan())
    assert first != summary(Planner(8, TODAY, CALENDAR).plan())


def test_every_full_year_has_50_to_120_stage_1_complaints_and_about_a_tenth_escalate():
    plans = Planner(2026, TODAY, CALENDAR).plan()
    per_year = Counter(financial_year_start(p.received_on).year for p in plans)
    assert set(per_year) == set(range(2019, 2027))
    for year in range(2019, 2026):
        assert 50 <= per_year[year] <= 121, (year, per_year[year])
    escalated = sum(any(s.action == "escalate" for s in p.steps) for p in plans)
    assert 0.05 < escalated / len(plans) < 0.15
    routes = Counter(s.action for p in plans for s in p.steps)
    assert routes["adr"] > 0
    assert routes["withdraw"] > 0
    assert routes["extend"] > 0


@pytest.mark.django_db
def test_building_the_demo_creates_a_user_per_role_and_stops_at_today(settings):
    settings.HEARD_INFORMAL_STAGE = {"corporate": 10}  # as the Makefile's demo has it
    today = date(2026, 2, 16)
    counts = build_demo(seed=3, today=today, first_year=2025)
    assert {u.role for u in User.objects.all()} == set(Role.values)
    assert User.objects.count() == len(DEMO_USERS)
    children = Complaint.objects.filter(procedure=Procedure.CHILDREN).exclude(
        reference__startswith="COR"  # moved from corporate, with the reference it had
    )
    assert children.count() == counts["complaints"] > 0
    assert not Stage.objects.filter(ended_on__gt=today).exists()
    assert not Complaint.objects.filter(received_on__gt=today).exists()
    assert Complaint.objects.open().exists()
    assert Complaint.objects.open().filter(next_due_on__gte=today).exists()
    # The last few days' complaints from the website wait in the triage queue, unassigned.
    waiting = Complaint.objects.filter(awaiting_triage=True)
    assert waiting.count() == counts["awaiting_triage"] > 0
    assert not waiting.filter(assigned_officer__isnull=False).exists()
    assert Stage.objects.filter(number=2).exists()
    assert Compliment.objects.count() == counts["compliments"] > 0
    assert Enquiry.objects.count() == counts["enquiries"] > 0
    assert not Enquiry.objects.filter(responded_on__gt=today).exists()
    assert Enquiry.objects.open().exists()  # the demo has work in hand
    sars = SubjectAccessRequest.objects
    assert sars.count() == counts["subject access requests"] > 0
    assert sars.open().exists()
    assert sars.filter(status="closed").exists()
    assert sars.filter(care_leaver=True).exists()
    assert not sars.filter(closed_on__gt=today).exists()
    for procedure in (Procedure.ADULTS, Procedure.CORPORATE):
        assert Complaint.objects.filter(procedure=procedure).exists()
        assert Complaint.objects.filter(procedure=procedure, status="closed").exists()
    assert Stage.objects.filter(complaint__procedure=Procedure.CORPORATE, number=2).exists()
    assert (
        counts["adult and corporate complaints"]
        == Complaint.objects.exclude(reference__startswith="CSC").count()
    )
    informal = InformalComplaint.objects
    assert informal.count() == counts["informal complaints"] > 0
    assert {i.status for i in informal.all()} >= {"open", "resolved", "escalated"}
    assert not informal.filter(ended_on__gt=today).exists()
    assert Team.objects.exclude(service_area="").exists()
    papers = PaperTemplate.objects
    assert papers.count() == counts["committee papers"] == 3
    assert not papers.filter(committee="").exists()
    ombudsman = OmbudsmanCase.objects
    assert ombudsman.count() == counts["Ombudsman cases"] > 0
    assert ombudsman.filter(complaint__isnull=False).exists()
    assert not ombudsman.filter(decided_on__gt=today).exists()
    # Referrals for every month from April 2025 to January 2026 (the last full month).
    months = list(MonthlyReferrals.objects.order_by("month").values_list("month", flat=True))
    assert (months[0], months[-1], len(months)) == (date(2025, 4, 1), date(2026, 1, 1), 10)
    assert not Compliment.objects.filter(received_on__gt=today).exists()
    # At least 25 a year, pro rata: 2025/26 up to 16 February is 322 days, so at least 22.
    assert Compliment.objects.filter(received_on__gte=date(2025, 4, 1)).count() >= 22


@pytest.mark.django_db
def test_the_command_refuses_without_debug_and_on_a_database_with_complaints(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="HEARD_DEBUG"):
        call_command("make_demo_data")
    settings.DEBUG = True
    from heard.complaints.tests.factories import Stage1OpenFactory

    Stage1OpenFactory()
    with pytest.raises(CommandError, match="already has complaints"):
        call_command("make_demo_data")
