"""Import a complaints log and the team's other casework from Excel or CSV (docs/import.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from heard.imports.service import run_import


class Command(BaseCommand):
    help = (
        "Import complaints (one row per stage), compliments, Ombudsman cases, subject access "
        "requests and monthly referrals from .xlsx or .csv files. All or nothing: any bad row "
        "imports nothing. A reference already held is left as it is."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, metavar="FILE")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check every row and write nothing"
        )

    def handle(self, *args: Any, paths: list[Path], dry_run: bool, **options: Any) -> None:
        files = []
        for path in paths:
            try:
                files.append((path.name, path.read_bytes()))
            except OSError as error:
                raise CommandError(f"Cannot read {path}: {error.strerror}") from None

        def progress(label: str, done: int, total: int) -> None:
            self.stderr.write(f"{label}: {done:,} of {total:,}")

        result = run_import(files, dry_run=dry_run, progress=progress)
        if not result.ok:
            problems = [str(p) for p in result.problems]
            raise CommandError(
                f"Nothing was imported: {len(problems):,} problem"
                f"{'s' if len(problems) != 1 else ''}.\n" + "\n".join(problems)
            )
        heading = "Dry run: nothing was written." if dry_run else "Imported."
        self.stdout.write("\n".join([heading, *result.summary()]))
