"""Build the demo database: several years of realistic, synthetic children's complaints."""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from heard.complaints.models import Complaint
from heard.core import clock
from heard.demo.build import build_demo
from heard.demo.reference import DEMO_PASSWORD, DEMO_USERS
from heard.demo.years import FIRST_DEMO_YEAR


class Command(BaseCommand):
    help = (
        "Create demo users (one per role) and synthetic cases for every financial year from "
        "2019/20 to today. Deterministic for a given --seed and --today. Local use only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            help="Pretend today is this date (YYYY-MM-DD); default: today.",
        )
        parser.add_argument(
            "--first-year",
            type=int,
            default=FIRST_DEMO_YEAR,
            help="First financial year, e.g. 2019 for 2019/20.",
        )
        parser.add_argument(
            "--print-logins", action="store_true", help="Only print the demo logins."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("Demo data has known passwords: set HEARD_DEBUG=1 to use it.")
        if options["print_logins"]:
            self.print_logins()
            return
        if Complaint.objects.exists():
            raise CommandError("This database already has complaints; use a new database.")
        today = options["today"] or clock.today()
        started = time.perf_counter()
        counts = build_demo(options["seed"], today, options["first_year"])
        self.stdout.write(
            f"Built {counts['complaints']} children's statutory complaints up to "
            f"{today:%d %B %Y} ({counts['escalate']} escalations, {counts['respond']} "
            f"responses, {counts['close']} closed), "
            f"{counts['adult and corporate complaints']} adult and corporate complaints, "
            f"{counts['informal complaints']} informal complaints before Stage 1, "
            f"{counts['subject access requests']} subject access requests, "
            f"{counts['Ombudsman cases']} Ombudsman cases, {counts['compliments']} compliments "
            f"and {counts['enquiries']} enquiries and other representations "
            f"in {time.perf_counter() - started:.1f}s. "
            "Run with --print-logins to see the demo users."
        )

    def print_logins(self) -> None:
        self.stdout.write(f"Demo logins (local demo only), all with password '{DEMO_PASSWORD}':")
        for username, first, last, role in DEMO_USERS:
            self.stdout.write(f"  {username:<13} {first} {last}, {role.label}")
