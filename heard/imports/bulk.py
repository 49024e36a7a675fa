"""Inserting many rows fast: primary keys taken up front, then one executemany per table.

Django's bulk_create builds a model instance and compiles every value through the ORM,
which costs more than the database's own work at 100,000 rows. Here each value goes
through the adapter Django itself would use for its field, the rows' keys are allocated
first (so the rows that point at them can be built straight away), and nothing bypasses
the database's constraints. Used inside a transaction (the import's).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
        # A key not given is the database's to assign (NULL would be refused by PostgreSQL).
        self.fields = [
            f
            for f in model._meta.concrete_fields
            if not f.primary_key or f.name in given or f.attname in given
        ]
        now = timezone.now()
        self.defaults: dict[str, Any] = {}
        for f in self.fields:
            if f.name in given or f.attname in given:
                continue
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.defaults[f.name] = now
            else:
                self.defaults[f.name] = f.get_default()
        names = [f.name for f in self.fields]
        converters = [_converter(f) for f in self.fields]
        # Each row starts as the defaults, converted once; a value given replaces its
        # default, converted unless its adapter is the identity.
        self.template = [
            convert(self.defaults[name]) if name in self.defaults else None
            for name, convert in zip(names, converters, strict=True)
        ]
        self.slots = {
            name: (index, None if convert is _same else convert)
            for index, (name, convert) in enumerate(zip(names, converters, strict=True))
        }
        self.rows: list[list[Any]] = []

    def add(self, **values: Any) -> None:
        row = self.template.copy()
        slots = self.slots
        for name, value in values.items():
            index, convert = slots[name]
            row[index] = value if convert is None else convert(value)
        self.rows.append(row)

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


def analyze(*written: type[models.Model]) -> None:
    """Bring PostgreSQL's planner statistics up to date for tables just written in bulk.

    The first import into a new database writes tens of thousands of rows into tables the
    planner still takes to be empty; the deadlines derived straight after would then be
    planned as scans per row (minutes, not seconds). SQLite plans without statistics."""
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in written)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")


def _same(value: Any) -> Any:
    return value


def _converter(field: models.Field[Any, Any]) -> Callable[[Any], Any]:
    """How a value of `field` goes to the database: the adapter Django itself would use,
    called directly (get_db_prep_save's dispatch costs more than the insert at this scale)."""
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return lambda value: ops.adapt_datetimefield_value(value)
    if isinstance(field, models.DateField):
        return lambda value: ops.adapt_datefield_value(value)
    if isinstance(field, models.DecimalField):
        return lambda value: ops.adapt_decimalfield_value(
            value, field.max_digits, field.decimal_places
        )
    if isinstance(field, models.CharField | models.TextField | models.IntegerField):
        return _same
    if isinstance(field, models.ForeignKey) and isinstance(field.target_field, models.AutoField):
        return _same
    if isinstance(field, models.JSONField):
        # As JSONField.get_db_prep_save, for a value that is not None.
        save = field.get_db_prep_save
        return lambda value: (
            save(value, connection) if value is None else ops.adapt_json_value(value, field.encoder)
        )
    return lambda value: field.get_db_prep_save(value, connection)
