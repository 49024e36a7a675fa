"""Build the whole demo: reference data, the children's complaints, then every other case type.

Each case type after the children's complaints draws from its own random stream, so adding
one changes no other."""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.db import transaction

from heard.demo.applier import Applier
from heard.demo.compliments import build_compliments
from heard.demo.enquiries import build_enquiries
from heard.demo.informal import build_informal
from heard.demo.ombudsman import build_ombudsman_cases
from heard.demo.other_procedures import build_other_procedures
from heard.demo.paper import build_papers
from heard.demo.plan import Planner
from heard.demo.reference import create_reference_data
from heard.demo.referrals import build_referrals
from heard.demo.sars import build_sars
from heard.demo.years import FIRST_DEMO_YEAR, demo_closure_days
from heard.workdays.calendar import WorkingCalendar


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
        informal, escalated = build_informal(seed, today, first_year)
        applier.counts["informal complaints"] = informal
        applier.counts["adult and corporate complaints"] += escalated
        applier.counts["Ombudsman cases"] = build_ombudsman_cases(seed, today, first_year)
        applier.counts["committee papers"] = build_papers()
    return applier.counts
