"""Admin is for configuration only; casework happens in the casework screens."""

from __future__ import annotations

from django.contrib import admin

from heard.complaints.models import Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin[Theme]):
    list_display = ["name", "active", "order"]
    list_editable = ["active", "order"]
    list_filter = ["active"]
    search_fields = ["name"]
