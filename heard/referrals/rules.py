"""Who may read and enter referral counts. They are figures, not personal data."""

from __future__ import annotations

import rules

from heard.accounts.models import Role, User
from heard.accounts.rules import is_caseworker


@rules.predicate
def is_report_reader(user: object) -> bool:
    return isinstance(user, User) and user.is_active and user.role == Role.REPORT_VIEWER


rules.add_perm("referrals.view_monthlyreferrals", is_caseworker | is_report_reader)
rules.add_perm("referrals.change_monthlyreferrals", is_caseworker)
