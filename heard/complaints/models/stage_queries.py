"""Rules about many stages, computed in the database: deadlines, and the values kept for
reports.

Deadlines are derived, never entered. `StageQuerySet.with_deadlines()` derives them in SQL
from the recorded dates and the calendar table (`workdays.CalendarDay`), by the same rules as
the properties on `Stage`; a test checks that both agree.

The trick: each calendar row carries the count of working days up to and including that day.
"N working days after d" is then the working day whose count is count(d) + N.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Case, DateField, F, IntegerField, OuterRef, Q, Value, When
from django.db.models.functions import Coalesce

from heard.complaints import lookups, periods
from heard.complaints.choices import OPEN_STAGE_STATUSES, Procedure
from heard.complaints.models.outcomes import ElementFinding
from heard.complaints.models.report_values import finding_values, report_values
from heard.complaints.procedures import ADULT_RESPONSE_MONTHS, CORPORATE_RESPONSE, RULES
from heard.workdays.sql import AddMonths, count_at, working_day

if TYPE_CHECKING:
    from heard.complaints.models.stage import Stage  # noqa: F401 (the quoted generic below)

# Importing the module registers the `in_constants` lookup on CharField.
__all__ = ["StageQuerySet", "lookups"]


class StageQuerySet(models.QuerySet["Stage"]):
    def refresh_report_values(self) -> int:
        """Derive the values each stage keeps for reports (heard.complaints.models.
        report_values) again."""
        return self.order_by().update(**report_values())

    def refresh_findings(self) -> int:
        """Copy each stage's procedure, number and response date onto its findings again."""
        stages = self.model.objects.all()
        return ElementFinding.objects.filter(stage__in=self.values("pk")).update(
            **finding_values(stages)
        )

    def open(self) -> StageQuerySet:
        # Literal values, so SQLite can match the partial index on open stages.
        return self.filter(status__in_constants=OPEN_STAGE_STATUSES)  # type: ignore[misc]

    def with_deadlines(self) -> StageQuerySet:
        """Annotate `acknowledgement_due_on` and `derived_next_due_on`, derived as Stage's
        properties `acknowledgement_due` and `next_due` derive them."""
        clock = "statement_agreed_on" if periods.stage2_clock_from_statement() else "started_on"
        adults = Q(complaint__procedure=Procedure.ADULTS)
        corporate = Q(complaint__procedure=Procedure.CORPORATE)
        counted = self.annotate(
            _ack_days=Case(
                *(
                    When(complaint__procedure=code, then=Value(rules.acknowledgement_period()))
                    for code, rules in RULES.items()
                ),
                output_field=IntegerField(),
            ),
            _n_ack=count_at("acknowledged_on"),
            _n_start=count_at("started_on"),
            _n_pause=Coalesce(count_at("resumed_on") - count_at("paused_on"), Value(0)),
            _n_clock=count_at(clock),
            _n_held=count_at("panel_held_on"),
            _n_report=count_at("panel_report_sent_on"),
        )
        after = OuterRef
        return counted.annotate(
            acknowledgement_due_on=working_day(after("_n_start") + after("_ack_days")),
        ).annotate(
            derived_next_due_on=Case(
                # An ended stage owes nothing, whatever its dates say.
                When(
                    ~Q(status__in=OPEN_STAGE_STATUSES), then=Value(None, output_field=DateField())
                ),
                When(acknowledged_on__isnull=True, then=F("acknowledgement_due_on")),
                # Adult social care: the agreed date, or six months after the complaint.
                When(adults & Q(extended_to__isnull=False), then=F("extended_to")),
                When(adults, then=AddMonths(F("started_on"), ADULT_RESPONSE_MONTHS)),
                # Corporate: working days from the acknowledgement, unless extended.
                When(corporate & Q(extended_to__isnull=False), then=F("extended_to")),
                *(
                    When(
                        corporate & Q(number=number),
                        then=working_day(after("_n_ack") + days),
                    )
                    for number, days in CORPORATE_RESPONSE.items()
                ),
                When(
                    number=3,
                    panel_held_on__isnull=True,
                    then=working_day(after("_n_start") + periods.STAGE3_PANEL),
                ),
                When(
                    number=3,
                    panel_report_sent_on__isnull=True,
                    then=working_day(after("_n_held") + periods.STAGE3_REPORT),
                ),
                When(extended_to__isnull=False, then=F("extended_to")),
                When(
                    number=1,
                    paused_on__isnull=False,
                    resumed_on__isnull=True,
                    then=Value(None, output_field=DateField()),
                ),
                When(
                    number=1,
                    then=working_day(
                        after("_n_start") + after("_n_pause") + periods.STAGE1_RESPONSE
                    ),
                ),
                When(number=2, then=working_day(after("_n_clock") + periods.STAGE2_RESPONSE)),
                default=working_day(after("_n_report") + periods.STAGE3_RESPONSE),
                output_field=DateField(),
            ),
        )
