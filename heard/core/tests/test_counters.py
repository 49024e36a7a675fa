"""heard.core.counters: one atomic statement creates or raises a count."""

from __future__ import annotations

import pytest

from heard.core.counters import increment
from heard.core.models import ReferenceSequence

pytestmark = pytest.mark.django_db


def test_a_missing_row_starts_at_one_and_each_call_raises_only_its_own_row():
    assert [
        increment(ReferenceSequence, {"prefix": "CSC", "year": 2026}, "last") for _ in "abc"
    ] == [
        1,
        2,
        3,
    ]
    assert increment(ReferenceSequence, {"prefix": "CSC", "year": 2027}, "last") == 1
    assert increment(ReferenceSequence, {"prefix": "CMP", "year": 2026}, "last") == 1
    assert dict(ReferenceSequence.objects.values_list("prefix", "last").filter(year=2026)) == {
        "CSC": 3,
        "CMP": 1,
    }


def test_a_reference_follows_the_last_number_issued_before_it():
    ReferenceSequence.objects.create(prefix="SAR", year=2026, last=41)
    assert ReferenceSequence.next_reference("SAR", 2026) == "SAR-2026-00042"
