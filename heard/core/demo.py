"""Realistic synthetic demo data: several years of children's statutory complaints.

Two halves:
- the *planner* is pure and seeded: it decides every case, date and outcome using the
  working-day calendar, so the same seed and "today" always give the same plan;
- the *applier* carries a plan out through the real model methods, so demo cases obey every
  rule, carry their full event history, and stop at today, leaving open cases with live
  deadlines in the current year.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from faker import Faker

from heard.accounts.models import Role, User
from heard.complaints.choices import (
    AppointmentRole,
    Channel,
    CostKind,
    Decision,
    Finding,
    LegalStatus,
    NotAcceptedReason,
    Procedure,
    Relationship,
    RemedyKind,
)
from heard.complaints.models import Child, Complainant, Complaint, Practitioner, Stage, Theme
from heard.core.equality import AgeBand, Disability, Ethnicity, Gender
from heard.core.models import Team
from heard.sars.models import RequesterRole
from heard.workdays.calendar import WorkingCalendar
from heard.workdays.models import ClosureDay

FIRST_DEMO_YEAR = 2019  # financial year 2019/20

TEAMS = [
    "Children in care",
    "Child protection",
    "Children in need",
    "Fostering",
    "Adoption and special guardianship",
    "Leaving care",
    "Disabled children",
    "Early help",
]

#: Demo users, one per role in DOMAIN.md section 1: (username, first, last, role).
DEMO_USERS = [
    ("manager", "Priya", "Shah", Role.COMPLAINTS_MANAGER),
    ("officer", "Tom", "Hughes", Role.COMPLAINTS_OFFICER),
    ("responder", "Grace", "Okafor", Role.RESPONDING_MANAGER),
    ("investigator", "Martin", "Doyle", Role.INVESTIGATING_OFFICER),
    ("independent", "Helen", "Marsh", Role.INDEPENDENT_PERSON),
    ("adjudicator", "David", "Lewis", Role.ADJUDICATING_OFFICER),
    ("panel", "Ruth", "Campbell", Role.PANEL_MEMBER),
    ("sar", "Nadia", "Rahman", Role.SAR_OFFICER),
    ("viewer", "Sam", "Patel", Role.REPORT_VIEWER),
    ("admin", "Alex", "Morgan", Role.ADMINISTRATOR),
]
#: Local demo only: the command refuses to run unless HEARD_DEBUG is on.
DEMO_PASSWORD = "heard-demo-2026"

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
ADVOCACY_PROVIDERS = ["Coram Voice", "NYAS", "Barnardo's advocacy service"]


def financial_year_start(day: date) -> date:
    return date(day.year if day.month >= 4 else day.year - 1, 4, 1)


def demo_closure_days(first_year: int, last_year: int) -> list[date]:
    """The working days between Christmas and New Year, when the demo council closes."""
    bank = WorkingCalendar.for_england_and_wales()
    days = []
    for year in range(first_year, last_year + 1):
        for day in range(27, 32):
            candidate = date(year, 12, day)
            if bank.is_working_day(candidate):
                days.append(candidate)
    return days


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
        start = date(first_year, 4, 1)
        while start <= self.today:
            end = min(date(start.year + 1, 3, 31), self.today)
            volume = self.rng.randint(50, 120)
            days = (end - start).days + 1
            count = round(volume * days / 365)
            dates = sorted(self._receipt_date(start, days) for _ in range(count))
            plans.extend(self.plan_case(received) for received in dates)
            start = date(start.year + 1, 4, 1)
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
        steps.append(
            Step(add(received, self.pick([(0, 2), (1, 3), (2, 3), (3, 3), (4, 1)])), "acknowledge")
        )
        if refusal:
            steps.append(Step(add(decided, 1), "not_accept", {"reason": refusal}))
            self._close(plan, add(decided, 1), wait=1)
            return plan
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


class Applier:
    """Carries plans out through the model methods, stopping at today."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.users = {u.username: u for u in User.objects.all()}
        self.teams = {t.name: t for t in Team.objects.all()}
        self.themes = {t.name: t for t in Theme.objects.all()}
        self.people = {p.email.split("@")[0]: p for p in Practitioner.objects.all()}
        self.counts: Counter[str] = Counter()

    def apply(self, plan: CasePlan) -> Complaint:
        complainant = Complainant.objects.create(**plan.complainant)
        children = [Child.objects.create(**child) for child in plan.children]
        officer = self.users[plan.officer]
        complaint = Complaint.receive(
            by=officer,
            received_on=plan.received_on,
            complainant=complainant,
            relationship=plan.relationship,
            team=self.teams[plan.team],
            summary=plan.summary,
            channel=plan.channel,
            children=children,
            matter_date=plan.matter_date,
            assigned_officer=officer,
        )
        for theme, text in plan.elements:
            complaint.add_element(by=officer, theme=self.themes[theme], description=text)
        for step in plan.steps:
            if step.on > self.today:
                break
            getattr(self, f"_{step.action}")(complaint, step, officer)
            self.counts[step.action] += 1
        return complaint

    def _stage(self, complaint: Complaint) -> Stage:
        return Stage.objects.select_related("complaint").get(
            complaint=complaint,
            number=Complaint.objects.values_list("current_stage", flat=True).get(pk=complaint.pk),
        )

    def _advocacy(self, c: Complaint, s: Step, by: User) -> None:
        c.record_advocacy(
            by=by, offered_on=s.on, taken_up=s.args["taken_up"], provider=s.args["provider"]
        )

    def _sufficient_interest(self, c: Complaint, s: Step, by: User) -> None:
        accepted = s.args["accepted"]
        c.record_sufficient_interest(
            by=by,
            decision=Decision.ACCEPTED if accepted else Decision.REFUSED,
            on=s.on,
            reason="" if accepted else "No involvement in the child's care or welfare",
        )

    def _out_of_time(self, c: Complaint, s: Step, by: User) -> None:
        accepted = s.args["accepted"]
        c.record_out_of_time_decision(
            by=by,
            decision=Decision.ACCEPTED if accepted else Decision.REFUSED,
            on=s.on,
            reason="Events were recorded at the time"
            if accepted
            else "Staff involved have left and records no longer allow a fair investigation",
        )

    def _acknowledge(self, c: Complaint, s: Step, by: User) -> None:
        self._stage(c).acknowledge(by=by, on=s.on)

    def _pause(self, c: Complaint, s: Step, by: User) -> None:
        self._stage(c).pause_for_advocacy(by=by, on=s.on, reason="Waiting for an advocate")

    def _resume(self, c: Complaint, s: Step, by: User) -> None:
        self._stage(c).resume(by=by, on=s.on)

    def _extend(self, c: Complaint, s: Step, by: User) -> None:
        self._stage(c).extend(
            by=by,
            new_due=s.args["new_due"],
            agreed_on=s.on,
            reason="Complex complaint: several teams involved",
        )

    def _respond(self, c: Complaint, s: Step, by: User) -> None:
        stage = self._stage(c)
        for element, finding in zip(c.elements.all(), s.args["findings"], strict=False):
            stage.record_finding(by=by, element=element, finding=finding)
        stage.respond(by=by, on=s.on)

    def _adr(self, c: Complaint, s: Step, by: User) -> None:
        self._stage(c).resolve_by_adr(by=by, on=s.on, note="Resolved at a meeting with the family")

    def _withdraw(self, c: Complaint, s: Step, by: User) -> None:
        self._stage(c).withdraw(by=by, on=s.on, reason="The complainant is satisfied")

    def _not_accept(self, c: Complaint, s: Step, by: User) -> None:
        self._stage(c).not_accept(by=by, on=s.on, reason=s.args["reason"])

    def _escalate(self, c: Complaint, s: Step, by: User) -> None:
        c.escalate(by=by, requested_on=s.on)

    def _appoint(self, c: Complaint, s: Step, by: User) -> None:
        self._stage(c).appoint(
            by=by, role=s.args["role"], practitioner=self.people[s.args["who"]], on=s.on
        )

    def _agree_statement(self, c: Complaint, s: Step, by: User) -> None:
        self._stage(c).agree_statement(by=by, on=s.on)

    def _hold_panel(self, c: Complaint, s: Step, by: User) -> None:
        self._stage(c).hold_panel(by=by, on=s.on)

    def _send_panel_report(self, c: Complaint, s: Step, by: User) -> None:
        self._stage(c).send_panel_report(by=by, on=s.on)

    def _cost(self, c: Complaint, s: Step, by: User) -> None:
        stage = Stage.objects.get(complaint=c, number=s.args["stage"])
        stage.add_cost(
            by=by, kind=s.args["kind"], amount=Decimal(s.args["amount"]), incurred_on=s.on
        )

    def _remedy(self, c: Complaint, s: Step, by: User) -> None:
        amount = s.args.get("amount")
        c.add_remedy(
            by=by,
            kind=s.args["kind"],
            agreed_on=s.on,
            amount=Decimal(amount) if amount else None,
            description="Agreed with the complainant",
        )

    def _learning(self, c: Complaint, s: Step, by: User) -> None:
        element = c.elements.first()
        assert element is not None
        action = c.add_learning_action(
            by=by,
            theme=element.theme,
            description=f"Team briefing on: {element.theme.name}",
            owner="Head of service",
            raised_on=s.on,
            due_on=s.args["due_on"],
        )
        completed = s.args["completed_on"]
        if completed and completed <= self.today:
            action.complete(by=by, on=max(completed, s.on))

    def _close(self, c: Complaint, s: Step, by: User) -> None:
        c.close(by=by, on=s.on)


