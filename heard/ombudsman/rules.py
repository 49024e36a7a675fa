"""Ombudsman case permissions, derived from OmbudsmanQuerySet.visible_to (the one rule)."""

from __future__ import annotations

import rules
from django.contrib.auth.models import AnonymousUser

from heard.accounts.models import User
from heard.accounts.rules import is_caseworker, sees_team_cases
from heard.ombudsman.models import OmbudsmanCase


@rules.predicate
def can_view_ombudsman_case(user: User | AnonymousUser, case: OmbudsmanCase | None) -> bool:
    if case is None:
        return False
    return OmbudsmanCase.objects.visible_to(user).filter(pk=case.pk).exists()


rules.add_perm("ombudsman.view_case", can_view_ombudsman_case)
rules.add_perm("ombudsman.add_case", is_caseworker)
rules.add_perm("ombudsman.change_case", is_caseworker & can_view_ombudsman_case)

# The menu's and the dashboard's list: only for a role some case can be open to.
rules.add_perm("ombudsman.list_cases", sees_team_cases)
