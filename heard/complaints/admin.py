"""Admin is for configuration only; casework happens in the casework screens."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from heard.accounts.admin import ConfigurationAdmin
from heard.complaints.models import LetterTemplate, Theme


@admin.register(Theme)
class ThemeAdmin(ConfigurationAdmin):
    list_display = ["name", "active", "order"]
    list_editable = ["active", "order"]
    list_filter = ["active"]
    search_fields = ["name"]


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin[LetterTemplate]):
    """The wording of the standard letters: one of each kind for each procedure, none added
    or removed."""

    list_display = ["__str__", "procedure", "updated_at"]
    list_filter = ["procedure"]
    fields = ["procedure", "kind", "body"]
    readonly_fields = ["procedure", "kind"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("complaints.view_lettertemplate")

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm("complaints.view_lettertemplate")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm("complaints.change_lettertemplate")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
