"""Re-derive every open complaint's stored next deadline, every stage's stored working days
and outcome, and what each finding keeps of its stage, from the recorded dates, the findings
and the calendar."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from heard.complaints.models import Complaint, Stage
from heard.workdays.store import rebuild_calendar_table


class Command(BaseCommand):
    help = (
        "Re-derive the next deadline of every open complaint, and the working days and "
        "outcome each stage keeps for reports. Run it after changing "
        "HEARD_ACKNOWLEDGEMENT_WORKING_DAYS or HEARD_STAGE2_CLOCK (migrate also does it)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        rebuild_calendar_table()
        count = Complaint.objects.refresh_all_deadlines()
        self.stdout.write(f"Re-derived the next deadline of {count} open complaints.")
        stages = Stage.objects.refresh_report_values()
        self.stdout.write(f"Re-derived the working days and outcome of {stages} stages.")
        findings = Stage.objects.refresh_findings()
        self.stdout.write(f"Copied each stage's dates onto its {findings} findings.")
