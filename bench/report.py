"""Benchmark: the annual report's figures at 1,000,000 complaints, on SQLite and PostgreSQL.

Builds a database of complaints (with stages, points of complaint, findings and costs) and
the other case types in proportion (per complaint: 1 compliment, 0.8 subject access
requests, 0.25 Ombudsman cases; and monthly referrals), spread over the financial years
2015/16 to today. It grows to the small size, measures, grows to the large size and
measures again:

- the report's figures for the last complete financial year: `heard.reporting.report.build`,
  which computes the year's figures, the year before's (every figure is compared) and the
  five-year trend;
- one hand-written SQL query that counts the same year's Stage 1 complaints received,
  responded to, and responded to within 10 working days (joining the calendar table).

It prints the median time of each, the figures' query count, and the ratio of the two
times. Targets (issue 5): the query count is the same at both sizes; the figures take under
2 s at 1,000,000; the ratio is at most 5.

PostgreSQL runs in a throwaway cluster (heard.testing.postgres), with fsync off and
shared_buffers=2GB (PG_SERVER_OPTIONS; HEARD_PG_SERVER_OPTIONS overrides it, and
HEARD_PG_SERVER_OPTIONS=" " keeps PostgreSQL's default of 128 MB).

Run: .venv/bin/python bench/report.py [--database sqlite|postgres|both] [--large 1000000] [--smoke]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIRST_DAY = date(2015, 4, 1)
PG_SERVER_OPTIONS = "-c shared_buffers=2GB"
#: Other case types per complaint, as in seed 000 (65 complaints, 64 compliments, 52
#: subject access requests, 16 Ombudsman cases).
PER_COMPLAINT = {"compliments": 1.0, "sars": 0.8, "ombudsman": 0.25}
ROW_OF = {"compliments": "compliment", "sars": "sar", "ombudsman": "ombudsman"}
FINDINGS = ["upheld", "partially_upheld", "not_upheld", "not_upheld", "not_upheld"]


def setup_django(database: str, folder: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "heard.settings_test"
    os.environ["HEARD_ALLOWED_HOSTS"] = "testserver"
    if database == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    else:
        os.environ.pop("DATABASE_URL", None)
        os.environ["HEARD_TEST_DATABASE"] = "postgres"
        # PostgreSQL's default of 128 MB of shared buffers is meant for a small machine; the
        # usual advice for a database server is about a quarter of its memory. This one has
        # 24 GB; 2 GB holds a year's working set of the 1,000,000-complaint database.
        os.environ.setdefault("HEARD_PG_SERVER_OPTIONS", PG_SERVER_OPTIONS)
    import django

    django.setup()


class Ids:
    """The next primary key of each table (rows are inserted with their keys)."""

    def __init__(self) -> None:
        self.next: dict[str, int] = {}

    def take(self, table: str) -> int:
        if table not in self.next:
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute(f"SELECT MAX(id) FROM {table}")
                self.next[table] = (cursor.fetchone()[0] or 0) + 1
        value = self.next[table]
        self.next[table] = value + 1
        return value


def _insert(table: str, columns: str, rows: list[tuple[Any, ...]]) -> None:
    from django.db import connection

    if not rows:
        return
    marks = ", ".join(["%s"] * len(rows[0]))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


def grow(target: int, today: date, rng: random.Random, ids: Ids) -> float:
    """Insert cases until there are `target` complaints; returns seconds."""
    from django.db import transaction

    from heard.complaints.models import Complainant, Complaint, Stage, Theme
    from heard.core.models import Team

    started = time.perf_counter()
    first_stage = ids.take("complaints_stage")
    ids.next["complaints_stage"] = first_stage
    teams = list(Team.objects.values_list("pk", flat=True))
    themes = list(Theme.objects.values_list("pk", flat=True))
    people = list(Complainant.objects.values_list("pk", flat=True))
    remaining = target - Complaint.objects.count()
    span = (today - FIRST_DAY).days
    now = datetime.now(UTC)
    while remaining > 0:
        batch = min(remaining, 20_000)
        rows: dict[str, list[tuple[Any, ...]]] = {
            k: []
            for k in (
                "complaint",
                "stage",
                "element",
                "finding",
                "cost",
                "compliment",
                "sar",
                "ombudsman",
            )
        }
        for _ in range(batch):
            pk = ids.take("complaints_complaint")
            received = FIRST_DAY + timedelta(days=rng.randrange(span))
            is_open = (today - received).days < 40 and rng.random() < 0.8
            stage_count = 1 + (rng.random() < 0.1) + (rng.random() < 0.03)
            elements = []
            for number in range(1, rng.choice((1, 1, 2, 3)) + 1):
                element, theme = ids.take("complaints_element"), rng.choice(themes)
                elements.append((element, theme))
                rows["element"].append((element, pk, number, theme, "A point of complaint"))
            start = received
            for number in range(1, stage_count + 1):
                stage = ids.take("complaints_stage")
                still_open = is_open and number == stage_count
                route = rng.random()
                status = (
                    "in_progress"
                    if still_open
                    else (
                        "responded"
                        if route < 0.85 or number < stage_count
                        else "resolved_by_adr"
                        if route < 0.93
                        else "withdrawn"
                    )
                )
                ended = None if still_open else start + timedelta(days=rng.randint(5, 40))
                rows["stage"].append(
                    (
                        stage,
                        pk,
                        number,
                        status,
                        start,
                        start + timedelta(days=2),
                        ended,
                        "",
                        "",
                        "",
                        "",
                        now,
                        1,
                        "children",
                        "",
                        "",
                    )
                )
                if status == "responded":
                    for element, theme in elements:
                        rows["finding"].append(
                            (
                                ids.take("complaints_elementfinding"),
                                element,
                                stage,
                                rng.choice(FINDINGS),
                                theme,
                                "children",
                                number,
                                ended,
                                "",
                                "",
                            )
                        )
                if number > 1:
                    rows["cost"].append(
                        (ids.take("complaints_cost"), stage, "io_fee", 1250, ended or start, "")
                    )
                start = (ended or start) + timedelta(days=10)
            rows["complaint"].append(
                (
                    pk,
                    f"CSC-{received.year}-B{pk:08d}",
                    "children",
                    "open" if is_open else "closed",
                    stage_count,
                    received,
                    "email",
                    rng.choice(teams),
                    "Calls not returned",
                    "",
                    rng.choice(people),
                    "parent",
                    "",
                    "",
                    "",
                    "",
                    "",
                    None if is_open else start,
                    now,
                    now,
                    1,
                    "in_progress" if is_open else "responded",
                )
            )
            for kind, share in PER_COMPLAINT.items():
                if rng.random() < share:
                    rows[ROW_OF[kind]].append(_other(kind, received, rng, ids, teams, now))
        with transaction.atomic():
            _insert(
                "complaints_complaint",
                "id, reference, procedure, status, current_stage, received_on, channel, "
                "team_id, summary, description, complainant_id, relationship, "
                "sufficient_interest_decision, sufficient_interest_reason, "
                "out_of_time_decision, out_of_time_reason, advocacy_provider, closed_on, "
                "created_at, updated_at, version, stage_status",
                rows["complaint"],
            )
            _insert(
                "complaints_stage",
                "id, complaint_id, number, status, started_on, acknowledged_on, ended_on, "
                "pause_reason, extension_reason, not_accepted_reason, end_note, updated_at, "
                "version, procedure, rolled_up_outcome, adjudication",
                rows["stage"],
            )
            _insert(
                "complaints_element",
                "id, complaint_id, number, theme_id, description",
                rows["element"],
            )
            _insert(
                "complaints_elementfinding",
                "id, element_id, stage_id, finding, theme_id, procedure, stage_number, "
                "responded_on, reasons, action",
                rows["finding"],
            )
            _insert(
                "complaints_cost", "id, stage_id, kind, amount, incurred_on, note", rows["cost"]
            )
            _insert(
                "compliments_compliment",
                "id, reference, received_on, giver, summary, quote, consent_to_publish, "
                "published_quote, logged_at, team_id",
                rows["compliment"],
            )
            _insert(
                "sars_subjectaccessrequest",
                "id, reference, status, received_on, requester_name, requester_role, "
                "requester_email, requester_phone, requester_address, "
                "data_subject_name, care_leaver, records_sought, months_allowed, "
                "extension_reason, outcome, search_limited, search_decision, created_at, "
                "updated_at, version, identity_verified_on, due_on, closed_on, service",
                rows["sar"],
            )
            _insert(
                "ombudsman_ombudsmancase",
                "id, reference, ombudsman_reference, status, area, summary, "
                "enquiry_received_on, reply_due_on, decision, detailed_investigation, fault, "
                "injustice, maladministration, remedy_already_provided, "
                "public_interest_report, created_at, updated_at, version, team_id, decided_on",
                rows["ombudsman"],
            )
        remaining -= batch
    _referrals(today)
    Complaint.objects.refresh_all_deadlines()
    # What the app keeps on each stage for reports, as a save would (heard.complaints.timing).
    Stage.objects.filter(pk__gte=first_stage).refresh_report_values()
    from django.db import connection

    with connection.cursor() as cursor:
        # A database in use has been vacuumed and analysed (autovacuum, on PostgreSQL): the
        # planner's statistics, and the visibility map that lets a covering index be read
        # without visiting the table.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return time.perf_counter() - started


def _other(
    kind: str, received: date, rng: random.Random, ids: Ids, teams: list[int], now: datetime
) -> tuple[Any, ...]:
    if kind == "compliments":
        pk = ids.take("compliments_compliment")
        return (
            pk,
            f"CMP-{received.year}-B{pk:08d}",
            received,
            "parent",
            "Thanks",
            "",
            False,
            "",
            now,
            rng.choice(teams),
        )
    if kind == "sars":
        pk = ids.take("sars_subjectaccessrequest")
        due = received + timedelta(days=30)
        closed = received + timedelta(days=rng.randint(10, 45))
        return (
            pk,
            f"SAR-{received.year}-B{pk:08d}",
            "closed",
            received,
            "A requester",
            "self",
            "",
            "",
            "",
            "A requester",
            rng.random() < 0.65,
            "My file",
            1,
            "",
            "disclosed_full",
            False,
            "",
            now,
            now,
            1,
            received,
            due,
            closed,
            "children",
        )
    pk = ids.take("ombudsman_ombudsmancase")
    decision = rng.choice(["upheld", "not_upheld", "referred_back", "not_in_jurisdiction"])
    investigated = decision in ("upheld", "not_upheld")
    return (
        pk,
        f"LGO-{received.year}-B{pk:08d}",
        f"B{pk:09d}",
        "decided",
        "children",
        "Delay",
        received,
        received + timedelta(days=28),
        decision,
        investigated,
        decision == "upheld",
        False,
        False,
        False,
        False,
        now,
        now,
        1,
        rng.choice(teams),
        received + timedelta(days=rng.randint(30, 120)),
    )


def _referrals(today: date) -> None:
    from heard.referrals.models import MonthlyReferrals

    month, rows = FIRST_DAY, []
    while month <= today:
        rows.append(MonthlyReferrals(month=month, referrals=4_000))
        month = (month + timedelta(days=32)).replace(day=1)
    MonthlyReferrals.objects.all().delete()
    MonthlyReferrals.objects.bulk_create(rows)


def reference_data() -> None:
    from heard.complaints.models import Complainant
    from heard.core.models import Team

    if Complainant.objects.exists():  # a kept database (--folder) already has them
        return
    for name in ("Children in care", "Child protection", "Fostering", "Leaving care"):
        Team.objects.get_or_create(name=name)
    Complainant.objects.bulk_create(
        Complainant(name=f"Complainant {n}", email=f"c{n}@example.org") for n in range(5000)
    )


#: The baseline: what one would write by hand over the same tables, timing each response from
#: its recorded dates through the calendar table (the figures read the working days each
#: stage keeps, heard.complaints.timing).
HAND_WRITTEN = """
SELECT
  SUM(CASE WHEN s.started_on BETWEEN %s AND %s THEN 1 ELSE 0 END),
  SUM(CASE WHEN s.status = 'responded' AND s.ended_on BETWEEN %s AND %s THEN 1 ELSE 0 END),
  SUM(CASE WHEN s.status = 'responded' AND s.ended_on BETWEEN %s AND %s
            AND e.working_day_number - b.working_day_number <= 10 THEN 1 ELSE 0 END)
