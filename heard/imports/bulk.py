"""Inserting many rows fast: primary keys taken up front, then one executemany per table.

Django's bulk_create builds a model instance and compiles every value through the ORM,
which costs more than the database's own work at 100,000 rows. Here each value goes
through the adapter Django itself would use for its field, the rows' keys are allocated
first (so the rows that point at them can be built straight away), and nothing bypasses
the database's constraints. Used inside a transaction (the import's).
"""

from __future__ import annotations

import gc
import json
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from operator import itemgetter
from typing import Any

from django.db import connection, models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models.fields import NOT_PROVIDED
from django.utils import timezone

_paused = 0
_pausing = threading.Lock()


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Python's cycle collector paused while an import checks and builds its rows.

    An import holds hundreds of thousands of new objects at once, and the collector, seeing
    so many new objects, walks all of them again and again: 4.3 s of a 22 s import of
    100,000 rows (bench/import.py). The rows hold no reference cycles, so reference counting
    frees them as before; the collector resumes when the last import running ends."""
    global _paused
    with _pausing:
        # Not ours to pause (or resume) when someone else had already turned it off.
        ours = _paused > 0 or gc.isenabled()
        if ours:
            _paused += 1
            gc.disable()
    try:
        yield
    finally:
        if ours:
            with _pausing:
                _paused -= 1
                if _paused == 0:
                    gc.enable()


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
    """Rows for one model, each given as keyword arguments: every one of `names` (field
    names or their columns' attribute names), no more and no fewer. The model's other fields
    take their defaults, as Django would give them."""

    def __init__(self, model: type[models.Model], names: Sequence[str]) -> None:
        self.model = model
        by_name = {}
        for f in model._meta.concrete_fields:
            by_name[f.name] = by_name[f.attname] = f
        given = [by_name[name] for name in names]
        # A key not given is the database's to assign (NULL would be refused by PostgreSQL),
        # and so is a column with a default in the database.
        rest = [
            f
            for f in model._meta.concrete_fields
            if f not in given and not f.primary_key and f.db_default is NOT_PROVIDED
        ]
        self.fields = given + rest
        self.names = list(names)
        self.width = len(names)
        # The given values, in the fields' order, in one C call (a 1-tuple for one name).
        pick = itemgetter(*names)
        self.pick = pick if len(names) > 1 else lambda values: (pick(values),)
        # Only the values whose adapter is not the identity are converted.
        self.converts = [
            (index, convert)
            for index, convert in enumerate(_converter(f) for f in given)
            if convert is not _same
        ]
        # The other fields' defaults, converted once, end every row.
        now = timezone.now()
        self.tail = [
            _converter(f)(
                now
                if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
                else f.get_default()
            )
            for f in rest
        ]
        self.rows: list[list[Any]] = []

    def add(self, **values: Any) -> None:
        if len(values) != self.width:
            unknown = set(values) - set(self.names)
            raise TypeError(f"{self.model.__name__}: {unknown or 'a value is missing'}")
        row = list(self.pick(values))
        for index, convert in self.converts:
            row[index] = convert(row[index])
        row += self.tail
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


class _Adapted(dict[Any, Any]):
    """Each value, adapted by `adapt` the first time it is looked up."""

    def __init__(self, adapt: Callable[[Any], Any]) -> None:
        super().__init__()
        self.adapt = adapt

    def __missing__(self, value: Any) -> Any:
        adapted = self[value] = self.adapt(value)
        return adapted


def _same(value: Any) -> Any:
    return value


def _converter(field: models.Field[Any, Any]) -> Callable[[Any], Any]:
    """How a value of `field` goes to the database: the adapter Django itself would use,
    called directly (get_db_prep_save's dispatch costs more than the insert at this scale)."""
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return lambda value: ops.adapt_datetimefield_value(value)
    if isinstance(field, models.DateField):
        # An import writes the same few thousand dates many times over: each is adapted once.
        return _Adapted(ops.adapt_datefield_value).__getitem__
    if isinstance(field, models.DecimalField):
        return lambda value: ops.adapt_decimalfield_value(
            value, field.max_digits, field.decimal_places
        )
    if isinstance(field, models.CharField | models.TextField | models.IntegerField):
        return _same
    if isinstance(field, models.ForeignKey) and isinstance(field.target_field, models.AutoField):
        return _same
    if isinstance(field, models.JSONField) and (
        type(ops).adapt_json_value is BaseDatabaseOperations.adapt_json_value
    ):
        # What the base adapter does (json.dumps with the field's encoder), with one encoder
        # made for the whole import rather than one for every value.
        encode = (field.encoder or json.JSONEncoder)().encode
        save = field.get_db_prep_save
        return lambda value: save(value, connection) if value is None else encode(value)
    if isinstance(field, models.JSONField):
        # As JSONField.get_db_prep_save, for a value that is not None.
        save = field.get_db_prep_save
        return lambda value: (
            save(value, connection) if value is None else ops.adapt_json_value(value, field.encoder)
        )
    return lambda value: field.get_db_prep_save(value, connection)
