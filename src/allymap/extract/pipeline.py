"""Documents in, events out: reading inputs, choosing the extractor per language, parse statistics."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from allymap.errors import InputError, UnknownName
from allymap.extract.rules import Extraction, MentionFinder, RuleExtractor
from allymap.lang.support import DEFAULT_LANG, FULL, language, warning
from allymap.records import Article, Document, Event, Mention
from allymap.registry import extractors


@dataclass
class Stats:
    """How much text the extractor looked at: parsed sentences against all sentences."""

    documents: int = 0
    sentences: int = 0
    parsed: int = 0
    events: int = 0
    skipped: list[str] = field(default_factory=list)  # documents in a language without rules
    errors: list[InputError] = field(default_factory=list)  # inputs that could not be read
    warnings: list[str] = field(default_factory=list)  # one line per document read below full level
    levels: dict[str, int] = field(default_factory=dict)  # documents per support level

    def add(self, ex: Extraction) -> None:
        self.documents += 1
        self.sentences += ex.sentences
        self.parsed += ex.parsed
        self.events += len(ex.events)

    @property
    def parsed_ratio(self) -> float:
        return self.parsed / self.sentences if self.sentences else 0.0


def load_documents(
    inputs: Iterable[str | Path | Document], errors: list[InputError] | None = None
) -> list[Document]:
    """Cleaned documents from paths (files, directories, JSONL(.gz), "-" for stdin) or ready Documents.
    An input that cannot be read is appended to `errors` (raised when `errors` is None)."""
    from allymap.clean import CleanContext, clean
    from allymap.ingest import read_inputs

    items = list(inputs)
    docs = [d for d in items if isinstance(d, Document)]
    paths = [str(p) for p in items if not isinstance(p, Document)]
    if paths:
        articles: list[Article] = []
        for item in read_inputs(paths):
            if isinstance(item, InputError):
                if errors is None:
                    raise item
                errors.append(item)
            else:
                articles.append(item)
        # lines repeated across several articles of one run are boilerplate, as in `allymap ingest`
        context = CleanContext.from_articles(articles) if len(articles) >= 3 else None
        docs.extend(clean(article, context) for article in articles)
    return docs


RULE_NAMES = ("rules", "learned")  # the rule engine's registry names: they follow the support levels


class Extractors:
    """One extractor per language, made on first use from the registry."""

    def __init__(
        self,
        name: str = "rules",
        finder: MentionFinder | None = None,
        kb: Any = None,
        options: dict[str, Any] | None = None,
    ) -> None:
        self.name = name
        self.finder = finder
        self.kb = kb
        self.options = options or {}  # extra factory arguments (an LLM extractor's base_url, model…)
        self._made: dict[str, RuleExtractor | None] = {}

    def name_for(self, lang: str) -> str | None:
        """The registry name that reads `lang`: the chosen extractor, except that the default "rules"
        gives way to the extractor of the language's support level (co-occurrence without a model), and
        so does "learned" (the rules plus a learned sentence gate)."""
        if self.name not in RULE_NAMES:
            return self.name
        level = language(lang).extractor
        return self.name if level == "rules" else level

    def get(self, lang: str) -> RuleExtractor | None:
        if lang not in self._made:
            name = self.name_for(lang)
            options = self.options if name == self.name else {}
            try:
                self._made[lang] = (
                    extractors.create(name, lang=lang, finder=self.finder, kb=self.kb, **options)
                    if name is not None
                    else None
                )
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
    options: dict[str, Any] | None = None,
) -> list[Extraction]:
    """Extract every document; `lang` overrides the documents' own language (default French)."""
    made = Extractors(extractor, finder, kb, options)
    out: list[Extraction] = []
    for doc in load_documents(inputs, stats.errors if stats is not None else None):
        code = lang or doc.lang or DEFAULT_LANG
        ex = made.get(code)
        if stats is not None and extractor in RULE_NAMES:
            support = language(code)
            stats.levels[support.level] = stats.levels.get(support.level, 0) + 1
            if support.level != FULL or not (lang or doc.lang):
                stats.warnings.append(warning(doc.doc, support, detected=bool(lang or doc.lang)))
        if ex is None:
            if stats is not None:
                stats.skipped.append(doc.doc)
            continue
        if lang and doc.lang != lang:
            doc = replace(doc, lang=lang)
        # a rule extractor takes the Document; other extractors (LLM) have `extract_document`
        result = ex.extract_document(doc) if hasattr(ex, "extract_document") else ex.extract(doc)
        if stats is not None:
            stats.add(result)
        out.append(result)
    return out


def process(
    document: Document,
    finder: MentionFinder | None = None,
    kb: Any = None,
    lang: str | None = None,
    extractor: str = "rules",
) -> tuple[list[Mention], list[Event]]:
    """Mentions and events of one cleaned document (the callable `allymap ingest` stores)."""
    results = run([document], lang=lang, extractor=extractor, finder=finder, kb=kb)
    if not results:
        return [], []
    return list(results[0].mentions), list(results[0].events)


def process_learned(document: Document) -> tuple[list[Mention], list[Event]]:
    """`process` with the "learned" extractor (`allymap ingest --extractor learned`; module-level, so
    that worker processes can be sent it)."""
    return process(document, extractor="learned")


INGEST_PROCESSES = {"learned": process_learned}  # extractor name -> ingest callable; "rules": the default


def process_many(documents: Sequence[Document]) -> list[tuple[list[Mention], list[Event]]]:
    """`process` over several cleaned documents, in order; a language's rule extractor parses all its
    documents' selected sentences in one call (`RuleExtractor.extract_many`), with the same result."""
    made = Extractors()
    out: list[tuple[list[Mention], list[Event]]] = [([], []) for _ in documents]
    by_lang: dict[str, list[int]] = {}
    for i, doc in enumerate(documents):
        by_lang.setdefault(doc.lang or "fr", []).append(i)
    for code, indexes in by_lang.items():
        ex = made.get(code)
        if ex is None:
            continue
        docs = [documents[i] for i in indexes]
        if hasattr(ex, "extract_many"):
            results = ex.extract_many(docs)
        elif hasattr(ex, "extract_document"):
            results = [ex.extract_document(d) for d in docs]
        else:
            results = [ex.extract(d) for d in docs]
        for i, result in zip(indexes, results, strict=True):
            out[i] = (list(result.mentions), list(result.events))
    return out