def create_reference_data(first_year: int, last_year: int) -> None:
    """Teams, users (one per role), practitioners and the council's closure days."""
    for name in TEAMS:
        Team.objects.get_or_create(name=name)
    teams = list(Team.objects.order_by("name"))
    for index, (username, first, last, role) in enumerate(DEMO_USERS):
        user, _ = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "role": role,
                "email": f"{username}@example.gov.uk",
                "team": teams[index % len(teams)],
            },
        )
        user.is_staff = role in (Role.ADMINISTRATOR, Role.COMPLAINTS_MANAGER)
        user.is_superuser = role == Role.ADMINISTRATOR
        user.set_password(DEMO_PASSWORD)
        user.save()
    linked = {"io1": "investigator", "ip1": "independent", "adj1": "adjudicator", "panel1": "panel"}
    fake = Faker("en_GB")
    fake.seed_instance(first_year)
    pools = [
        ("io", 5, "Independent investigator", True),
        ("ip", 5, "Independent person", True),
        ("adj", 3, "Head of service", False),
        ("panel", 8, "Review panel member", True),
    ]
    for prefix, size, organisation, external in pools:
        for number in range(1, size + 1):
            key = f"{prefix}{number}"
            linked_user = User.objects.filter(username=linked.get(key, "")).first()
            name = linked_user.get_full_name() if linked_user else fake.name()
            Practitioner.objects.get_or_create(
                email=f"{key}@example.org",
                defaults={
                    "name": name,
                    "organisation": organisation,
                    "is_external": external,
                    "user": linked_user,
                },
            )
    for day in demo_closure_days(first_year, last_year):
        ClosureDay.objects.get_or_create(day=day, defaults={"description": "Christmas closure"})


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
    from heard.compliments.models import Compliment

    rng = random.Random(f"compliments-{seed}")
    teams = list(Team.objects.filter(name__in=TEAMS))
    givers, weights = zip(*COMPLIMENT_GIVERS, strict=True)
    logged = 0
    start = date(first_year, 4, 1)
    while start <= today:
        end = min(date(start.year + 1, 3, 31), today)
        days = (end - start).days + 1
        for _ in range(round(rng.randint(25, 70) * days / 365)):
            summary, quote = rng.choice(COMPLIMENTS)
            Compliment.log(
                by=None,
                received_on=start + timedelta(days=rng.randrange(days)),
                team=rng.choice(teams),
                giver=rng.choices(givers, weights=weights)[0],
                summary=summary,
                quote=quote if rng.random() < 0.8 else "",
                consent_to_publish=rng.random() < 0.6,
            )
            logged += 1
        start = date(start.year + 1, 4, 1)
    return logged


