"""What is wrong with an import, row by row."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.sheet if self.row is None else f"{self.sheet}, row {self.row}"
        if self.column:
            where += f", column “{self.column}”"
        return f"{where}: {self.message}"
