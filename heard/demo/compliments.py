"""Demo compliments."""

from __future__ import annotations

import random
from datetime import date, timedelta

from heard.accounts.models import Role, User
from heard.compliments.models import Compliment
from heard.core.models import Service, Team
from heard.demo.reference import OTHER_TEAMS, TEAMS
from heard.demo.years import FIRST_DEMO_YEAR, financial_years

COMPLIMENTS = [
    ("Thanks to the social worker for keeping us informed", "She always rang back, even late."),
    ("Praise for the support at the review meeting", "I felt listened to for the first time."),
    ("Thanks for helping with the move to a new placement", "The move was calm and well planned."),
    ("The leaving care team helped with a first flat", "They helped me find a flat and a job."),
    ("Foster carer thanks the supervising social worker", "Practical help when we needed it."),
    ("Thanks for arranging family time at short notice", "The children loved seeing their nan."),
    ("School praises joint working on a child's plan", "A model of how agencies should work."),
    ("Thanks to the duty team for a quick response", "Someone came out the same afternoon."),
    ("Adopters thank the adoption support worker", "We could not have done it without her."),
    ("Young person thanks their personal adviser", "He never gave up on me."),
]
#: Compliments to the other services' teams (a separate, smaller stream).
OTHER_COMPLIMENTS = {
    Service.ADULTS: [
        "Thanks to the carers who visit my mother",
        "Praise for the reablement team after a fall",
    ],
    Service.CORPORATE: [
        "Thanks to the crew who found a lost bin",
        "Council tax staff sorted out a mistake quickly",
        "Repairs team fixed the boiler the same day",
    ],
}
COMPLIMENT_GIVERS = [
    ("child", 20),
    ("parent", 30),
    ("carer", 25),
    ("professional", 15),
    ("other", 10),
]


def build_compliments(seed: int, today: date, first_year: int = FIRST_DEMO_YEAR) -> int:
    """Log 25 to 70 compliments a year (the seed reports had 25 and 64), up to today.

    A separate random stream from the complaints, so adding compliments changes no case.
    """

    rng = random.Random(f"compliments-{seed}")
    teams = list(Team.objects.filter(name__in=TEAMS))
    givers, weights = zip(*COMPLIMENT_GIVERS, strict=True)
    logged = 0
    reviewer = User.objects.filter(role=Role.COMPLAINTS_MANAGER).order_by("pk").first()
    for start, _end, days in financial_years(first_year, today):
        for _ in range(round(rng.randint(25, 70) * days / 365)):
            summary, quote = rng.choice(COMPLIMENTS)
            compliment = Compliment.log(
                by=None,
                received_on=start + timedelta(days=rng.randrange(days)),
                team=rng.choice(teams),
                giver=rng.choices(givers, weights=weights)[0],
                summary=summary,
                quote=quote if rng.random() < 0.8 else "",
                consent_to_publish=rng.random() < 0.6,
            )
            if compliment.quote_to_review and reviewer is not None:
                # The demo's quotes name nobody: the complaints manager approves them as said.
                compliment.review_quote(by=reviewer, words=compliment.quote, publish=True)
            logged += 1
    return logged + _build_other_compliments(seed, today, first_year)


def _build_other_compliments(seed: int, today: date, first_year: int) -> int:
    """5 to 20 compliments a year for each other service's teams, so each procedure's report
    has its own (and the children's stream above is unchanged)."""
    rng = random.Random(f"compliments-other-{seed}")
    logged = 0
    for service, names in OTHER_TEAMS.items():
        teams = list(Team.objects.filter(name__in=names))
        for start, _end, days in financial_years(first_year, today):
            for _ in range(round(rng.randint(5, 20) * days / 365)):
                summary = rng.choice(OTHER_COMPLIMENTS[service])
                Compliment.log(
                    by=None,
                    received_on=start + timedelta(days=rng.randrange(days)),
                    team=rng.choice(teams),
                    giver=rng.choice(["parent", "carer", "other"]),
                    summary=summary,
                    quote="",
                    consent_to_publish=False,
                )
                logged += 1
    return logged
