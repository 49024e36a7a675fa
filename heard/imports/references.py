"""What a case reference from a log must be: something a web address can carry, and not
a word the case pages' addresses use (docs/import.md)."""

from __future__ import annotations

import re
from functools import lru_cache

#: A reference as a web address can carry it (docs/import.md).
URL_SAFE_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


def url_safe_example(reference: str) -> str:
    """The reference with each character a web address cannot carry made a hyphen."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", reference).strip("-_") or "CSC-2021-00042"


@lru_cache(maxsize=1)
def reserved_references() -> frozenset[str]:
    """The words the case pages' addresses use where a reference would go (/complaints/new/):
    a case with one of them as its reference could never be opened."""
    from heard.complaints.urls import urlpatterns

    words = {str(pattern.pattern).split("/", 1)[0] for pattern in urlpatterns}
    return frozenset(word.casefold() for word in words if word and "<" not in word)
