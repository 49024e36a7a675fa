"""A worker killed in the middle of a round of reminders, then started again, sends every
reminder due exactly once. Real processes: `migrate`, then `db_worker` (killed with SIGKILL,
then restarted), over a SQLite file, with an email backend that takes 0.4 s a message."""

from __future__ import annotations

import email
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from heard.settings import BASE_DIR

#: Complaints received over the last days: their acknowledgements fall due, or were missed,
#: around today (whatever day the test runs), each assigned to an officer.
SEED = """
from datetime import timedelta
from heard.accounts.models import User
from heard.complaints.models import Complaint
from heard.complaints.tests import factories as f
from heard.core import clock
officer = User.objects.create(
    username="ola", email="ola@council.example", role="complaints_officer"
)
User.objects.create(username="mia", email="mia@council.example", role="complaints_manager")
for days in range(12):
    f.Stage1OpenFactory(received_on=clock.today() - timedelta(days=days), assigned_officer=officer)
"""

DUE = """
import json
from heard.core import clock
from heard.notifications import reminders
print(json.dumps(sorted(
    (item[1] if isinstance(item, tuple) else item).subject for item in reminders.due(clock.today())
)))
"""

LEDGER = """
from heard.notifications.models import SentMessage
print(SentMessage.objects.count())
"""


def wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    pytest.fail(f"timed out waiting for {what}")


def test_a_worker_killed_mid_round_and_restarted_sends_each_reminder_exactly_once(tmp_path):
    mail = tmp_path / "mail"
    mail.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "heard.notifications.tests.worker_settings",
        "DATABASE_URL": f"sqlite:///{tmp_path}/heard.sqlite3",
        "HEARD_DEBUG": "1",
        "HEARD_TEST_MAIL_DIR": str(mail),
        "HEARD_REMINDER_HOUR": "0",  # whatever time the test runs
        "HEARD_REMINDER_INTERVAL_SECONDS": "2",
        "HEARD_REMINDER_WORKING_DAYS": "2",
    }
    manage = [sys.executable, str(Path(BASE_DIR) / "manage.py")]

    def run(*args: str) -> str:
        done = subprocess.run(
            [*manage, *args], env=env, cwd=BASE_DIR, capture_output=True, text=True, check=True
        )
        return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""

    def worker() -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [*manage, "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1"],
            env=env,
            cwd=BASE_DIR,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def sent() -> list[str]:
        return [
            str(email.message_from_bytes(p.read_bytes())["Subject"]) for p in mail.glob("*.eml")
        ]

    run("migrate", "--no-input", "-v", "0")  # which queues the first round of reminders
    run("shell", "-c", SEED)
    due = json.loads(run("shell", "-c", DUE))
    assert len(due) >= 6, due  # reminders, missed deadlines and the digest

    first = worker()
    try:
        wait_for(lambda: len(sent()) >= 3, 60, "the first messages")
        time.sleep(0.15)  # part-way through the next message
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        first.kill()
    assert 3 <= len(sent()) < len(due)  # killed in the middle of the round

    second = worker()
    try:
        wait_for(lambda: len(sent()) >= len(due), 60, "the rest of the messages")
        time.sleep(4)  # two more rounds, which find nothing left to send
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=30)

    assert Counter(sent()) == Counter(due)  # every one, once
    assert int(run("shell", "-c", LEDGER)) == len(due)
