from __future__ import annotations

from datetime import date
from typing import Any

from django.apps import AppConfig
from django.db.models import Q
from django.db.models.signals import post_migrate

from heard.complaints.choices import Procedure


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


def _refresh_report_values(*, since: date | None = None, **kwargs: Any) -> None:
    """After a calendar change, the stages timed across a changed day are timed again."""
    from heard.complaints.models import Stage

    stages = Stage.objects.all()
    if since is not None:
        stages = stages.filter(Q(ended_on__gte=since) | Q(acknowledged_on__gte=since))
    stages.refresh_report_values()


def _refresh_setting_timed(**kwargs: Any) -> None:
    """After every migrate (which is when a changed setting takes effect on deployment), the
    stages a setting times are timed again: a Stage 2 whose clock may start at the
    statement's agreement (HEARD_STAGE2_CLOCK)."""
    from heard.complaints.models import Stage
    from heard.core.migrating import tables_exist
    from heard.workdays.models import CalendarDay

    if tables_exist(Stage, CalendarDay):
        Stage.objects.filter(
            procedure=Procedure.CHILDREN, number=2, statement_agreed_on__isnull=False
        ).refresh_report_values()


class ComplaintsConfig(AppConfig):
    name = "heard.complaints"
    verbose_name = "Complaints"

    def ready(self) -> None:
        from heard.complaints import audit
        from heard.complaints.models import LetterTemplate, Theme
        from heard.core import configuration
        from heard.workdays.models import ClosureDay
        from heard.workdays.store import calendar_rebuilt

        audit.register()
        configuration.register(
            "Complaint themes",
            "complaints:themes",
            "What each point of complaint is about: add, rename, reorder or stop offering one.",
            Theme,
        )
        configuration.register(
            "Closure days",
            "complaints:closure_days",
            "Days the service is closed beyond the bank holidays: every deadline counts them.",
            ClosureDay,
        )
        configuration.register(
            "Letter wording",
            "complaints:letter_wordings",
            "The words of each standard letter for each procedure, with a preview.",
            LetterTemplate,
        )
        post_migrate.connect(_seed_default_themes, sender=self, dispatch_uid="default-themes")
        post_migrate.connect(_refresh_deadlines, sender=self, dispatch_uid="refresh-deadlines")
        post_migrate.connect(_refresh_setting_timed, sender=self, dispatch_uid="setting-timed")
        calendar_rebuilt.connect(_refresh_deadlines, dispatch_uid="calendar-deadlines")
        calendar_rebuilt.connect(_refresh_report_values, dispatch_uid="calendar-report-values")
