"""Compliment permissions, derived from ComplimentQuerySet.visible_to (the one rule)."""

from __future__ import annotations

import rules
from django.contrib.auth.models import AnonymousUser

from heard.accounts.models import User
from heard.accounts.rules import is_caseworker, is_complaints_manager, sees_team_cases
from heard.compliments.models import Compliment


@rules.predicate
def can_view_compliment(user: User | AnonymousUser, compliment: Compliment | None) -> bool:
    if compliment is None:
        return False
    return Compliment.objects.visible_to(user).filter(pk=compliment.pk).exists()


rules.add_perm("compliments.view_compliment", can_view_compliment)
# Logging a compliment is the complaints team's job, like logging a complaint.
rules.add_perm("compliments.add_compliment", is_caseworker)
# Which quotes a report may carry, and in what words, is the complaints manager's decision.
rules.add_perm("compliments.review_quotes", is_complaints_manager)

# The menu's and the dashboard's list: only for a role some case can be open to.
rules.add_perm("compliments.list_compliments", sees_team_cases)
