"""The DuckDB store: idempotent upserts of articles, mentions and events, one transaction per batch."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from allymap.errors import StoreError
from allymap.records import EVENT_FIELDS, Document, Event, Mention, Removal, Segment
from allymap.registry import stores
from allymap.store.schema import VERSION, current_version, migrate

# The EVENTS.md fields, with the article they come from and the extractor that found them.
EVENT_COLUMNS: tuple[str, ...] = ("id", "article_id", *EVENT_FIELDS[1:], "extractor")


ARTICLE_COLUMNS = (
    "id",
    "doc",
    "origin",
    "title",
    "lang",
    "published",
    "url",
    "domain",
    "original",
    "text",
    "segments",
    "removed",
)
MENTION_COLUMNS = (
    "article_id",
    "doc",
    "start",
    "end",
    "text",
    "code",
    "kind",
    "role",
    "person",
    "candidates",
    "note",
)
COLUMNS = {"articles": ARTICLE_COLUMNS, "mentions": MENTION_COLUMNS, "events": EVENT_COLUMNS}


def _q(column: str) -> str:
    return f'"{column}"'


class Store:
    """A DuckDB file holding articles (original and cleaned), actor mentions and events."""

    def __init__(self, path: str | Path = "allymap.duckdb", read_only: bool = False) -> None:
        self.path = str(path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except (duckdb.Error, OSError) as exc:
            raise StoreError(f"cannot open the database ({exc})", self.path) from None
        if not read_only:
            migrate(self.con)
        elif current_version(self.con, create=False) != VERSION:
            raise StoreError("database schema is out of date: open it once for writing", self.path)

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- writing -----------------------------------------------------------------------------------------
    def write_batch(self, batch: Sequence[tuple[Document, Sequence[Mention], Sequence[Event]]]) -> int:
        """Store documents with their mentions and events in one transaction; returns how many documents
        were new. An article already stored (same content hash) is left as it is."""
        fresh: list[tuple[Document, Sequence[Mention], Sequence[Event]]] = []
        ids: set[str] = set()
        for item in batch:
            article_id = item[0].article_id
            if article_id not in ids and not self.has_article(article_id):
                ids.add(article_id)
                fresh.append(item)
        if not fresh:
            return 0
        rows = {
            "articles": [document_row(d) for d, _, _ in fresh],
            "mentions": [mention_row(d, m) for d, ms, _ in fresh for m in ms],
            "events": [event_row(d, e) for d, _, es in fresh for e in es],
        }
        self.con.execute("BEGIN TRANSACTION")
        try:
            for table, values in rows.items():
                if values:
                    self._bulk_insert(table, values)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return len(fresh)

    def _bulk_insert(self, table: str, values: list[list[Any]]) -> None:
        """Insert rows through one Arrow table (far faster than row-by-row inserts)."""
        import pyarrow as pa

        columns = COLUMNS[table]
        select = f"SELECT {', '.join(_q(c) for c in columns)} FROM {table} LIMIT 0"
        schema = self.con.sql(select).to_arrow_table().schema
        arrow = pa.Table.from_pylist([dict(zip(columns, row, strict=True)) for row in values], schema=schema)
        self.con.register("_incoming", arrow)
        try:
            names = ", ".join(_q(c) for c in columns)
            self.con.execute(
                f"INSERT INTO {table} ({names}) SELECT {names} FROM _incoming ON CONFLICT DO NOTHING"
            )
        finally:
            self.con.unregister("_incoming")

    def has_article(self, article_id: str) -> bool:
        return self.con.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None

    def _insert_document(self, d: Document) -> None:
        self.con.execute(
            "INSERT INTO articles (id, doc, origin, title, lang, published, url, domain, original, text, "
            "segments, removed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            document_row(d),
        )

    def _insert_mentions(self, d: Document, mentions: Iterable[Mention]) -> None:
        rows = [mention_row(d, m) for m in mentions]
        if rows:
            self.con.executemany(
                "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", rows
            )

    def _insert_events(self, d: Document, events: Iterable[Event]) -> None:
        rows = [event_row(d, e) for e in events]
        if rows:
            cols = ", ".join(_q(c) for c in EVENT_COLUMNS)
            marks = ", ".join("?" for _ in EVENT_COLUMNS)
            self.con.executemany(f"INSERT INTO events ({cols}) VALUES ({marks}) ON CONFLICT DO NOTHING", rows)

    def merge_parquet(self, folder: str | Path) -> dict[str, int]:
        """Merge Parquet parts written by workers (folder/articles, mentions, events) in one transaction;
        rows already stored are left as they are. Returns the number of new rows per table."""
        base = Path(folder)
        before = self.counts()
        self.con.execute("BEGIN TRANSACTION")
        try:
            for table in ("articles", "mentions", "events"):
                parts = sorted((base / table).glob("*.parquet"))
                if not parts:
                    continue
                files = "[" + ", ".join(f"'{p.as_posix()}'" for p in parts) + "]"
                cols = self.con.execute(f"SELECT * FROM {table} LIMIT 0").description
                names = ", ".join(_q(c[0]) for c in cols if c[0] != "ingested_at")
                self.con.execute(
                    f"INSERT INTO {table} ({names}) SELECT {names} FROM read_parquet({files}) "
                    "ON CONFLICT DO NOTHING"
                )
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        after = self.counts()
        return {k: after[k] - before[k] for k in after}

    # -- reading -----------------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("articles", "mentions", "events"):
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        return out

    def articles(self, article: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Stored articles (by id or doc name when given), newest ingest first."""
        sql = (
            "SELECT id, doc, title, lang, published, domain, url, length(text) AS chars, "
            "json_array_length(removed) AS removed_lines, text, ingested_at FROM articles"
        )
        params: list[Any] = []
        if article:
            sql += " WHERE id = ? OR doc = ? OR id LIKE ?"
            params = [article, article, f"{article}%"]
        sql += " ORDER BY ingested_at DESC, doc"
        if limit:
            sql += f" LIMIT {int(limit)}"
        cur = self.con.execute(sql, params)
        names = [c[0] for c in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def document(self, article_id: str) -> Document | None:
        row = self.con.execute(
            "SELECT id, doc, text, original, title, lang, published, segments, removed, url, domain "
            "FROM articles WHERE id = ?",
            [article_id],
        ).fetchone()
        if row is None:
            return None
        segments = tuple(Segment(**s) for s in json.loads(row[7] or "[]"))
        removed = tuple(Removal(**r) for r in json.loads(row[8] or "[]"))
        return Document(
            row[0], row[1], row[2], row[3], row[4], row[5], row[6], segments, removed, row[9], row[10]
        )

    def iter_events(self, doc: str | None = None) -> Iterator[dict[str, Any]]:
        """Event records as EVENTS.md (plus article_id, extractor), in document and offset order."""
        sql = f"SELECT {', '.join(_q(c) for c in EVENT_COLUMNS)} FROM events"
        params: list[Any] = []
        if doc:
            sql += " WHERE doc = ?"
            params.append(doc)
        cur = self.con.execute(sql + ' ORDER BY doc, start, "end", id', params)
        for row in cur.fetchall():
            yield dict(zip(EVENT_COLUMNS, row, strict=True))

    def iter_mentions(self, article_id: str | None = None) -> Iterator[dict[str, Any]]:
        sql = "SELECT * FROM mentions"
        params: list[Any] = []
        if article_id:
            sql += " WHERE article_id = ?"
            params.append(article_id)
        cur = self.con.execute(sql + " ORDER BY doc, start", params)
        names = [c[0] for c in cur.description]
        for row in cur.fetchall():
            yield dict(zip(names, row, strict=True))


def document_row(d: Document) -> list[Any]:
    return [
        d.article_id,
        d.doc,
        None,
        d.title,
        d.lang,
        d.published,
        d.url,
        d.domain,
        d.original,
        d.text,
        json.dumps([asdict(s) for s in d.segments]),
        json.dumps([asdict(r) for r in d.removed], ensure_ascii=False),
    ]


def mention_row(d: Document, m: Mention) -> list[Any]:
    return [
        d.article_id,
        m.doc or d.doc,
        m.start,
        m.end,
        m.text,
        m.code,
        m.kind,
        m.role,
        m.person,
        list(m.candidates),
        m.note,
    ]


def event_row(d: Document, e: Event) -> list[Any]:
    r = e.to_record()
    return [
        r["id"],
        d.article_id,
        r["doc"],
        r["kind"],
        r["type"],
        r["mode"],
        r["source"],
        r["target"],
        r["source_text"],
        r["target_text"],
        r["symmetric"],
        r["negated"],
        r["modality"],
        r["claimed_by"],
        r["date"],
        r["evidence"],
        r["start"],
        r["end"],
        r["confidence"],
        e.extractor,
    ]


@stores.register("duckdb")
def _make_duckdb(path: str | Path = "allymap.duckdb", read_only: bool = False) -> Store:
    return Store(path, read_only)
