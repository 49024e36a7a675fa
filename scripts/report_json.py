"""Write the report JSON for every procedure and financial year of the demo data, to compare
two versions of Heard byte for byte (a refactoring must leave every figure as it was).

Builds the demo database with a fixed seed in a temporary SQLite file, with the clock held
at one moment, then writes `annual_report --format json` for each procedure and each year
from 2019/20 to 2026/27 into the output folder, and prints each file's SHA-256.

Run it in each checkout and compare the folders:

    .venv/bin/python scripts/report_json.py --out /tmp/before   # in the old checkout
    .venv/bin/python scripts/report_json.py --out /tmp/after    # in the new one
    diff -r /tmp/before /tmp/after && echo identical
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PROCEDURES = ("children", "adults", "corporate")
YEARS = range(2019, 2027)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="the folder to write into")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--now", default="2026-12-04T12:00:00", help="the moment the clock is held at"
    )
    args = parser.parse_args()
    import time_machine

    args.out.mkdir(parents=True, exist_ok=True)
    now = datetime.fromisoformat(args.now).replace(tzinfo=UTC)
    with tempfile.TemporaryDirectory(prefix="heard-report-json-") as folder:
        os.environ.update(
            DJANGO_SETTINGS_MODULE="heard.settings",
            HEARD_DEBUG="1",
            DATABASE_URL=f"sqlite:///{folder}/demo.sqlite3",
        )
        with time_machine.travel(now, tick=False):
            import django

            django.setup()
            from django.core.management import call_command

            call_command("migrate", "--no-input", verbosity=0)
            call_command("make_demo_data", "--seed", str(args.seed), stdout=io.StringIO())
            for procedure in PROCEDURES:
                for year in YEARS:
                    out = io.StringIO()
                    call_command(
                        "annual_report",
                        "--year",
                        str(year),
                        "--procedure",
                        procedure,
                        "--format",
                        "json",
                        stdout=out,
                        stderr=io.StringIO(),
                    )
                    path = args.out / f"{procedure}-{year}.json"
                    path.write_text(out.getvalue())
                    digest = hashlib.sha256(path.read_bytes()).hexdigest()
                    print(f"{digest}  {path.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
