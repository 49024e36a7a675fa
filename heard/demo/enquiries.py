"""Demo councillor and MP enquiries, and other representations."""

from __future__ import annotations

import random
from datetime import date, timedelta

from faker import Faker

from heard.accounts.models import User
from heard.core.models import Team
from heard.demo.reference import TEAMS
from heard.demo.years import FIRST_DEMO_YEAR, demo_closure_days, financial_years
from heard.enquiries.models import Enquiry, MemberKind, RepresentationKind, response_period
from heard.workdays.calendar import WorkingCalendar

ENQUIRY_SUBJECTS = [
    "Asks why a family's assessment has not started",
    "Asks about contact arrangements for a child in care",
    "Raises a constituent's concern about a change of social worker",
    "Asks when a care leaver will hear about housing support",
    "Asks for an update on a foster carer's application",
    "Passes on a parent's worry about a delayed review meeting",
]


def build_enquiries(seed: int, today: date, first_year: int = FIRST_DEMO_YEAR) -> int:
    """20 to 45 councillor and MP enquiries a year; most answered, a few late or still open."""

    rng = random.Random(f"enquiries-{seed}")
    faker = Faker("en_GB")
    faker.seed_instance(seed)
    teams = list(Team.objects.filter(name__in=TEAMS))
    officers = list(User.objects.filter(username__in=["officer", "manager"]))
    calendar = WorkingCalendar.for_england_and_wales(demo_closure_days(first_year, today.year))
    logged = 0
    for start, _end, days in financial_years(first_year, today):
        for _ in range(round(rng.randint(20, 45) * days / 365)):
            received = start + timedelta(days=rng.randrange(days))
            mp = rng.random() < 0.35
            enquiry = Enquiry.log(
                by=None,
                received_on=received,
                member_kind=MemberKind.MP if mp else MemberKind.COUNCILLOR,
                member_name=f"{faker.name()} MP" if mp else f"Cllr {faker.name()}",
                constituent=faker.name() if rng.random() < 0.7 else "",
                team=rng.choice(teams),
                summary=rng.choice(ENQUIRY_SUBJECTS),
                assigned_officer=rng.choice(officers),
            )
            taken = rng.choice([2, 4, 6, 8, 9, 10, 10, 12, 15])
            replied = calendar.add_working_days(received, min(taken, response_period() + 5))
            # Recent ones are often still being worked on, some already past their target.
            still_open = (today - received).days < 30 and rng.random() < 0.6
            if replied <= today and not still_open:
                enquiry.respond(by=enquiry.assigned_officer, on=replied, response="Reply sent")
            logged += 1
    return logged + _build_other_representations(seed, today, first_year)


#: The other kinds, with how many a year (low, high) and what they say.
OTHER_REPRESENTATIONS = {
    RepresentationKind.ENQUIRY: (
        (15, 40),
        ["Asks how to make a complaint about a care plan", "Asks who their social worker is"],
    ),
    RepresentationKind.CONCERN: (
        (10, 30),
        ["A neighbour is worried about a child left alone", "A relative worries about a visit"],
    ),
    RepresentationKind.COMMENT: (
        (5, 15),
        ["Suggests the leaflet for families is made clearer", "Comments on office opening times"],
    ),
    RepresentationKind.PROFESSIONAL: (
        (3, 10),
        ["A school says a referral was not followed up", "A GP says a report was not shared"],
    ),
}


def _build_other_representations(seed: int, today: date, first_year: int) -> int:
    """Enquiries, concerns, comments and professionals' complaints (a separate random stream,
    so the member enquiries above are unchanged); most answered."""
    rng = random.Random(f"representations-{seed}")
    teams = list(Team.objects.filter(name__in=TEAMS))
    logged = 0
    for start, _end, days in financial_years(first_year, today):
        for kind, ((low, high), subjects) in OTHER_REPRESENTATIONS.items():
            for _ in range(round(rng.randint(low, high) * days / 365)):
                received = start + timedelta(days=rng.randrange(days))
                enquiry = Enquiry.log(
                    by=None,
                    received_on=received,
                    kind=kind,
                    team=rng.choice(teams),
                    summary=rng.choice(subjects),
                )
                replied = received + timedelta(days=rng.choice([3, 7, 10, 14, 20]))
                if replied <= today - timedelta(days=7):
                    enquiry.respond(by=None, on=replied, response="Reply sent")
                logged += 1
    return logged
