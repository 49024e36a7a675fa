"""The admin site is for configuration only (themes, teams, closure days).

Users and groups are not managed here, and neither are sign-in lockouts: an administrator
unlocks an account with `manage.py axes_reset_username USERNAME` (docs/operations.md).
"""

from __future__ import annotations

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group

for model in (Group, AccessAttempt, AccessFailureLog, AccessLog):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
