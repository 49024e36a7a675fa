"""Secondary suppression by the Gauss method, on tables made by hand (issue 31): no withheld
count of 1 to 4 can be worked out from the counts shown."""

from __future__ import annotations

import pytest

from heard.imports.service import run_import
from heard.reporting.comparison import Comparer
from heard.reporting.disclosure import Cell, Why, derivable, withhold
from heard.reporting.figures.base import Breakdown
from heard.reporting.figures.protected import people_figures
from heard.reporting.models import PublishedReport
from heard.reporting.periods import Period

HEAD = "reference,stage,received,team,relationship,ethnicity\n"


def table(period, groups, *, total_fixed=False):
    """A breakdown's cells for one period: its total and a cell per group (finest cells are
    (period, group); a year's are summed from its quarters by the caller)."""
    cells = [
        Cell(
            (period, "total"),
            sum(groups.values()),
            {(period, g): 1 for g in groups},
            rank=0,
            fixed="shown" if total_fixed else None,
        )
    ]
    cells += [Cell((period, g), n, {(period, g): 1}, protected=True) for g, n in groups.items()]
    return cells


def year_and_quarters(quarters):
    """The year's cells (each the sum of its quarters' finest cells) and the quarters'."""
    groups = list(quarters[0])
    cells = []
    for q, counts in enumerate(quarters, start=1):
        cells += table(f"Q{q}", counts)
    year = {g: sum(counts[g] for counts in quarters) for g in groups}
    cells.append(
        Cell(
            ("year", "total"),
            sum(year.values()),
            {(f"Q{q}", g): 1 for q in range(1, 5) for g in groups},
            rank=0,
        )
    )
    cells += [
        Cell(("year", g), n, {(f"Q{q}", g): 1 for q in range(1, 5)}, protected=True)
        for g, n in year.items()
    ]
    return cells


def readable(cells, withheld):
    """The withheld cells of 1 to 4 a reader could work out from the cells shown."""
    shown = [c.sums for c in cells if c.key not in withheld]
    return [c.key for c in cells if c.key in withheld and c.small and derivable(shown, c.sums)]


def test_one_small_count_beside_a_shown_total_takes_a_second_cell_with_it():
    cells = table("Q1", {"a": 10, "b": 3, "c": 7}, total_fixed=True)
    # Primary suppression alone: b = 20 - 10 - 7.
    assert readable(cells, {("Q1", "b")}) == [("Q1", "b")]
    withheld = withhold(cells)
    assert withheld == {("Q1", "b"): Why.PRIMARY, ("Q1", "c"): Why.SECONDARY}
    assert readable(cells, withheld) == []


def test_a_zero_that_is_a_small_counts_only_complement_is_withheld():
    cells = table("Q1", {"a": 12, "b": 2, "c": 0}, total_fixed=True)
    withheld = withhold(cells)
    # Showing the 0 would give b away (14 - 12 - 0); the 12 is wanted more.
    assert withheld == {("Q1", "b"): Why.PRIMARY, ("Q1", "c"): Why.SECONDARY}
    assert readable(cells, withheld) == []


def test_zeros_are_shown_and_a_table_with_no_small_count_withholds_nothing():
    assert withhold(table("Q1", {"a": 12, "b": 0, "c": 5})) == {}


def per_table(cells):
    """Each period's table suppressed on its own, as if nobody set them side by side."""
    withheld = {}
    for period in {c.key[0] for c in cells}:
        withheld |= withhold([c for c in cells if c.key[0] == period])
    return withheld


def test_a_cell_hidden_in_a_quarter_can_be_worked_out_from_the_year_unless_linked():
    # Q3 withholds c beside its small b; the year withholds a. The year's c less the other
    # quarters' c gives Q3's c, and so Q3's b.
    quiet = {"a": 0, "b": 0, "c": 20}
    cells = year_and_quarters([quiet, quiet, {"a": 6, "b": 2, "c": 5}, quiet])
    alone = per_table(cells)
    assert alone[("Q3", "c")] == Why.SECONDARY
    assert alone[("year", "a")] == Why.SECONDARY
    assert ("Q3", "b") in readable(cells, alone)
    linked = withhold(cells)
    assert readable(cells, linked) == []
    assert {("Q3", "b"), ("year", "b")} <= set(linked)


def test_a_cell_hidden_in_the_year_can_be_worked_out_from_the_quarters_unless_linked():
    # The year withholds a beside its small b, but the quarters show every a: their sum is
    # the year's a, and the year's total less a and c is its b.
    quiet = {"a": 0, "b": 0, "c": 20}
    cells = year_and_quarters([quiet, quiet, {"a": 10, "b": 2, "c": 6}, quiet])
    alone = per_table(cells)
    assert alone[("year", "a")] == Why.SECONDARY
    assert alone[("Q3", "c")] == Why.SECONDARY
    assert ("year", "b") in readable(cells, alone)
    assert readable(cells, withhold(cells)) == []


