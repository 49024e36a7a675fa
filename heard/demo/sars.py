"""Demo subject access requests, most from care leavers asking for their file."""

from __future__ import annotations

import random
from datetime import date, timedelta

from faker import Faker

from heard.accounts.models import User
from heard.demo.years import FIRST_DEMO_YEAR, financial_years
from heard.sars.models import Exemption, RequesterRole, SarOutcome, SubjectAccessRequest

SAR_ASKS = [
    "My social care file from when I was in care",
    "All records about me held by children's services",
    "Records of my time in foster care",
    "My child's social care records",
    "Records of the child protection enquiry about my family",
]


SAR_REQUESTERS = [
    (RequesterRole.SELF, 70),
    (RequesterRole.PARENT, 12),
    (RequesterRole.SOLICITOR, 12),
    (RequesterRole.ADVOCATE, 6),
]
SAR_OUTCOMES = [
    ("disclosed_part", 55),
    ("disclosed_full", 20),
    ("no_data", 10),
    ("withdrawn", 10),
    ("refused", 5),
]


def build_sars(seed: int, today: date, first_year: int = FIRST_DEMO_YEAR) -> int:
    """40 to 90 subject access requests a year, most from care leavers asking for their file;
    some wait for proof, some stop the clock for clarification, some are extended, a few are
    late, and recent ones are still open."""

    rng = random.Random(f"sars-{seed}")
    faker = Faker("en_GB")
    faker.seed_instance(seed + 1)
    officers = list(User.objects.filter(username__in=["sar", "officer"]))
    exemptions = list(Exemption.objects.filter(active=True))
    by_name = {e.name: e for e in exemptions}
    third_party = by_name.get("Third-party personal data", exemptions[0])
    roles, role_weights = zip(*SAR_REQUESTERS, strict=True)
    outcomes, outcome_weights = zip(*SAR_OUTCOMES, strict=True)
    logged = 0
    for start, _end, days in financial_years(first_year, today):
        for _ in range(round(rng.randint(40, 90) * days / 365)):
            received = start + timedelta(days=rng.randrange(days))
            role = rng.choices(roles, weights=role_weights)[0]
            subject = faker.name()
            proof = min(received + timedelta(days=rng.choice([0, 0, 0, 2, 5, 12])), today)
            sar = SubjectAccessRequest.log(
                by=None,
                received_on=received,
                requester_name=subject if role == RequesterRole.SELF else faker.name(),
                requester_role=role,
                data_subject_name=subject,
                care_leaver=rng.random() < 0.65,
                records_sought=rng.choice(SAR_ASKS),
                identity_verified_on=proof if rng.random() < 0.95 else None,
                authority_received_on=proof if role != RequesterRole.SELF else None,
                assigned_officer=rng.choice(officers),
            )
            logged += 1
            if sar.clock_started_on is None:
                continue
            if rng.random() < 0.15:
                asked = sar.clock_started_on + timedelta(days=rng.randint(1, 10))
                if asked > today:
                    continue
                sar.ask_for_clarification(by=None, on=asked, question="Which years and services?")
                answered = asked + timedelta(days=rng.randint(3, 20))
                if answered > today:
                    continue
                sar.receive_clarification(by=None, on=answered)
            first_month = sar.first_month_ends
            assert first_month is not None
            if rng.random() < 0.2:
                told = first_month - timedelta(days=rng.randint(3, 15))
                if sar.clock_started_on <= told <= today:
                    sar.extend(
                        by=None, told_on=told, months=3, reason="Records held by several services"
                    )
            due = sar.derived_due_on()
            assert due is not None
            closed = due - timedelta(days=rng.randint(-10, 25))  # some late
            closed = max(closed, sar.received_on)
            if closed > today or ((today - received).days < 45 and rng.random() < 0.6):
                continue
            outcome = rng.choices(outcomes, weights=outcome_weights)[0]
            disclosing = outcome in (SarOutcome.DISCLOSED_FULL, SarOutcome.DISCLOSED_PART)
            reviewed = rng.randint(40, 1500) if disclosing else None
            sar.close(
                by=None,
                on=closed,
                outcome=outcome,
                pages_reviewed=reviewed,
                pages_disclosed=rng.randint(reviewed // 2, reviewed) if reviewed else None,
                exemptions=(
                    [third_party, *rng.sample(exemptions, rng.randint(0, 1))]
                    if outcome == SarOutcome.DISCLOSED_PART
                    else []
                ),
                search_limited=disclosing and rng.random() < 0.1,
                search_decision="Archived paper records before 2000 were not searched"
                if disclosing
                else "",
            )
    return logged
