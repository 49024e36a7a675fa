from __future__ import annotations

from django.contrib import admin

from heard.workdays.models import ClosureDay


@admin.register(ClosureDay)
class ClosureDayAdmin(admin.ModelAdmin[ClosureDay]):
    list_display = ["day", "description"]
    date_hierarchy = "day"
