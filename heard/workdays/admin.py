from __future__ import annotations

from django.contrib import admin

from heard.accounts.admin import ConfigurationAdmin
from heard.workdays.models import ClosureDay


@admin.register(ClosureDay)
class ClosureDayAdmin(ConfigurationAdmin):
    deletable = True  # no case refers to a closure day; the calendar is rebuilt
    list_display = ["day", "description"]
    date_hierarchy = "day"
