"""The search index: each kind of case's reference, names, summary and description, indexed
for full-text search and kept by the database itself, so every write is indexed in its own
transaction, whoever makes it (a screen, an import, a benchmark's bulk INSERT).

- SQLite: an FTS5 table for each kind (its rowid is the case's id), tokenizer unicode61 with
  no stemming and no folding of accents, its words the runs of letters and digits.
- PostgreSQL: a table for each kind of (case id, tsvector) with a GIN index. The words are
  split and lowercased as FTS5 splits and folds them and given to PostgreSQL as lexemes, so
  both databases hold the same words and give the same results (docs/decisions/0008).

Every trigger sits on its case's own table (or the complainants') and reads only NEW, OLD and
the index's own tables. On SQLite, Django alters a table by making a new one and renaming it,
and a trigger elsewhere that named the old table would make that rename fail. The remake does
drop the table's own triggers: `missing_triggers` finds that (a test checks it after every
migration), and a migration that remakes one of these tables calls `install_triggers` and
`rebuild` after it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from django.apps.registry import Apps
from django.core.exceptions import ImproperlyConfigured
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

#: What FTS5 counts as part of a word: letters and decimal digits (PostgreSQL's [[:alnum:]]
#: with an ICU collation is the same set). Everything else separates words.
TOKENIZER = "unicode61 remove_diacritics 0 categories 'L* Nd'"
#: FTS5 reads a prefix through an index of prefixes of these lengths, as quickly as a whole
#: word. A longer one gathers every word it begins (a common one, such as the "csc" of every
#: children's complaint reference, is a million rows at a million complaints): an index for
#: the short prefixes, the ones that begin most words, keeps a reference or an initial fast.
PREFIXES = "1 2 3 4"
#: A word longer than this is not indexed by PostgreSQL (its limit is 2,046 bytes).
LONGEST_WORD = 2046


@dataclass(frozen=True)
class Names:
    """A name kept in another table and found by a foreign key: a complaint's complainant."""

    key: str
    table: str
    column: str


@dataclass(frozen=True)
class Source:
    """One kind of case: its table and the columns of its own that are searched."""

    kind: str
    table: str
    columns: tuple[str, ...]
    names: Names | None = None

    @property
    def index(self) -> str:
        return f"dashboard_search_{self.kind}"


SOURCES: tuple[Source, ...] = (
    Source(
        "complaint",
        "complaints_complaint",
        ("reference", "summary", "description", "about_person"),
        Names("complainant_id", "complaints_complainant", "name"),
    ),
    Source(
        "informal",
        "complaints_informalcomplaint",
        ("reference", "complainant_name", "summary"),
    ),
    Source(
        "sar",
        "sars_subjectaccessrequest",
        ("reference", "requester_name", "data_subject_name", "records_sought"),
    ),
    Source(
        "ombudsman",
        "ombudsman_ombudsmancase",
        ("reference", "ombudsman_reference", "summary"),
    ),
    Source(
        "enquiry",
        "enquiries_enquiry",
        ("reference", "member_name", "constituent", "summary"),
    ),
    Source("compliment", "compliments_compliment", ("reference", "summary", "quote")),
)
SOURCE = {source.kind: source for source in SOURCES}


def words(text: str) -> list[str]:
    """The words of a search as the indexes split a document: runs of letters and decimal
    digits, lowercased. Punctuation separates words and is never passed to the database."""
    found: list[str] = []
    current: list[str] = []
    for char in text.lower():
        category = unicodedata.category(char)
        if category[0] == "L" or category == "Nd":
            current.append(char)
        elif current:
            found.append("".join(current))
            current = []
    if current:
        found.append("".join(current))
    return [word for word in found if len(word.encode()) <= LONGEST_WORD]


def match_sql(kind: str, vendor: str) -> str:
    """A subquery of the ids of one kind of case that match `match_text` (one parameter)."""
    index = SOURCE[kind].index
    if vendor == "postgresql":
        return f"SELECT case_id FROM {index} WHERE document @@ %s::tsquery"
    return f"SELECT rowid FROM {index} WHERE {index} MATCH %s"


def match_text(terms: list[str], vendor: str) -> str:
    """Every term must match, each as the start of a word. The terms are letters and digits
    only (`words`), so quoting them cannot go wrong."""
    if vendor == "postgresql":
        return " & ".join(f"'{term}':*" for term in terms)
    return " ".join(f'"{term}"*' for term in terms)


