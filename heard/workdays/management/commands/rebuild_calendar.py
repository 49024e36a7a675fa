"""Rebuild the SQL calendar table, for example after upgrading the `holidays` package."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from heard.workdays.store import rebuild_calendar_table


class Command(BaseCommand):
    help = "Rebuild the working-day calendar table from bank holidays and closure days."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="Rebuild even if unchanged.")

    def handle(self, *args: Any, **options: Any) -> None:
        rebuilt = rebuild_calendar_table(force=options["force"])
        self.stdout.write("Calendar table rebuilt." if rebuilt else "Calendar table up to date.")