def test_a_cell_fixed_by_an_earlier_edition_keeps_its_state():
    cells = table("Q1", {"a": 10, "b": 3, "c": 7}, total_fixed=True)
    fixed = [
        Cell(c.key, c.value, c.sums, c.protected, c.rank, "withheld") if c.key == ("Q1", "a") else c
        for c in cells
    ]
    # a was withheld when the quarter was published: it stays withheld, so c can be shown.
    assert withhold(fixed) == {("Q1", "a"): Why.PRIMARY, ("Q1", "b"): Why.PRIMARY}


def test_a_change_against_last_year_never_gives_a_withheld_count_away():
    compare = Comparer(Period.financial_year(2024), Period.financial_year(2023))
    shown_now = compare.walk(Breakdown(10), Breakdown(3, suppressed=True))
    assert shown_now["value"] == 10
    assert shown_now["previous"] is None
    assert shown_now["change"] is None  # 10 - change would be last year's 3
    assert shown_now["change_percent"] is None
    assert shown_now["p_value"] is None
    hidden_now = compare.walk(Breakdown(3, suppressed=True), Breakdown(10))
    assert (hidden_now["value"], hidden_now["previous"]) == (None, 10)
    assert hidden_now["change"] is None
    both = compare.walk(Breakdown(12), Breakdown(10))
    assert (both["value"], both["previous"], both["change"]) == (12, 10, 2)
    assert both["suppressed"] is False


def age_table(bands):
    """docs/figures.md's worked example: one quarter's complainants by age, with the total
    (shown elsewhere), "answered", "prefer not to say" and "not answered"."""
    finest = {**bands, "declined": 0, "unanswered": 0}
    cells = [
        Cell("total", sum(finest.values()), dict.fromkeys(finest, 1), rank=0, fixed="shown"),
        Cell("answered", sum(bands.values()), dict.fromkeys(bands, 1) | {"declined": 1}, rank=0),
        Cell("declined", 0, {"declined": 1}),
    ]
    return cells + [Cell(b, n, {b: 1}, protected=True) for b, n in bands.items()]


def test_the_worked_example_in_the_docs():
    others = dict.fromkeys(["0-4", "5-9", "10-15", "16-17", "18-24", "55-64", "65+"], 0)
    small = age_table({"25-34": 6, "35-44": 4, "45-54": 2, **others})
    assert withhold(small) == {"35-44": Why.PRIMARY, "45-54": Why.PRIMARY}
    larger = age_table({"25-34": 6, "35-44": 4, "45-54": 6, **others})
    # Both sixes are wanted more than the zeros: the last zero taken would give 35-44 away.
    assert withhold(larger) == {"35-44": Why.PRIMARY, "65+": Why.SECONDARY}


@pytest.mark.django_db
def test_a_published_snapshots_cells_keep_the_state_it_gave_them(manager):
    # Q1 2024/25: 10 white and 6 black complainants, nothing small, nothing withheld.
    ethnicity = ["White British"] * 10 + ["Black: African"] * 6
    rows = "".join(
        f"R{n},1,2024-05-0{1 + n % 5},Fostering,Parent,{answer}\n"
        for n, answer in enumerate(ethnicity)
    )
    assert run_import([("log.csv", (HEAD + rows).encode())]).ok
    quarter = Period.quarter(2024, 1)
    white = lambda figures: figures.equality["complainant_ethnicity"].groups["white"]  # noqa: E731
    assert not white(people_figures("children", quarter)).suppressed
    # A snapshot published with the white cell withheld (say by an earlier rule) binds it.
    data = {
        "figures": {
            "complaints": {
                "equality": {
                    "complainant_ethnicity": {
                        "groups": {"white": {"value": None, "suppressed": True}}
                    }
                }
            }
        }
    }
    PublishedReport.objects.create(
        procedure="children",
        kind="quarterly",
        first=quarter.first,
        last=quarter.last,
        version=1,
        title="Q1",
        published_by=manager,
        data=data,
        pdf=b"",
        docx=b"",
        xlsx=b"",
        html=b"",
    )
    assert white(people_figures("children", quarter)).suppressed
    # The year's white (10) is shown beside it, so another quarter's white (0) is withheld
    # instead: the year less the other quarters would otherwise give the quarter's away.
    assert not white(people_figures("children", Period.financial_year(2024))).suppressed
    others = [white(people_figures("children", Period.quarter(2024, n))) for n in (2, 3, 4)]
    assert [cell.suppressed for cell in others].count(True) == 1
