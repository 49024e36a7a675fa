"""Import monthly referral counts from a CSV file (docs/import.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from heard.referrals.csvimport import ReferralFileError, read_referrals
from heard.referrals.store import save_counts


class Command(BaseCommand):
    help = "Add or replace monthly referral counts from a CSV file with columns month,referrals."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        try:
            counts = read_referrals(path.read_bytes())
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        except ReferralFileError as error:
            raise CommandError("Nothing was imported:\n" + "\n".join(error.errors)) from None
        added, changed = save_counts(counts, by=None)
        self.stdout.write(f"Imported {path.name}: {added} months added, {changed} changed.")
