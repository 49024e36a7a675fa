"""The shapes shared by every figure: a reconciliation check and a suppressible count."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Q

from heard.reporting.periods import Period

#: A figure's definition: which rows it counts, as a Q or a boolean expression (Exists). The
#: same definition counts in the aggregate and lists in the drill-down.
Filters = dict[str, Any]


def between(field: str, period: Period) -> Q:
    """The rows whose date `field` falls in the period, both ends included."""
    return Q(**{f"{field}__gte": period.first, f"{field}__lte": period.last})


#: Field metadata for a number that is a rule, not a count (10 working days): it is not
#: compared with last year.
SETTING = {"setting": True}


@dataclass(frozen=True)
class Check:
    """Two sides that must be equal, and the rule that says so in words."""

    name: str
    left: int
    right: int
    statement: str

    @property
    def holds(self) -> bool:
        return self.left == self.right


@dataclass(frozen=True)
class Breakdown:
    """A count of people by a personal characteristic; `suppressed` when the report withholds
    it (heard.reporting.disclosure: a count of 1 to 4, or one that would give such a count
    away)."""

    count: int
    suppressed: bool = False


Key = TypeVar("Key", int, str)


def most_first(counts: Mapping[Key, int]) -> list[tuple[Key, int]]:
    """Counts, the largest first and ties in key order."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
