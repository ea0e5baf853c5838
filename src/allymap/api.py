"""The library's face: one public function per CLI command, over the stage modules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from allymap.records import Document, Event, Mention

# Each stage adds its public functions below as it lands (ingest, articles, actors, extract, evaluate, ...).


# -- extract (issue #4) ---------------------------------------------------------------------------------
def extract(
    inputs: Any,
    lang: str | None = None,
    extractor: str = "rules",
    finder: Any = None,
    kb: Any = None,
    stats: Any = None,
) -> list[Event]:
    """Events of articles (paths, directories, JSONL, or Documents), records as ../shared/EVENTS.md.
    `lang` overrides the detected language; `stats` (an `allymap.extract.pipeline.Stats`) collects
    parsed/total sentence counts."""
    from allymap.extract.pipeline import run

    if isinstance(inputs, str | Path | Document):
        inputs = [inputs]
    return [e for ex in run(inputs, lang, extractor, finder, kb, stats) for e in ex.events]


def process_document(
    document: Document, finder: Any = None, kb: Any = None
) -> tuple[list[Mention], list[Event]]:
    """(mentions, events) of one cleaned document: the `process` callable of `ingest`."""
    from allymap.extract.pipeline import process

    return process(document, finder=finder, kb=kb)
