"""The search index across every kind of case: FTS5 tables on SQLite, tsvector tables with GIN
indexes on PostgreSQL, each kept by triggers on the cases' tables (heard.dashboard.search_index,
docs/decisions/0008). Existing cases are indexed here."""

from __future__ import annotations

from django.db import migrations

from heard.dashboard.search_index import make_index, remove_index


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0035_learning_raised_index"),
        ("compliments", "0003_quotes_are_reviewed"),
        ("enquiries", "0003_representation_kind"),
        ("ombudsman", "0004_team_and_reply_due_may_be_unrecorded"),
        ("sars", "0007_service"),
    ]

    operations = [migrations.RunPython(make_index, remove_index)]
