"""The DuckDB store: idempotent upserts of articles, mentions and events, one transaction per batch."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from allymap.errors import StoreError
from allymap.records import EVENT_FIELDS, Document, Event, Mention, Removal, Segment
from allymap.registry import stores
from allymap.store.schema import VERSION, current_version, migrate
from allymap.store.search import EventFilter, actor_counts, article_row, find_events, fingerprint

ARTICLE_COLUMNS: tuple[str, ...] = (
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
MENTION_COLUMNS: tuple[str, ...] = (
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
# The EVENTS.md fields, with the article they come from and the extractor that found them.
EVENT_COLUMNS: tuple[str, ...] = ("id", "article_id", *EVENT_FIELDS[1:], "extractor")
COLUMNS = {"articles": ARTICLE_COLUMNS, "mentions": MENTION_COLUMNS, "events": EVENT_COLUMNS}
KEYS = {"articles": ("id",), "mentions": ("article_id", "start", "end"), "events": ("id",)}

Batch = Sequence[tuple[Document, Sequence[Mention], Sequence[Event]]]


def _q(column: str) -> str:
    return f'"{column}"'


class Store:
    """A DuckDB file holding articles (original and cleaned), actor mentions and events.

    Every write is one transaction (`transaction()` groups several): a failed or interrupted write leaves
    what was stored before it as it was. Articles are keyed by their content hash and never rewritten,
    so ingesting the same text twice stores it once; mentions and events are upserted by their keys."""

    def __init__(
        self, path: str | Path = "allymap.duckdb", read_only: bool = False, memory_limit: str | None = None
    ) -> None:
        """`memory_limit` caps DuckDB's buffer pool (e.g. "512MB"; it spills to disk beyond it); by default
        DuckDB may take 80% of RAM, which a long ingest would slowly fill with cached pages."""
        self.path = str(path)
        self.read_only = read_only
        self._depth = 0
        if read_only and not Path(self.path).is_file():
            raise StoreError("no such database", self.path)
        try:
            # SET, not a connect() config: DuckDB refuses a second connection of one process to a file with
            # another configuration (a server's connection, then its ingest's).
            self.con = duckdb.connect(self.path, read_only=read_only)
            if memory_limit:
                self.con.execute(f"SET memory_limit = '{memory_limit}'")
        except (duckdb.Error, OSError) as exc:
            raise StoreError(f"cannot open the database ({exc})", self.path) from None
        try:
            if not read_only:
                migrate(self.con)
            elif (version := current_version(self.con)) != VERSION:
                raise StoreError(
                    f"database schema is version {version}, this allymap needs {VERSION}: "
                    "open it once for writing to migrate it",
                    self.path,
                )
        except BaseException:
            self.con.close()
            raise

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    @property
    def version(self) -> int:
        return current_version(self.con)

    def cursor(self) -> Store:
        """A Store over a new cursor of this connection, for another thread (DuckDB connections must not
        be shared between threads; cursors of one connection may run at the same time)."""
        other = object.__new__(Store)
        other.path, other.read_only, other._depth = self.path, self.read_only, 0
        other.con = self.con.cursor()
        return other

    # -- writing -----------------------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """One transaction around the writes in the block (nested blocks join the outer one): all of them
        are stored, or, on any error or interruption, none."""
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self.con.execute("BEGIN TRANSACTION")
        self._depth = 1
        try:
            yield self
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        else:
            self.con.execute("COMMIT")
        finally:
            self._depth = 0

    def upsert_documents(self, documents: Iterable[Document]) -> int:
        """Store cleaned documents; an article already stored (same content hash) is left as it is.
        Returns how many were new."""
        given = list(documents)
        stored = self.stored_ids(d.article_id for d in given)
        fresh: dict[str, Document] = {}
        for d in given:
            if d.article_id not in fresh and d.article_id not in stored:
                fresh[d.article_id] = d
        if fresh:
            with self.transaction():
                self._insert("articles", [document_row(d) for d in fresh.values()])
        return len(fresh)

    def upsert_mentions(self, article_id: str, mentions: Iterable[Mention], replace: bool = False) -> int:
        """Store the mentions of a stored article, keyed by (article_id, start, end): a mention already
        there is updated. `replace` first drops the article's other mentions. Returns the rows written."""
        doc = self._doc_of(article_id)
        rows = [mention_values(article_id, doc, m) for m in mentions]
        with self.transaction():
            if replace:
                self.con.execute("DELETE FROM mentions WHERE article_id = ?", [article_id])
            return self._insert("mentions", rows, update=True)

    def upsert_events(self, article_id: str, events: Iterable[Event], replace: bool = False) -> int:
        """Store the events of a stored article, keyed by Event.id: an event already there is updated.
        `replace` first drops the events this article has from the same extractor(s), so a new run of an
        extractor replaces its previous one. Returns the rows written."""
        doc = self._doc_of(article_id)
        events = list(events)
        rows = [event_values(article_id, doc, e) for e in events]
        with self.transaction():
            if replace:
                for extractor in sorted({e.extractor for e in events}):
                    self.con.execute(
                        "DELETE FROM events WHERE article_id = ? AND extractor = ?", [article_id, extractor]
                    )
            return self._insert("events", rows, update=True)

    def write_batch(self, batch: Batch) -> int:
        """Store documents with their mentions and events in one transaction; returns how many documents
        were new. An article already stored (same content hash) is skipped with its mentions and events."""
        stored = self.stored_ids(d.article_id for d, _, _ in batch)
        fresh: dict[str, tuple[Document, Sequence[Mention], Sequence[Event]]] = {}
        for item in batch:
            article_id = item[0].article_id
            if article_id not in fresh and article_id not in stored:
                fresh[article_id] = item
        if not fresh:
            return 0
        items = list(fresh.values())
        with self.transaction():
            self._insert("articles", [document_row(d) for d, _, _ in items])
            self._insert("mentions", [mention_row(d, m) for d, ms, _ in items for m in ms], update=True)
            self._insert("events", [event_row(d, e) for d, _, es in items for e in es], update=True)
        return len(fresh)

    def _doc_of(self, article_id: str) -> str:
        row = self.con.execute("SELECT doc FROM articles WHERE id = ?", [article_id]).fetchone()
        if row is None:
            raise StoreError(f"no article {article_id!r}: store its document first", self.path)
        return str(row[0])

    def _insert(self, table: str, rows: list[list[Any]], update: bool = False) -> int:
        """Insert rows through one Arrow table (far faster than row by row). A row whose key is stored
        already is skipped, or, with `update`, overwrites the stored one. Returns the rows given."""
        if not rows:
            return 0
        import pyarrow as pa

        columns = COLUMNS[table]
        keys = [columns.index(k) for k in KEYS[table]]
        unique = list({tuple(row[i] for i in keys): row for row in rows}.values())  # the last of a key wins
        names = ", ".join(_q(c) for c in columns)
        schema = self.con.sql(f"SELECT {names} FROM {table} LIMIT 0").to_arrow_table().schema
        arrow = pa.Table.from_pylist([dict(zip(columns, row, strict=True)) for row in unique], schema=schema)
        if update:
            sets = ", ".join(f"{_q(c)} = excluded.{_q(c)}" for c in columns if c not in KEYS[table])
            conflict = f"ON CONFLICT ({', '.join(_q(k) for k in KEYS[table])}) DO UPDATE SET {sets}"
        else:
            conflict = "ON CONFLICT DO NOTHING"
        self.con.register("_incoming", arrow)
        try:
            with self.transaction():
                self.con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _incoming {conflict}")
        finally:
            self.con.unregister("_incoming")
        return len(unique)

    def merge_parquet(self, folder: str | Path) -> dict[str, int]:
        """Merge Parquet parts written by workers (folder/articles, mentions, events) in one transaction;
        rows already stored are left as they are. Returns the number of new rows per table."""
        base = Path(folder)
        before = self.counts()
        with self.transaction():
            for table in ("articles", "mentions", "events"):
                parts = sorted((base / table).glob("*.parquet"))
                if not parts:
                    continue
                files = "[" + ", ".join("'" + p.as_posix().replace("'", "''") + "'" for p in parts) + "]"
                names = ", ".join(_q(c) for c in COLUMNS[table])
                self.con.execute(
                    f"INSERT INTO {table} ({names}) SELECT {names} FROM read_parquet({files}) "
                    "ON CONFLICT DO NOTHING"
                )
        after = self.counts()
        return {k: after[k] - before[k] for k in after}

    # -- reading -----------------------------------------------------------------------------------------
    def stored_ids(self, article_ids: Iterable[str]) -> set[str]:
        """Which of these article ids are stored (one query)."""
        ids = list(set(article_ids))
        if not ids:
            return set()
        rows = self.con.execute(
            "SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]
        ).fetchall()
        return {str(r[0]) for r in rows}

    def has_article(self, article_id: str) -> bool:
        return self.con.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None

    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("articles", "mentions", "events"):
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        return out

    def articles(self, article: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Stored articles (the one whose id, id prefix or document name is `article`, when given), newest
        ingest first: id, doc, origin, title, lang, published, domain, url, chars, removed_lines, text."""
        sql = (
            "SELECT id, doc, origin, title, lang, published, domain, url, length(text) AS chars, "
            "json_array_length(removed) AS removed_lines, text, ingested_at FROM articles"
        )
        params: list[Any] = []
        if article:
            sql += " WHERE id = ? OR doc = ? OR starts_with(id, ?)"
            params = [article, article, article]
        sql += " ORDER BY ingested_at DESC, doc, id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        cur = self.con.execute(sql, params)
        names = [c[0] for c in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def document(self, article_id: str) -> Document | None:
        """The stored Document of an article, with its segments and removals."""
        row = self.con.execute(
            "SELECT id, doc, text, original, title, lang, published, segments, removed, url, domain, origin "
            "FROM articles WHERE id = ?",
            [article_id],
        ).fetchone()
        if row is None:
            return None
        return Document(
            article_id=row[0],
            doc=row[1],
            text=row[2],
            original=row[3],
            title=row[4],
            lang=row[5],
            published=row[6],
            segments=tuple(Segment(**s) for s in json.loads(row[7] or "[]")),
            removed=tuple(Removal(**r) for r in json.loads(row[8] or "[]")),
            url=row[9],
            domain=row[10],
            origin=row[11] or "",
        )

    def iter_events(
        self,
        doc: str | None = None,
        article_id: str | None = None,
        extractor: str | None = None,
        kind: str | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Event records as EVENTS.md (plus article_id and extractor), in document and offset order,
        optionally only those of a document, an article, an extractor or a kind (event | relation)."""
        where, params = _filters({"doc": doc, "article_id": article_id, "extractor": extractor, "kind": kind})
        sql = f"SELECT {', '.join(_q(c) for c in EVENT_COLUMNS)} FROM events{where}"
        cur = self.con.execute(sql + ' ORDER BY doc, start, "end", id', params)
        while rows := cur.fetchmany(1000):
            for row in rows:
                yield dict(zip(EVENT_COLUMNS, row, strict=True))

    def events(self, **filters: str | None) -> list[Event]:
        """Stored events as Event records (the filters of `iter_events`)."""
        return [Event.from_record(r, r.get("extractor") or "") for r in self.iter_events(**filters)]

    def find_events(
        self, where: EventFilter | None = None, limit: int = 100, offset: int = 0
    ) -> tuple[int, list[dict[str, Any]]]:
        """(total, page) of the events matching a filter, by day, document and offset (see store.search)."""
        return find_events(self.con, where or EventFilter(), limit, offset)

    def actor_counts(self) -> dict[str, int]:
        """Actor codes named in stored events, with their number of events."""
        return actor_counts(self.con)

    def article(self, key: str) -> dict[str, Any] | None:
        """One stored article by id (else document name), with its cleaned text."""
        return article_row(self.con, key)

    def fingerprint(self) -> tuple[Any, ...]:
        """A value that changes whenever articles, mentions or events are written."""
        return fingerprint(self.con)

    def iter_mentions(
        self, article_id: str | None = None, doc: str | None = None
    ) -> Iterator[dict[str, Any]]:
        """Stored mentions (of an article or a document, when given), in document and offset order."""
        where, params = _filters({"article_id": article_id, "doc": doc})
        cur = self.con.execute(f'SELECT * FROM mentions{where} ORDER BY doc, start, "end"', params)
        names = [c[0] for c in cur.description]
        while rows := cur.fetchmany(1000):
            for row in rows:
                yield dict(zip(names, row, strict=True))


def _filters(values: dict[str, str | None]) -> tuple[str, list[Any]]:
    given = {k: v for k, v in values.items() if v is not None}
    if not given:
        return "", []
    return " WHERE " + " AND ".join(f"{_q(k)} = ?" for k in given), list(given.values())


def document_row(d: Document) -> list[Any]:
    """The articles row of a document, in ARTICLE_COLUMNS order."""
    return [
        d.article_id,
        d.doc,
        d.origin or None,
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
    """The mentions row of a mention of a document, in MENTION_COLUMNS order."""
    return mention_values(d.article_id, d.doc, m)


def mention_values(article_id: str, doc: str, m: Mention) -> list[Any]:
    return [
        article_id,
        m.doc or doc,
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
    """The events row of an event of a document, in EVENT_COLUMNS order."""
    return event_values(d.article_id, d.doc, e)


def event_values(article_id: str, doc: str, e: Event) -> list[Any]:
    record = e.to_record()
    record["doc"] = record["doc"] or doc
    return [record["id"], article_id, *(record[f] for f in EVENT_FIELDS[1:]), e.extractor]


@stores.register("duckdb")
def _make_duckdb(path: str | Path = "allymap.duckdb", read_only: bool = False) -> Store:
    return Store(path, read_only)
