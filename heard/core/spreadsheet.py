"""CSV that opens safely and readably in Excel, for every download of cases or counts.

- UTF-8 with a byte-order mark, so Excel reads names' accents.
- Text Excel would take for a formula (it starts with =, +, -, @, a tab or a carriage
  return) is quoted with an apostrophe, so a name typed as "=HYPERLINK(...)" stays text.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import Any

#: A CSV cell starting with one of these would be read by Excel as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: The byte-order mark Excel looks for to read the file as UTF-8.
BOM = "\ufeff"


def safe(value: Any) -> Any:
    """A cell Excel will show as it is: text that looks like a formula gets an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class _Line:
    """A file-like object that hands back each line csv.writer writes."""

    def write(self, line: str) -> str:
        return line


def csv_lines(rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """Rows as CSV lines, one at a time (for a streamed download), BOM first, every cell
    made safe."""
    writer = csv.writer(_Line())
    yield BOM
    for row in rows:
        yield writer.writerow([safe(cell) for cell in row])
