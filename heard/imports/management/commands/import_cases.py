"""Import a complaints log and the team's other casework from Excel or CSV (docs/import.md)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from heard.imports.questions import (
    NEW_THEME,
    Question,
    answers_for,
    save_answers,
    suggested,
)
from heard.imports.service import run_import


class Command(BaseCommand):
    help = (
        "Import complaints (one row per stage), compliments, Ombudsman cases, subject access "
        "requests and monthly referrals from .xlsx or .csv files. All or nothing: any bad row "
        "imports nothing. A reference already held is left as it is. A word Heard does not "
        "know yet is asked about once (or answered with --meaning), and the answer is kept."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, metavar="FILE")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check every row and write nothing"
        )
        parser.add_argument(
            "--meaning",
            action="append",
            default=[],
            metavar="VOCABULARY:WORD=MEANING",
            help="What a word in the files means, for example "
            "'relationship:grandparent=sufficient_interest' or 'theme:Bins=new' (repeatable)",
        )

    def handle(
        self, *args: Any, paths: list[Path], dry_run: bool, meaning: list[str], **options: Any
    ) -> None:
        files = []
        for path in paths:
            try:
                files.append((path.name, path.read_bytes()))
            except OSError as error:
                raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        if meaning:
            self._save(meaning)

        def progress(label: str, done: int, total: int) -> None:
            self.stderr.write(f"{label}: {done:,} of {total:,}")

        result = run_import(files, dry_run=dry_run, progress=progress)
        if result.questions and sys.stdin.isatty():
            # Asked here, once each; then the files are checked again with the answers.
            self._save([self._ask(q) for q in result.questions.in_order()])
            result = run_import(files, dry_run=dry_run, progress=progress)
        if result.questions:
            lines = [
                f"“{q.word}” ({q.vocabulary}, {len(q.rows):,} row{'s' if len(q.rows) != 1 else ''}"
                f"): one of {', '.join(_shown(q.vocabulary))}"
                for q in result.questions.in_order()
            ]
            raise CommandError(
                "Nothing was imported: say what each of these words means with --meaning "
                "VOCABULARY:WORD=MEANING, or run the command at a terminal to be asked.\n"
                + "\n".join(lines + [str(p) for p in result.problems])
            )
        if not result.ok:
            problems = [str(p) for p in result.problems]
            raise CommandError(
                f"Nothing was imported: {len(problems):,} problem"
                f"{'s' if len(problems) != 1 else ''}.\n" + "\n".join(problems)
            )
        heading = "Dry run: nothing was written." if dry_run else "Imported."
        self.stdout.write("\n".join([heading, *result.summary()]))

    def _ask(self, question: Question) -> str:
        choices = answers_for(question.vocabulary)
        self.stdout.write(
            f"“{question.word}” is used as {question.noun} on {len(question.rows):,} "
            "row(s). What does it mean?"
        )
        for number, (_, label) in enumerate(choices, start=1):
            self.stdout.write(f"  {number}. {label}")
        offered = suggested(question.vocabulary)
        default = next((n for n, (c, _) in enumerate(choices, start=1) if c == offered), None)
        while True:
            typed = input(f"Number{f' [{default}]' if default else ''}: ").strip()
            chosen = int(typed) if typed.isdigit() else default if not typed else None
            if chosen is not None and 1 <= chosen <= len(choices):
                return f"{question.vocabulary}:{question.word}={choices[chosen - 1][0]}"
            self.stdout.write(f"Type a number from 1 to {len(choices)}")

    def _save(self, meanings: list[str]) -> None:
        answers = []
        for item in meanings:
            vocabulary, _, rest = item.partition(":")
            word, _, value = rest.rpartition("=")
            if not (vocabulary and word and value):
                raise CommandError(f"“{item}” is not VOCABULARY:WORD=MEANING")
            answers.append((vocabulary.strip(), word.strip(), value.strip()))
        try:
            save_answers(answers)
        except (ValueError, KeyError) as error:
            raise CommandError(f"Not a meaning Heard can keep: {error}") from None


def _shown(vocabulary: str) -> list[str]:
    """The answers a word may be given, as typed after =: a theme's number with its name."""
    return [
        f"{code} ({label})" if code.isdigit() or code == NEW_THEME else code
        for code, label in answers_for(vocabulary)
    ]
