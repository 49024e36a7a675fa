from __future__ import annotations

from django.contrib import admin

from heard.accounts.admin import ConfigurationAdmin
from heard.core.models import Team


@admin.register(Team)
class TeamAdmin(ConfigurationAdmin):
    list_display = ["name", "service_area", "active"]
    list_filter = ["active"]
    search_fields = ["name"]


def _configuration_only() -> None:
    """The admin site configures pick lists, teams, closure days and letter wording only.
    Background task records (django_tasks_db registers them) are the operators' business,
    seen through `manage.py` (docs/operations.md), not staff configuration."""
    from django_tasks_db.models import DBTaskResult

    if admin.site.is_registered(DBTaskResult):
        admin.site.unregister(DBTaskResult)


_configuration_only()
