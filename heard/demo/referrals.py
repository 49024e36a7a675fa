"""Demo monthly referral counts (the denominator of complaints per referral)."""

from __future__ import annotations

import random
from datetime import date

from heard.demo.years import FIRST_DEMO_YEAR
from heard.referrals.models import MonthlyReferrals
from heard.workdays.sar import add_calendar_months


def build_referrals(seed: int, today: date, first_year: int = FIRST_DEMO_YEAR) -> int:
    """Monthly referrals for every demo month up to last month: about 4,000 a year, so that
    complaints per referral is near the 1.6% of seed 001."""

    rng = random.Random(f"referrals-{seed}")
    month, last = date(first_year, 4, 1), add_calendar_months(today.replace(day=1), -1)
    rows = []
    while month <= last:
        rows.append(MonthlyReferrals(month=month, referrals=rng.randint(280, 400)))
        month = add_calendar_months(month, 1)
    MonthlyReferrals.objects.bulk_create(rows)
    return len(rows)
