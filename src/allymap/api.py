"""The library's face: one public function per CLI command, over the stage modules."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
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
    options: dict[str, Any] | None = None,
) -> list[Event]:
    """Events of articles (paths, directories, JSONL, or Documents), records as ../shared/EVENTS.md.
    `lang` overrides the detected language; `stats` (an `allymap.extract.pipeline.Stats`) collects
    parsed/total sentence counts."""
    from allymap.extract.pipeline import run

    if isinstance(inputs, str | Path | Document):
        inputs = [inputs]
    return [e for ex in run(inputs, lang, extractor, finder, kb, stats, options) for e in ex.events]


def process_document(
    document: Document, finder: Any = None, kb: Any = None
) -> tuple[list[Mention], list[Event]]:
    """(mentions, events) of one cleaned document: the `process` callable of `ingest`."""
    from allymap.extract.pipeline import process

    return process(document, finder=finder, kb=kb)


# -- languages (issue #5) -------------------------------------------------------------------------------
def languages(every: bool = False) -> list[Any]:
    """How far allymap reads each language: a list of `allymap.lang.support.LanguageSupport` (level
    "full", "mentions" or "unsupported", model, whether it is installed, data files). The languages with
    rule data and those lingua detects; `every` adds every language with state names in the KB."""
    from allymap.lang.support import languages as table

    return list(table(every))


# -- ingest (issue #2) ----------------------------------------------------------------------------------
def ingest(
    paths: Any,
    db: str | Path = "allymap.duckdb",
    extract: bool = True,
    stdin: Any = None,
    on_article: Any = None,
    workers: int = 1,
    runner: str = "local",
    scheduler: str | None = None,
    *,
    progress: Any = None,
    process: Any = None,
    max_bytes: int | None = None,
    extractor: str = "rules",
) -> Any:
    """Read, clean, extract and store articles; returns an IngestReport (read, stored, duplicates,
    rejected with reasons, mentions, events). `runner` is "local" (`workers` processes; 0 = all cores)
    or "dask" (a local cluster, or the one at `scheduler`). `progress` (or `on_article`) is called with
    the report after each input read. `process(document) -> (mentions, events)` replaces the default
    extraction and its results are stored in the same transaction as the document; `extract=False`
    stores documents only. `max_bytes` caps a text or HTML file (default 10 MB). `extractor` is "rules"
    or "learned" (the rules plus the learned sentence gate's guesses, extract/learned.py)."""
    from allymap.errors import UnknownName
    from allymap.extract.pipeline import INGEST_PROCESSES
    from allymap.ingest import ReadOptions
    from allymap.pipeline import ingest as run_ingest

    if extractor != "rules" and process is None:
        if extractor not in INGEST_PROCESSES:
            raise UnknownName(f"ingest reads with rules or {', '.join(INGEST_PROCESSES)}, not {extractor!r}")
        process = INGEST_PROCESSES[extractor]

    if isinstance(paths, str | Path):
        paths = [paths]
    return run_ingest(
        list(paths),
        db,
        extract,
        stdin=stdin,
        on_article=progress or on_article,
        workers=workers,
        runner=runner,
        scheduler=scheduler,
        process=process,
        read_options=ReadOptions(max_file_bytes=max_bytes) if max_bytes else None,
    )


def articles(
    db: str | Path = "allymap.duckdb",
    id: str | None = None,  # noqa: A002 - the article id, as the CLI names it
    limit: int | None = None,
    *,
    article: str | None = None,
) -> list[dict[str, Any]]:
    """Stored articles (all, or the one whose id, id prefix or document name is `id`), newest ingest
    first, each a dict: id, doc, origin, title, lang, published, domain, url, chars, removed_lines, text,
    ingested_at. `article` is the former name of `id`."""
    from allymap.pipeline.ingest import articles as stored

    return stored(db, id or article, limit)


# -- actors (issue #3) ----------------------------------------------------------------------------------
def actors(source: Any, on: str | None = None, lang: str | None = None, ner: bool = False) -> list[Mention]:
    """Actor mentions of a text, a file (cleaned first) or a stream, resolved as of `on` (default: the
    article's publication date)."""
    from allymap.actors import find_mentions
    from allymap.clean import clean
    from allymap.errors import InputError
    from allymap.ingest import read_inputs

    if hasattr(source, "read"):
        items = list(read_inputs(["-"], stdin=source))
    elif isinstance(source, Path) or (isinstance(source, str) and _is_path(source)):
        items = list(read_inputs([source]))
    else:
        from allymap.clean import detect_language

        text = str(source)
        return find_mentions(text, "", lang or detect_language(text) or "fr", on, ner=ner)
    mentions: list[Mention] = []
    for item in items:
        if isinstance(item, InputError):
            raise item
        document = clean(item)
        mentions.extend(
            find_mentions(
                document.text, document.doc, lang or document.lang or "fr", on or document.published, ner=ner
            )
        )
    return mentions


def _is_path(text: str) -> bool:
    """Does a string name an existing file or directory (and not hold an article's text)?"""
    if "\n" in text or len(text) > 4096:
        return False
    try:
        return Path(text).exists()
    except OSError:  # a name too long for the file system is text
        return False


def actor(name: str, on: str | None = None, lang: str | None = None) -> list[Any]:
    """What a name stands for on a date: a list of Resolution (more than one code means ambiguous)."""
    from allymap.actors import KnowledgeBase

    return KnowledgeBase.load().lookup(name, on, lang)


def stored_events(db: str | Path = "allymap.duckdb", doc: str | None = None) -> list[dict[str, Any]]:
    """Event records stored in a database, as EVENTS.md (plus article_id and extractor)."""
    from allymap.store import Store

    with Store(db) as store:
        return list(store.iter_events(doc))


# -- graph (issue #6) -----------------------------------------------------------------------------------
# Each takes `source`: a DuckDB path, an events JSONL path, event records (Event or EVENTS.md dicts), or an
# AllianceGraph already built; `articles` adds article info (a {doc: ArticleInfo} mapping, or article
# files/directories/JSONL corpora); `members` replaces the actors KB's organisation membership.
def graph(
    source: Any = "allymap.duckdb",
    articles: Any = None,
    config: Any = None,
    members: Any = None,
    since: str | None = None,
    until: str | None = None,
    window: str | None = None,
    cooccurrence: bool | None = None,
) -> Any:
    """The alliance graph (an `allymap.graph.AllianceGraph`): deduplicated events, dyads, blocs, trends.
    `cooccurrence=True` keeps the co-occurrence records of languages without a parser (zero score)."""
    from allymap.graph import configure, load_graph

    config = configure(config, since, until, window, cooccurrence=cooccurrence)
    return load_graph(source, articles, config, members)


def explain(
    a: str, b: str, source: Any = "allymap.duckdb", articles: Any = None, **options: Any
) -> list[dict[str, Any]]:
    """The timeline of a dyad in date order, each event with its reports' evidence, doc, outlet, claimant."""
    return graph(source, articles, **options).explain(a, b)  # type: ignore[no-any-return]


def alerts(
    source: Any = "allymap.duckdb", articles: Any = None, latest: str | None = None, **options: Any
) -> Any:
    """Acceleration alerts (list of `allymap.graph.Alert`) for the latest window (or `latest`)."""
    return graph(source, articles, **options).alerts(latest)


def export(
    fmt: str, out: str | Path, source: Any = "allymap.duckdb", articles: Any = None, **options: Any
) -> Path:
    """Write the graph as graphml, gexf, json, csv, parquet or plover; returns the path written."""
    from allymap.graph.export import export as write

    min_weight = float(options.pop("min_weight", 0.0))
    return write(graph(source, articles, **options), fmt, out, min_weight)


def report(out_dir: str | Path, source: Any = "allymap.duckdb", articles: Any = None, **options: Any) -> Path:
    """Write the offline HTML report (index.html) into `out_dir`; returns its path."""
    from allymap.graph.report import write_report

    return write_report(graph(source, articles, **options), out_dir)


def dyad_years(
    source: Any = "allymap.duckdb", articles: Any = None, include_orgs: bool = False, **options: Any
) -> list[dict[str, Any]]:
    """Dyad-year alignment rows: year, iso3_a, iso3_b, coop, conflict, net, events, relations, org flag."""
    return graph(source, articles, **options).dyad_years(include_orgs)  # type: ignore[no-any-return]


# -- browsing: the web API's queries (issue #8) -----------------------------------------------------------
# Each takes `db`: a DuckDB path (opened read-only) or an open `allymap.store.Store` (the server passes
# its per-thread cursor). The graph views take `graph`, a `StoreGraph` already built (the server's cache);
# without one, the store's graph is built. Dates are ISO strings or dates.
@contextmanager
def _reading(db: Any) -> Iterator[Any]:
    from allymap.store import Store

    if isinstance(db, Store):
        yield db
        return
    with Store(db, read_only=True) as store:
        yield store


def _day(value: Any) -> date | None:
    if value is None or value == "" or isinstance(value, date):
        return value or None
    return date.fromisoformat(str(value))


def events(
    db: Any = "allymap.duckdb",
    *,
    actor: str | None = None,
    partner: str | None = None,
    type: str | Iterable[str] | None = None,  # noqa: A002 - the PLOVER field's name
    quad: str | None = None,
    kind: str | None = None,
    since: Any = None,
    until: Any = None,
    modality: str | None = None,
    negated: bool | None = None,
    outlet: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> dict[str, Any]:
    """A page of stored events matching the filters (actor and partner on either side; type(s); quad
    class verbal_coop | material_coop | verbal_conflict | material_conflict; day within [since, until];
    modality; negation; outlet = article domain): {"items", "total", "limit", "offset"}."""
    from allymap.server.eventtable import event_filter
    from allymap.server.queries import events_page

    given = (type,) if isinstance(type, str) else tuple(type or ())
    where = event_filter(
        actor, partner, given, quad, kind, _day(since), _day(until), modality, negated, outlet
    )
    with _reading(db) as store:
        return events_page(store, where, limit, offset)


def article_view(db: Any, id: str) -> dict[str, Any] | None:  # noqa: A002 - the article id
    """A stored article (by id, else document name): its cleaned text and the spans of its events, or None."""
    from allymap.server.queries import article_view as view

    with _reading(db) as store:
        return view(store, id)


def store_graph(db: Any = "allymap.duckdb", config: Any = None) -> Any:
    """The alliance graph of a whole store, with the article of each record (a queries.StoreGraph)."""
    from allymap.server.queries import load_store_graph

    with _reading(db) as store:
        return load_store_graph(store, config)


def actor_list(
    db: Any = "allymap.duckdb",
    q: str | None = None,
    limit: int = 50,
    offset: int = 0,
    *,
    graph: Any = None,
    counts: dict[str, int] | None = None,
) -> dict[str, Any]:
    """Actors named in stored events (code, name, kind, events, bloc), most events first; `q` filters by a
    substring of the code or of any of its names in the actors knowledge base."""
    from allymap.server.queries import actor_list as listing

    with _reading(db) as store:
        counts = counts if counts is not None else store.actor_counts()
        graph = graph or store_graph(store)
    return listing(graph.graph, counts, q, limit, offset)


def actor_view(
    db: Any, code: str, *, graph: Any = None, counts: dict[str, int] | None = None
) -> dict[str, Any] | None:
    """One actor: names, kind, bloc, events and partners; None when the code is neither in the actors
    knowledge base nor in the store."""
    from allymap.server.queries import actor_view as view
    from allymap.server.queries import known_actor

    with _reading(db) as store:
        counts = counts if counts is not None else store.actor_counts()
        if not known_actor(code, counts):
            return None
        graph = graph or store_graph(store)
    return view(graph.graph, counts, code)


def graph_view(
    db: Any = "allymap.duckdb",
    since: Any = None,
    until: Any = None,
    window: str = "year",
    min_weight: float = 0.0,
    derived: bool = False,
    *,
    graph: Any = None,
) -> dict[str, Any]:
    """The graph of the events within [since, until]: nodes (bloc, weight), edges (cooperation or conflict,
    weight, first and last day), blocs, and the whole store's date range."""
    from allymap.server.queries import graph_view as view

    graph = graph or store_graph(db)
    return view(graph, _day(since), _day(until), window, min_weight, derived)


def dyad_view(
    db: Any,
    a: str,
    b: str,
    since: Any = None,
    until: Any = None,
    window: str = "year",
    limit: int = 100,
    offset: int = 0,
    *,
    graph: Any = None,
    counts: dict[str, int] | None = None,
) -> dict[str, Any] | None:
    """A dyad explained: its events in date order (`limit` from `offset`, of `total`) with every report's
    evidence, article and offsets, and its series per window; None when an actor is unknown."""
    from allymap.server.queries import dyad_view as view
    from allymap.server.queries import known_actor

    with _reading(db) as store:
        counts = counts if counts is not None else store.actor_counts()
        if not (known_actor(a, counts) and known_actor(b, counts)):
            return None
        graph = graph or store_graph(store)
    return view(graph, a, b, _day(since), _day(until), window, limit, offset)


def alerts_view(
    db: Any = "allymap.duckdb", latest: str | None = None, window: str = "year", *, graph: Any = None
) -> dict[str, Any]:
    """Acceleration alerts of the latest window (or `latest`) as JSON-ready rows."""
    from allymap.server.queries import alerts_view as view

    graph = graph or store_graph(db)
    return view(graph.graph, latest, window)
