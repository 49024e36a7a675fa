"""Demo adult social care and corporate complaints, run through their own procedures."""

from __future__ import annotations

import random
from datetime import date, timedelta

from faker import Faker

from heard.accounts.models import User
from heard.complaints.choices import (
    Channel,
    Finding,
    Procedure,
    Relationship,
)
from heard.complaints.models import Complainant, Complaint, Theme
from heard.core.models import Service, Team
from heard.demo.plan import THEME_WEIGHTS
from heard.demo.reference import OTHER_TEAMS, TEAMS
from heard.demo.years import FIRST_DEMO_YEAR, demo_closure_days, financial_years
from heard.workdays.calendar import WorkingCalendar

OTHER_PROCEDURE_POINTS = {
    Procedure.ADULTS: [
        "Home care visits were late or missed",
        "The care needs assessment took too long",
        "Charges for care were not explained",
    ],
    Procedure.CORPORATE: [
        "The bin was not collected three weeks running",
        "A council tax letter was wrong",
        "Nobody replied to emails about a housing repair",
        "A parking fine was issued while the permit was valid",
    ],
}


def build_other_procedures(seed: int, today: date, first_year: int = FIRST_DEMO_YEAR) -> int:
    """Adult social care (15 to 40 a year) and corporate (40 to 90 a year) complaints, run
    through their own procedures' steps; a few corporate ones go to Stage 2, a few are late,
    a few logged as corporate are moved to the children's procedure, and recent ones are open."""
    rng = random.Random(f"other-procedures-{seed}")
    faker = Faker("en_GB")
    faker.seed_instance(seed + 2)
    calendar = WorkingCalendar.for_england_and_wales(demo_closure_days(first_year, today.year))
    # Each procedure's complaints are about its own service's teams.
    teams = {
        procedure: list(Team.objects.filter(name__in=OTHER_TEAMS[Service(procedure)]))
        for procedure in (Procedure.ADULTS, Procedure.CORPORATE)
    }
    childrens_teams = list(Team.objects.filter(name__in=TEAMS))
    officers = list(User.objects.filter(username__in=["officer", "manager"]))
    themes = list(Theme.objects.filter(name__in=THEME_WEIGHTS))
    logged = 0
    for start, _end, days in financial_years(first_year, today):
        for procedure, low, high in ((Procedure.ADULTS, 15, 40), (Procedure.CORPORATE, 40, 90)):
            for _ in range(round(rng.randint(low, high) * days / 365)):
                received = start + timedelta(days=rng.randrange(days))
                officer = rng.choice(officers)
                complaint = Complaint.receive(
                    by=officer,
                    procedure=procedure,
                    received_on=received,
                    complainant=Complainant.objects.create(name=faker.name()),
                    relationship=Relationship.SELF,
                    team=rng.choice(teams[procedure]),
                    summary=rng.choice(OTHER_PROCEDURE_POINTS[procedure]),
                    channel=rng.choice([Channel.WEB_FORM, Channel.EMAIL, Channel.PHONE]),
                    assigned_officer=officer,
                )
                logged += 1
                run_other_procedure(
                    complaint, rng, calendar, themes, officer, today, childrens_teams
                )
    return logged


def run_other_procedure(
    complaint: Complaint,
    rng: random.Random,
    calendar: WorkingCalendar,
    themes: list[Theme],
    officer: User,
    today: date,
    childrens_teams: list[Team],
) -> None:
    received = complaint.received_on
    element = complaint.add_element(
        by=officer, theme=rng.choice(themes), description=complaint.summary
    )
    acknowledged = calendar.add_working_days(received, rng.choice([1, 2, 3, 3, 4]))
    if acknowledged > today:
        return
    stage = complaint.active_stage
    stage.acknowledge(by=officer, on=acknowledged)
    if complaint.procedure == Procedure.CORPORATE and rng.random() < 0.04:
        complaint.change_procedure(
            by=officer,
            procedure=Procedure.CHILDREN,
            on=acknowledged,
            reason="It is about a child's social care: the statutory procedure applies",
        )
        # The officer then puts it with the children's team it is about.
        complaint.update_details(
            by=officer, version=complaint.version, team=rng.choice(childrens_teams)
        )
        return  # left open for the team to pick up under the statutory procedure
    if complaint.procedure == Procedure.ADULTS:
        agreed = calendar.add_working_days(acknowledged, rng.choice([15, 20, 25, 30, 40]))
        stage.extend(
            by=officer, new_due=agreed, reason="Agreed with the complainant", agreed_on=acknowledged
        )
        responded = calendar.add_working_days(agreed, rng.choice([-8, -5, -2, 0, 0, 3]))
    else:
        responded = calendar.add_working_days(acknowledged, rng.choice([5, 7, 8, 9, 10, 10, 12]))
    for number in (1, 2):
        if responded > today:
            return
        stage.record_finding(
            by=officer,
            element=element,
            finding=rng.choice([Finding.UPHELD, Finding.PARTIALLY_UPHELD, Finding.NOT_UPHELD]),
        )
        stage.respond(by=officer, on=max(responded, stage.started_on))
        escalate = complaint.procedure == Procedure.CORPORATE and number == 1
        if not escalate or rng.random() > 0.12:
            break
        requested = calendar.add_working_days(responded, rng.randint(2, 15))
        if requested > today:
            return
        stage = complaint.escalate(by=officer, requested_on=requested)
        acknowledged = calendar.add_working_days(requested, rng.choice([1, 2, 3, 5]))
        if acknowledged > today:
            return
        stage.acknowledge(by=officer, on=acknowledged)
        responded = calendar.add_working_days(acknowledged, rng.choice([12, 15, 18, 20, 24]))
    closed = calendar.add_working_days(responded, 20)
    if closed <= today:
        complaint.close(by=officer, on=closed)
