"""Object permissions for complaints, derived from the one access rule.

`ComplaintQuerySet.visible_to(user)` is the rule; the predicate asks it about one complaint,
so a page and a list can never disagree.
"""

from __future__ import annotations

import rules
from django.contrib.auth.models import AnonymousUser

from heard.accounts.models import User
from heard.complaints.models import Complaint


@rules.predicate
def can_view_complaint(user: User | AnonymousUser, complaint: Complaint | None) -> bool:
    if complaint is None:
        return False
    return Complaint.objects.visible_to(user).filter(pk=complaint.pk).exists()


rules.add_perm("complaints.view_complaint", can_view_complaint)
