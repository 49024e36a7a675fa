"""0036_triage adds a column to complaints_complaint; on SQLite Django rebuilds the table for
it, which drops the search index's triggers, so they are put back after it."""

from __future__ import annotations

from django.db import migrations

from heard.dashboard.search_index import reinstall_triggers


class Migration(migrations.Migration):
    dependencies = [("complaints", "0036_triage"), ("dashboard", "0001_search_index")]
    operations = [migrations.RunPython(reinstall_triggers, migrations.RunPython.noop)]
