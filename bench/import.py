"""Benchmark: importing a 100,000-row complaints log (SQLite; PostgreSQL with --database).

Writes a CSV in the import format (docs/import.md) with 100,000 stage rows: complaints at
Stage 1, some with a Stage 2 row, with themes and findings, teams, relationships, equality
answers and costs. Imports it into an empty database with `run_import`, as `import_cases`
does, and prints the rows per second, the seconds and the query count; then imports it again
(every reference already held, so nothing is added) and prints the same.

Target (issue 5): at least 5,000 rows per second on SQLite.

Run: .venv/bin/python bench/import.py [--rows 100000] [--database sqlite|postgres] [--smoke]
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

THEMES = ["Delay", "Communication", "Quality of service", "Staff conduct", "Policy or procedure"]
OUTCOMES = ["Upheld", "Partially upheld", "Not upheld", "Not upheld", "ADR", "Withdrawn"]
RELATIONSHIPS = ["Parent", "Foster carer", "Child", "Special guardian", "Care leaver"]


def log(rows: int, seed: int) -> bytes:
    """A complaints log of `rows` stage rows."""
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "Reference",
            "Stage",
            "Received",
            "Acknowledged",
            "Ended",
            "Outcome",
            "Themes",
            "Team",
            "Relationship",
            "Ethnicity",
            "IO fee",
        ]
    )
    written, n = 0, 0
    while written < rows:
        n += 1
        received = date(2016, 4, 1) + timedelta(days=rng.randrange(3500))
        outcome = rng.choice(OUTCOMES)
        ended = received + timedelta(days=rng.randint(5, 30))
        themes = "; ".join(rng.sample(THEMES, rng.choice((1, 1, 2))))
        responded = outcome not in ("ADR", "Withdrawn")
        writer.writerow(
            [
                f"IMP-{n:07d}",
                1,
                received,
                received + timedelta(days=2),
                ended,
                outcome,
                themes if responded else "",
                f"Team {n % 12}",
                rng.choice(RELATIONSHIPS),
                rng.choice(["White British", "Black: African", "Prefer not to say", ""]),
                "",
            ]
        )
        written += 1
        if responded and written < rows and rng.random() < 0.12:
            requested = ended + timedelta(days=10)
            writer.writerow(
                [
                    f"IMP-{n:07d}",
                    2,
                    requested,
                    "",
                    requested + timedelta(days=30),
                    "Not upheld",
                    themes.split(";")[0],
                    "",
                    "",
                    "",
                    "1,250.00",
                ]
            )
            written += 1
    return out.getvalue().encode("utf-8")


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="a tiny run that checks the script still works (make test): "
        "500 rows; "
        "the timing targets are printed but not judged",
    )
    args = parser.parse_args()
    if args.smoke:
        args.rows = 500
    with tempfile.TemporaryDirectory(prefix="heard-bench-") as folder:
        os.environ["DJANGO_SETTINGS_MODULE"] = "heard.settings_test"
        if args.database == "sqlite":
            os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        else:
            os.environ.pop("DATABASE_URL", None)
            os.environ["HEARD_TEST_DATABASE"] = "postgres"
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        from heard.imports.service import run_import

        call_command("migrate", verbosity=0)
        content = log(args.rows, args.seed)
        print(f"{args.database}: a {len(content) / 1e6:.1f} MB CSV of {args.rows:,} stage rows")
        ok = True
        for attempt in ("first import", "same file again"):
            counter = QueryCounter()
            started = time.perf_counter()
            with connection.execute_wrapper(counter):
                result = run_import([("log.csv", content)])
            seconds = time.perf_counter() - started
            assert result.ok, [str(p) for p in result.problems[:5]]
            rate = args.rows / seconds
            print(
                f"{attempt:<16} {seconds:>7.1f} s {rate:>9,.0f} rows/s {counter.count:>7,} "
                f"queries; added {result.added['complaints']:,}, already held "
                f"{result.already_held['complaints']:,}"
            )
            if attempt == "first import":
                met = rate >= 5_000
                ok = met or args.smoke
            elif result.added["complaints"]:
                print("the same file again added complaints: it should add none")
                ok = False
                print(f"target: at least 5,000 rows/s on SQLite: {'met' if met else 'MISSED'}")
    if args.smoke:
        print("smoke run: the timing targets are not judged at this size")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
