"""The admin site is for configuration only (themes, teams, closure days).

Users and groups are not managed here: roles come with the casework screens.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.models import Group

admin.site.unregister(Group)
