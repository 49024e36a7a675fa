"""Reading one cell of a spreadsheet: dates, yes/no, amounts and choices (docs/import.md).

Cells come from CSV (always text) or Excel (dates, numbers or text). Each reader returns the
value, or raises CellError with a sentence saying what was expected. Choices match case-
insensitively on the code, the label or a common synonym ("Partly upheld").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from heard.core.text import printable

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d %B %Y", "%d %b %Y")
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}


class CellError(ValueError):
    """The cell cannot be read; the message says what was expected."""


class UnknownWord(CellError):
    """Words the council's log uses that Heard does not know yet: not a problem with the row,
    but a question for the person importing (what does it mean?). `words` holds
    (vocabulary, the word as written) pairs; the row waits until they are answered."""

    def __init__(self, words: list[tuple[str, str]]) -> None:
        self.words = words
        super().__init__("; ".join(f"“{word}” is not yet known" for _, word in words))


#: The council's answers to earlier questions, for the import running now: (vocabulary,
#: folded word) -> meaning. Set by heard.imports.service from heard.imports.models.WordMeaning.
_meanings: ContextVar[dict[tuple[str, str], str] | None] = ContextVar("meanings", default=None)


@contextmanager
def council_meanings(meanings: dict[tuple[str, str], str]) -> Iterator[None]:
    """Read cells with the council's own words meaning what it said they mean."""
    token = _meanings.set(meanings)
    try:
        yield
    finally:
        _meanings.reset(token)


#: While a cell is read: the council's own words the reading went through.
_used: ContextVar[list[tuple[str, str]] | None] = ContextVar("used", default=None)


def council_meaning(vocabulary: str, value: object) -> str | None:
    meaning = (_meanings.get() or {}).get((vocabulary, key(value)))
    used = _used.get()
    if meaning is not None and used is not None:
        used.append((vocabulary, text(value)))
    return meaning


def read_noting_words(reader: Any, cell: object) -> tuple[Any, tuple[tuple[str, str], ...]]:
    """What `reader` makes of `cell` (or the CellError or UnknownWord it raised), and the
    council's own words it went through: (vocabulary, the word as written), kept on the
    record the row becomes."""
    used: list[tuple[str, str]] = []
    token = _used.set(used)
    try:
        value = reader(cell)
    except (CellError, UnknownWord) as error:
        value = error
    finally:
        _used.reset(token)
    return value, tuple(used)


#: Every vocabulary an import may ask about, by name (filled in as each Choices is made).
VOCABULARIES: dict[str, Choices] = {}


def text(value: object) -> str:
    """The cell as text, without control characters (heard.core.text)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return printable(str(value)).strip()


def key(value: object) -> str:
    """A cell or a heading, folded for matching: case, spaces, punctuation and underscores."""
    return _fold(text(value))


@lru_cache(maxsize=8192)
def _fold(raw: str) -> str:
    # Cached: a log repeats the same few hundred values across many thousand rows.
    folded = re.sub(r"[\s_\-\u2013/,:;.()]+", " ", raw.casefold())
    return folded.replace("\u2019", "'").strip()


def optional_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = text(value)
    if not raw:
        return None
    if len(raw) == 10 and raw[4] == "-":
        try:
            return date.fromisoformat(raw)  # the common case, and fast
        except ValueError:
            pass
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(raw, pattern).date()  # noqa: DTZ007 (a date, no time)
        except ValueError:
            continue
    raise CellError(f"“{raw}” is not a date, like 2021-04-06 or 06/04/2021")


def required_date(value: object) -> date:
    day = optional_date(value)
    if day is None:
        raise CellError("Enter a date, like 2021-04-06 or 06/04/2021")
    return day


def yes_no(value: object) -> bool | None:
    raw = key(value)
    if not raw:
        return None
    if raw in YES:
        return True
    if raw in NO:
        return False
    raise CellError(f"“{text(value)}” is not yes or no")


def amount(value: object) -> Decimal | None:
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        money = Decimal(str(value))
    else:
        raw = text(value).replace("£", "").replace(",", "")
        if not raw:
            return None
        try:
            money = Decimal(raw)
        except InvalidOperation:
            raise CellError(f"“{text(value)}” is not an amount in pounds, like 1,250.00") from None
    if money < 0 or money != money.quantize(Decimal("0.01")):
        raise CellError(f"“{text(value)}” is not an amount in pounds, like 1,250.00")
    return money.quantize(Decimal("0.01"))


def whole_number(value: object) -> int | None:
    raw = text(value).replace(",", "")
    if not raw:
        return None
    if not raw.isdigit():
        raise CellError(f"“{text(value)}” is not a whole number, 0 or more")
    return int(raw)


class Choices:
    """Accepted spellings of a choice: its code, its label and any synonyms; and then any word
    the council has said means one of them (heard.imports.models.WordMeaning). A word none
    of these knows raises UnknownWord, a question for the person importing."""

    def __init__(
        self,
        noun: str,
        pairs: Iterable[tuple[str, str]],
        synonyms: dict[str, str] | None = None,
        *,
        vocabulary: str,
        question: str = "",
        suggest: str = "",
    ) -> None:
        self.noun = noun
        self.vocabulary = vocabulary
        #: How the question is put: "What does this relationship mean?"
        self.question = question or f"Which of these is {noun}?"
        #: The answer offered first, if there is a natural one ("sufficient interest").
        self.suggest = suggest
        self.codes: list[str] = []
        self.labels: dict[str, str] = {}
        self.lookup: dict[str, str] = {}
        for code, label in pairs:
            self.codes.append(code)
            self.labels[code] = str(label)
            self.lookup[key(code)] = code
            self.lookup[key(label)] = code
        for spelling, code in (synonyms or {}).items():
            self.lookup[key(spelling)] = code
        VOCABULARIES.setdefault(vocabulary, self)

    def knows(self, value: object) -> bool:
        """Whether Heard itself knows the word (not through the council's answers)."""
        return key(value) in self.lookup

    def read(self, value: object) -> str:
        found = self.lookup.get(key(value)) or council_meaning(self.vocabulary, value)
        if found is None:
            raise UnknownWord([(self.vocabulary, text(value))])
        return found

    def optional(self, value: object) -> str:
        return self.read(value) if key(value) else ""
