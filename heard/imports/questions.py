"""The questions an import asks: each word a log uses that Heard does not know yet, once,
with how many rows carry it; and the answers a council gives, kept as its own vocabulary
(heard.imports.models.WordMeaning) for every later import (docs/import.md, "Words Heard does
not know yet")."""

from __future__ import annotations

from dataclasses import dataclass, field

from heard.complaints.models import Theme
from heard.imports import cells
from heard.imports.cells import VOCABULARIES
from heard.imports.teams import NEW_TEAM, TEAM_VOCABULARY, team_answers
from heard.imports.vocabulary import THEME_VOCABULARY

#: The answer that adds the word as a new theme.
NEW_THEME = "new"
#: What each vocabulary is, in the question's words.
NOUNS = {THEME_VOCABULARY: "a theme", "outcome": "an outcome or route", TEAM_VOCABULARY: "a team"}


def noun_for(vocabulary: str) -> str:
    """What a vocabulary's words are, in a sentence: "a relationship"."""
    if vocabulary in NOUNS:
        return NOUNS[vocabulary]
    from heard.imports import casework, informal  # noqa: F401  (their vocabularies register on import)

    return VOCABULARIES[vocabulary].noun


@dataclass
class Question:
    vocabulary: str
    #: The word as the log first writes it.
    word: str
    rows: set[tuple[str, int]] = field(default_factory=set)

    @property
    def noun(self) -> str:
        return noun_for(self.vocabulary)

    def as_dict(self) -> dict[str, object]:
        return {"vocabulary": self.vocabulary, "word": self.word, "rows": len(self.rows)}


class Questions:
    """The words one import does not know, each once, and the rows that wait on each."""

    def __init__(self) -> None:
        self.asked: dict[tuple[str, str], Question] = {}

    def ask(self, words: list[tuple[str, str]], row: int, sheet: str = "") -> None:
        for vocabulary, word in words:
            question = self.asked.setdefault(
                (vocabulary, cells.key(word)), Question(vocabulary, word)
            )
            question.rows.add((sheet, row))

    def merge(self, other: Questions, sheet: str) -> None:
        for key, question in other.asked.items():
            mine = self.asked.setdefault(key, Question(question.vocabulary, question.word))
            mine.rows |= {(sheet, row) for _, row in question.rows}

    def __bool__(self) -> bool:
        return bool(self.asked)

    def in_order(self) -> list[Question]:
        return sorted(self.asked.values(), key=lambda q: (q.vocabulary, cells.key(q.word)))


def vocabularies() -> list[tuple[str, str]]:
    """Every vocabulary an import may ask about: (name, what it is)."""
    from heard.imports import casework, informal  # noqa: F401  (their vocabularies register on import)

    names = sorted({*VOCABULARIES, THEME_VOCABULARY, TEAM_VOCABULARY})
    return [(name, name.replace("_", " ")) for name in names]


def answers_for(vocabulary: str, *, new_theme: bool = True) -> list[tuple[str, str]]:
    """The meanings a word of this vocabulary may be given: (value, label)."""
    from heard.imports import casework, informal  # noqa: F401  (their vocabularies register on import)

    if vocabulary == THEME_VOCABULARY:
        themes = [(str(pk), name) for pk, name in Theme.objects.values_list("pk", "name")]
        return [*themes, (NEW_THEME, "Add it as a new theme")] if new_theme else themes
    if vocabulary == TEAM_VOCABULARY:
        return team_answers()
    choices = VOCABULARIES[vocabulary]
    return [(code, choices.labels[code]) for code in choices.codes]


def suggested(vocabulary: str) -> str:
    """The answer to offer first, if there is a natural one."""
    if vocabulary == THEME_VOCABULARY:
        return NEW_THEME
    if vocabulary == TEAM_VOCABULARY:
        return NEW_TEAM
    return VOCABULARIES[vocabulary].suggest


def save_answers(answers: list[tuple[str, str, str]], *, by: object = None) -> None:
    """Keep the council's answers, (vocabulary, word as written, meaning), for this and every
    later import. "Add it as a new theme" adds the theme first. A meaning the vocabulary does
    not have is refused (ValueError), and nothing is kept."""
    from django.db import transaction

    from heard.imports.models import WordMeaning

    with transaction.atomic():
        for vocabulary, word, meaning in answers:
            if meaning == NEW_THEME and vocabulary == THEME_VOCABULARY:
                name = word[:120]
                theme = Theme.objects.filter(name__iexact=name).first()
                meaning = str((theme or Theme.objects.create(name=name)).pk)
            elif meaning not in dict(answers_for(vocabulary, new_theme=False)):
                raise ValueError(f"“{meaning}” is not an answer for {vocabulary}")
            WordMeaning.objects.update_or_create(
                vocabulary=vocabulary,
                word=cells.key(word),
                defaults={"word_as_written": word, "meaning": meaning, "decided_by": by},
            )
