from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db import connection
from django.db.models.signals import post_delete, post_migrate, post_save


def _closure_days_changed(**kwargs: Any) -> None:
    from heard.workdays.store import rebuild_calendar_table

    # Same transaction as the change, so every derived deadline moves with it.
    rebuild_calendar_table()


def _after_migrate(**kwargs: Any) -> None:
    from heard.workdays.models import CalendarDay, ClosureDay
    from heard.workdays.store import rebuild_calendar_table

    # `migrate workdays 0001` can stop before a table exists; the migrate that finishes the
    # job builds the calendar. (heard.core.migrating says the same for the apps above core,
    # which sits over this app.)
    existing = set(connection.introspection.table_names())
    if {CalendarDay._meta.db_table, ClosureDay._meta.db_table} <= existing:
        rebuild_calendar_table()


class WorkdaysConfig(AppConfig):
    name = "heard.workdays"
    verbose_name = "Working-day calendar"

    def ready(self) -> None:
        from heard.workdays.models import ClosureDay

        post_save.connect(_closure_days_changed, sender=ClosureDay, dispatch_uid="closure-save")
        post_delete.connect(_closure_days_changed, sender=ClosureDay, dispatch_uid="closure-del")
        post_migrate.connect(_after_migrate, sender=self, dispatch_uid="calendar-migrate")
