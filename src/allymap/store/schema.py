"""The DuckDB schema as an ordered list of migrations; a file records the version it has reached."""

from __future__ import annotations

from typing import Any

# Migration N brings a database from version N-1 to N. Append new ones; never edit an applied one.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE articles (
            id VARCHAR PRIMARY KEY, doc VARCHAR NOT NULL, origin VARCHAR, title VARCHAR, lang VARCHAR,
            published VARCHAR, url VARCHAR, domain VARCHAR, original VARCHAR NOT NULL, text VARCHAR NOT NULL,
            segments JSON, removed JSON, ingested_at TIMESTAMP DEFAULT current_timestamp)""",
    ),
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
)
VERSION = len(MIGRATIONS)


def current_version(con: Any, create: bool = True) -> int:
    """The schema version a database has reached (0 for a new one)."""
    if create:
        con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    elif not con.execute(
        "SELECT 1 FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchone():
        return 0
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def migrate(con: Any, target: int = VERSION) -> int:
    """Apply the migrations a database lacks, each in its own transaction; returns the new version."""
    version = current_version(con)
    while version < target:
        con.execute("BEGIN TRANSACTION")
        try:
            for statement in MIGRATIONS[version]:
                con.execute(statement)
            con.execute("INSERT INTO schema_version VALUES (?)", [version + 1])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        version += 1
    return version
