"""Demo informal complaints before Stage 1, where the corporate procedure has the informal
stage switched on (the demo switches it on: Makefile, HEARD_INFORMAL_STAGE)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from faker import Faker

from heard.accounts.models import User
from heard.complaints.choices import Channel, Procedure, Relationship
from heard.complaints.models import Complainant, Complaint, InformalComplaint, Theme
from heard.complaints.models.informal import informal_target
from heard.core.models import Service, Team
from heard.demo.other_procedures import OTHER_PROCEDURE_POINTS, run_other_procedure
from heard.demo.plan import THEME_WEIGHTS
from heard.demo.reference import OTHER_TEAMS, TEAMS
from heard.demo.years import FIRST_DEMO_YEAR, demo_closure_days, financial_years
from heard.workdays.calendar import WorkingCalendar


def build_informal(seed: int, today: date, first_year: int = FIRST_DEMO_YEAR) -> tuple[int, int]:
    """30 to 60 informal corporate complaints a year: most resolved within the target, a few
    withdrawn, about a fifth taken to Stage 1 (run through the corporate procedure), recent
    ones open. Returns how many informal complaints, and how many complaints they became."""
    target = informal_target(Procedure.CORPORATE)
    if target is None:
        return 0, 0
    rng = random.Random(f"informal-{seed}")
    faker = Faker("en_GB")
    faker.seed_instance(seed + 5)
    calendar = WorkingCalendar.for_england_and_wales(demo_closure_days(first_year, today.year))
    teams = list(Team.objects.filter(name__in=OTHER_TEAMS[Service.CORPORATE]))
    childrens_teams = list(Team.objects.filter(name__in=TEAMS))
    officers = list(User.objects.filter(username__in=["officer", "manager"]))
    themes = list(Theme.objects.filter(name__in=THEME_WEIGHTS))
    logged = escalated = 0
    for start, _end, days in financial_years(first_year, today):
        for _ in range(round(rng.randint(30, 60) * days / 365)):
            received = start + timedelta(days=rng.randrange(days))
            officer = rng.choice(officers)
            informal = InformalComplaint.log(
                by=officer,
                procedure=Procedure.CORPORATE,
                received_on=received,
                complainant_name=faker.name(),
                team=rng.choice(teams),
                summary=rng.choice(OTHER_PROCEDURE_POINTS[Procedure.CORPORATE]),
            )
            logged += 1
            ended = calendar.add_working_days(received, rng.choice([1, 2, 3, 5, 7, 9, 10, 12]))
            if ended > today:
                continue  # still being worked on
            route = rng.random()
            if route < 0.7:
                informal.resolve(by=officer, on=ended, note="Put right by the service")
            elif route < 0.8:
                informal.withdraw(by=officer, on=ended, note="The complainant was content")
            else:
                complaint = Complaint.receive(
                    by=officer,
                    procedure=Procedure.CORPORATE,
                    received_on=ended,
                    complainant=Complainant.objects.create(name=informal.complainant_name),
                    relationship=Relationship.SELF,
                    team=informal.team,
                    summary=informal.summary,
                    channel=rng.choice([Channel.EMAIL, Channel.PHONE]),
                    assigned_officer=officer,
                )
                informal.escalate(by=officer, complaint=complaint)
                escalated += 1
                run_other_procedure(
                    complaint, rng, calendar, themes, officer, today, childrens_teams
                )
    return logged, escalated
