"""Subject access permissions, derived from SarQuerySet.visible_to (the one rule)."""

from __future__ import annotations

import rules
from django.contrib.auth.models import AnonymousUser

from heard.accounts.models import User
from heard.sars.models import SAR_ROLES, SubjectAccessRequest


@rules.predicate
def works_on_sars(user: User | AnonymousUser) -> bool:
    return isinstance(user, User) and user.is_active and user.role in SAR_ROLES


@rules.predicate
def can_view_sar(user: User | AnonymousUser, request: SubjectAccessRequest | None) -> bool:
    if request is None:
        return False
    return SubjectAccessRequest.objects.visible_to(user).filter(pk=request.pk).exists()


rules.add_perm("sars.list_sars", works_on_sars)
rules.add_perm("sars.view_sar", can_view_sar)
rules.add_perm("sars.add_sar", works_on_sars)
rules.add_perm("sars.change_sar", works_on_sars & can_view_sar)
