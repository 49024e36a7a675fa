"""Benchmark: complete public complaint forms sent to Heard under gunicorn (SQLite).

Needs the built assets (`make assets`): it collects the static files, as a deployment does.
Builds a SQLite database in a temporary folder and starts gunicorn with 2 sync workers on
loopback, with production settings (DEBUG off). Then 20 client threads work through 2,000
complaints between them, as browsers would, each with a unique marker so the script can check
that every one was stored exactly once:

1. the baseline: the same 20 clients fetch the start page 2,000 times, so there is one simple
   request on the same server, under the same load, in the same run;
2. filling in: for each complaint a client fetches the first page (for the CSRF cookie) and
   posts the answer to every question page, which the server keeps in that person's session;
3. submitting: each of the 2,000 complete forms is sent from "Check your answers". This POST
   is the submission: it creates the case, its stage, deadlines, event and queued messages.

The script prints:
- submissions per second (step 3), with the median and 95th-percentile time of one;
- the question pages posted per second (step 2), and whole journeys (steps 2 and 3) per
  second;
- the errors;
- the cases created, and how many of the submissions were stored exactly once;
- the baseline's requests per second, and the ratio of a submission's median time to the
  baseline request's.

Target (issue 6): every submission stored exactly once, zero errors, at least 50
submissions per second on this machine.

Run: .venv/bin/python bench/submit.py [--submissions 2000] [--clients 20] [--smoke]
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
from typing import TypeVar

import requests

ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T")
R = TypeVar("R")
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
    ("files", {"kept": ""}),
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


def fill_in(base: str, marker: str) -> requests.Session:
    """Answer every question page of one complaint, as a browser would; the answers are kept
    in the session whose cookie the returned client holds."""
    client = requests.Session()
    page = client.get(f"{base}/complain/service/", timeout=30)
    page.raise_for_status()
    token = TOKEN.search(page.text)
    if token is None:
        raise RuntimeError("no CSRF token on the first page")
    client.headers["X-CSRFToken"] = token.group(1)
    for slug, data in PAGES:
        posted = dict(data)
        if slug == "what-happened":
            posted["what_happened"] = data["what_happened"].replace("MARKER", marker)
        response = client.post(
            f"{base}/complain/{slug}/", data=posted, timeout=30, allow_redirects=False
        )
        if response.status_code != 302:
            raise RuntimeError(f"{slug}: HTTP {response.status_code}")
    return client


def send(base: str, client: requests.Session) -> None:
    """The submission: send the complete form from "Check your answers"."""
    with client:
        sent = client.post(
            f"{base}/complain/check-your-answers/", timeout=30, allow_redirects=False
        )
    if sent.status_code != 302 or not sent.headers["Location"].endswith("/complain/sent/"):
        raise RuntimeError(f"send: HTTP {sent.status_code}")


def fetch_start(base: str, _: str) -> None:
    response = requests.get(f"{base}/complain/", timeout=30)
    response.raise_for_status()


def load(
    work: Callable[[str, T], R], base: str, items: list[T], clients: int
) -> tuple[float, list[float], list[R], list[str]]:
    """`work(base, item)` for every item, from `clients` threads: seconds in all, each call's
    seconds, what the calls returned, and the errors."""
    lock = threading.Lock()
    queue = iter(items)
    times: list[float] = []
    results: list[R] = []
    errors: list[str] = []

    def client() -> None:
        while True:
            with lock:
                item = next(queue, None)
            if item is None:
                return
            started = time.perf_counter()
            try:
                result = work(base, item)
            except Exception as error:  # counted and reported, not raised
                with lock:
                    errors.append(f"{error}")
                continue
            with lock:
                times.append(time.perf_counter() - started)
                results.append(result)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, times, results, errors


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="a tiny run that checks the script still works (make test): "
        "40 submissions from 4 clients; "
        "the timing targets are printed but not judged",
    )
    args = parser.parse_args()
    if args.smoke:
        args.submissions, args.clients = 40, 4
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
            markers = [f"BENCH-{number:06d}" for number in range(args.submissions)]
            base_seconds, base_times, _, base_errors = load(
                fetch_start, base, markers, args.clients
            )
            fill_seconds, _, filled, fill_errors = load(fill_in, base, markers, args.clients)
            seconds, times, _, send_errors = load(send, base, filled, args.clients)
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
    errors = fill_errors + send_errors
    rate = len(times) / seconds
    median = statistics.median(times) if times else 0.0
    base_median = statistics.median(base_times) if base_times else 0.0
    print(f"{args.submissions:,} submissions from {args.clients} clients, gunicorn with 2 workers")
    print(f"  submissions per second  {rate:8.1f}   ({seconds:.1f} s in all)")
    print(
        f"  one submission          median {median * 1000:6.0f} ms, "
        f"p95 {percentile(times, 0.95) * 1000:6.0f} ms"
    )
    pages = len(filled) * (len(PAGES) + 1)
    print(
        f"  filling in beforehand   {pages / fill_seconds:8.1f} pages per second "
        f"({len(PAGES) + 1} a complaint, {fill_seconds:.1f} s in all); whole journeys: "
        f"{len(times) / (fill_seconds + seconds):.1f} per second"
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
    stored = not errors and created == once == args.submissions
    met = stored and rate >= 50
    print(
        "target: every submission once, no errors, at least 50 per second: "
        + ("met" if met else "MISSED")
    )
    if args.smoke:
        print("smoke run: the timing targets are not judged at this size")
    return 0 if met or (stored and args.smoke) else 1


if __name__ == "__main__":
    raise SystemExit(main())
