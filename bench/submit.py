"""Benchmark: complete public complaint forms sent to Heard under gunicorn (SQLite).

Needs the built assets (`make assets`): it collects the static files, as a deployment does.
Builds a SQLite database in a temporary folder and starts gunicorn with 2 sync workers on
loopback, with production settings (DEBUG off). Then 20 client threads send 2,000 complete
submissions between them. Each submission goes through every page of the form, as a browser
would: it fetches the first page for the CSRF cookie, posts each page, and sends from "Check
your answers". Each submission carries a unique marker, so the script can check that every one
was stored exactly once.

Before the submissions, the same 20 clients fetch the start page 2,000 times. That is the
baseline: one simple request on the same server, under the same load, in the same run.

The script prints:
- submissions per second;
- the median and 95th-percentile time for one whole submission;
- the errors;
- the cases created, and how many of the submissions were stored exactly once;
- the baseline's requests per second, and the ratio of a submission's median time to the
  baseline request's.

Target (issue 6): every submission stored exactly once, zero errors, at least 50
submissions per second on this machine.

Run: .venv/bin/python bench/submit.py [--submissions 2000] [--clients 20]
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

PAGES: list[tuple[str, dict[str, str]]] = [
    ("service", {"procedure": "children"}),
    ("who", {"relationship": "parent"}),
    ("child", {"child_name": "Sam Smith"}),
    ("what-happened", {"what_happened": "MARKER: nobody came to the review meeting."}),
    ("wanted", {"wanted": "An apology and a new date for the review."}),
    (
        "contact",
        {
            "name": "Alex Smith",
            "email": "alex@example.com",
            "phone": "",
            "address": "",
            "preferred_contact": "email",
        },
    ),
    ("advocate", {"advocate": "no"}),
    ("equality", {"ethnicity": "", "gender": "", "age_band": "", "disability": ""}),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def environment(folder: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "heard.settings",
            "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
            "HEARD_STATIC_ROOT": f"{folder}/static",
            "HEARD_SECRET_KEY": "bench-only-secret-key-not-for-production-use-0123456789",
            "HEARD_DEBUG": "false",
            "HEARD_SSL_REDIRECT": "false",
            "HEARD_SECURE_COOKIES": "false",
            "HEARD_HSTS_SECONDS": "0",
            "HEARD_ALLOWED_HOSTS": "127.0.0.1",
            # Every submission comes from 127.0.0.1; the limit is not what is measured here.
            "HEARD_PUBLIC_SENDS_PER_HOUR": "1000000",
        }
    )
    return env


def submit(base: str, marker: str) -> None:
    """One complete submission through every page, as a browser would send it."""
    with requests.Session() as session:
        page = session.get(f"{base}/complain/service/", timeout=30)
        page.raise_for_status()
        token = TOKEN.search(page.text)
        if token is None:
            raise RuntimeError("no CSRF token on the first page")
        for slug, data in PAGES:
            posted = {**data, "csrfmiddlewaretoken": token.group(1)}
            if slug == "what-happened":
                posted["what_happened"] = data["what_happened"].replace("MARKER", marker)
            response = session.post(
                f"{base}/complain/{slug}/", data=posted, timeout=30, allow_redirects=False
            )
            if response.status_code != 302:
                raise RuntimeError(f"{slug}: HTTP {response.status_code}")
        sent = session.post(
            f"{base}/complain/check-your-answers/",
            data={"csrfmiddlewaretoken": token.group(1)},
            timeout=30,
            allow_redirects=False,
        )
        if sent.status_code != 302 or not sent.headers["Location"].endswith("/complain/sent/"):
            raise RuntimeError(f"send: HTTP {sent.status_code}")


def fetch_start(base: str, _: str) -> None:
    response = requests.get(f"{base}/complain/", timeout=30)
    response.raise_for_status()


def load(
    work: Callable[[str, str], None], base: str, count: int, clients: int
) -> tuple[float, list[float], list[str]]:
    """`count` calls of `work` from `clients` threads: seconds in all, each call's seconds,
    and the errors."""
    lock = threading.Lock()
    queue = iter(range(count))
    times: list[float] = []
    errors: list[str] = []

    def client() -> None:
        while True:
            with lock:
                number = next(queue, None)
            if number is None:
                return
            started = time.perf_counter()
            try:
                work(base, f"BENCH-{number:06d}")
            except Exception as error:  # counted and reported, not raised
                with lock:
                    errors.append(f"{number}: {error}")
                continue
            with lock:
                times.append(time.perf_counter() - started)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, times, errors


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=20)
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="heard-submit-") as folder:
        env = environment(folder)
        for command in (["migrate"], ["collectstatic"]):  # as a deployment would
            subprocess.run(
                [python, "manage.py", *command, "--no-input", "-v", "0"],
                cwd=ROOT,
                env=env,
                check=True,
            )
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [
                str(Path(python).parent / "gunicorn"),
                "heard.wsgi:application",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        try:
            for _ in range(100):
                try:
                    requests.get(f"{base}/complain/", timeout=10)
                    break
                except requests.ConnectionError:
                    time.sleep(0.2)
            base_seconds, base_times, base_errors = load(
                fetch_start, base, args.submissions, args.clients
            )
            seconds, times, errors = load(submit, base, args.submissions, args.clients)
        finally:
            server.terminate()
            server.wait(timeout=30)
        with sqlite3.connect(f"{folder}/bench.sqlite3") as db:
            created = db.execute("SELECT COUNT(*) FROM complaints_complaint").fetchone()[0]
            once = db.execute(
                "SELECT COUNT(*) FROM (SELECT "
                "substr(description, instr(description, 'BENCH-'), 12) AS marker "
                "FROM complaints_complaint WHERE description LIKE '%BENCH-%' "
                "GROUP BY marker HAVING COUNT(*) = 1)"
            ).fetchone()[0]
    rate = len(times) / seconds
    median = statistics.median(times) if times else 0.0
    base_median = statistics.median(base_times) if base_times else 0.0
    print(f"{args.submissions:,} submissions from {args.clients} clients, gunicorn with 2 workers")
    print(f"  submissions per second  {rate:8.1f}   ({seconds:.1f} s in all)")
    print(
        f"  one submission          median {median * 1000:6.0f} ms, "
        f"p95 {percentile(times, 0.95) * 1000:6.0f} ms"
    )
    print(f"  errors                  {len(errors):8d}")
    for error in errors[:5]:
        print(f"    {error}")
    print(f"  cases created           {created:8,d}   stored exactly once: {once:,}")
    print(
        f"  baseline (start page)   {len(base_times) / base_seconds:8.1f} requests/s, median "
        f"{base_median * 1000:.0f} ms, {len(base_errors)} errors; a submission's median is "
        f"{median / base_median if base_median else 0:.1f} x the baseline request's"
    )
    met = not errors and created == once == args.submissions and rate >= 50
    print(
        "target: every submission once, no errors, at least 50 per second: "
        + ("met" if met else "MISSED")
    )
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
