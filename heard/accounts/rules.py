"""Who a signed-in user is, by role: the predicates every app's permissions are built from.

Which cases a user may see is each case type's own rule (its `visible_to`); these say only what
the role allows.
"""

from __future__ import annotations

import rules
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from heard.accounts.models import Role, User

CASEWORK_ROLES = frozenset({Role.COMPLAINTS_MANAGER, Role.COMPLAINTS_OFFICER})


@rules.predicate
def is_caseworker(user: User | AnonymousUser) -> bool:
    return isinstance(user, User) and user.role in CASEWORK_ROLES


@rules.predicate
def is_complaints_manager(user: User | AnonymousUser) -> bool:
    return isinstance(user, User) and user.role == Role.COMPLAINTS_MANAGER


@rules.predicate
def is_administrator(user: User | AnonymousUser) -> bool:
    return isinstance(user, User) and user.is_active and user.role == Role.ADMINISTRATOR


def caseworkers() -> QuerySet[User]:
    """The complaints team: who a case can be assigned to."""
    return User.objects.filter(role__in=CASEWORK_ROLES).order_by("first_name", "last_name")


# The configuration the admin site keeps (themes, teams, closure days, exemptions, letter
# wording): the administrator's job, and the complaints manager's (DOMAIN.md section 1).
rules.add_perm("accounts.configure", is_administrator | is_complaints_manager)
