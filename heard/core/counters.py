"""Counters raised in the database with one atomic statement, so two processes counting at
once can never both be given the same number.

`INSERT … ON CONFLICT … DO UPDATE … RETURNING` is the same SQL on SQLite (3.35 and later) and
PostgreSQL: the row is created at 1 if it is missing, and raised by 1 if it is there.
"""

from __future__ import annotations

from typing import Any

from django.db import connection, models


def increment(model: type[models.Model], keys: dict[str, Any], counter: str, *, by: int = 1) -> int:
    """Raise `counter` by `by` on the row of `model` that `keys` name (a unique constraint
    covers exactly those columns), creating the row at `by`, and return the new count."""
    q = connection.ops.quote_name
    table = q(model._meta.db_table)
    columns = [q(_column(model, name)) for name in keys]
    count = q(_column(model, counter))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(columns)}, {count}) "
            f"VALUES ({', '.join(['%s'] * len(columns))}, %s) "
            f"ON CONFLICT ({', '.join(columns)}) DO UPDATE SET {count} = {table}.{count} + %s "
            f"RETURNING {count}",
            [*keys.values(), by, by],
        )
        (value,) = cursor.fetchone()
    return int(value)


def _column(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)
    assert field.column
    return field.column
