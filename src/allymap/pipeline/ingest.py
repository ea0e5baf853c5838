"""Ingest: stream inputs through cleaning and extraction into the store, batch by batch, idempotently."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from allymap.clean import CleanContext, clean
from allymap.errors import AllymapError, InputError
from allymap.ingest import read_inputs
from allymap.records import Article, Document, Event, Mention
from allymap.store import Store

Process = Callable[[Document], tuple[list[Mention], list[Event]]]


@dataclass(frozen=True)
class Processed:
    """One article after every stage."""

    document: Document
    mentions: tuple[Mention, ...]
    events: tuple[Event, ...]


@dataclass
class IngestReport:
    """What an ingest did: read, stored, duplicates, rejected (with reasons), mentions and events stored."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    mentions: int = 0
    events: int = 0
    rejected: list[AllymapError] = field(default_factory=list)

    def rows(self) -> list[dict[str, object]]:
        return [
            {
                "read": self.read,
                "stored": self.stored,
                "duplicates": self.duplicates,
                "rejected": len(self.rejected),
                "mentions": self.mentions,
                "events": self.events,
            }
        ]


def default_process(document: Document) -> tuple[list[Mention], list[Event]]:
    """Actor mentions and events of a cleaned document (the rule extractor of its language)."""
    from allymap.extract.pipeline import process

    mentions, events = process(document)
    return list(mentions), list(events)


def process_article(
    article: Article, context: CleanContext | None = None, process: Process | None = default_process
) -> Processed:
    """Clean one article and, unless `process` is None, find its mentions and events."""
    document = clean(article, context)
    if process is None or not document.text:
        return Processed(document, (), ())
    mentions, events = process(document)
    return Processed(document, tuple(mentions), tuple(events))


def _batches(items: Iterable[Article | InputError], size: int) -> Iterator[list[Article | InputError]]:
    batch: list[Article | InputError] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(
    paths: Sequence[str | Path],
    db: str | Path = "allymap.duckdb",
    process: Process | None = default_process,
    stdin: TextIO | None = None,
    batch_size: int = 200,
    on_article: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Read every input, clean it, extract its events and store all of it in the DuckDB file `db`.

    The same article (same content hash) is stored once however often it is ingested. Each batch is one
    transaction: a failure leaves every earlier batch stored and this one not at all. Lines repeated across
    the articles of a batch count as boilerplate. `on_article` is called after each input (progress)."""
    report = IngestReport()
    seen: set[str] = set()
    with Store(db) as store:
        for batch in _batches(read_inputs(paths, stdin=stdin), batch_size):
            articles = [a for a in batch if isinstance(a, Article)]
            context = CleanContext.from_articles(articles) if len(articles) >= 3 else None
            to_store = []
            for item in batch:
                if isinstance(item, InputError):
                    report.rejected.append(item)
                else:
                    report.read += 1
                    if item.id in seen or store.has_article(item.id):
                        report.duplicates += 1
                    else:
                        seen.add(item.id)
                        done = process_article(item, context, process)
                        to_store.append((done.document, done.mentions, done.events))
                        report.mentions += len(done.mentions)
                        report.events += len(done.events)
                if on_article:
                    on_article(report)
            report.stored += store.write_batch(to_store)
    return report


def articles(
    db: str | Path = "allymap.duckdb", article: str | None = None, limit: int | None = None
) -> list[dict[str, object]]:
    """Stored articles, or the one whose id (or id prefix) or document name is `article`."""
    with Store(db, read_only=not Path(db).exists()) if Path(db).exists() else Store(db) as store:
        return store.articles(article, limit)
