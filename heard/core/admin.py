from __future__ import annotations

from django.contrib import admin

from heard.core.models import Team


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin[Team]):
    list_display = ["name", "active"]
    list_filter = ["active"]
    search_fields = ["name"]
