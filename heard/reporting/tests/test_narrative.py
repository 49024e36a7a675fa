"""The report's sentences say what the figures say, in words right for one and for many."""

from __future__ import annotations

import pytest

from heard.imports.service import run_import
from heard.reporting.periods import Period
from heard.reporting.report import build

pytestmark = pytest.mark.django_db
HEAD = "reference,stage,received,ended,outcome,not accepted reason,themes,team,relationship\n"
YEAR = Period.financial_year(2024)
ROUTES = {
    "ADR": "2024-05-10,ADR,,",
    "Withdrawn": "2024-05-10,Withdrawn,,",
    "Not accepted": "2024-05-10,Not accepted,out of time,",
    "Upheld": "2024-05-10,Upheld,,Delay",
    "open": ",,,",
}


def headline(each: int) -> str:
    rows = "".join(
        f"{route[:3]}{n},1,2024-05-01,{ending},Fostering,Parent\n"
        for route, ending in ROUTES.items()
        for n in range(each)
    )
    result = run_import([("log.csv", (HEAD + rows).encode())])
    assert result.ok, [str(p) for p in result.problems]
    sentences = build("children", YEAR).sentences
    return next(s for s in sentences if s.startswith("Of the "))


def test_the_headline_counts_each_route_as_the_stage_table_does_for_one():
    # The trial: 1 ADR, 1 withdrawn before a response, 1 not accepted, 1 responded read as
    # "the remaining 3 went on to a formal response; 1 of these were later withdrawn".
    assert headline(1) == (
        "Of the 5 complaints received, 1 was resolved through alternative dispute resolution "
        "(ADR), 1 was withdrawn before a response, 1 was not accepted, 1 had a formal response "
        "and 1 is still open."
    )


def test_the_headline_counts_each_route_as_the_stage_table_does_for_two():
    assert headline(2) == (
        "Of the 10 complaints received, 2 were resolved through alternative dispute "
        "resolution (ADR), 2 were withdrawn before a response, 2 were not accepted, 2 had a "
        "formal response and 2 are still open."
    )
