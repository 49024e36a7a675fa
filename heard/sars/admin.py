from __future__ import annotations

from django.contrib import admin

from heard.accounts.admin import ConfigurationAdmin
from heard.sars.models import Exemption


@admin.register(Exemption)
class ExemptionAdmin(ConfigurationAdmin):
    list_display = ["name", "active", "order"]
    list_editable = ["active", "order"]
