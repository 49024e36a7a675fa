"""Saving monthly referral counts, from the form or an import, with who saved them."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction

from heard.referrals.models import MonthlyReferrals

if TYPE_CHECKING:
    from heard.accounts.models import User


@transaction.atomic
def save_counts(counts: dict[date, int], *, by: User | None) -> tuple[int, int]:
    """Add or replace each month's count (audited row by row). Returns (added, changed)."""
    added = changed = 0
    existing = {row.month: row for row in MonthlyReferrals.objects.filter(month__in=counts)}
    for month, referrals in sorted(counts.items()):
        row = existing.get(month)
        if row is None:
            MonthlyReferrals.objects.create(month=month, referrals=referrals, updated_by=by)
            added += 1
        elif row.referrals != referrals:
            row.referrals = referrals
            row.updated_by = by
            row.save()
            changed += 1
    return added, changed
