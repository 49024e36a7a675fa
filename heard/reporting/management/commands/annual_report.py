"""Write a report to a file: `annual_report --year 2021 --format json --output report.json`."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from heard.complaints.choices import Procedure
from heard.reporting.periods import Period
from heard.reporting.renderers import RENDERERS
from heard.reporting.report import build


class Command(BaseCommand):
    help = (
        "Write the annual report (or a quarter's, or any date range's) on one procedure. "
        "--year 2021 means the financial year 2021/22."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        when = parser.add_mutually_exclusive_group(required=True)
        when.add_argument("--year", type=int, help="the financial year starting in April")
        when.add_argument("--quarter", help="a quarter of a financial year, like 2021-Q3")
        when.add_argument("--from", dest="first", type=date.fromisoformat, help="YYYY-MM-DD")
        parser.add_argument("--to", dest="last", type=date.fromisoformat, help="YYYY-MM-DD")
        parser.add_argument("--procedure", choices=Procedure.values, default=Procedure.CHILDREN)
        parser.add_argument("--format", choices=sorted(RENDERERS), default="json")
        parser.add_argument("--output", type=Path, help="the file to write (default: stdout)")

    def handle(self, *args: Any, **options: Any) -> None:
        period, kind = self._period(options)
        fmt = options["format"]
        if fmt in ("pdf", "docx", "xlsx") and not options["output"]:
            raise CommandError(f"Give --output FILE for the {fmt} format")
        self.stderr.write(
            f"Computing the figures for {period.label} and {period.previous().label}…"
        )
        report = build(options["procedure"], period, kind)
        self.stderr.write(f"Writing the {RENDERERS[fmt].label} edition…")
        content = RENDERERS[fmt].render(report)
        if options["output"]:
            options["output"].write_bytes(content)
            self.stderr.write(f"Wrote {options['output']} ({len(content):,} bytes)")
        else:
            self.stdout.write(content.decode("utf-8"))

    def _period(self, options: dict[str, Any]) -> tuple[Period, Any]:
        if options["year"] is not None:
            return Period.financial_year(options["year"]), "annual"
        if options["quarter"]:
            year, _, quarter = options["quarter"].upper().partition("-Q")
            if not (year.isdigit() and quarter in ("1", "2", "3", "4")):
                raise CommandError("Give the quarter as YEAR-QN, like 2021-Q3 (2021/22's third)")
            return Period.quarter(int(year), int(quarter)), "quarterly"
        if options["last"] is None:
            raise CommandError("Give --to with --from")
        try:
            return Period(options["first"], options["last"]), "annual"
        except ValueError as error:
            raise CommandError(str(error)) from None