def build_referrals(seed: int, today: date, first_year: int = FIRST_DEMO_YEAR) -> int:
    """Monthly referrals for every demo month up to last month: about 4,000 a year, so that
    complaints per referral is near the 1.6% of seed 001."""
    from heard.referrals.models import MonthlyReferrals
    from heard.workdays.sar import add_calendar_months

    rng = random.Random(f"referrals-{seed}")
    month, last = date(first_year, 4, 1), add_calendar_months(today.replace(day=1), -1)
    rows = []
    while month <= last:
        rows.append(MonthlyReferrals(month=month, referrals=rng.randint(280, 400)))
        month = add_calendar_months(month, 1)
    MonthlyReferrals.objects.bulk_create(rows)
    return len(rows)


SAR_ASKS = [
    "My social care file from when I was in care",
    "All records about me held by children's services",
    "Records of my time in foster care",
    "My child's social care records",
    "Records of the child protection enquiry about my family",
]


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
    from heard.enquiries.models import Enquiry, MemberKind, response_period

    rng = random.Random(f"enquiries-{seed}")
    faker = Faker("en_GB")
    faker.seed_instance(seed)
    teams = list(Team.objects.filter(name__in=TEAMS))
    officers = list(User.objects.filter(username__in=["officer", "manager"]))
    calendar = WorkingCalendar.for_england_and_wales(demo_closure_days(first_year, today.year))
    logged = 0
    start = date(first_year, 4, 1)
    while start <= today:
        end = min(date(start.year + 1, 3, 31), today)
        days = (end - start).days + 1
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
        start = date(start.year + 1, 4, 1)
    return logged


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
    from heard.sars.models import Exemption, SarOutcome, SubjectAccessRequest

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
    start = date(first_year, 4, 1)
    while start <= today:
        end = min(date(start.year + 1, 3, 31), today)
        days = (end - start).days + 1
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
        start = date(start.year + 1, 4, 1)
    return logged


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
    teams = list(Team.objects.filter(name__in=TEAMS))
    officers = list(User.objects.filter(username__in=["officer", "manager"]))
    themes = list(Theme.objects.filter(name__in=THEME_WEIGHTS))
    logged = 0
    start = date(first_year, 4, 1)
    while start <= today:
        end = min(date(start.year + 1, 3, 31), today)
        days = (end - start).days + 1
        for procedure, low, high in ((Procedure.ADULTS, 15, 40), (Procedure.CORPORATE, 40, 90)):
            for _ in range(round(rng.randint(low, high) * days / 365)):
                received = start + timedelta(days=rng.randrange(days))
                officer = rng.choice(officers)
                complaint = Complaint.receive(
                    by=officer,
                    procedure=procedure,
                    received_on=received,
                    complainant=Complainant.objects.create(name=faker.name()),
                    relationship=Relationship.SUFFICIENT_INTEREST,
                    team=rng.choice(teams),
                    summary=rng.choice(OTHER_PROCEDURE_POINTS[procedure]),
                    channel=rng.choice([Channel.WEB_FORM, Channel.EMAIL, Channel.PHONE]),
                    assigned_officer=officer,
                )
                logged += 1
                _run_other_procedure(complaint, rng, calendar, themes, officer, today)
        start = date(start.year + 1, 4, 1)
    return logged


