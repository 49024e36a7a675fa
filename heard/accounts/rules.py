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


#: The roles of the appointees who sign in: each sees the cases a register entry linked to
#: their sign-in is appointed to.
APPOINTEE_ROLES = frozenset(
    {
        Role.INVESTIGATING_OFFICER,
        Role.INDEPENDENT_PERSON,
        Role.ADJUDICATING_OFFICER,
        Role.PANEL_MEMBER,
    }
)

#: The accounts a complaints manager keeps: the complaints officers, the managers who respond,
#: report viewers and the appointees. Not another complaints manager's, nor a subject access
#: officer's (who reads records the manager may not), nor an administrator's: whoever controls
#: an account's email address can take it over, so keeping an account is holding its access.
KEPT_BY_COMPLAINTS_MANAGERS = APPOINTEE_ROLES | {
    Role.COMPLAINTS_OFFICER,
    Role.RESPONDING_MANAGER,
    Role.REPORT_VIEWER,
}


def roles_given_by(editor: User) -> frozenset[str]:
    """The roles `editor` may give an account: every role for an administrator, the roles
    they keep for a complaints manager, none for anyone else."""
    if is_administrator(editor):
        return frozenset(Role.values)
    if is_complaints_manager(editor) and editor.is_active:
        return KEPT_BY_COMPLAINTS_MANAGERS
    return frozenset()


def may_change_account(editor: User, person: User) -> bool:
    """Whether `editor` may change `person`'s account: one whose role they may give, or
    their own (whose role they cannot then change)."""
    return person.pk == editor.pk or person.role in roles_given_by(editor)


@rules.predicate
def sees_team_cases(user: User | AnonymousUser) -> bool:
    """Whether any compliment, member enquiry or Ombudsman case can be open to this role:
    the complaints team's, and a responding manager's about their team (heard.core.access)."""
    return isinstance(user, User) and (
        user.role in CASEWORK_ROLES or user.role == Role.RESPONDING_MANAGER
    )


@rules.predicate
def sees_complaints(user: User | AnonymousUser) -> bool:
    """Whether any complaint can be open to this role: the complaints team, responding
    managers and appointees (report viewers, administrators and subject access officers
    see none: ComplaintQuerySet.visible_to)."""
    return bool(sees_team_cases(user)) or (isinstance(user, User) and user.role in APPOINTEE_ROLES)
