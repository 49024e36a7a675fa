"""Inserting many rows fast: primary keys taken up front, then one executemany per table.

Django's bulk_create builds a model instance and compiles every value through the ORM,
which costs more than the database's own work at 100,000 rows. Here each value goes
through its field's `get_db_prep_save` only, the rows' keys are allocated first (so the
rows that point at them can be built straight away), and nothing bypasses the database's
constraints.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone


def allocate_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` primary keys for new rows of `model`, that no other insert will take."""
    if count == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: the caller's transaction holds the database's write lock, so the keys
        # after the highest are ours.
        cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')
        first = cursor.fetchone()[0] + 1
    return list(range(first, first + count))


class Inserter:
    """Rows for one model, given as dicts of field name to value; fields not given take
    their default, as Django would give them."""

    def __init__(self, model: type[models.Model], names: Sequence[str]) -> None:
        self.model = model
        given = set(names)
        self.fields = list(model._meta.concrete_fields)
        now = timezone.now()
        self.defaults: dict[str, Any] = {}
        for f in self.fields:
            if f.name in given or f.attname in given:
                continue
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.defaults[f.name] = now
            else:
                self.defaults[f.name] = f.get_default()
        self.rows: list[tuple[Any, ...]] = []

    def add(self, **values: Any) -> None:
        merged = {**self.defaults, **values}
        self.rows.append(
            tuple(
                f.get_db_prep_save(merged[f.name if f.name in merged else f.attname], connection)
                for f in self.fields
            )
        )

    def write(self, batch: int = 5000) -> None:
        if not self.rows:
            return
        columns = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        marks = ", ".join(["%s"] * len(self.fields))
        sql = f"INSERT INTO {connection.ops.quote_name(self.model._meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: E501
        with connection.cursor() as cursor:
            for start in range(0, len(self.rows), batch):
                cursor.executemany(sql, self.rows[start : start + batch])
        self.rows.clear()


def insert(model: type[models.Model], rows: Iterable[dict[str, Any]]) -> None:
    rows = list(rows)
    if not rows:
        return
    inserter = Inserter(model, list(rows[0]))
    for row in rows:
        inserter.add(**row)
    inserter.write()