def _run_other_procedure(
    complaint: Complaint,
    rng: random.Random,
    calendar: WorkingCalendar,
    themes: list[Theme],
    officer: User,
    today: date,
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
    from heard.ombudsman.models import AFTER_INVESTIGATION, Area, Decision, OmbudsmanCase

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
    start = date(first_year, 4, 1)
    while start <= today:
        end = min(date(start.year + 1, 3, 31), today)
        days = (end - start).days + 1
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
            is_upheld = decision == Decision.UPHELD
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
        start = date(start.year + 1, 4, 1)
    return logged


OMBUDSMAN_REMEDIES = [
    ("Apologise in writing", 0),
    ("Pay for the distress caused", 300),
    ("Pay for the time and trouble of complaining", 150),
    ("Remind staff of the complaint timescales", 0),
    ("Review how Stage 2 investigations are commissioned", 0),
]


def build_demo(seed: int, today: date, first_year: int = FIRST_DEMO_YEAR) -> Counter[str]:
    """Create the reference data and every planned case; returns how many of each step ran."""
    with transaction.atomic():
        create_reference_data(first_year, today.year)
    calendar = WorkingCalendar.for_england_and_wales(demo_closure_days(first_year, today.year))
    plans = Planner(seed, today, calendar).plan(first_year)
    applier = Applier(today)
    for plan in plans:
        with transaction.atomic():
            applier.apply(plan)
    applier.counts["complaints"] = len(plans)
    with transaction.atomic():
        applier.counts["compliments"] = build_compliments(seed, today, first_year)
        applier.counts["referral months"] = build_referrals(seed, today, first_year)
        applier.counts["enquiries"] = build_enquiries(seed, today, first_year)
        applier.counts["subject access requests"] = build_sars(seed, today, first_year)
        applier.counts["adult and corporate complaints"] = build_other_procedures(
            seed, today, first_year
        )
        applier.counts["Ombudsman cases"] = build_ombudsman_cases(seed, today, first_year)
    return applier.counts
