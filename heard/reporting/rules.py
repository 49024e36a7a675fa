"""Who may see reports, see the cases behind a figure, and edit and publish a report."""

from __future__ import annotations

import rules
from django.contrib.auth.models import AnonymousUser

from heard.accounts.models import Role, User
from heard.accounts.rules import is_caseworker, is_complaints_manager


@rules.predicate
def is_report_reader(user: User | AnonymousUser) -> bool:
    return isinstance(user, User) and user.role in (
        Role.COMPLAINTS_MANAGER,
        Role.COMPLAINTS_OFFICER,
        Role.REPORT_VIEWER,
    )


# Readers of reports see figures, which identify no one (regulation 13).
rules.add_perm("reporting.view_report", is_report_reader)
# The cases behind a figure are for the complaints team, who may see every case anyway.
rules.add_perm("reporting.drill_down", is_caseworker)
# The report's words, and publishing it, belong to the complaints manager.
rules.add_perm("reporting.edit_report", is_complaints_manager)
rules.add_perm("reporting.publish_report", is_complaints_manager)
