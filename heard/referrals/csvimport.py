"""Reading monthly referral counts from CSV (docs/import.md).

Two columns with a header row: `month` (2025-04, 04/2025 or April 2025) and `referrals` (a
whole number). The file is read in full first: any bad row refuses the whole file with the row
number and what is wrong, so nothing is half imported.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

from heard.core import clock

MAX_ROWS = 1200  # a hundred years of months


class ReferralFileError(ValueError):
    """The file cannot be imported; `errors` says why, row by row."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


def parse_month(text: str) -> date | None:
    for pattern in ("%Y-%m", "%m/%Y", "%B %Y", "%b %Y"):
        try:
            return datetime.strptime(text.strip(), pattern).date().replace(day=1)  # noqa: DTZ007
        except ValueError:
            continue
    return None


def read_referrals(content: bytes) -> dict[date, int]:
    """The month → count pairs in a CSV file, or ReferralFileError listing every problem."""
    try:
        text = content.decode("utf-8-sig")  # Excel writes a byte-order mark
    except UnicodeDecodeError:
        raise ReferralFileError(["The file must be a CSV file saved as UTF-8"]) from None
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise ReferralFileError(["The file is empty"])
    header = [cell.strip().lower() for cell in rows[0]]
    if header[:2] != ["month", "referrals"]:
        raise ReferralFileError(["The first row must be the headings: month,referrals"])
    if len(rows) - 1 > MAX_ROWS:
        raise ReferralFileError([f"The file must have {MAX_ROWS} months or fewer"])
    counts: dict[date, int] = {}
    errors: list[str] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < 2:
            errors.append(f"Row {number}: give a month and a number of referrals")
            continue
        month = parse_month(row[0])
        value = row[1].strip().replace(",", "")
        if month is None:
            errors.append(f"Row {number}: “{row[0].strip()}” is not a month, like 2025-04")
        elif month in counts:
            errors.append(f"Row {number}: {month:%B %Y} appears more than once")
        elif month > clock.today():
            errors.append(f"Row {number}: {month:%B %Y} has not started yet")
        if not value.isdigit():
            errors.append(f"Row {number}: referrals must be a whole number, 0 or more")
        elif month is not None and month not in counts and month <= clock.today():
            counts[month] = int(value)
    if errors:
        raise ReferralFileError(errors)
    if not counts:
        raise ReferralFileError(["The file has no months in it"])
    return counts
