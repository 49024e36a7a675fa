"""Benchmark: the dashboard and the case list at 10,000 and at 1,000,000 complaints (SQLite).

Builds a SQLite database in a temporary folder. It grows to the first size, measures, then
grows to the second size and measures again. Beside their stages and points, some complaints
have remedies and learning actions (a few not done by their due date) and an offer of an
advocate (a few not yet answered), so the dashboard's follow-ups have something to count. The
measurements are:
- the dashboard;
- the case list, page 1 with the default sort;
- the case list filtered by a theme and a received date range.

Each page is fetched through Django's test client, signed in as a complaints manager. The
script prints the median time, the query count at each size, and the ratio between the
sizes.

Targets (issue 3): the query count is identical at both sizes; the median at 1,000,000 is
under 150 ms; the ratio is at most 3.

Run: .venv/bin/python bench/caselist.py [--small 10000] [--large 1000000] [--runs 15] [--smoke]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(folder: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "heard.settings_test"
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ["HEARD_ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()


STATUS_OPEN, STATUS_CLOSED = "open", "closed"


def grow(target: int, today: date, rng: random.Random, follow_ups: random.Random) -> float:
    """Insert complaints (with stages, points, remedies, learning actions and advocacy offers)
    until there are `target`; returns seconds. The follow-ups draw from their own generator,
    so the complaints, stages and points are the ones earlier runs measured."""
    from django.db import connection, transaction

    from heard.accounts.models import User
    from heard.complaints.models import (
        Complainant,
        Complaint,
        Element,
        LearningAction,
        Remedy,
        Stage,
        Theme,
    )
    from heard.core.models import Team

    started = time.perf_counter()
    teams = list(Team.objects.values_list("pk", flat=True))
    themes = list(Theme.objects.values_list("pk", flat=True))
    officers = list(User.objects.values_list("pk", flat=True))
    complainants = list(Complainant.objects.values_list("pk", flat=True))
    existing = Complaint.objects.count()
    next_complaint = (
        Complaint.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    ) + 1
    next_stage = (Stage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    next_element = (Element.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    next_remedy = (Remedy.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    next_action = (
        LearningAction.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    ) + 1
    first_day = date(2015, 4, 1)
    span = (today - first_day).days
    now = datetime.now(UTC).isoformat()
    complaint_sql = (
        f"INSERT INTO {Complaint._meta.db_table} (id, reference, procedure, status, "
        "current_stage, received_on, channel, team_id, summary, description, "
        "assigned_officer_id, complainant_id, relationship, sufficient_interest_decision, "
        "sufficient_interest_reason, out_of_time_decision, out_of_time_reason, "
        "advocacy_provider, closed_on, created_at, updated_at, version, stage_status, "
        "advocacy_offered_on, advocacy_taken_up) "
        "VALUES (?, ?, 'children', ?, ?, ?, 'email', ?, 'Calls not returned', '', ?, ?, "
        "'parent', '', '', '', '', '', ?, ?, ?, 1, ?, ?, ?)"
    )
    stage_sql = (
        f"INSERT INTO {Stage._meta.db_table} (id, complaint_id, number, status, started_on, "
        "acknowledged_on, ended_on, pause_reason, extension_reason, not_accepted_reason, "
        "end_note, updated_at, version, procedure, rolled_up_outcome, adjudication) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, '', '', '', '', ?, 1, 'children', '', '')"
    )
    element_sql = (
        f"INSERT INTO {Element._meta.db_table} (id, complaint_id, number, theme_id, "
        "description) VALUES (?, ?, ?, ?, 'A point of complaint')"
    )
    remedy_sql = (
        f"INSERT INTO {Remedy._meta.db_table} (id, complaint_id, stage_id, kind, description, "
        "agreed_on, owner, due_on, completed_on) "
        "VALUES (?, ?, ?, 'apology', 'A written apology', ?, 'Team manager', ?, ?)"
    )
    action_sql = (
        f"INSERT INTO {LearningAction._meta.db_table} (id, complaint_id, theme_id, "
        "description, owner, raised_on, due_on, completed_on) "
        "VALUES (?, ?, ?, 'Brief the team', 'Head of service', ?, ?, ?)"
    )

    def carried_out(due: date) -> str | None:
        """When a remedy or an action due on `due` was done: most on time, one in fifty
        past its date and not recorded as done, and none of those not yet due."""
        if due >= today:
            return None if follow_ups.random() < 0.7 else today.isoformat()
        return None if follow_ups.random() < 0.02 else due.isoformat()

    remaining = target - existing
    while remaining > 0:
        batch = min(remaining, 50_000)
        complaints, stages, elements, remedies, actions = [], [], [], [], []
        for _ in range(batch):
            pk = next_complaint
            next_complaint += 1
            received = first_day + timedelta(days=rng.randrange(span))
            age = (today - received).days
            # Recent complaints are open; older ones are closed, as on a real caseload.
            is_open = age < 40 and rng.random() < 0.8
            stage_count = 1 + (rng.random() < 0.1) + (rng.random() < 0.03)
            start = received
            for number in range(1, stage_count + 1):
                last = number == stage_count
                still_open = is_open and last
                ended = None if still_open else start + timedelta(days=14)
                stages.append(
                    (
                        next_stage,
                        pk,
                        number,
                        "in_progress" if still_open else "responded",
                        start.isoformat(),
                        (start + timedelta(days=2)).isoformat(),
                        ended.isoformat() if ended else None,
                        now,
                    )
                )
                next_stage += 1
                start = start + timedelta(days=20)
            closed = None if is_open else (start + timedelta(days=25)).isoformat()
            # A remedy for one closed complaint in twelve (due 20 days after the last stage
            # was answered) and a learning action for one in twenty-five (due in 30 days).
            agreed = start - timedelta(days=6)
            agreed_already = not is_open and agreed < today
            if agreed_already and follow_ups.random() < 1 / 12:
                due = agreed + timedelta(days=20)
                done = carried_out(due)
                stage_pk = next_stage - 1  # the last stage's, which agreed it
                remedies.append(
                    (next_remedy, pk, stage_pk, agreed.isoformat(), due.isoformat(), done)
                )
                next_remedy += 1
            if agreed_already and follow_ups.random() < 1 / 25:
                due = agreed + timedelta(days=30)
                done, theme = carried_out(due), follow_ups.choice(themes)
                actions.append((next_action, pk, theme, agreed.isoformat(), due.isoformat(), done))
                next_action += 1
            # An advocate offered on one complaint in twenty; the answer is known on most.
            offered, taken_up = None, None
            if follow_ups.random() < 0.05:
                offered = (received + timedelta(days=2)).isoformat()
                answer = follow_ups.random()
                taken_up = None if answer < 0.1 else answer < 0.6
            complaints.append(
                (
                    pk,
                    f"CSC-{received.year}-B{pk:08d}",
                    STATUS_OPEN if is_open else STATUS_CLOSED,
                    stage_count,
                    received.isoformat(),
                    rng.choice(teams),
                    rng.choice(officers),
                    rng.choice(complainants),
                    closed,
                    now,
                    now,
                    "in_progress" if is_open else "responded",
                    offered,
                    taken_up,
                )
            )
            for number in range(1, rng.choice((1, 1, 2, 3)) + 1):
                elements.append((next_element, pk, number, rng.choice(themes)))
                next_element += 1
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(complaint_sql, complaints)
            cursor.executemany(stage_sql, stages)
            cursor.executemany(element_sql, elements)
            cursor.executemany(remedy_sql, remedies)
            cursor.executemany(action_sql, actions)
        remaining -= batch
    # Rows inserted in bulk bypass save(), so derive the open complaints' stored deadlines as
    # a calendar change would (timed as part of the build).
    Complaint.objects.refresh_all_deadlines()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        # The search index was filled by its triggers, row by row, inside the same INSERTs.
        cursor.execute("SELECT count(*) FROM dashboard_search_complaint")
        indexed = cursor.fetchone()[0]
    if indexed != target:
        raise SystemExit(f"The search index holds {indexed:,} complaints of {target:,}")
    return time.perf_counter() - started


def reference_data(seed: int) -> None:
    from faker import Faker

    from heard.accounts.models import Role, User
    from heard.complaints.models import Complainant
    from heard.core.models import Team

    for name in (
        "Children in care",
        "Child protection",
        "Children in need",
        "Fostering",
        "Adoption",
        "Leaving care",
        "Disabled children",
        "Early help",
    ):
        Team.objects.get_or_create(name=name)
    User.objects.get_or_create(
        username="manager",
        defaults={"role": Role.COMPLAINTS_MANAGER, "first_name": "Priya", "last_name": "Shah"},
    )
    for role in (Role.COMPLAINTS_OFFICER, Role.COMPLAINTS_MANAGER):
        for n in range(4):
            User.objects.get_or_create(username=f"{role}{n}", defaults={"role": role})
    # Names as a council's complainants have them, so that a search for one finds a few
    # cases among a million (the same names on every run).
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    Complainant.objects.bulk_create(
        Complainant(name=f"{fake.first_name()} {fake.last_name()}", email=f"c{n}@example.org")
        for n in range(5000)
    )


#: Each page's time target at the larger size, in ms, and the largest ratio between sizes.
TARGETS = {"list": (150, 3.0), "search": (200, None)}


def scenarios(small: int) -> dict[str, tuple[str, dict[str, str], str]]:
    """Name: URL, query, kind of target. The searches look for the same complaint and the
    same complainant at both sizes (one built before the first measurement)."""
    from heard.complaints.models import Complaint, Theme

    theme = Theme.objects.get(name="Communication").pk
    complaint = Complaint.objects.select_related("complainant").get(pk=small // 2)
    return {
        "dashboard": ("/", {}, "list"),
        "list, page 1": ("/complaints/", {}, "list"),
        "list, theme + dates": (
            "/complaints/",
            {"theme": str(theme), "received_from": "1/4/2024", "received_to": "31/3/2025"},
            "list",
        ),
        "search, reference": ("/search/", {"q": complaint.reference}, "search"),
        "search, name": ("/search/", {"q": complaint.complainant.name}, "search"),
    }


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


def measure(runs: int, small: int) -> dict[str, tuple[float, int]]:
    """Median milliseconds and query count for each scenario."""
    from django.db import connection
    from django.test import Client

    from heard.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="manager"))
    results = {}
    for name, (url, params, _) in scenarios(small).items():
        for _ in range(3):  # warm caches (the calendar, templates, SQLite pages)
            response = client.get(url, params)
            assert response.status_code == 200
        if "q" in params:  # the search finds what it looks for
            assert b"No cases match" not in response.content, f"{name}: nothing found"
            assert b'class="govuk-tag govuk-tag--grey">Complaint<' in response.content, name
        # Counted with an execute wrapper: the connection closes after each request here
        # (no test transaction holds it open), which would reset Django's query log.
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            client.get(url, params)
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            response = client.get(url, params)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        results[name] = (statistics.median(timings), counter.count)
    return results


def export_range(size: int, rows: int, today: date) -> dict[str, str]:
    """A received-date range holding about `rows` of `size` complaints (received evenly
    from April 2015 to today), ending a year ago."""
    last = today - timedelta(days=365)
    days = max(1, round((today - date(2015, 4, 1)).days * rows / size))
    first = last - timedelta(days=days - 1)
    return {"received_from": f"{first:%d/%m/%Y}", "received_to": f"{last:%d/%m/%Y}"}


def read_export(params: dict[str, str]) -> tuple[int, int, float, int]:
    """Download the CSV for these filters and read it to the end: its rows, queries, seconds
    and the peak of Python's memory (tracemalloc) from the request to the last line."""
    from django.db import connection
    from django.http import StreamingHttpResponse
    from django.test import Client

    from heard.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="manager"))
    counter = QueryCounter()
    lines = 0
    tracemalloc.start()
    started = time.perf_counter()
    with connection.execute_wrapper(counter):
        response = client.get("/complaints/export.csv", params)
        assert response.status_code == 200
        assert isinstance(response, StreamingHttpResponse)
        for chunk in response.streaming_content:
            lines += bytes(chunk).count(b"\n")
        response.close()
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return lines - 1, counter.count, seconds, peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--folder", help="Keep the database in this folder (default: temporary)")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="a tiny run that checks the script still works (make test): "
        "2,000 and 10,000 complaints, 3 requests a page; "
        "the timing targets are printed but not judged",
    )
    args = parser.parse_args()
    if args.smoke:
        args.small, args.large, args.runs = 2_000, 10_000, 3

    with tempfile.TemporaryDirectory(prefix="heard-bench-") as temporary:
        folder = args.folder or temporary
        setup_django(folder)
        from django.core.management import call_command

        from heard.core import clock

        call_command("migrate", verbosity=0)
        reference_data(args.seed)
        rng = random.Random(args.seed)
        follow_ups = random.Random(args.seed + 1)
        today = clock.today()
        measured: dict[int, dict[str, tuple[float, int]]] = {}
        export_queries: dict[int, int] = {}
        exports: list[tuple[int, int, float, int]] = []
        for size in (args.small, args.large):
            built = grow(size, today, rng, follow_ups)
            print(f"built {size:,} complaints ({built:.0f}s cumulative step)", flush=True)
            measured[size] = measure(args.runs, args.small)
            export_queries[size] = read_export(export_range(size, size // 100, today))[1]
        # At the larger size: about 1% and about 10% of the complaints (10,000 and 100,000
        # rows at 1,000,000), each read once to the end, after a first read that warms up
        # (imports, templates, caches) and is not counted.
        read_export(export_range(args.large, args.large // 100, today))
        for rows in (args.large // 100, args.large // 10):
            exports.append(read_export(export_range(args.large, rows, today)))
        scenario_targets = {name: target for name, (*_, target) in scenarios(args.small).items()}

    small, large = measured[args.small], measured[args.large]
    print(f"\nSQLite, Django test client, median of {args.runs} requests after 3 warm-ups")
    print(
        f"{'page':<22} {'ms @' + format(args.small, ','):>12} "
        f"{'ms @' + format(args.large, ','):>14} {'ratio':>6} {'queries':>10}  targets"
    )
    ok = True
    for name in small:
        (t_small, q_small), (t_large, q_large) = small[name], large[name]
        ratio = t_large / t_small
        limit, most = TARGETS[scenario_targets[name]]
        met = q_small == q_large and t_large < limit and (most is None or ratio <= most)
        ok = ok and (q_small == q_large if args.smoke else met)
        print(
            f"{name:<22} {t_small:>12.1f} {t_large:>14.1f} {ratio:>6.2f} "
            f"{q_small:>4} / {q_large:<4}  {'met' if met else 'MISSED'} "
            f"(same queries, < {limit} ms{f', ratio <= {most:g}' if most else ''})"
        )

    print(
        f"\nCSV download of the case list, streamed, read to the end at {args.large:,} "
        "complaints (peak of Python's memory, traced, so the seconds are slower than untraced)"
    )
    print(f"{'rows':>10} {'peak MB':>9} {'seconds':>8} {'queries':>8}")
    for rows, queries, seconds, peak in exports:
        print(f"{rows:>10,} {peak / 2**20:>9.2f} {seconds:>8.1f} {queries:>8}")
    (few, _, _, few_peak), (many, _, _, many_peak) = exports
    peak_ratio = many_peak / few_peak
    q_small, q_large = export_queries[args.small], export_queries[args.large]
    met = q_small == q_large and peak_ratio <= 1.5
    ok = ok and (q_small == q_large if args.smoke else met)
    print(
        f"{'export':<22} peak ratio {peak_ratio:.2f} ({many / few:.1f} times the rows); "
        f"queries {q_small} @{args.small:,} / {q_large} @{args.large:,}  "
        f"{'met' if met else 'MISSED'} (same queries, peak ratio <= 1.5)"
    )
    if args.smoke:
        print("smoke run: the timing and memory targets are not judged at this size")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
