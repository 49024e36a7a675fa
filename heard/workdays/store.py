"""Loading the installation's calendar and keeping the SQL calendar table in step with it."""

from __future__ import annotations

import functools
import hashlib
import threading
import time
from datetime import date

from django.conf import settings
from django.db import transaction
from django.dispatch import Signal

from heard.workdays.calendar import WorkingCalendar
from heard.workdays.models import CalendarBuild, CalendarDay, ClosureDay

#: Sent inside the rebuild's transaction after the calendar table changed, so that anything
#: stored from it (a stage's next deadline, its working days taken) is re-derived in the
#: same transaction. `since` is the first day whose working-day count changed (None when
#: the table was empty): a span of days ending before it counts the same as before.
calendar_rebuilt = Signal()

_lock = threading.Lock()
_cached: tuple[float, WorkingCalendar] | None = None


def load_calendar() -> WorkingCalendar:
    """Build the calendar from the bank holidays and the closure days in the database."""
    closures = ClosureDay.objects.values_list("day", flat=True)
    return WorkingCalendar.for_england_and_wales(closures)


def current_calendar() -> WorkingCalendar:
    """The calendar in force, cached for HEARD_CALENDAR_CACHE_SECONDS.

    A closure day saved in this process clears the cache at once (see signals in apps.py);
    the time limit covers changes made by other processes.
    """
    global _cached
    cached = _cached
    now = time.monotonic()
    if cached is not None and now - cached[0] < settings.HEARD_CALENDAR_CACHE_SECONDS:
        return cached[1]
    with _lock:
        calendar = load_calendar()
        _cached = (now, calendar)
    return calendar


def ensure_current_calendar() -> None:
    """Drop this process's cached calendar if another process has rebuilt the calendar table
    since it was loaded (one small query). For values that are stored, not just shown."""
    cached = _cached
    if cached is None:
        return
    built = CalendarBuild.objects.values_list("fingerprint", flat=True).first()
    if built is not None and built != _fingerprint(cached[1]):
        forget_calendar()


def forget_calendar() -> None:
    global _cached
    _cached = None


@functools.lru_cache(maxsize=2)  # by identity: the calendar in use, and the last one
def _fingerprint(calendar: WorkingCalendar) -> str:
    digest = hashlib.sha256(
        f"{calendar.first_day}:{calendar.last_day}:".encode()
        + ",".join(sorted(d.isoformat() for d in calendar.closed_days)).encode()
    )
    return digest.hexdigest()


@transaction.atomic
def rebuild_calendar_table(*, force: bool = False) -> bool:
    """Make CalendarDay match the current calendar. Returns True if it had to be rebuilt."""
    forget_calendar()
    calendar = current_calendar()
    fingerprint = _fingerprint(calendar)
    build = CalendarBuild.objects.select_for_update().first()
    if build is not None and build.fingerprint == fingerprint and not force:
        return False
    first = calendar.first_day.toordinal()
    rows = []
    previous = 0
    for ordinal in range(first, calendar.last_day.toordinal() + 1):
        day = calendar.first_day.fromordinal(ordinal)
        number = calendar.working_day_number(day)
        rows.append(CalendarDay(day=day, is_working=number > previous, working_day_number=number))
        previous = number
    since = _first_change(rows)
    CalendarDay.objects.all().delete()
    CalendarDay.objects.bulk_create(rows, batch_size=2000)
    if build is None:
        CalendarBuild.objects.create(fingerprint=fingerprint)
    else:
        build.fingerprint = fingerprint
        build.save(update_fields=["fingerprint", "built_at"])
    calendar_rebuilt.send(sender=CalendarDay, since=since)
    return True


def _first_change(rows: list[CalendarDay]) -> date | None:
    """The first day of `rows` whose working-day count differs from the table's now."""
    before = dict(CalendarDay.objects.values_list("day", "working_day_number"))
    if not before:
        return None
    return next(
        (row.day for row in rows if before.get(row.day) != row.working_day_number), None
    ) or (rows[0].day if len(before) != len(rows) else None)
