"""Enquiry permissions, derived from EnquiryQuerySet.visible_to (the one rule)."""

from __future__ import annotations

import rules
from django.contrib.auth.models import AnonymousUser

from heard.accounts.models import User
from heard.accounts.rules import is_caseworker, sees_team_cases
from heard.enquiries.models import Enquiry


@rules.predicate
def can_view_enquiry(user: User | AnonymousUser, enquiry: Enquiry | None) -> bool:
    if enquiry is None:
        return False
    return Enquiry.objects.visible_to(user).filter(pk=enquiry.pk).exists()


rules.add_perm("enquiries.view_enquiry", can_view_enquiry)
rules.add_perm("enquiries.add_enquiry", is_caseworker)
rules.add_perm("enquiries.change_enquiry", is_caseworker & can_view_enquiry)

# The menu's and the dashboard's list: only for a role some case can be open to.
rules.add_perm("enquiries.list_enquiries", sees_team_cases)
