"""The access rule shared by the team's lighter case types (compliments, member enquiries)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Self, TypeVar

from django.db import models

from heard.accounts.models import Role, User

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

_M = TypeVar("_M", bound=models.Model)


class TeamScopedQuerySet(models.QuerySet[_M]):
    """For records with a `team`: the complaints team sees every one, a responding manager
    those about their own team, and nobody else any. The `rules` permissions of each app are
    derived from `visible_to`, so lists and pages agree."""

    def visible_to(self, user: User | AnonymousUser) -> Self:
        if not isinstance(user, User) or not user.is_active:
            return self.none()
        if user.role in (Role.COMPLAINTS_MANAGER, Role.COMPLAINTS_OFFICER):
            return self.all()
        if user.role == Role.RESPONDING_MANAGER and user.team_id:
            return self.filter(team_id=user.team_id)
        return self.none()
