"""Where the graph's inputs come from: a DuckDB store, event JSONL files or records, and article files."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from allymap.errors import InputError
from allymap.graph.model import ArticleInfo
from allymap.records import Article, Document, Event

EventSource = str | Path | Iterable[Event | Mapping[str, Any]]


def is_duckdb(path: Path) -> bool:
    """A DuckDB database file (by suffix, or by the magic bytes of its header)."""
    if path.suffix in (".duckdb", ".db"):
        return True
    try:
        with path.open("rb") as handle:
            return handle.read(12)[8:12] == b"DUCK"
    except OSError:
        return False


def events_from_records(records: Iterable[Event | Mapping[str, Any]]) -> list[Event]:
    """Events from Event values or EVENTS.md records (store rows and gold records included)."""
    out: list[Event] = []
    for rec in records:
        out.append(
            rec if isinstance(rec, Event) else Event.from_record(dict(rec), str(rec.get("extractor") or ""))
        )
    return out


def read_event_file(path: str | Path) -> list[Event]:
    """Event records of a JSONL (or .jsonl.gz, or a JSON list) file: `allymap extract` output or gold."""
    p = Path(path)
    if not p.is_file():
        raise InputError("no such events file", str(p))
    opener = gzip.open if p.suffix == ".gz" else open
    records: list[dict[str, Any]] = []
    with opener(p, "rt", encoding="utf-8") as handle:  # type: ignore[operator]
        text = handle.read()
    if text.lstrip().startswith("["):
        try:
            records = list(json.loads(text))
        except json.JSONDecodeError as exc:
            raise InputError(f"not JSON ({exc.msg})", str(p)) from None
    else:
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"not a JSON line ({exc.msg})", str(p), number) from None
            if not isinstance(rec, dict) or "type" not in rec or "doc" not in rec:
                raise InputError("an event record needs at least doc and type", str(p), number)
            records.append(rec)
    return events_from_records(records)


def info_of(doc: Document | Article) -> ArticleInfo:
    """ArticleInfo of a cleaned Document (with the cleaner's removal reasons) or a raw Article."""
    if isinstance(doc, Document):
        return ArticleInfo(
            doc.doc,
            doc.published,
            doc.domain,
            doc.title,
            doc.original,
            tuple(r.reason for r in doc.removed),
            doc.lang,
            doc.url,
        )
    return ArticleInfo(doc.doc, doc.published, doc.domain, doc.title, doc.text, (), doc.lang, doc.url)


def read_store(path: str | Path) -> tuple[list[Event], dict[str, ArticleInfo]]:
    """Events and article info of a DuckDB store."""
    from allymap.store import Store

    p = Path(path)
    if not p.is_file():
        raise InputError("no such database", str(p))
    # Opened for writing (which only migrates an old file): the store's read-only mode cannot check the
    # schema version of a read-only connection yet.
    with Store(p) as store:
        records = list(store.iter_events())
        events = events_from_records(records)
        articles: dict[str, ArticleInfo] = {}
        for article_id in sorted({str(r["article_id"]) for r in records if r.get("article_id")}):
            document = store.document(article_id)  # only the articles that have events
            if document is not None:
                articles[document.doc] = info_of(document)
    return events, articles


def load_events(source: EventSource) -> tuple[list[Event], dict[str, ArticleInfo]]:
    """Events (and, from a store, article info) of a DuckDB path, an events JSONL path, or records."""
    if isinstance(source, str | Path):
        p = Path(source)
        if p.is_file() and is_duckdb(p):
            return read_store(p)
        if p.suffix in (".duckdb", ".db"):
            raise InputError("no such database", str(p))
        return read_event_file(p), {}
    return events_from_records(source), {}


def _meta_file(path: Path) -> Iterator[ArticleInfo]:
    """Articles of a JSON metadata file: {doc: {published, domain, title, url, ...}}."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"not a JSON metadata file ({exc})", str(path)) from None
    if not isinstance(data, dict):
        raise InputError("a metadata file is an object keyed by document", str(path))
    for doc, meta in data.items():
        if isinstance(meta, dict):
            yield ArticleInfo(
                doc,
                meta.get("published"),
                meta.get("domain"),
                meta.get("title"),
                "",
                (),
                None,
                meta.get("url"),
            )


def load_articles(paths: Iterable[str | Path], clean_text: bool = True) -> dict[str, ArticleInfo]:
    """Article info of article files, directories (with their meta.json) or JSONL(.gz) corpora, read
    with allymap.ingest and (when `clean_text`) cleaned, so the cleaner's removal reasons count as
    credibility signals. A `.json` file is read as metadata only."""
    from allymap.ingest import read_inputs

    out: dict[str, ArticleInfo] = {}
    readable: list[str] = []
    for path in paths:
        p = Path(path)
        if p.suffix == ".json" and p.is_file():
            for info in _meta_file(p):
                out[info.doc] = info
        else:
            readable.append(str(p))
    if not readable:
        return out
    clean = None
    if clean_text:
        from allymap.clean import clean as clean_article

        clean = clean_article
    for item in read_inputs(readable):
        if isinstance(item, InputError):
            raise item
        info = info_of(clean(item)) if clean is not None else info_of(item)
        out[info.doc] = info
    return out
