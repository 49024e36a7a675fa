"""The search index is kept by the database: every case written, edited or deleted, by the
ORM or in SQL, is found (or no longer found) at once, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from heard.complaints.models import Complaint
from heard.complaints.tests.factories import ComplainantFactory
from heard.core.tests.factories import TeamFactory
from heard.dashboard import search_index
from heard.dashboard.search_index import SOURCE, match_sql, match_text, words
from heard.dashboard.tests.search_cases import KINDS, make

pytestmark = pytest.mark.django_db

#: Where each kind keeps the words of its summary.
SUMMARY = {
    "complaint": "summary",
    "informal": "summary",
    "sar": "records_sought",
    "ombudsman": "summary",
    "enquiry": "summary",
    "compliment": "summary",
}


@pytest.fixture(autouse=True)
def _informal_stage(settings):
    settings.HEARD_INFORMAL_STAGE = {"corporate": 10}


def matches(kind: str, text: str) -> set[int]:
    """The ids of the cases of `kind` whose index matches every word of `text`."""
    vendor = connection.vendor
    with connection.cursor() as cursor:
        cursor.execute(match_sql(kind, vendor), [match_text(words(text), vendor)])
        return {row[0] for row in cursor.fetchall()}


# --- The words of a search --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("CSC-2025-00012", ["csc", "2025", "00012"]),
        ("  Jo   SMITH ", ["jo", "smith"]),
        ("ZOË O\u2019Brien", ["zoë", "o", "brien"]),
        ('"calls" OR (NEAR) -x* ^y: a_b', ["calls", "or", "near", "x", "y", "a", "b"]),
        ("jo@example.org", ["jo", "example", "org"]),
        ("'; DROP TABLE x; --", ["drop", "table", "x"]),
        ("-- *** '\" ()", []),
    ],
)
def test_a_search_is_split_into_lowercase_words_of_letters_and_digits(typed, expected):
    assert words(typed) == expected


def test_each_word_is_quoted_as_the_start_of_a_word_for_either_database():
    assert match_text(["or", "smi"], "sqlite") == '"or"* "smi"*'
    assert match_text(["or", "smi"], "postgresql") == "'or':* & 'smi':*"


# --- Kept by the database ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_a_new_case_is_found_by_its_reference_name_and_summary(kind):
    case = make(kind, TeamFactory(), name="Marguerite Ashdown", summary="Broken boiler")
    for text in (case.reference, "marguerite ashdown", "MARG ASH", "broken boil"):
        assert matches(kind, text) == {case.pk}, text
    assert matches(kind, "marguerite boiler") == {case.pk}  # every word, in any field
    assert matches(kind, "marguerite kettle") == set()


@pytest.mark.parametrize("kind", KINDS)
def test_an_edited_case_is_found_by_its_new_words_and_not_its_old(kind):
    case = make(kind, TeamFactory(), summary="Broken boiler")
    model = type(case)
    model.objects.filter(pk=case.pk).update(**{SUMMARY[kind]: "Hedgehog in the garden"})
    assert matches(kind, "hedgehog") == {case.pk}
    assert matches(kind, "boiler") == set()


@pytest.mark.parametrize("kind", KINDS)
def test_a_deleted_case_is_no_longer_found(kind):
    keep = make(kind, TeamFactory(), summary="Broken boiler")
    gone = make(kind, TeamFactory(), summary="Broken boiler")
    if hasattr(gone, "events"):
        # Events are append-only and Heard deletes no case; an administrator's SQL might.
        gone.events.all()._raw_delete(connection.alias)
    type(gone).objects.filter(pk=gone.pk).delete()
    assert matches(kind, "boiler") == {keep.pk}


def test_a_complaints_description_is_searched():
    complaint = make("complaint", TeamFactory(), description="The foster placement ended")
    assert matches("complaint", "foster placement") == {complaint.pk}


def test_renaming_a_complainant_reindexes_each_of_their_complaints():
    first = make("complaint", TeamFactory(), name="Ada Lovelace")
    second = Complaint.objects.get(pk=make("complaint", TeamFactory(), name="Ada Byron").pk)
    second.complainant = first.complainant
    second.save()
    assert matches("complaint", "lovelace") == {first.pk, second.pk}
    first.complainant.name = "Ada King"
    first.complainant.save()
    assert matches("complaint", "lovelace") == set()
    assert matches("complaint", "ada king") == {first.pk, second.pk}
    assert matches("complaint", "byron") == set()


def test_a_complaint_given_another_complainant_is_found_by_the_new_name():
    complaint = Complaint.objects.get(pk=make("complaint", TeamFactory(), name="Ada Byron").pk)
    complaint.complainant = ComplainantFactory(name="Grace Hopper")
    complaint.save()
    assert matches("complaint", "hopper") == {complaint.pk}
    assert matches("complaint", "byron") == set()


def test_a_complaint_inserted_in_sql_is_indexed_as_a_bulk_import_or_the_benchmark_inserts():
    original = make("complaint", TeamFactory(), name="Ida Wells", summary="Broken boiler")
    table = Complaint._meta.db_table
    columns = [f.column for f in Complaint._meta.concrete_fields if f.column != "id"]
    values = ["%s" if column == "reference" else column for column in columns]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) "
            f"SELECT {', '.join(values)} FROM {table} WHERE id = %s",
            ["CSC-2025-B0000001", original.pk],
        )
    copied = Complaint.objects.get(reference="CSC-2025-B0000001")
    assert matches("complaint", "ida wells boiler") == {original.pk, copied.pk}
    assert matches("complaint", "CSC-2025-B0000001") == {copied.pk}


def test_every_trigger_that_keeps_the_index_is_in_place_after_the_migrations():
    assert search_index.missing_triggers(connection) == set()
    assert len(search_index.expected_triggers(connection.vendor)) > len(SOURCE) * 3


def test_reinstalling_the_triggers_puts_back_one_dropped_and_indexes_what_was_missed():
    # What Django's remake of a table does to the table's triggers on SQLite.
    case = make("compliment", TeamFactory(), summary="Broken boiler")
    name = "dashboard_search_compliment_update"
    table = "" if connection.vendor == "sqlite" else f" ON {SOURCE['compliment'].table}"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER {name}{table}")
    assert search_index.missing_triggers(connection) == {name}
    type(case).objects.filter(pk=case.pk).update(summary="Hedgehog")
    assert matches("compliment", "hedgehog") == set()
    search_index.install_triggers(connection)
    search_index.rebuild(connection)
    assert search_index.missing_triggers(connection) == set()
    assert matches("compliment", "hedgehog") == {case.pk}


def test_the_index_can_be_removed_and_made_again_with_the_cases_already_there():
    # What migrating dashboard back to zero and forward again does (0001's two directions).
    case = make("complaint", TeamFactory(), name="Ada Lovelace")
    search_index.drop(connection)
    assert search_index.missing_triggers(connection) == search_index.expected_triggers(
        connection.vendor
    )
    search_index.create(connection)
    assert search_index.missing_triggers(connection) == set()
    assert matches("complaint", "ada lovelace") == {case.pk}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE fires no row trigger")
def test_truncating_a_cases_table_empties_its_index():
    make("compliment", TeamFactory(), summary="Broken boiler")
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # what a flush between tests has done
        cursor.execute(f"TRUNCATE {SOURCE['compliment'].table}")
        cursor.execute(f"SELECT count(*) FROM {SOURCE['compliment'].index}")
        assert cursor.fetchone()[0] == 0


# --- The same words, so the same results, on both databases --------------------------------

DOCUMENT = "ÉLOISE Zoë O\u2019BRIEN jo@x.org CSC-2025-00012 a_b 1e5x naïve café"


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("éloise", True),
        ("ÉLO", True),
        ("zoë", True),
        ("ZOË", True),
        ("zoe", False),  # accents are kept: no folding on either database
        ("o'brien", True),
        ("o\u2019brien", True),
        ("brien o", True),
        ("jo@x.org", True),
        ("org", True),
        ("CSC-2025-00012", True),
        ("csc 00012", True),
        ("2025-00012", True),
        ("00012 2026", False),
        ("1e5x", True),
        ("1e5", True),
        ("5x", False),  # a word matches from its start only
        ("e5x", False),
        ("a_b", True),
        ("ab", False),
        ("naï café", True),
        ("cafe", False),
        ("eloise", False),
    ],
)
def test_both_databases_split_and_match_words_alike(typed, found):
    case = make("compliment", TeamFactory(), summary=DOCUMENT)
    assert (matches("compliment", typed) == {case.pk}) is found


# --- Migrations -------------------------------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "sqlite", reason="only SQLite remakes a table to alter it")
def test_no_later_migration_drops_the_triggers_whatever_order_the_migrations_run_in(tmp_path):
    """The worst order: the index first (with only what it depends on), then every other
    migration. A later migration that remakes a searched table on SQLite drops the table's
    triggers; it must be followed by a dashboard migration that runs
    `search_index.reinstall_triggers`. Then the index is removed and made again."""
    result = subprocess.run(
        [sys.executable, "-c", MIGRATE_IN_THE_WORST_ORDER],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "heard.settings",
            "HEARD_DEBUG": "1",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
        },
        cwd=Path(__file__).resolve().parents[3],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    steps = json.loads(result.stdout.strip().splitlines()[-1])
    assert steps == {
        "missing after every migration": [],
        "tables once removed": [],
        "missing once made again": [],
    }


MIGRATE_IN_THE_WORST_ORDER = """
import json
import django
django.setup()
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from heard.dashboard import search_index

def leaves(executor, dashboard):
    executor.loader.build_graph()
    nodes = executor.loader.graph.leaf_nodes()
    return [node for node in nodes if (node[0] == "dashboard") == dashboard]

executor = MigrationExecutor(connection)
executor.migrate([("dashboard", "0001_search_index")])
executor.migrate(leaves(executor, False) + leaves(executor, True))
steps = {"missing after every migration": sorted(search_index.missing_triggers(connection))}
executor.loader.build_graph()
executor.migrate([("dashboard", None)])
with connection.cursor() as cursor:
    cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE 'dashboard_search%'")
    steps["tables once removed"] = [row[0] for row in cursor.fetchall()]
executor.migrate(leaves(executor, True))
steps["missing once made again"] = sorted(search_index.missing_triggers(connection))
print(json.dumps(steps))
"""
