"""The admin site is for configuration only (themes, teams, closure days, exemptions, letter
wording), through `ConfigurationAdmin`.

Users and groups are not managed here, and neither are sign-in lockouts: an administrator
unlocks an account with `manage.py axes_reset_username USERNAME` (docs/operations.md).

Nobody is a Django superuser, so each admin page asks the rules: the administrator and the
complaints manager keep the configuration (`accounts.configure`). A list that cases refer to
is never deleted from the admin, only made inactive, so no case loses what it was about and
no deletion page lists the cases that would.
"""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import models
from django.http import HttpRequest

for model in (Group, AccessAttempt, AccessFailureLog, AccessLog):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


class ConfigurationAdmin(admin.ModelAdmin[models.Model]):
    #: Whether a row may be deleted: only for what no case refers to (a closure day).
    deletable = False

    def _configures(self, request: HttpRequest) -> bool:
        return request.user.has_perm("accounts.configure")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._configures(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._configures(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._configures(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._configures(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.deletable and self._configures(request)
