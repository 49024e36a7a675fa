"""Search across every kind of case by reference, name, summary and description.

The words typed are matched in the database's own full-text index (heard.dashboard.search_index:
FTS5 on SQLite, tsvector on PostgreSQL, the same words and results on both): every word must
match, each as the start of a word, so "jo smi" finds Joanne Smith. Each kind of case is read
through its own `objects.visible_to(user)`, the one access rule, so a search shows only what
the user's lists would. The kinds are read as one UNION ALL: a page is two queries (a count
that stops at COUNT_CAP, and the page), whatever the size of the data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Case, F, QuerySet, Value, When
from django.db.models.expressions import Combinable, RawSQL
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse

from heard.accounts.models import User
from heard.complaints.models import Complaint, InformalComplaint
from heard.compliments.models import Compliment
from heard.dashboard.search_index import match_sql, match_text, words
from heard.enquiries.models import Enquiry
from heard.ombudsman.models import OmbudsmanCase
from heard.sars.models import SubjectAccessRequest

PAGE_SIZE = 25
#: A search counts its results up to this many, then says "more than 1,000": an exact count
#: of a common word grows with the data (as the case list's does).
COUNT_CAP = 1000
#: Words beyond this many are not searched for (each one narrows the search further).
MOST_WORDS = 10


@dataclass(frozen=True)
class Kind:
    """How one kind of case is searched and shown."""

    label: str
    url_name: str
    #: What the name shown is (blank for a kind with no name of its own).
    name_label: str
    visible: Callable[[User | AnonymousUser], QuerySet[Any]]
    name: Combinable
    summary: Combinable
    received: str


KINDS: dict[str, Kind] = {
    "complaint": Kind(
        "Complaint",
        "complaints:detail",
        "Complainant",
        lambda user: Complaint.objects.visible_to(user),
        F("complainant__name"),
        F("summary"),
        "received_on",
    ),
    "informal": Kind(
        "Informal complaint",
        "complaints:informal",
        "Complainant",
        lambda user: InformalComplaint.objects.visible_to(user),
        F("complainant_name"),
        F("summary"),
        "received_on",
    ),
    "sar": Kind(
        "Subject access request",
        "sars:detail",
        "Whose records",
        lambda user: SubjectAccessRequest.objects.visible_to(user),
        F("data_subject_name"),
        F("records_sought"),
        "received_on",
    ),
    "ombudsman": Kind(
        "Ombudsman case",
        "ombudsman:detail",
        "",
        lambda user: OmbudsmanCase.objects.visible_to(user),
        Value(""),
        F("summary"),
        "enquiry_received_on",
    ),
    "enquiry": Kind(
        "Enquiry",
        "enquiries:detail",
        "From",
        lambda user: Enquiry.objects.visible_to(user),
        Coalesce(NullIf(F("member_name"), Value("")), F("constituent")),
        F("summary"),
        "received_on",
    ),
    "compliment": Kind(
        "Compliment",
        "compliments:detail",
        "",
        lambda user: Compliment.objects.visible_to(user),
        Value(""),
        F("summary"),
        "received_on",
    ),
}

#: The columns every kind gives the union, named so as not to clash with any model's fields.
COLUMNS = (
    "found_kind",
    "found_id",
    "found_reference",
    "found_name",
    "found_summary",
    "found_received",
    "found_exact",
)


@dataclass(frozen=True)
class Result:
    """One case found, as the results page shows it."""

    kind: str
    reference: str
    name: str
    summary: str
    received: date

    @property
    def label(self) -> str:
        return KINDS[self.kind].label

    @property
    def name_label(self) -> str:
        return KINDS[self.kind].name_label

    @property
    def url(self) -> str:
        return reverse(KINDS[self.kind].url_name, args=[self.reference])


@dataclass(frozen=True)
class Results:
    """The cases a search finds, unordered (to count) and in the order shown: the case whose
    reference was typed first, then the most recently received."""

    found: QuerySet[Any]

    @cached_property
    def ordered(self) -> QuerySet[Any]:
        return self.found.order_by("-found_exact", "-found_received", "found_kind", "-found_id")


def find(user: User | AnonymousUser, text: str) -> Results:
    """The cases of every kind this user may see that match every word of `text` (none if
    it has no word: the index is not asked)."""
    terms = words(text)[:MOST_WORDS]
    vendor = connection.vendor
    match = match_text(terms, vendor)
    typed = text.strip().upper()
    parts = [
        (kind.visible(user) if terms else kind.visible(user).none())
        .filter(pk__in=RawSQL(match_sql(code, vendor), (match,)))
        .annotate(
            found_kind=Value(code),
            found_id=F("pk"),
            found_reference=F("reference"),
            found_name=kind.name,
            found_summary=kind.summary,
            found_received=F(kind.received),
            found_exact=Case(When(reference=typed, then=Value(1)), default=Value(0)),
        )
        .values(*COLUMNS)
        .order_by()
        for code, kind in KINDS.items()
    ]
    first, *rest = parts
    return Results(first.union(*rest, all=True))


class SearchPaginator(Paginator):
    """Pages of results, counted up to COUNT_CAP + 1 over the unordered union (one query
    whose cost stops growing there)."""

    def __init__(self, results: Results) -> None:
        super().__init__(results.ordered, PAGE_SIZE)
        self.results = results

    @cached_property
    def count(self) -> int:
        return self.results.found[: COUNT_CAP + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP


def result(row: dict[str, Any]) -> Result:
    return Result(
        kind=row["found_kind"],
        reference=row["found_reference"],
        name=row["found_name"] or "",
        summary=row["found_summary"] or "",
        received=row["found_received"],
    )
