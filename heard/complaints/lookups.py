"""A lookup for filtering on a fixed set of statuses written as SQL literals.

SQLite uses a partial index only when it can see, when the query is prepared, that the
query's condition matches the index's. A bound parameter hides the values; literals do not.
The values come from constants in the code (never from user input) and are quoted here.
"""

from __future__ import annotations

from typing import Any

from django.db.models import CharField, Lookup


@CharField.register_lookup
class InConstants(Lookup[str]):
    lookup_name = "in_constants"
    prepare_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, params = self.process_lhs(compiler, connection)
        texts = (str(getattr(value, "value", value)) for value in self.rhs)
        values = ", ".join("'{}'".format(text.replace("'", "''")) for text in texts)
        return f"{lhs} IN ({values})", list(params)
