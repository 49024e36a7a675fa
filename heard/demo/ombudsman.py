"""Demo Ombudsman cases, most about a closed complaint in the demo data."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from heard.accounts.models import User
from heard.complaints.choices import (
    Procedure,
)
from heard.complaints.models import Complaint
from heard.core.models import Team
from heard.demo.reference import TEAMS
from heard.demo.years import FIRST_DEMO_YEAR, financial_years
from heard.ombudsman.models import AFTER_INVESTIGATION, Area, OmbudsmanCase
from heard.ombudsman.models import Decision as OmbudsmanDecision

OMBUDSMAN_DECISIONS = [
    ("closed_after_initial_enquiries", 30),
    ("referred_back", 20),
    ("upheld", 20),
    ("not_upheld", 10),
    ("incomplete_or_invalid", 8),
    ("advice_given", 7),
    ("not_in_jurisdiction", 5),
]


def build_ombudsman_cases(seed: int, today: date, first_year: int = FIRST_DEMO_YEAR) -> int:
    """8 to 20 Ombudsman enquiries a year (seed 000 had 16), most about a complaint in the demo
    data; about one in five upheld, with remedies, most of them done on time."""

    rng = random.Random(f"ombudsman-{seed}")
    AREAS: dict[str, Area] = {
        Procedure.CHILDREN: Area.CHILDREN,
        Procedure.ADULTS: Area.ADULTS,
        Procedure.CORPORATE: Area.CORPORATE,
    }
    teams = list(Team.objects.filter(name__in=TEAMS))
    officers = list(User.objects.filter(username__in=["officer", "manager"]))
    decisions, weights = zip(*OMBUDSMAN_DECISIONS, strict=True)
    logged = 0
    for start, end, days in financial_years(first_year, today):
        closed = list(
            Complaint.objects.filter(closed_on__range=(start - timedelta(days=180), end))
            .order_by("pk")
            .values_list("pk", "closed_on", "team_id", "procedure")
        )
        for _ in range(round(rng.randint(8, 20) * days / 365)):
            received = start + timedelta(days=rng.randrange(days))
            linked = [c for c in closed if c[1] is not None and c[1] < received]
            complaint = rng.choice(linked) if linked and rng.random() < 0.85 else None
            logged += 1
            case = OmbudsmanCase.log(
                by=None,
                ombudsman_reference=f"{received.year % 100:02d} {rng.randrange(1000):03d} "
                f"{logged:03d}",
                enquiry_received_on=received,
                reply_due_on=received + timedelta(days=28),
                complaint_id=complaint[0] if complaint else None,
                team_id=complaint[2] if complaint else rng.choice(teams).pk,
                area=AREAS[complaint[3]] if complaint else Area.CHILDREN,
                summary="The complainant asked the Ombudsman to look at the council's response",
                assigned_officer=rng.choice(officers),
            )
            replied = received + timedelta(days=rng.randint(10, 33))
            if replied > today:
                continue
            case.record_reply(by=None, on=replied)
            decided = replied + timedelta(days=rng.randint(20, 160))
            if decided > today:
                continue
            decision = rng.choices(decisions, weights=weights)[0]
            is_upheld = decision == OmbudsmanDecision.UPHELD
            case.record_decision(
                by=None,
                on=decided,
                decision=decision,
                detailed_investigation=decision in AFTER_INVESTIGATION,
                fault=is_upheld,
                injustice=is_upheld and rng.random() < 0.8,
                maladministration=is_upheld and rng.random() < 0.5,
                remedy_already_provided=is_upheld and rng.random() < 0.2,
            )
            if not is_upheld or case.remedy_already_provided:
                continue
            for description, amount in rng.sample(OMBUDSMAN_REMEDIES, rng.randint(1, 2)):
                remedy = case.add_remedy(
                    by=None,
                    description=description,
                    amount=Decimal(amount) if amount else None,
                    due_on=decided + timedelta(days=rng.choice([28, 56, 90])),
                )
                done = remedy.due_on + timedelta(days=rng.randint(-20, 7))
                if done <= today:
                    case.complete_remedy(by=None, remedy=remedy, on=max(done, decided))
    return logged


OMBUDSMAN_REMEDIES = [
    ("Apologise in writing", 0),
    ("Pay for the distress caused", 300),
    ("Pay for the time and trouble of complaining", 150),
    ("Remind staff of the complaint timescales", 0),
    ("Review how Stage 2 investigations are commissioned", 0),
]
