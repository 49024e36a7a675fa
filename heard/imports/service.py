"""One import, all or nothing: read every file, check every row, and write only when nothing
is wrong (docs/import.md). A dry run checks everything and writes nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from heard.imports import cells
from heard.imports.bulk import cycle_collection_paused
from heard.imports.casework import IMPORTERS
from heard.imports.complaints import ComplaintImport
from heard.imports.models import WordMeaning
from heard.imports.problems import Problem
from heard.imports.questions import Questions
from heard.imports.sheets import KINDS, FileProblem, Sheet, read_file

Progress = Callable[[str, int, int], None]

NOUNS = {
    "complaints": "complaints",
    "informal": "informal complaints",
    "compliments": "compliments",
    "representations": "enquiries and other representations",
    "ombudsman": "Ombudsman cases",
    "subject_access": "subject access requests",
    "referrals": "months of referrals",
}


#: One of each, for a count of 1.
NOUN = {
    "complaints": "complaint",
    "informal": "informal complaint",
    "compliments": "compliment",
    "representations": "enquiry or other representation",
    "ombudsman": "Ombudsman case",
    "subject_access": "subject access request",
    "referrals": "month of referrals",
}


def counted(n: int, kind: str) -> str:
    """ "1 complaint", "2 complaints"."""
    return f"{n:,} {NOUN[kind] if n == 1 else NOUNS[kind]}"


def _quiet(label: str, done: int, total: int) -> None:
    """No progress report."""


@dataclass
class ImportResult:
    dry_run: bool
    problems: list[Problem] = field(default_factory=list)
    added: dict[str, int] = field(default_factory=dict)
    already_held: dict[str, int] = field(default_factory=dict)
    look_alike: dict[str, int] = field(default_factory=dict)
    ignored_columns: dict[str, list[str]] = field(default_factory=dict)
    new_teams: list[str] = field(default_factory=list)
    rows: int = 0
    #: Words the files use that Heard does not know yet: nothing is written until the
    #: council says what each means (heard.imports.questions).
    questions: Questions = field(default_factory=Questions)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.questions

    @property
    def blocked(self) -> bool:
        """Whether anything stops the import: a problem, or a word to answer."""
        return not self.ok

    def summary(self) -> list[str]:
        verb = "would be added" if self.dry_run or not self.ok else "added"
        lines = []
        if self.questions:
            n = len(self.questions.asked)
            lines.append(
                f"{n:,} {'word' if n == 1 else 'words'} in the file "
                f"{'is' if n == 1 else 'are'} not known yet: say what "
                f"{'it means' if n == 1 else 'each means'}, and the rows that use "
                f"{'it' if n == 1 else 'them'} are imported with the rest"
            )
        lines += [
            f"{counted(self.added.get(kind, 0), kind)} {verb}"
            + (
                f"; {self.already_held[kind]:,} already held, left as they are"
                if self.already_held.get(kind)
                else ""
            )
            for kind in ("complaints", "informal", *KINDS[1:])
            if kind in self.added
        ]
        for kind, n in self.look_alike.items():
            one = n == 1
            lines.append(
                f"{counted(n, kind)} {verb} {'says' if one else 'say'} the same as one already "
                f"held: if {'it' if one else 'they'} came in an earlier import of a longer or "
                f"different copy of this log, {'it is' if one else 'they are'} now held twice"
            )
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
    meanings = {
        (vocabulary, word): meaning
        for vocabulary, word, meaning in WordMeaning.objects.values_list(
            "vocabulary", "word", "meaning"
        )
    }
    with cycle_collection_paused(), cells.council_meanings(meanings):
        return _run(files, dry_run, by, progress)


def _run(
    files: list[tuple[str, bytes]], dry_run: bool, by: Any, progress: Progress
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
    # Complaints logs are checked before any transaction opens (it is most of the work, and
    # the progress written meanwhile can be seen by others); then everything is written in
    # one transaction, or nothing is.
    logs = [ComplaintImport(sheet, progress) for sheet in sheets if sheet.kind == "complaints"]
    for log in logs:
        log.check()
        result.problems += log.problems
        result.questions.merge(log.questions, log.sheet.name)
    pending: set[str] = set()
    progress("Writing", 0, result.rows)
    with transaction.atomic():
        for log in logs:
            _write_log(log, result, pending)
        for sheet in sheets:
            if sheet.kind != "complaints":
                _import_sheet(sheet, result, by, progress, pending)
        if dry_run or result.blocked:
            transaction.set_rollback(True)
    return result


def _write_log(log: ComplaintImport, result: ImportResult, pending: set[str]) -> None:
    if result.blocked:
        added = len(log.complaints) - len(log.already_held)
        pending |= log.references
        informal = len(log.informal) - len(log.informal_held)
    else:
        added, informal = log.write(log.sheet.name)
        result.new_teams += log.new_teams
    _count(result, "complaints", log.sheet.name, added, len(log.already_held), log.ignored)
    if log.informal:
        _count(result, "informal", log.sheet.name, informal, len(log.informal_held), [])


def _import_sheet(
    sheet: Sheet, result: ImportResult, by: Any, progress: Progress, pending: set[str]
) -> None:
    other = IMPORTERS[sheet.kind](sheet, by, pending)
    other.run()
    progress(f"Checked {NOUNS[sheet.kind]}", len(sheet.rows), len(sheet.rows))
    result.problems += other.problems
    result.questions.merge(other.questions, sheet.name)
    _count(result, sheet.kind, sheet.name, other.added, other.already_held, other.ignored)
    if other.look_alike:
        result.look_alike[sheet.kind] = result.look_alike.get(sheet.kind, 0) + other.look_alike


def _count(
    result: ImportResult, kind: str, name: str, added: int, held: int, ignored: list[str]
) -> None:
    result.added[kind] = result.added.get(kind, 0) + added
    result.already_held[kind] = result.already_held.get(kind, 0) + held
    if ignored:
        result.ignored_columns[name] = ignored