# --- Creating, checking and rebuilding the index ---------------------------------------------
#
# The migrations call these through RunPython (the vendor decides the SQL): `make_index` and
# `remove_index` in 0001, and `reinstall_triggers` after any later migration that remakes a
# searched table on SQLite (test_search_index.py fails until one does).


def make_index(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    create(schema_editor.connection)


def remove_index(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    drop(schema_editor.connection)


def reinstall_triggers(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    """Put back triggers a table remake dropped, and index what was written meanwhile."""
    install_triggers(schema_editor.connection)
    rebuild(schema_editor.connection)


def create(connection: BaseDatabaseWrapper) -> None:
    """Make the index's tables and triggers and index every case there is."""
    _run(connection, _sqlite_tables() if _is_sqlite(connection) else _postgres_tables())
    install_triggers(connection)
    rebuild(connection)


def drop(connection: BaseDatabaseWrapper) -> None:
    """Remove the index: its triggers, functions and tables."""
    if _is_sqlite(connection):
        statements = [f"DROP TRIGGER IF EXISTS {name}" for name, _ in _sqlite_triggers()]
        for source in SOURCES:
            statements.append(f"DROP TABLE IF EXISTS {source.index}")
            if source.names:
                statements.append(f"DROP TABLE IF EXISTS {source.index}_names")
                statements.append(f"DROP TABLE IF EXISTS {source.index}_owners")
    else:
        statements = [
            f"DROP TRIGGER IF EXISTS {name} ON {table}" for name, table, _ in _postgres_triggers()
        ]
        for source in SOURCES:
            statements.append(f"DROP TABLE IF EXISTS {source.index}")
            statements += [
                f"DROP FUNCTION IF EXISTS {source.index}_{action}()"
                for action in ("write", "erase", "clear", "rename")
            ]
        statements.append("DROP FUNCTION IF EXISTS dashboard_search_vector(text)")
    _run(connection, statements)


def install_triggers(connection: BaseDatabaseWrapper) -> None:
    """(Re)make every trigger that keeps the index; safe to run again."""
    if _is_sqlite(connection):
        statements = []
        for name, sql in _sqlite_triggers():
            statements += [f"DROP TRIGGER IF EXISTS {name}", sql]
    else:
        statements = _postgres_functions(connection)
        for name, table, sql in _postgres_triggers():
            statements += [f"DROP TRIGGER IF EXISTS {name} ON {table}", sql]
    _run(connection, statements)


def rebuild(connection: BaseDatabaseWrapper) -> None:
    """Index every case afresh from its table (after `install_triggers`)."""
    _run(connection, _sqlite_rebuild() if _is_sqlite(connection) else _postgres_rebuild())


def expected_triggers(vendor: str) -> set[str]:
    if vendor == "sqlite":
        return {name for name, _ in _sqlite_triggers()}
    return {name for name, _, _ in _postgres_triggers()}


def missing_triggers(connection: BaseDatabaseWrapper) -> set[str]:
    """The index's triggers that are not in the database (a table remade on SQLite)."""
    with connection.cursor() as cursor:
        if _is_sqlite(connection):
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        present = {row[0] for row in cursor.fetchall()}
    return expected_triggers(connection.vendor) - present


def _is_sqlite(connection: BaseDatabaseWrapper) -> bool:
    if connection.vendor not in ("sqlite", "postgresql"):
        raise ImproperlyConfigured(
            f"Heard's search index needs SQLite or PostgreSQL, not {connection.vendor}"
        )
    return connection.vendor == "sqlite"


def _run(connection: BaseDatabaseWrapper, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


# --- SQLite: FTS5 -------------------------------------------------------------------------


def _sqlite_text(source: Source, row: str) -> str:
    return " || ' ' || ".join(f"coalesce({row}.{column}, '')" for column in source.columns)


def _sqlite_tables() -> list[str]:
    statements = []
    for source in SOURCES:
        columns = "body, name" if source.names else "body"
        statements.append(
            f"CREATE VIRTUAL TABLE {source.index} USING fts5({columns}, "
            f"tokenize = \"{TOKENIZER}\", detail = none, prefix = '{PREFIXES}')"
        )
        if source.names:
            # The names by their own id, and which name each case has, so that a trigger on
            # one table never reads the other (see the module's docstring).
            statements += [
                f"CREATE TABLE {source.index}_names (id integer PRIMARY KEY, name text NOT NULL)",
                f"CREATE TABLE {source.index}_owners "
                "(case_id integer PRIMARY KEY, name_id integer NOT NULL)",
                f"CREATE INDEX {source.index}_owners_name ON {source.index}_owners (name_id)",
            ]
    return statements


def _sqlite_index_row(source: Source) -> str:
    """The trigger statements that (re)index the case in NEW."""
    index = source.index
    if source.names is None:
        return (
            f"DELETE FROM {index} WHERE rowid = new.id; "
            f"INSERT INTO {index} (rowid, body) VALUES (new.id, {_sqlite_text(source, 'new')}); "
        )
    key = source.names.key
    return (
        f"DELETE FROM {index} WHERE rowid = new.id; "
        f"INSERT INTO {index} (rowid, body, name) VALUES (new.id, {_sqlite_text(source, 'new')}, "
        f"coalesce((SELECT name FROM {index}_names WHERE id = new.{key}), '')); "
        f"INSERT OR REPLACE INTO {index}_owners (case_id, name_id) VALUES (new.id, new.{key}); "
    )


def _sqlite_triggers() -> Iterator[tuple[str, str]]:
    for source in SOURCES:
        index, table = source.index, source.table
        watched = list(source.columns) + ([source.names.key] if source.names else [])
        changed = " OR ".join(f"old.{column} IS NOT new.{column}" for column in watched)
        forget = f"DELETE FROM {index} WHERE rowid = old.id; "
        if source.names:
            forget += f"DELETE FROM {index}_owners WHERE case_id = old.id; "
        yield (
            f"{index}_insert",
            f"CREATE TRIGGER {index}_insert AFTER INSERT ON {table} "
            f"BEGIN {_sqlite_index_row(source)}END",
        )
        yield (
            f"{index}_update",
            f"CREATE TRIGGER {index}_update AFTER UPDATE OF {', '.join(watched)} ON {table} "
            f"WHEN {changed} BEGIN {_sqlite_index_row(source)}END",
        )
        yield (
            f"{index}_delete",
            f"CREATE TRIGGER {index}_delete AFTER DELETE ON {table} BEGIN {forget}END",
        )
        if source.names:
            names, column = source.names.table, source.names.column
            yield (
                f"{index}_name_insert",
                f"CREATE TRIGGER {index}_name_insert AFTER INSERT ON {names} BEGIN "
                f"INSERT OR REPLACE INTO {index}_names (id, name) "
                f"VALUES (new.id, coalesce(new.{column}, '')); END",
            )
            yield (
                f"{index}_name_update",
                f"CREATE TRIGGER {index}_name_update AFTER UPDATE OF {column} ON {names} "
                f"WHEN old.{column} IS NOT new.{column} BEGIN "
                f"UPDATE {index}_names SET name = coalesce(new.{column}, '') WHERE id = new.id; "
                f"UPDATE {index} SET name = coalesce(new.{column}, '') WHERE rowid IN "
                f"(SELECT case_id FROM {index}_owners WHERE name_id = new.id); END",
            )
            yield (
                f"{index}_name_delete",
                f"CREATE TRIGGER {index}_name_delete AFTER DELETE ON {names} BEGIN "
                f"DELETE FROM {index}_names WHERE id = old.id; END",
            )


def _sqlite_rebuild() -> list[str]:
    statements = []
    for source in SOURCES:
        index, table = source.index, source.table
        statements.append(f"DELETE FROM {index}")
        if source.names is None:
            statements.append(
                f"INSERT INTO {index} (rowid, body) "
                f"SELECT s.id, {_sqlite_text(source, 's')} FROM {table} s"
            )
        else:
            key, names, column = source.names.key, source.names.table, source.names.column
            statements += [
                f"DELETE FROM {index}_names",
                f"DELETE FROM {index}_owners",
                f"INSERT INTO {index}_names (id, name) SELECT id, coalesce({column}, '') "
                f"FROM {names}",
                f"INSERT INTO {index}_owners (case_id, name_id) SELECT id, {key} FROM {table}",
                f"INSERT INTO {index} (rowid, body, name) "
                f"SELECT s.id, {_sqlite_text(source, 's')}, coalesce(n.name, '') "
                f"FROM {table} s LEFT JOIN {index}_names n ON n.id = s.{key}",
            ]
        statements.append(f"INSERT INTO {index} ({index}) VALUES ('optimize')")
    return statements


# --- PostgreSQL: tsvector and GIN --------------------------------------------------------


def _postgres_tables() -> list[str]:
    statements = []
    for source in SOURCES:
        statements += [
            f"CREATE TABLE {source.index} (case_id bigint PRIMARY KEY, document tsvector NOT NULL)",
            f"CREATE INDEX {source.index}_document ON {source.index} USING gin (document)",
        ]
    return statements


def _postgres_functions(connection: BaseDatabaseWrapper) -> list[str]:
    # Lowercase and split by Unicode's rules whatever the database's locale (the test cluster
    # runs in the C locale, where lower() and [[:alnum:]] know only ASCII): ICU's root
    # collation where the server has ICU, as Debian's and the cloud providers' builds do.
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu'")
        collate = ' COLLATE "und-x-icu"' if cursor.fetchone() else ""
    statements = [
        "CREATE OR REPLACE FUNCTION dashboard_search_vector(document text) RETURNS tsvector "
        "LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ "
        "SELECT array_to_tsvector(ARRAY(SELECT DISTINCT word FROM regexp_split_to_table("
        f"lower(document{collate}), '[^[:alnum:]]+') AS word "
        f"WHERE word <> '' AND octet_length(word) <= {LONGEST_WORD})) $$"
    ]
    for source in SOURCES:
        index = source.index
        bodies = {
            "write": f"{_postgres_refresh(source, 's.id = NEW.id')};",
            "erase": f"DELETE FROM {index} WHERE case_id = OLD.id;",
            "clear": f"TRUNCATE {index};",
        }
        if source.names:
            bodies["rename"] = f"{_postgres_refresh(source, f's.{source.names.key} = NEW.id')};"
        statements += [
            f"CREATE OR REPLACE FUNCTION {index}_{action}() RETURNS trigger "
            f"LANGUAGE plpgsql AS $$ BEGIN {body} RETURN NULL; END $$"
            for action, body in bodies.items()
        ]
    return statements


def _postgres_refresh(source: Source, where: str) -> str:
    """Index the cases of `source` that `where` picks (the table is `s`)."""
    columns = [f"s.{column}" for column in source.columns]
    joined = ""
    if source.names:
        columns.append(f"n.{source.names.column}")
        joined = f" LEFT JOIN {source.names.table} n ON n.id = s.{source.names.key}"
    return (
        f"INSERT INTO {source.index} (case_id, document) "
        f"SELECT s.id, dashboard_search_vector(concat_ws(' ', {', '.join(columns)})) "
        f"FROM {source.table} s{joined} WHERE {where} "
        "ON CONFLICT (case_id) DO UPDATE SET document = EXCLUDED.document"
    )


def _postgres_triggers() -> Iterator[tuple[str, str, str]]:
    for source in SOURCES:
        index, table = source.index, source.table
        watched = list(source.columns) + ([source.names.key] if source.names else [])
        changed = " OR ".join(f"OLD.{column} IS DISTINCT FROM NEW.{column}" for column in watched)
        row = "FOR EACH ROW EXECUTE FUNCTION"
        yield (
            f"{index}_insert",
            table,
            f"CREATE TRIGGER {index}_insert AFTER INSERT ON {table} {row} {index}_write()",
        )
        yield (
            f"{index}_update",
            table,
            f"CREATE TRIGGER {index}_update AFTER UPDATE OF {', '.join(watched)} ON {table} "
            f"FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION {index}_write()",
        )
        yield (
            f"{index}_delete",
            table,
            f"CREATE TRIGGER {index}_delete AFTER DELETE ON {table} {row} {index}_erase()",
        )
        # A flush between browser tests truncates the tables, which fires no row trigger.
        yield (
            f"{index}_truncate",
            table,
            f"CREATE TRIGGER {index}_truncate AFTER TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {index}_clear()",
        )
        if source.names:
            names, column = source.names.table, source.names.column
            yield (
                f"{index}_name_update",
                names,
                f"CREATE TRIGGER {index}_name_update AFTER UPDATE OF {column} ON {names} "
                f"FOR EACH ROW WHEN (OLD.{column} IS DISTINCT FROM NEW.{column}) "
                f"EXECUTE FUNCTION {index}_rename()",
            )


def _postgres_rebuild() -> list[str]:
    statements = []
    for source in SOURCES:
        statements += [f"TRUNCATE {source.index}", _postgres_refresh(source, "TRUE")]
    return statements
