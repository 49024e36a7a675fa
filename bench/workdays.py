"""Benchmark: Heard's working-day arithmetic against numpy's business-day functions.

Times `add_working_days` and `working_days_between` per call over 100,000 random inputs (dates
from 2015 to 2027, n from 1 to 65, pairs ordered start <= end), and in the same run
`numpy.busday_offset` and `numpy.busday_count` called one date at a time on the same inputs
with the same holidays.
numpy gets its best case: a prebuilt busdaycalendar and inputs already converted to datetime64.
It checks that both agree on every input, and prints both timings and the ratio
(target: ratio at most 1.0, ours no slower).

Run: .venv/bin/python bench/workdays.py [--calls 100000] [--seed 1] [--smoke]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from heard.workdays import add_working_days, working_days_between
from heard.workdays.calendar import WorkingCalendar

REPEATS = 5


def best_per_call(run: Callable[[], object], calls: int) -> float:
    """The fastest of several timed passes, in nanoseconds per call."""
    timings = []
    for _ in range(REPEATS):
        started = time.perf_counter_ns()
        run()
        timings.append((time.perf_counter_ns() - started) / calls)
    return min(timings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="a tiny run that checks the script still works (make test): "
        "2,000 calls; "
        "the timing targets are printed but not judged",
    )
    args = parser.parse_args()
    if args.smoke:
        args.calls = 2_000

    rng = random.Random(args.seed)
    first, span = date(2015, 1, 1), (date(2027, 12, 31) - date(2015, 1, 1)).days
    starts = [first + timedelta(days=rng.randrange(span + 1)) for _ in range(args.calls)]
    # Ordered pairs: the elapsed working days from an earlier date to a later one. (numpy's
    # count over a reversed range is not the negative of the forward count; ours is.)
    others = [first + timedelta(days=rng.randrange(span + 1)) for _ in range(args.calls)]
    ends = [max(s, o) for s, o in zip(starts, others, strict=True)]
    between_starts = [min(s, o) for s, o in zip(starts, others, strict=True)]
    ns = [rng.randint(1, 65) for _ in range(args.calls)]

    calendar = WorkingCalendar.for_england_and_wales()
    holidays = np.array(
        sorted(d for d in calendar.closed_days if d.weekday() < 5), dtype="datetime64[D]"
    )
    busdays = np.busdaycalendar(weekmask="1111100", holidays=holidays)
    np_starts = [np.datetime64(d, "D") for d in starts]
    np_after_starts = [np.datetime64(d + timedelta(days=1), "D") for d in between_starts]
    np_after_ends = [np.datetime64(d + timedelta(days=1), "D") for d in ends]

    # Agreement. Day 0 is the day of receipt even if it is not a working day: numpy matches
    # that by rolling a non-working start backward before offsetting.
    ours_add = [add_working_days(s, n, calendar) for s, n in zip(starts, ns, strict=True)]
    numpy_add = [
        np.busday_offset(s, n, roll="backward", busdaycal=busdays).astype(date)
        for s, n in zip(np_starts, ns, strict=True)
    ]
    add_disagree = sum(a != b for a, b in zip(ours_add, numpy_add, strict=True))
    # Ours counts (start, end]; numpy's busday_count counts [begin, end).
    ours_between = [
        working_days_between(s, e, calendar) for s, e in zip(between_starts, ends, strict=True)
    ]
    numpy_between = [
        int(np.busday_count(s, e, busdaycal=busdays))
        for s, e in zip(np_after_starts, np_after_ends, strict=True)
    ]
    between_disagree = sum(a != b for a, b in zip(ours_between, numpy_between, strict=True))

    pairs = list(zip(starts, ns, strict=True))
    np_pairs = list(zip(np_starts, ns, strict=True))
    spans = list(zip(between_starts, ends, strict=True))
    np_spans = list(zip(np_after_starts, np_after_ends, strict=True))

    def ours_add_run() -> None:
        for s, n in pairs:
            add_working_days(s, n, calendar)

    def numpy_add_run() -> None:
        for s, n in np_pairs:
            np.busday_offset(s, n, roll="backward", busdaycal=busdays)

    def ours_between_run() -> None:
        for s, e in spans:
            working_days_between(s, e, calendar)

    def numpy_between_run() -> None:
        for s, e in np_spans:
            np.busday_count(s, e, busdaycal=busdays)

    results = {
        "add_working_days": (
            best_per_call(ours_add_run, args.calls),
            best_per_call(numpy_add_run, args.calls),
        ),
        "working_days_between": (
            best_per_call(ours_between_run, args.calls),
            best_per_call(numpy_between_run, args.calls),
        ),
    }

    print(
        f"inputs: {args.calls:,} random dates 2015-2027, n 1..65, seed {args.seed}; "
        f"best of {REPEATS} passes; database queries: 0 (pure functions)"
    )
    print(
        f"agreement: add_working_days {args.calls - add_disagree:,}/{args.calls:,}, "
        f"working_days_between {args.calls - between_disagree:,}/{args.calls:,}"
    )
    print(f"{'function':<22} {'heard ns/call':>14} {'numpy ns/call':>14} {'ratio':>7}  target")
    ok = add_disagree == 0 and between_disagree == 0
    for name, (ours, theirs) in results.items():
        ratio = ours / theirs
        met = ratio <= 1.0
        ok = ok and (met or args.smoke)
        print(
            f"{name:<22} {ours:>14.0f} {theirs:>14.0f} {ratio:>7.3f}  "
            f"{'met' if met else 'MISSED'} (<= 1.0)"
        )
    print(f"median ratio over both: {statistics.median(o / t for o, t in results.values()):.3f}")
    if args.smoke:
        print("smoke run: the timing targets are not judged at this size")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
