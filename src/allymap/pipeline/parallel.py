"""Batches of articles through every stage on a runner (local processes or Dask), results to the store."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from allymap.clean import CleanContext, clean
from allymap.ids import digest
from allymap.pipeline.ingest import Process, Processed, process_article
from allymap.records import Article
from allymap.store.duck import (
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    document_row,
    event_row,
    mention_row,
)


def process_batch(
    batch: list[Article], extract: bool = True, process: Process | None = None
) -> list[Processed]:
    """Every stage for one batch; lines repeated across the batch's articles count as boilerplate.
    `process` replaces the default extraction."""
    context = CleanContext.from_articles(batch) if len(batch) >= 3 else None
    if not extract or process is not None:
        stage = process if extract else None
        return [process_article(article, context, stage) for article in batch]
    # the default extraction parses the whole batch's selected sentences together
    from allymap.extract.pipeline import process_many

    documents = [clean(article, context) for article in batch]
    todo = [d for d in documents if d.text]
    found = iter(process_many(todo))
    out: list[Processed] = []
    for document in documents:
        mentions, events = next(found) if document.text else ([], [])
        out.append(Processed(document, tuple(mentions), tuple(events)))
    return out


def warm_up(extract: bool = True) -> None:
    """Load the models in a worker before its first batch (run once per process)."""
    if extract:
        from allymap.actors import gazetteer
        from allymap.nlp.models import load_model

        gazetteer("fr")
        load_model("fr_core_news_md")


def tables(processed: Iterable[Processed]) -> dict[str, pa.Table]:
    """The articles, mentions and events of processed articles as Arrow tables (the store's columns)."""
    arts: list[list[Any]] = []
    ments: list[list[Any]] = []
    evs: list[list[Any]] = []
    for p in processed:
        arts.append(document_row(p.document))
        ments.extend(mention_row(p.document, m) for m in p.mentions)
        evs.extend(event_row(p.document, e) for e in p.events)
    schema_lists = {"candidates", "source", "target", "source_text", "target_text", "claimed_by"}

    def table(rows: list[list[Any]], columns: tuple[str, ...]) -> pa.Table:
        data = {c: [r[i] for r in rows] for i, c in enumerate(columns)}
        fields = []
        for c in columns:
            if c in schema_lists:
                fields.append(pa.field(c, pa.list_(pa.string())))
            elif c in ("start", "end"):
                fields.append(pa.field(c, pa.int64()))
            elif c in ("symmetric", "negated"):
                fields.append(pa.field(c, pa.bool_()))
            elif c == "confidence":
                fields.append(pa.field(c, pa.float64()))
            else:
                fields.append(pa.field(c, pa.string()))
        return pa.Table.from_pydict(data, schema=pa.schema(fields))

    return {
        "articles": table(arts, ARTICLE_COLUMNS),
        "mentions": table(ments, MENTION_COLUMNS),
        "events": table(evs, EVENT_COLUMNS),
    }


def process_batch_to_parquet(
    batch: list[Article], out_dir: str, extract: bool = True, process: Process | None = None
) -> tuple[str, list[str]]:
    """A worker's task on a cluster: process a batch and write it as one Parquet part per table. Returns
    the part's name and the warnings of its documents read below full language support."""
    from allymap.pipeline.ingest import language_warnings

    part = digest(*(a.id for a in batch))
    base = Path(out_dir)
    processed = process_batch(batch, extract, process)
    for name, table in tables(processed).items():
        folder = base / name
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, folder / f"part-{part}.parquet")
    warned = language_warnings(p.document for p in processed) if extract and process is None else []
    return part, warned


def batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
