"""Load a seed scenario: the cases behind one of the published reports (DOMAIN.md section 6)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from heard.imports.service import run_import

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def scenario_names() -> list[str]:
    return sorted(p.name for p in SCENARIOS.iterdir() if p.is_dir())


def scenario_files(name: str) -> list[tuple[str, bytes]]:
    folder = SCENARIOS / name
    if name not in scenario_names():
        raise CommandError(
            f"There is no scenario called {name}. Scenarios: {', '.join(scenario_names())}"
        )
    return [(p.name, p.read_bytes()) for p in sorted(folder.glob("*.csv"))]


class Command(BaseCommand):
    help = "Import a seed scenario (seed-000 or seed-001) into the database, through import_cases."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="seed-000 or seed-001")

    def handle(self, *args: Any, name: str, **options: Any) -> None:
        result = run_import(scenario_files(name))
        if not result.ok:
            raise CommandError(
                "The scenario did not import:\n" + "\n".join(str(p) for p in result.problems)
            )
        self.stdout.write("\n".join([f"Loaded {name}.", *result.summary()]))
