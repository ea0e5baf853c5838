"""Documents in, events out: reading inputs, choosing the extractor per language, parse statistics."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from allymap.errors import InputError, UnknownName
from allymap.extract.rules import Extraction, MentionFinder, RuleExtractor
from allymap.ids import article_id
from allymap.records import Document, Event, Mention
from allymap.registry import extractors


@dataclass
class Stats:
    """How much text the extractor looked at: parsed sentences against all sentences."""

    documents: int = 0
    sentences: int = 0
    parsed: int = 0
    events: int = 0
    skipped: list[str] = field(default_factory=list)  # documents in a language without rules

    def add(self, ex: Extraction) -> None:
        self.documents += 1
        self.sentences += ex.sentences
        self.parsed += ex.parsed
        self.events += len(ex.events)

    @property
    def parsed_ratio(self) -> float:
        return self.parsed / self.sentences if self.sentences else 0.0


def _foundation() -> tuple[Any, Any] | None:
    """allymap.ingest.read_inputs and allymap.clean.clean, once the foundation stage provides them."""
    try:
        from allymap.clean import clean  # type: ignore[attr-defined]
        from allymap.ingest import read_inputs  # type: ignore[attr-defined]
    except ImportError:
        return None
    return read_inputs, clean


def _plain_documents(paths: Sequence[str | Path]) -> list[Document]:
    """Text files (or directories of them) with an optional meta.json beside them: the bundled
    seeds' layout. Used only until allymap.ingest and allymap.clean exist."""
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files.extend(sorted(p.glob("*.txt")))
        elif p.is_file():
            files.append(p)
        else:
            raise InputError("no such file or directory", str(p))
    docs: list[Document] = []
    metas: dict[Path, dict[str, Any]] = {}
    for f in files:
        meta_path = f.parent / "meta.json"
        if meta_path not in metas:
            metas[meta_path] = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        info = metas[meta_path].get(f.stem, {})
        try:
            text = f.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise InputError("not UTF-8", str(f)) from None
        docs.append(
            Document(
                article_id(text),
                f.stem,
                text,
                text,
                info.get("title"),
                info.get("language"),
                info.get("published"),
            )
        )
    return docs


def load_documents(inputs: Iterable[str | Path | Document]) -> list[Document]:
    """Cleaned documents from paths (files, directories, JSONL) or ready Documents."""
    items = list(inputs)
    docs = [d for d in items if isinstance(d, Document)]
    paths = [p for p in items if not isinstance(p, Document)]
    if paths:
        stage = _foundation()
        if stage is not None:
            read_inputs, clean = stage
            docs.extend(clean(article) for article in read_inputs([str(p) for p in paths]))
        else:
            docs.extend(_plain_documents(paths))
    return docs


class Extractors:
    """One extractor per language, made on first use from the registry."""

    def __init__(self, name: str = "rules", finder: MentionFinder | None = None, kb: Any = None) -> None:
        self.name = name
        self.finder = finder
        self.kb = kb
        self._made: dict[str, RuleExtractor | None] = {}

    def get(self, lang: str) -> RuleExtractor | None:
        if lang not in self._made:
            try:
                self._made[lang] = extractors.create(self.name, lang=lang, finder=self.finder, kb=self.kb)
            except UnknownName:
                self._made[lang] = None
        return self._made[lang]


def run(
    inputs: Iterable[str | Path | Document],
    lang: str | None = None,
    extractor: str = "rules",
    finder: MentionFinder | None = None,
    kb: Any = None,
    stats: Stats | None = None,
) -> list[Extraction]:
    """Extract every document; `lang` overrides the documents' own language (default French)."""
    made = Extractors(extractor, finder, kb)
    out: list[Extraction] = []
    for doc in load_documents(inputs):
        code = lang or doc.lang or "fr"
        ex = made.get(code)
        if ex is None:
            if stats is not None:
                stats.skipped.append(doc.doc)
            continue
        if lang and doc.lang != lang:
            doc = replace(doc, lang=lang)
        result = ex.extract(doc)
        if stats is not None:
            stats.add(result)
        out.append(result)
    return out


def process(
    document: Document, finder: MentionFinder | None = None, kb: Any = None, lang: str | None = None
) -> tuple[list[Mention], list[Event]]:
    """Mentions and events of one cleaned document (the callable `allymap ingest` stores)."""
    results = run([document], lang=lang, finder=finder, kb=kb)
    if not results:
        return [], []
    return list(results[0].mentions), list(results[0].events)
