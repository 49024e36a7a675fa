"""Help for work that runs after `migrate` (post_migrate handlers)."""

from __future__ import annotations

from django.db import connection, models


def tables_exist(*model_classes: type[models.Model]) -> bool:
    """Whether every model's table is there yet: `migrate app 0003` can stop part-way, and a
    post_migrate handler must then leave the work to the migrate that finishes the job."""
    existing = set(connection.introspection.table_names())
    return all(m._meta.db_table in existing for m in model_classes)
