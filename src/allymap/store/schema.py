"""The DuckDB schema as an ordered list of migrations; a file records the version it has reached."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Migration:
    """The statements that bring a database from `version - 1` to `version`."""

    version: int
    note: str
    statements: tuple[str, ...]


# Append new migrations; never edit one that has shipped (files in the field have applied it). A later
# version adds a table, a column (ALTER TABLE ... ADD COLUMN ... DEFAULT ...) or an index.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "articles: the original text, the cleaned text and the map between them",
        (
            """CREATE TABLE articles (
            id VARCHAR PRIMARY KEY, doc VARCHAR NOT NULL, origin VARCHAR, title VARCHAR, lang VARCHAR,
            published VARCHAR, url VARCHAR, domain VARCHAR, original VARCHAR NOT NULL, text VARCHAR NOT NULL,
            segments JSON, removed JSON, ingested_at TIMESTAMP DEFAULT current_timestamp)""",
        ),
    ),
    Migration(
        2,
        "mentions keyed by (article_id, start, end); events keyed by their content-hash id",
        (
            """CREATE TABLE mentions (
            article_id VARCHAR NOT NULL, doc VARCHAR NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            text VARCHAR NOT NULL, code VARCHAR, kind VARCHAR, role VARCHAR, person VARCHAR,
            candidates VARCHAR[], note VARCHAR, PRIMARY KEY (article_id, start, "end"))""",
            """CREATE TABLE events (
            id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, doc VARCHAR NOT NULL, kind VARCHAR NOT NULL,
            type VARCHAR NOT NULL, mode VARCHAR, source VARCHAR[] NOT NULL, target VARCHAR[] NOT NULL,
            source_text VARCHAR[], target_text VARCHAR[], "symmetric" BOOLEAN, negated BOOLEAN,
            modality VARCHAR, claimed_by VARCHAR[], date VARCHAR, evidence VARCHAR, start INTEGER,
            "end" INTEGER, confidence DOUBLE, extractor VARCHAR)""",
            "CREATE INDEX events_article ON events (article_id)",
        ),
    ),
)
VERSION = len(MIGRATIONS)


def _check_order(migrations: tuple[Migration, ...]) -> None:
    for expected, migration in enumerate(migrations, 1):
        if migration.version != expected:
            raise RuntimeError(f"migration {migration.version} stands where {expected} should")


def has_table(con: Any, name: str) -> bool:
    row = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ? AND table_schema = 'main'",
        [name],
    ).fetchone()
    return bool(row and row[0])


def current_version(con: Any) -> int:
    """The schema version of a database (0 for a new, empty one). Reads only: safe on a read-only file."""
    if not has_table(con, "schema_version"):
        return 0
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def migrate(con: Any, target: int = VERSION) -> int:
    """Apply the migrations a database lacks, each in its own transaction (an interrupted migration leaves
    the database at the version before it); returns the version reached."""
    _check_order(MIGRATIONS)
    if target > VERSION:
        raise ValueError(f"no migration to version {target} (the latest is {VERSION})")
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_version "
        "(version INTEGER NOT NULL, applied_at TIMESTAMP DEFAULT current_timestamp)"
    )
    version = current_version(con)
    while version < target:
        migration = MIGRATIONS[version]
        con.execute("BEGIN TRANSACTION")
        try:
            for statement in migration.statements:
                con.execute(statement)
            con.execute("INSERT INTO schema_version (version) VALUES (?)", [migration.version])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        version = migration.version
    return version
