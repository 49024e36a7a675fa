"""Object permissions for complaints, derived from the one access rule.

`ComplaintQuerySet.visible_to(user)` is the rule; the predicate asks it about one complaint,
so a page and a list can never disagree.
"""

from __future__ import annotations

import rules
from django.contrib.auth.models import AnonymousUser

from heard.accounts.models import User
from heard.accounts.rules import (
    is_administrator,
    is_caseworker,
    is_complaints_manager,
    sees_complaints,
    sees_team_cases,
)
from heard.complaints.models import Complaint, Document, InformalComplaint


@rules.predicate
def can_view_complaint(user: User | AnonymousUser, complaint: Complaint | None) -> bool:
    if complaint is None:
        return False
    return Complaint.objects.visible_to(user).filter(pk=complaint.pk).exists()


rules.add_perm("complaints.view_complaint", can_view_complaint)


# Recording steps on a case is the complaints team's job; everyone else who may see a case
# sees it read-only. Seeing is still decided by the one rule above.
rules.add_perm("complaints.change_complaint", is_caseworker & can_view_complaint)
rules.add_perm("complaints.add_complaint", is_caseworker)


# The menu's and the dashboard's complaints: only for a role some complaint can be open to.
rules.add_perm("complaints.list_complaints", sees_complaints)


# The audit tab (who changed and who viewed a case) is for complaints managers.
rules.add_perm("complaints.view_audit", is_complaints_manager & can_view_complaint)


@rules.predicate
def can_view_document(user: User | AnonymousUser, document: Document | None) -> bool:
    if document is None:
        return False
    return Document.objects.visible_to(user).filter(pk=document.pk).exists()


rules.add_perm("complaints.view_document", can_view_document)


# The wording of the standard letters belongs to the complaints manager (and administrators).
can_edit_letters = is_complaints_manager | is_administrator
rules.add_perm("complaints.view_lettertemplate", can_edit_letters)
rules.add_perm("complaints.change_lettertemplate", can_edit_letters)

# The register of appointees is kept by the complaints team.
rules.add_perm("complaints.manage_appointees", is_caseworker)


@rules.predicate
def can_view_informal(user: User | AnonymousUser, informal: InformalComplaint | None) -> bool:
    if informal is None:
        return False
    return InformalComplaint.objects.visible_to(user).filter(pk=informal.pk).exists()


# Informal complaints follow the lighter case types' rule (heard.core.access): the complaints
# team sees every one, a responding manager those about their own team.
rules.add_perm("complaints.view_informal", can_view_informal)
rules.add_perm("complaints.add_informal", is_caseworker)
rules.add_perm("complaints.change_informal", is_caseworker & can_view_informal)
rules.add_perm("complaints.list_informal", sees_team_cases)
