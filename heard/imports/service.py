"""One import, all or nothing: read every file, check every row, and write only when nothing
is wrong (docs/import.md). A dry run checks everything and writes nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from heard.imports.casework import IMPORTERS
from heard.imports.complaints import ComplaintImport
from heard.imports.problems import Problem
from heard.imports.sheets import KINDS, FileProblem, Sheet, read_file

Progress = Callable[[str, int, int], None]

NOUNS = {
    "complaints": "complaints",
    "compliments": "compliments",
    "ombudsman": "Ombudsman cases",
    "subject_access": "subject access requests",
    "referrals": "months of referrals",
}


def _quiet(label: str, done: int, total: int) -> None:
    """No progress report."""


@dataclass
class ImportResult:
    dry_run: bool
    problems: list[Problem] = field(default_factory=list)
    added: dict[str, int] = field(default_factory=dict)
    already_held: dict[str, int] = field(default_factory=dict)
    ignored_columns: dict[str, list[str]] = field(default_factory=dict)
    new_teams: list[str] = field(default_factory=list)
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> list[str]:
        verb = "would be added" if self.dry_run or not self.ok else "added"
        lines = [
            f"{self.added.get(kind, 0):,} {NOUNS[kind]} {verb}"
            + (
                f"; {self.already_held[kind]:,} already held, left as they are"
                if self.already_held.get(kind)
                else ""
            )
            for kind in KINDS
            if kind in self.added
        ]
        if self.new_teams:
            lines.append("New teams: " + ", ".join(self.new_teams))
        for sheet, headings in self.ignored_columns.items():
            lines.append(f"{sheet}: columns not imported: " + ", ".join(headings))
        return lines


def run_import(
    files: list[tuple[str, bytes]],
    *,
    dry_run: bool = False,
    by: Any = None,
    progress: Progress = _quiet,
) -> ImportResult:
    result = ImportResult(dry_run=dry_run)
    sheets: list[Sheet] = []
    for name, content in files:
        try:
            sheets.extend(read_file(name, content))
        except FileProblem as problem:
            result.problems.append(Problem(name, None, None, str(problem).split(": ", 1)[-1]))
    if result.problems:
        return result
    sheets.sort(key=lambda s: KINDS.index(s.kind))
    result.rows = sum(len(s.rows) for s in sheets)
    pending: set[str] = set()
    with transaction.atomic():
        for sheet in sheets:
            _import_sheet(sheet, result, by, progress, pending)
        if dry_run or result.problems:
            transaction.set_rollback(True)
    return result


def _import_sheet(
    sheet: Sheet, result: ImportResult, by: Any, progress: Progress, pending: set[str]
) -> None:
    if sheet.kind == "complaints":
        job = ComplaintImport(sheet, progress)
        job.check()
        added = 0
        if not result.problems and not job.problems:
            added = job.write(sheet.name)
            result.new_teams += job.new_teams
        else:
            added = len(job.complaints) - len(job.already_held)
            pending |= job.references
        held = len(job.already_held)
        result.problems += job.problems
        ignored = job.ignored
    else:
        other = IMPORTERS[sheet.kind](sheet, by, pending)
        other.run()
        progress(f"Checked {NOUNS[sheet.kind]}", len(sheet.rows), len(sheet.rows))
        added, held = other.added, other.already_held
        result.problems += other.problems
        ignored = other.ignored
    result.added[sheet.kind] = result.added.get(sheet.kind, 0) + added
    result.already_held[sheet.kind] = result.already_held.get(sheet.kind, 0) + held
    if ignored:
        result.ignored_columns[sheet.name] = ignored
