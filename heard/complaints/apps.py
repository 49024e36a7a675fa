from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _seed_default_themes(**kwargs: Any) -> None:
    from heard.complaints.models import Theme
    from heard.complaints.themes import seed_default_themes
    from heard.core.migrating import tables_exist

    if tables_exist(Theme):
        seed_default_themes()


def _refresh_deadlines(**kwargs: Any) -> None:
    from heard.complaints.models import Complaint, Stage
    from heard.core.migrating import tables_exist
    from heard.workdays.models import CalendarDay

    if not tables_exist(Complaint, Stage, CalendarDay):
        return
    # After a calendar change, and after every migrate (which is when a changed deadline
    # setting takes effect on deployment), every stored next deadline is derived again.
    Complaint.objects.refresh_all_deadlines()


class ComplaintsConfig(AppConfig):
    name = "heard.complaints"
    verbose_name = "Complaints"

    def ready(self) -> None:
        from heard.complaints import audit
        from heard.workdays.store import calendar_rebuilt

        audit.register()
        post_migrate.connect(_seed_default_themes, sender=self, dispatch_uid="default-themes")
        post_migrate.connect(_refresh_deadlines, sender=self, dispatch_uid="refresh-deadlines")
        calendar_rebuilt.connect(_refresh_deadlines, dispatch_uid="calendar-deadlines")
