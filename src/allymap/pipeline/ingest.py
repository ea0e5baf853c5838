"""Ingest: stream inputs through cleaning and extraction into the store, batch by batch, idempotently."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from allymap.clean import CleanContext, clean
from allymap.errors import AllymapError, InputError
from allymap.ingest import ReadOptions, read_inputs
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
    warnings: list[str] = field(default_factory=list)  # documents read below full language support

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


def language_warnings(documents: Iterable[Document]) -> list[str]:
    """One line per document the default extraction reads below full language support (a language
    without a parser model, an unsupported one, or none detected)."""
    from allymap.lang.support import DEFAULT_LANG, FULL, language, warning

    out = []
    for doc in documents:
        support = language(doc.lang or DEFAULT_LANG)
        if support.level != FULL or not doc.lang:
            out.append(warning(doc.doc, support, detected=bool(doc.lang)))
    return out


def process_article(
    article: Article, context: CleanContext | None = None, process: Process | None = default_process
) -> Processed:
    """Clean one article and, unless `process` is None, find its mentions and events."""
    document = clean(article, context)
    if process is None or not document.text:
        return Processed(document, (), ())
    mentions, events = process(document)
    return Processed(document, tuple(mentions), tuple(events))


def ingest(
    paths: Sequence[str | Path],
    db: str | Path = "allymap.duckdb",
    extract: bool = True,
    stdin: TextIO | None = None,
    batch_size: int = 64,
    workers: int = 1,
    runner: str = "local",
    scheduler: str | None = None,
    parquet_dir: str | Path | None = None,
    on_article: Callable[[IngestReport], None] | None = None,
    process: Process | None = None,
    read_options: ReadOptions | None = None,
) -> IngestReport:
    """Read every input, clean it, extract its events and store all of it in the DuckDB file `db`.

    Inputs stream through in batches (never all in memory) on `runner` ("local": `workers` processes;
    "dask": a local cluster of `workers`, or the cluster at `scheduler`, whose workers write partitioned
    Parquet that is then merged into the store). The same article (same content hash) is stored once however
    often it is ingested. Each stored batch is one transaction: a failure leaves every earlier batch stored.
    `on_article` is called after each input is read (progress). `process(document) -> (mentions, events)`
    replaces the default extraction (the rule extractor of the document's language) when `extract` is on;
    with several workers it must be a module-level function (it is sent to other processes).
    `read_options` sets the read limits (file size, JSONL line size)."""
    from allymap.pipeline.parallel import batches, process_batch, process_batch_to_parquet, warm_up
    from allymap.registry import runners
    from allymap.runners import default_workers

    report = IngestReport()
    seen: set[str] = set()
    # DuckDB's buffer pool capped: the store grows on disk, the process's memory does not.
    with Store(db, memory_limit="512MB") as store:

        def fresh() -> Iterator[Article]:
            for item in read_inputs(paths, stdin=stdin, options=read_options):
                if isinstance(item, InputError):
                    report.rejected.append(item)
                else:
                    report.read += 1
                    if item.id in seen or store.has_article(item.id):
                        report.duplicates += 1
                    else:
                        seen.add(item.id)
                        yield item
                if on_article:
                    on_article(report)

        options: dict[str, object] = {
            "workers": workers or default_workers(),
            "batch_size": 1,
            "initializer": warm_up,
            "initargs": (extract and process is None,),  # a given `process` loads what it needs
        }
        if runner == "dask":
            import tempfile

            options["scheduler"] = scheduler
            with tempfile.TemporaryDirectory(prefix="allymap-parts-") as tmp:
                out = str(parquet_dir or tmp)
                to_parquet = functools.partial(
                    process_batch_to_parquet, out_dir=out, extract=extract, process=process
                )
                cluster = runners.create("dask", **options)
                for _, warned in cluster.map(to_parquet, batches(fresh(), batch_size)):
                    report.warnings += warned
                added = store.merge_parquet(out)
            report.stored += added["articles"]
            report.mentions += added["mentions"]
            report.events += added["events"]
            return report
        stage = functools.partial(process_batch, extract=extract, process=process)
        for processed in runners.create(runner, **options).map(stage, batches(fresh(), batch_size)):
            if extract and process is None:
                report.warnings += language_warnings(p.document for p in processed)
            report.stored += store.write_batch([(p.document, p.mentions, p.events) for p in processed])
            report.mentions += sum(len(p.mentions) for p in processed)
            report.events += sum(len(p.events) for p in processed)
    return report


def articles(
    db: str | Path = "allymap.duckdb", article: str | None = None, limit: int | None = None
) -> list[dict[str, object]]:
    """Stored articles, or the one whose id (or id prefix) or document name is `article`. The file is
    opened read-only (other readers may share it) unless its schema needs migrating first."""
    from allymap.errors import StoreError

    try:
        store = Store(db, read_only=True)
    except StoreError as exc:
        if "schema is version" not in exc.reason:
            raise
        store = Store(db)
    with store:
        return store.articles(article, limit)
