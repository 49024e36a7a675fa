"""Question pages for the public: one question a page, each answer kept in the person's
server-side session until they send the whole form (ARCHITECTURE.md, convention 6).

A journey is a list of pages. A page may apply only given earlier answers (the child's
details only when someone complains about a child). What is kept is what the person typed,
so going back shows it exactly, and it is checked again, page by page, before it is sent.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib.sessions.backends.base import SessionBase

from heard.public.uploads import FilesForm


def always(answers: Answers) -> bool:
    return True


@dataclass(frozen=True)
class Page:
    slug: str
    form: type[forms.Form]
    #: The page's heading: the question, or what the page is about.
    title: str
    applies: Callable[[Answers], bool] = always
    #: On "Check your answers": the question in a few words.
    short: str = ""
    #: Paragraphs under the heading that explain the question (what an advocate is...).
    intro: tuple[str, ...] = ()


@dataclass(frozen=True)
class Journey:
    #: The session key, also the URL namespace's journey name.
    key: str
    pages: list[Page] = field(default_factory=list)
    #: Answers the journey gives without asking (the children's form is about the child).
    fixed: dict[str, Any] = field(default_factory=dict)

    def page(self, slug: str) -> Page | None:
        return next((p for p in self.pages if p.slug == slug), None)

    def applicable(self, answers: Answers) -> list[Page]:
        return [p for p in self.pages if p.applies(answers)]

    def after(self, page: Page, answers: Answers) -> Page | None:
        """The next page that applies, or None when the next is "Check your answers"."""
        pages = self.applicable(answers)
        later = pages[pages.index(page) + 1 :] if page in pages else pages
        return later[0] if later else None

    def before(self, page: Page, answers: Answers) -> Page | None:
        pages = self.applicable(answers)
        earlier = pages[: pages.index(page)] if page in pages else []
        return earlier[-1] if earlier else None

    def first_unanswered(self, answers: Answers) -> Page | None:
        """The first page that applies and has no valid answer; None when all are done."""
        for page in self.applicable(answers):
            form = answers.form(page)
            if form is None or not form.is_valid():
                return page
        return None


#: Where the answers' identity is kept among the pages' answers (no page has this slug).
IDENTITY = "_identity"


class Answers:
    """What someone has typed on each page of one journey, kept in their session."""

    def __init__(self, session: SessionBase, journey: Journey) -> None:
        self.session = session
        self.journey = journey
        #: Each page's bound form, checked once a request (pages ask each other's answers).
        self._forms: dict[str, forms.Form | None] = {}

    @property
    def started(self) -> bool:
        return self.journey.key in self.session

    def start(self) -> None:
        if not self.started:
            self.session[self.journey.key] = {IDENTITY: uuid.uuid4().hex}

    @property
    def identity(self) -> str:
        """A random name for this set of answers: it is sent once, whatever is clicked."""
        stored = self.session.get(self.journey.key, {})
        if IDENTITY not in stored:  # answers begun before identities were kept
            stored[IDENTITY] = uuid.uuid4().hex
            self.session[self.journey.key] = stored
        return str(stored[IDENTITY])

    def forget(self) -> None:
        self.session.pop(self.journey.key, None)
        self._forms.clear()

    def typed(self, slug: str) -> dict[str, str] | None:
        stored = self.session.get(self.journey.key, {})
        return stored.get(slug)

    def keep(self, slug: str, data: dict[str, str]) -> None:
        stored = self.session.get(self.journey.key, {})
        stored[slug] = data
        self.session[self.journey.key] = stored  # reassigned, so the session saves it
        self._forms.pop(slug, None)

    def holder(self, page: Page) -> str:
        """The name of one page of these answers, which files added on it belong to."""
        return f"{self.identity}/{page.slug}"

    def bind(self, page: Page, data: Mapping[str, Any], files: Any = None) -> forms.Form:
        """The page's form bound to `data`. A page of files is told whose they are: it keeps
        only the files added on this page of these answers."""
        if issubclass(page.form, FilesForm):
            return page.form(data=data, files=files, holder=self.holder(page))
        return page.form(data=data, files=files)

    def form(self, page: Page) -> forms.Form | None:
        """The page's form bound to what was typed, or None if the page was not answered."""
        if page.slug not in self._forms:
            typed = self.typed(page.slug)
            form = None if typed is None else self.bind(page, typed)
            if form is not None:
                form.is_valid()
            self._forms[page.slug] = form
        return self._forms[page.slug]

    def get(self, slug: str, name: str, default: Any = None) -> Any:
        """One checked answer (cleaned), or `default` if it is missing or not valid."""
        page = self.journey.page(slug)
        form = self.form(page) if page else None
        if form is None or not form.is_valid():
            return default
        return form.cleaned_data.get(name, default)

    def cleaned(self) -> dict[str, Any]:
        """Every applicable page's checked answers, merged with what the journey gives
        without asking (the journey is complete)."""
        data: dict[str, Any] = dict(self.journey.fixed)
        for page in self.journey.applicable(self):
            form = self.form(page)
            if form is None or not form.is_valid():
                raise ValueError(f"the page {page.slug} has no valid answer")
            data.update(form.cleaned_data)
        return data
