"""The planner: every demo case decided in advance, with no database.

Pure and seeded: it decides every case, date and outcome using the working-day calendar, so
the same seed and "today" always give the same plan. heard.demo.applier carries a plan out.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from faker import Faker

from heard.complaints.choices import (
    AppointmentRole,
    Channel,
    CostKind,
    Finding,
    LegalStatus,
    NotAcceptedReason,
    Relationship,
    RemedyKind,
)
from heard.core.equality import AgeBand, Disability, Ethnicity, Gender
from heard.demo.reference import ADVOCACY_PROVIDERS, TEAMS
from heard.demo.years import FIRST_DEMO_YEAR, financial_years
from heard.workdays.calendar import WorkingCalendar

RELATIONSHIPS = [
    (Relationship.PARENT, 44),
    (Relationship.CHILD, 9),
    (Relationship.PARENTAL_RESPONSIBILITY, 8),
    (Relationship.FOSTER_CARER, 8),
    (Relationship.CARE_LEAVER, 8),
    (Relationship.BIRTH_PARENT, 6),
    (Relationship.SPECIAL_GUARDIAN, 5),
    (Relationship.SUFFICIENT_INTEREST, 6),
    (Relationship.ADOPTER, 4),
    (Relationship.ADOPTED_PERSON, 2),
]
THEME_WEIGHTS = {
    "Sensitivity or empathy of staff": 14,
    "Professional decision making": 14,
    "Quality or appropriateness of service": 13,
    "Communication": 13,
    "Staff conduct or attitude": 10,
    "Delay": 9,
    "Assessment, care planning and review": 8,
    "Policy or procedure": 6,
    "Contact arrangements": 5,
    "Information accuracy": 4,
    "Service not provided or withdrawn": 3,
    "Eligibility or criteria": 2,
    "Other": 1,
}
POINTS = {
    "Sensitivity or empathy of staff": "The social worker spoke about the family's situation "
    "in front of the children",
    "Professional decision making": "The decision to reduce contact was made without "
    "explaining the reasons",
    "Quality or appropriateness of service": "The support plan did not meet the child's needs",
    "Communication": "Phone calls and emails to the social worker were not returned",
    "Staff conduct or attitude": "The worker was dismissive during a home visit",
    "Delay": "The assessment took months longer than promised",
    "Assessment, care planning and review": "The child's views were not included in the "
    "care plan review",
    "Policy or procedure": "The family was not told about the complaints procedure",
    "Contact arrangements": "Contact sessions were cancelled at short notice",
    "Information accuracy": "The assessment report contains factual errors",
    "Service not provided or withdrawn": "Respite support stopped without notice",
    "Eligibility or criteria": "The family was told they did not qualify for short breaks",
    "Other": "Travel expenses for contact were not reimbursed",
}
CHANNELS = [
    (Channel.WEB_FORM, 40),
    (Channel.EMAIL, 30),
    (Channel.LETTER, 10),
    (Channel.PHONE, 10),
    (Channel.VIA_ADVOCATE, 6),
    (Channel.IN_PERSON, 4),
]


@dataclass
class Step:
    on: date
    action: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass
class CasePlan:
    received_on: date
    relationship: str
    channel: str
    team: str
    summary: str
    complainant: dict[str, Any]
    children: list[dict[str, Any]]
    elements: list[tuple[str, str]]
    matter_date: date
    officer: str
    steps: list[Step] = field(default_factory=list)


class Planner:
    """Decides every demo case. Pure: no database, seeded randomness, an explicit today."""

    def __init__(self, seed: int, today: date, calendar: WorkingCalendar) -> None:
        self.rng = random.Random(seed)
        self.fake = Faker("en_GB")
        self.fake.seed_instance(seed)
        self.today = today
        self.calendar = calendar

    def add(self, day: date, n: int) -> date:
        return self.calendar.add_working_days(day, n)

    def pick(self, weighted: list[tuple[Any, int]]) -> Any:
        values, weights = zip(*weighted, strict=True)
        return self.rng.choices(values, weights=weights)[0]

    def plan(self, first_year: int = FIRST_DEMO_YEAR) -> list[CasePlan]:
        plans: list[CasePlan] = []
        for start, _end, days in financial_years(first_year, self.today):
            volume = self.rng.randint(50, 120)
            count = round(volume * days / 365)
            dates = sorted(self._receipt_date(start, days) for _ in range(count))
            plans.extend(self.plan_case(received) for received in dates)
        return plans

    def _receipt_date(self, start: date, days: int) -> date:
        day = start + timedelta(days=self.rng.randrange(days))
        # Most complaints arrive on working days; web forms also come in at weekends.
        if not self.calendar.is_working_day(day) and self.rng.random() < 0.8:
            day = min(self.add(day, 1), self.today)
        return day

    def plan_case(self, received: date) -> CasePlan:
        rng, add = self.rng, self.add
        relationship = self.pick(RELATIONSHIPS)
        surname = self.fake.last_name()
        complainant_name = f"{self.fake.first_name()} {surname}"
        themes = rng.choices(
            list(THEME_WEIGHTS),
            weights=list(THEME_WEIGHTS.values()),
            k=rng.choice([1, 1, 1, 2, 2, 3]),
        )
        themes = list(dict.fromkeys(themes))
        elements = [(theme, POINTS[theme]) for theme in themes]
        out_of_time = rng.random() < 0.04
        matter = received - timedelta(
            days=rng.randint(400, 700) if out_of_time else rng.randint(5, 300)
        )
        plan = CasePlan(
            received_on=received,
            relationship=relationship,
            channel=self.pick(CHANNELS),
            team=rng.choice(TEAMS),
            summary=elements[0][1],
            complainant=self._person(complainant_name, adult=relationship != Relationship.CHILD),
            children=[
                self._child(surname, relationship) for _ in range(rng.choice([1, 1, 1, 2, 3]))
            ],
            elements=elements,
            matter_date=matter,
            officer=rng.choice(["officer", "officer", "manager"]),
        )
        steps = plan.steps
        child_case = relationship in (Relationship.CHILD, Relationship.CARE_LEAVER)
        advocate = child_case and rng.random() < 0.6
        if child_case or rng.random() < 0.05:
            steps.append(
                Step(
                    received,
                    "advocacy",
                    {
                        "taken_up": advocate,
                        "provider": rng.choice(ADVOCACY_PROVIDERS) if advocate else "",
                    },
                )
            )
        refusal = ""
        decided = add(received, rng.randint(1, 3))
        if relationship == Relationship.SUFFICIENT_INTEREST:
            accepted = rng.random() < 0.85
            steps.append(Step(decided, "sufficient_interest", {"accepted": accepted}))
            refusal = "" if accepted else NotAcceptedReason.NOT_QUALIFYING_PERSON
        if out_of_time and not refusal:
            accepted = rng.random() < 0.75
            steps.append(Step(decided, "out_of_time", {"accepted": accepted}))
            refusal = "" if accepted else NotAcceptedReason.OUT_OF_TIME
        acknowledged = Step(
            add(received, self.pick([(0, 2), (1, 3), (2, 3), (3, 3), (4, 1)])), "acknowledge"
        )
        if refusal:
            # A refusal ends Stage 1 as not accepted in the decision's own step (issue 32):
            # an acknowledgement comes only before it.
            if acknowledged.on <= decided:
                steps.insert(-1, acknowledged)
            self._close(plan, add(decided, 1), wait=1)
            return plan
        steps.append(acknowledged)
        route = self.pick([("respond", 80), ("adr", 10), ("withdraw", 6), ("not_accept", 4)])
        if route != "respond":
            ended = add(received, rng.randint(2, 12))
            args = {"reason": NotAcceptedReason.EXCLUDED_MATTER} if route == "not_accept" else {}
            steps.append(Step(ended, route, args))
            self._close(plan, ended, wait=3)
            return plan
        paused = 0
        if advocate and rng.random() < 0.35:
            pause_on = add(received, 1)
            paused = rng.randint(3, 8)
            steps.append(Step(pause_on, "pause"))
            steps.append(Step(add(pause_on, paused), "resume"))
        taken = self.pick(
            [(rng.randint(3, 10), 70), (rng.randint(11, 20), 23), (rng.randint(21, 28), 7)]
        )
        if 10 < taken <= 20 and not paused and rng.random() < 0.65:
            steps.append(
                Step(
                    add(received, rng.randint(5, 9)),
                    "extend",
                    {
                        "new_due": add(received, rng.randint(taken, 20)),
                    },
                )
            )
        responded = add(received, taken + paused)
        findings = [self._finding(stage=1) for _ in elements]
        steps.append(Step(responded, "respond", {"findings": findings}))
        upheld = any(x in (Finding.UPHELD, Finding.PARTIALLY_UPHELD) for x in findings)
        self._remedies(plan, responded, upheld)
        if advocate and rng.random() < 0.3:
            steps.append(
                Step(
                    responded,
                    "cost",
                    {"stage": 1, "kind": CostKind.ADVOCACY, "amount": rng.randint(150, 400)},
                )
            )
        if rng.random() < (0.08 if upheld else 0.14):
            self._stage2(
                plan,
                add(responded, self.pick([(rng.randint(1, 20), 92), (rng.randint(21, 30), 8)])),
            )
        else:
            self._close(plan, add(responded, 20), wait=3)
        return plan

    def _stage2(self, plan: CasePlan, requested: date) -> None:
        rng, add, steps = self.rng, self.add, plan.steps
        steps.append(Step(requested, "escalate"))
        steps.append(Step(add(requested, rng.randint(0, 3)), "acknowledge"))
        appointed = add(requested, rng.randint(1, 5))
        io, ip = f"io{rng.randint(1, 5)}", f"ip{rng.randint(1, 5)}"
        for role, who in (
            (AppointmentRole.INVESTIGATING_OFFICER, io),
            (AppointmentRole.INDEPENDENT_PERSON, ip),
            (AppointmentRole.ADJUDICATING_OFFICER, f"adj{rng.randint(1, 3)}"),
        ):
            steps.append(Step(appointed, "appoint", {"role": role, "who": who}))
        steps.append(Step(add(requested, rng.randint(5, 10)), "agree_statement"))
        if rng.random() < 0.05:
            steps.append(Step(add(requested, rng.randint(11, 20)), "withdraw"))
            self._close(plan, add(requested, 20), wait=1)
            return
        if rng.random() < 0.35:
            taken = rng.randint(26, 60)
            steps.append(
                Step(
                    add(requested, rng.randint(15, 24)),
                    "extend",
                    {"new_due": add(requested, rng.randint(taken, 65))},
                )
            )
        else:
            taken = self.pick([(rng.randint(15, 25), 80), (rng.randint(26, 40), 20)])
        responded = add(requested, taken)
        findings = [self._finding(stage=2) for _ in plan.elements]
        steps.append(
            Step(
                responded,
                "cost",
                {"stage": 2, "kind": CostKind.IO_FEE, "amount": rng.randint(1500, 4200)},
            )
        )
        steps.append(
            Step(
                responded,
                "cost",
                {"stage": 2, "kind": CostKind.IP_FEE, "amount": rng.randint(600, 1500)},
            )
        )
        steps.append(Step(responded, "respond", {"findings": findings}))
        upheld = any(x in (Finding.UPHELD, Finding.PARTIALLY_UPHELD) for x in findings)
        self._remedies(plan, responded, upheld)
        if rng.random() < 0.35:
            self._stage3(plan, add(responded, rng.randint(3, 20)))
        else:
            self._close(plan, add(responded, 20), wait=3)

    def _stage3(self, plan: CasePlan, requested: date) -> None:
        rng, add, steps = self.rng, self.add, plan.steps
        steps.append(Step(requested, "escalate"))
        steps.append(Step(add(requested, rng.randint(0, 3)), "acknowledge"))
        appointed = add(requested, rng.randint(2, 8))
        members = rng.sample(range(1, 9), 3)
        steps.append(
            Step(
                appointed,
                "appoint",
                {"role": AppointmentRole.PANEL_CHAIR, "who": f"panel{members[0]}"},
            )
        )
        for member in members[1:]:
            steps.append(
                Step(
                    appointed,
                    "appoint",
                    {"role": AppointmentRole.PANEL_MEMBER, "who": f"panel{member}"},
                )
            )
        held = add(requested, rng.randint(15, 32))
        steps.append(Step(held, "hold_panel"))
        reported = add(held, rng.randint(2, 6))
        steps.append(Step(reported, "send_panel_report"))
        steps.append(
            Step(
                held,
                "cost",
                {"stage": 3, "kind": CostKind.PANEL_FEES, "amount": rng.randint(600, 1300)},
            )
        )
        steps.append(
            Step(held, "cost", {"stage": 3, "kind": CostKind.VENUE, "amount": rng.randint(80, 300)})
        )
        responded = add(reported, rng.randint(8, 16))
        steps.append(Step(responded, "respond", {"findings": []}))
        self._close(plan, responded, wait=2)

    def _finding(self, stage: int) -> str:
        weights = [
            (Finding.NOT_UPHELD, 55),
            (Finding.PARTIALLY_UPHELD, 20),
            (Finding.UPHELD, 20),
            (Finding.NO_FINDING, 5),
        ]
        if stage == 2:
            weights = [
                (Finding.NOT_UPHELD, 45),
                (Finding.PARTIALLY_UPHELD, 30),
                (Finding.UPHELD, 22),
                (Finding.NO_FINDING, 3),
            ]
        return str(self.pick(weights))

    def _remedies(self, plan: CasePlan, on: date, upheld: bool) -> None:
        if not upheld:
            return
        rng, steps = self.rng, plan.steps
        if rng.random() < 0.8:
            steps.append(Step(on, "remedy", {"kind": RemedyKind.APOLOGY}))
        if rng.random() < 0.15:
            steps.append(
                Step(
                    on,
                    "remedy",
                    {"kind": RemedyKind.FINANCIAL, "amount": rng.choice([100, 150, 250, 300, 500])},
                )
            )
        if rng.random() < 0.2:
            steps.append(Step(on, "remedy", {"kind": RemedyKind.SERVICE_CHANGE}))
        if rng.random() < 0.35:
            due = on + timedelta(days=rng.randint(30, 120))
            completed = due - timedelta(days=rng.randint(0, 25)) if rng.random() < 0.75 else None
            steps.append(Step(on, "learning", {"due_on": due, "completed_on": completed}))

    def _close(self, plan: CasePlan, after: date, *, wait: int) -> None:
        plan.steps.append(Step(self.add(after, self.rng.randint(0, wait)), "close"))

    def _person(self, name: str, *, adult: bool) -> dict[str, Any]:
        rng = self.rng
        answered = rng.random() < 0.7  # equality questions are optional and often skipped
        return {
            "name": name,
            "email": self.fake.email() if rng.random() < 0.8 else "",
            "phone": self.fake.phone_number() if rng.random() < 0.6 else "",
            "address": self.fake.address() if rng.random() < 0.5 else "",
            **self._equality(answered, adult=adult),
        }

    def _equality(self, answered: bool, *, adult: bool) -> dict[str, str]:
        if not answered:
            return {}
        rng = self.rng
        ethnicity = self.pick(
            [
                (Ethnicity.WHITE_BRITISH, 70),
                (Ethnicity.OTHER_WHITE, 5),
                (Ethnicity.PAKISTANI, 4),
                (Ethnicity.INDIAN, 3),
                (Ethnicity.AFRICAN, 4),
                (Ethnicity.CARIBBEAN, 2),
                (Ethnicity.WHITE_BLACK_CARIBBEAN, 3),
                (Ethnicity.OTHER_MIXED, 2),
                (Ethnicity.GYPSY_TRAVELLER, 1),
                (Ethnicity.PREFER_NOT_TO_SAY, 6),
            ]
        )
        bands = (
            [AgeBand.FROM_25, AgeBand.FROM_35, AgeBand.FROM_45, AgeBand.FROM_55]
            if adult
            else [AgeBand.FROM_5, AgeBand.FROM_10, AgeBand.FROM_16]
        )
        return {
            "ethnicity": ethnicity,
            "gender": self.pick(
                [(Gender.FEMALE, 60), (Gender.MALE, 35), (Gender.PREFER_NOT_TO_SAY, 5)]
            ),
            "age_band": rng.choice(bands),
            "disability": self.pick(
                [(Disability.NO, 75), (Disability.YES, 18), (Disability.PREFER_NOT_TO_SAY, 7)]
            ),
        }

    def _child(self, surname: str, relationship: str) -> dict[str, Any]:
        rng = self.rng
        leaver = relationship == Relationship.CARE_LEAVER
        age = rng.randint(18, 23) if leaver else rng.randint(1, 17)
        status = (
            LegalStatus.CARE_LEAVER
            if leaver
            else self.pick(
                [
                    (LegalStatus.LOOKED_AFTER, 35),
                    (LegalStatus.CHILD_IN_NEED, 30),
                    (LegalStatus.CHILD_PROTECTION_PLAN, 25),
                    (LegalStatus.ADOPTION_SUPPORT, 4),
                    (LegalStatus.SPECIAL_GUARDIANSHIP_SUPPORT, 3),
                    (LegalStatus.NOT_KNOWN, 3),
                ]
            )
        )
        return {
            "name": f"{self.fake.first_name()} {surname}",
            "date_of_birth": self.today - timedelta(days=age * 365 + rng.randint(0, 364)),
            "record_number": f"SC{rng.randint(100000, 999999)}",
            "legal_status": status,
            **self._equality(rng.random() < 0.6, adult=False),
        }