FROM complaints_stage s
LEFT JOIN workdays_calendarday b ON b.day = s.started_on
LEFT JOIN workdays_calendarday e ON e.day = s.ended_on
WHERE s.number = 1 AND s.procedure = 'children'
  AND (s.started_on BETWEEN %s AND %s OR s.ended_on BETWEEN %s AND %s)
"""


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


def measure(year: int, runs: int) -> dict[str, Any]:
    from django.db import connection

    from heard.reporting.figures import compute, protected
    from heard.reporting.periods import Period
    from heard.reporting.report import build

    period = Period.financial_year(year)
    first, last = period.first, period.last

    def figures() -> Any:
        return compute("children", period)

    def whole_report() -> Any:
        return build("children", period)

    def hand() -> Any:
        with connection.cursor() as cursor:
            cursor.execute(HAND_WRITTEN, [first, last] * 5)
            return cursor.fetchone()

    whole_report()  # warm the calendar cache and the database's pages
    hand()
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        figures_once = figures()
    report_counter = QueryCounter()
    with connection.execute_wrapper(report_counter):
        whole_report()
    times: dict[str, list[float]] = {"figures": [], "hand": [], "report": [], "suppression": []}
    for _ in range(runs):
        for name, job in (("figures", figures), ("hand", hand), ("report", whole_report)):
            started = time.perf_counter()
            job()
            times[name].append(time.perf_counter() - started)
            if name == "figures":
                # Disclosure control over the year and its quarters (heard.reporting.disclosure).
                times["suppression"].append(protected.last_seconds)
    hand_counts = hand()
    stage1 = figures_once.complaints.stages["1"]
    # The two must agree, or the comparison means nothing.
    assert hand_counts[0] == stage1.received, (hand_counts, stage1.received)
    assert hand_counts[1] == stage1.responded, (hand_counts, stage1.responded)
    assert hand_counts[2] == stage1.timeliness.within_standard.numerator, hand_counts
    return {
        "figures": statistics.median(times["figures"]),
        "hand": statistics.median(times["hand"]),
        "queries": counter.count,
        "report": statistics.median(times["report"]),
        "report_queries": report_counter.count,
        "suppression": statistics.median(times["suppression"]),
        "stage1": hand_counts,
    }


def run_one(
    database: str, small: int, large: int, runs: int, seed: int, keep: str, smoke: bool
) -> int:
    with tempfile.TemporaryDirectory(prefix="heard-bench-") as temporary:
        folder = keep or temporary
        setup_django(database, folder)
        from django.core.management import call_command

        from heard.core import clock
        from heard.reporting.forms import latest_complete_year

        call_command("migrate", verbosity=0)
        reference_data()
        rng, ids, today = random.Random(seed), Ids(), clock.today()
        year = latest_complete_year()
        results = {}
        for size in (small, large):
            built = grow(size, today, rng, ids)
            print(f"[{database}] built {size:,} complaints ({built:.0f}s this step)", flush=True)
            results[size] = measure(year, runs)
    print(
        f"\n{database}: the figures for {year}/{(year + 1) % 100:02d}, median of {runs} runs "
        "after a warm-up. 'report' is the whole report: this year's figures, last year's "
        "(every figure is compared) and the five-year trend."
    )
    if database == "postgres":
        print(f"PostgreSQL server options: {os.environ.get('HEARD_PG_SERVER_OPTIONS')!r}")
    print(
        f"{'complaints':>12} {'figures s':>10} {'queries':>8} {'hand SQL s':>11} {'ratio':>6} "
        f"{'report s':>9} {'queries':>8} {'suppress ms':>11}  "
        "Stage 1 received, responded, within 10 WD"
    )
    ok = results[small]["queries"] == results[large]["queries"]
    for size, r in results.items():
        ratio = r["figures"] / r["hand"]
        print(
            f"{size:>12,} {r['figures']:>10.3f} {r['queries']:>8} {r['hand']:>11.3f} "
            f"{ratio:>6.2f} {r['report']:>9.3f} {r['report_queries']:>8} "
            f"{r['suppression'] * 1000:>11.1f}  "
            f"{', '.join(str(n) for n in r['stage1'])}"
        )
    big = results[large]
    met_time, met_ratio = big["figures"] < 2, big["figures"] / big["hand"] <= 5
    ok = ok and ((met_time and met_ratio) or smoke)
    print(
        f"targets at {large:,}: same query count at both sizes "
        f"({'met' if results[small]['queries'] == big['queries'] else 'MISSED'}); "
        f"under 2 s ({'met' if met_time else 'MISSED'}); "
        f"ratio at most 5 ({'met' if met_ratio else 'MISSED'})"
    )
    if smoke:
        print("smoke run: the timing targets are not judged at this size")
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--folder", default="", help="SQLite: keep the database here, and reuse it next time"
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="a tiny run that checks the script still works (make test): "
        "200 and 1,000 complaints, 1 run; "
        "the timing targets are printed but not judged",
    )
    args = parser.parse_args()
    if args.smoke:
        args.small, args.large, args.runs = 200, 1_000, 1
    if args.database != "both":
        return run_one(
            args.database, args.small, args.large, args.runs, args.seed, args.folder, args.smoke
        )
    status = 0
    for database in ("sqlite", "postgres"):
        # One process per database: Django is configured once per process.
        command = [
            sys.executable,
            __file__,
            "--database",
            database,
            "--small",
            str(args.small),
            "--large",
            str(args.large),
            "--runs",
            str(args.runs),
            "--seed",
            str(args.seed),
            *(["--smoke"] if args.smoke else []),
        ]
        status |= subprocess.run(command, check=False).returncode
    return status


if __name__ == "__main__":
    raise SystemExit(main())
