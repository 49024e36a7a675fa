"""Which counts of people a report withholds, so that no one can be identified from it
(DOMAIN.md section 4; docs/figures.md, "Small numbers").

Pure Python, no Django: give it the cells a reader can see side by side and it says which to
withhold and why.

- **Primary suppression**: a protected count (people by a personal characteristic) of 1 to 4
  is withheld. Zero is shown.
- **Secondary suppression by the Gauss method** (Statistics Norway's method for its official
  tables, the R package GaussSuppression): every cell is a vector over the finest cells it
  sums. The cells that are not primary are taken in the order they are most wanted (totals
  first, then the largest counts, ties in the order given), and each is published unless its
  vector, with those already published, would make a primary cell's vector a linear
  combination of published ones (so its value could be worked out); then it is withheld as a
  secondary suppression.

The arithmetic is exact (fractions, row reduction), never floats. Cells fixed as shown (a
period already published) are published first; cells fixed as withheld stay withheld.
"""

from __future__ import annotations

import enum
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

#: A protected count below this, and above 0, is withheld.
SMALLEST_SHOWN = 5

Vector = dict[Hashable, Fraction]


class Why(enum.Enum):
    PRIMARY = "primary"
    SECONDARY = "secondary"


@dataclass(frozen=True)
class Cell:
    """A number a reader sees: its value, and the finest cells it is the sum of."""

    key: Hashable
    value: int
    #: The finest cells it sums, with their coefficients (1 for a plain sum).
    sums: Mapping[Hashable, int]
    #: A count of people by a personal characteristic (primary suppression applies).
    protected: bool = False
    #: Lower is wanted more: 0 for totals and "answered", 1 for every other count.
    rank: int = 1
    #: Fixed by a published edition: "shown" or "withheld" whatever this computation finds.
    fixed: Literal["shown", "withheld"] | None = None

    @property
    def small(self) -> bool:
        return 0 < self.value < SMALLEST_SHOWN


@dataclass
class _Basis:
    """The span of the published cells, in row-echelon form: each row has a pivot that every
    later row is zero at, so reducing a vector row by row, in order, is exact."""

    rows: list[tuple[Hashable, Vector]] = field(default_factory=list)

    def reduce(self, vector: Vector) -> Vector:
        out = dict(vector)
        for pivot, row in self.rows:
            factor = out.get(pivot)
            if factor:
                _subtract(out, row, factor)
        return out

    def new_row(self, vector: Vector) -> tuple[Hashable, Vector] | None:
        """What `vector` adds to the span, as a row with its pivot scaled to 1; None when it
        adds nothing."""
        row = self.reduce(vector)
        if not row:
            return None
        pivot = next(iter(row))
        scale = row[pivot]
        return pivot, {key: value / scale for key, value in row.items()}


def _subtract(target: Vector, row: Vector, factor: Fraction) -> None:
    for key, coefficient in row.items():
        value = target.get(key, Fraction(0)) - factor * coefficient
        if value:
            target[key] = value
        else:
            target.pop(key, None)


def _fractions(sums: Mapping[Hashable, int]) -> Vector:
    return {key: Fraction(n) for key, n in sums.items() if n}


def _vector(cell: Cell) -> Vector:
    return _fractions(cell.sums)


def withhold(cells: Sequence[Cell]) -> dict[Hashable, Why]:
    """The cells to withhold, each with why: primary (a protected count of 1 to 4, or fixed
    as withheld) or secondary (it would let a primary cell be worked out)."""
    withheld: dict[Hashable, Why] = {}
    for cell in cells:
        if cell.fixed == "withheld" or (cell.protected and cell.small and cell.fixed != "shown"):
            withheld[cell.key] = Why.PRIMARY
    basis = _Basis()
    # What is left of each primary cell's vector once the published span is taken out: when
    # it reaches zero, the cell could be worked out.
    hidden = [_vector(c) for c in cells if c.key in withheld]
    order = sorted(
        (c for c in cells if c.key not in withheld),
        key=lambda c: (c.fixed != "shown", c.rank, -c.value),  # sorted() keeps given order
    )
    for cell in order:
        added = basis.new_row(_vector(cell))
        if added is None:
            continue  # already known from what is published
        pivot, row = added
        reduced = []
        for remainder in hidden:
            remainder = dict(remainder)
            factor = remainder.get(pivot)
            if factor:
                _subtract(remainder, row, factor)
            reduced.append(remainder)
        if cell.fixed == "shown":
            # Already out: a primary cell it gives away cannot be protected any more, and
            # must not hold back everything after it.
            reduced = [remainder for remainder in reduced if remainder]
        elif not all(reduced):
            withheld[cell.key] = Why.SECONDARY
            continue
        basis.rows.append(added)
        hidden = reduced
    return withheld


def derivable(published: Iterable[Mapping[Hashable, int]], target: Mapping[Hashable, int]) -> bool:
    """Whether `target` (a vector over finest cells) is a linear combination of the
    `published` vectors: whether a reader who sees them can work its value out."""
    basis = _Basis()
    for sums in published:
        added = basis.new_row(_fractions(sums))
        if added:
            basis.rows.append(added)
    return not basis.reduce(_fractions(target))
