"""What every endpoint returns, as JSON-ready dicts: store queries, and views of a built alliance graph."""

from __future__ import annotations

import bisect
import dataclasses
import functools
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from allymap.graph import AllianceGraph, GraphConfig, build_graph
from allymap.graph.dyads import Dyad, decay_factor, relation_score
from allymap.graph.model import RealEvent, Report, window_of, windows_between
from allymap.graph.sources import events_from_records, info_of
from allymap.graph.trends import dyad_series as trend_series
from allymap.records import Document, Removal
from allymap.server.windows import WindowIndex
from allymap.store import Store
from allymap.store.search import EventFilter

QUADS: dict[str, int] = {"verbal_coop": 1, "material_coop": 2, "verbal_conflict": 3, "material_conflict": 4}
QUAD_NAMES: dict[int, str] = {v: k for k, v in QUADS.items()}
MODALITIES: tuple[str, ...] = ("asserted", "alleged", "possible", "intended", "hypothetical")
PLOVER_TYPES: tuple[str, ...] = (
    *("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "COOPERATE", "AID", "RETREAT"),
    *("ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"),
)
WINDOWS: tuple[str, ...] = ("year", "quarter", "month")
WINDOW_LABEL = re.compile(r"^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$")


@dataclass(frozen=True)
class StoreGraph:
    """The alliance graph of a whole store, with the article each extracted record comes from."""

    graph: AllianceGraph
    article_of: dict[str, str]  # record (Event) id -> article id
    days: tuple[date, ...] = ()  # the days of its dated real events, in order
    index: WindowIndex | None = None  # for graphs of date ranges


def load_store_graph(store: Store, config: GraphConfig | None = None) -> StoreGraph:
    """Build the alliance graph of everything a store holds, through an open (maybe read-only) store."""
    records = list(store.iter_events())
    events = events_from_records(records)
    rows = store.con.execute(
        "SELECT id, doc, text, original, title, lang, published, removed, url, domain FROM articles "
        "WHERE id IN (SELECT DISTINCT article_id FROM events)"
    ).fetchall()
    articles = {}
    for r in rows:
        removed = tuple(Removal(**x) for x in json.loads(r[7] or "[]"))
        document = Document(r[0], r[1], r[2], r[3], r[4], r[5], r[6], (), removed, url=r[8], domain=r[9])
        articles[document.doc] = info_of(document)
    graph = build_graph(events, articles, config)
    days = tuple(sorted(e.day for e in graph.events if e.day is not None))
    article_of = {str(r["id"]): str(r["article_id"]) for r in records}
    return StoreGraph(graph, article_of, days, WindowIndex(graph))


def open_store(db: str | Path, writable: bool = False) -> Store:
    """The store a server reads: read-only unless `writable`. A StoreError with a one-line reason when the
    file is missing or is not an allymap database."""
    import duckdb

    from allymap.errors import StoreError
    from allymap.store.schema import has_table

    path = Path(db)
    if not path.is_file():
        raise StoreError("no such database (create it with `allymap ingest FILES --db PATH`)", str(path))
    try:
        with path.open("rb") as handle:
            magic = handle.read(12)[8:12]
    except OSError as exc:
        raise StoreError(f"cannot read the database ({exc.strerror})", str(path)) from None
    if magic != b"DUCK":
        raise StoreError("not an allymap database (not a DuckDB file)", str(path))
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        raise StoreError(f"cannot open the database ({exc})", str(path)) from None
    try:
        ours = has_table(con, "schema_version") and has_table(con, "events")
    finally:
        con.close()
    if not ours:
        raise StoreError("not an allymap database (no allymap tables)", str(path))
    return Store(path, read_only=not writable)


# -- the store ------------------------------------------------------------------------------------------
def types_of(quad: str | None, given: tuple[str, ...]) -> tuple[str, ...]:
    """The event types a `type` and `quad` filter allow (empty: any). A quad and types given together keep
    the types of that quad."""
    if not quad:
        return given
    from allymap.graph.credibility import ScoreTable

    table = ScoreTable.load()
    number = QUADS[quad]
    in_quad = tuple(t for t in PLOVER_TYPES if table.quad(t) == number)
    return tuple(t for t in given if t in in_quad) or (("-",) if given else in_quad)


def events_page(store: Store, where: EventFilter, limit: int, offset: int) -> dict[str, Any]:
    """One page of stored events: items (EVENTS.md records with article_id, outlet, day), total."""
    total, items = store.find_events(where, limit, offset)
    return {"items": items, "total": total, "limit": limit, "offset": offset}


def article_view(store: Store, key: str) -> dict[str, Any] | None:
    """An article's cleaned text with the spans of its events (offsets into that text)."""
    row = store.article(key)
    if row is None:
        return None
    spans = store.con.execute(
        'SELECT start, "end", id, type, kind, negated, modality FROM events '
        'WHERE article_id = ? AND start IS NOT NULL ORDER BY start, "end", id',
        [row["id"]],
    ).fetchall()
    return {
        "id": row["id"],
        "doc": row["doc"],
        "title": row["title"],
        "outlet": row["domain"],
        "url": row["url"],
        "published": row["published"],
        "lang": row["lang"],
        "text": row["text"],
        "spans": [
            {
                "start": s,
                "end": e,
                "event_id": i,
                "type": t,
                "kind": k,
                "negated": bool(n),
                "modality": m,
            }
            for s, e, i, t, k, n, m in spans
        ],
    }


# -- actors ---------------------------------------------------------------------------------------------
def _kb() -> Any:
    from allymap.actors import KnowledgeBase

    return KnowledgeBase.load()


@functools.cache
def _kb_names() -> dict[str, tuple[str, ...]]:
    """Every state and organisation name of the knowledge base, by code (read once)."""
    found: dict[str, set[str]] = {}
    for entry in _kb().entries:
        if entry.kind in ("state", "org"):
            found.setdefault(entry.code, set()).add(entry.name)
    return {code: tuple(sorted(names)) for code, names in found.items()}


def actor_names(code: str) -> list[str]:
    """The names the actors knowledge base gives a code (display names first, then others)."""
    kb = _kb()
    names = [kb.name(code, "en"), kb.name(code, "fr"), *_kb_names().get(code, ())]
    return [n for n in dict.fromkeys(names) if n and n != code]


@functools.cache
def _organisations() -> frozenset[str]:
    return frozenset(_kb().organisations())


def known_actor(code: str, counts: dict[str, int]) -> bool:
    """A code of the actors knowledge base, or one named in stored events."""
    return code in counts or _kb().name(code, "en") != code or code in _organisations()


def actor_kind(graph: AllianceGraph, code: str) -> str:
    if graph.actors.is_state(code):
        return "state"
    return "org" if code in graph.actors.organisations else "other"


def actor_list(
    graph: AllianceGraph, counts: dict[str, int], q: str | None, limit: int, offset: int
) -> dict[str, Any]:
    """Actors named in stored events, most events first; `q` a case- and accent-insensitive substring of
    the code or of any of its names."""
    from allymap.actors.kb import fold

    codes = sorted(counts, key=lambda c: (-counts[c], c))
    if q:
        wanted = fold(q.strip())
        codes = [c for c in codes if wanted in fold(c) or any(wanted in fold(n) for n in actor_names(c))]
    items = [
        {
            "code": c,
            "name": graph.actors.name(c),
            "kind": actor_kind(graph, c),
            "events": counts[c],
            "bloc": graph.blocs.of.get(c, -1),
        }
        for c in codes[offset : offset + limit]
    ]
    return {"items": items, "total": len(codes), "limit": limit, "offset": offset}


def actor_view(graph: AllianceGraph, counts: dict[str, int], code: str) -> dict[str, Any]:
    """An actor: names, kind, bloc, its number of events and its partners (strongest first)."""
    partners = []
    for d in graph.visible(0.0, derived=False):
        if code in d.key:
            other = d.b if d.a == code else d.a
            partners.append({"code": other, "name": graph.actors.name(other), **_scores(graph, d)})
    return {
        "code": code,
        "name": graph.actors.name(code),
        "kind": actor_kind(graph, code),
        "names": actor_names(code)[:20],
        "bloc": graph.blocs.of.get(code, -1),
        "events": counts.get(code, 0),
        "partners": partners,
    }


# -- the graph ------------------------------------------------------------------------------------------
def _scores(graph: AllianceGraph, d: Dyad, index: WindowIndex | None = None) -> dict[str, Any]:
    signed = graph.edge_weight(d)
    return {
        "coop": round(d.coop, 4),
        "conflict": round(d.conflict, 4),
        "net": round(d.net, 4),
        "weight": round(d.volume + abs(relation_score(d, graph.scores)), 4),
        "sign": "cooperation" if signed > 0 or (signed == 0 and d.coop >= d.conflict) else "conflict",
        "events": index.events_of(d) if index is not None else d.events,
        "relations": sorted(d.relations),
    }


def graph_view(
    store_graph: StoreGraph,
    since: date | None = None,
    until: date | None = None,
    window: str = "year",
    min_weight: float = 0.0,
    derived: bool = False,
) -> dict[str, Any]:
    """Nodes (with bloc), edges (cooperation or conflict, weight), blocs of the graph in [since, until];
    `range` gives the dates of the whole graph. (The window only names the trend windows: it does not
    change scores or blocs.)"""
    full = store_graph.graph
    index = store_graph.index or WindowIndex(full)
    graph = index.restrict(since, until)
    edges: list[dict[str, Any]] = []
    weights: dict[str, float] = {}
    touched: dict[str, set[str]] = {}
    for d in graph.visible(min_weight, derived):
        seen = [
            day for day in map(index.day, [*(c.event for c in d.contributions), *d.relation_events]) if day
        ]
        edge = {"id": f"{d.a}|{d.b}", "source": d.a, "target": d.b, **_scores(graph, d, index)}
        edge["derived"] = d.derived
        edge["first"] = min(seen).isoformat() if seen else None
        edge["last"] = max(seen).isoformat() if seen else None
        edges.append(edge)
        for code in d.key:
            weights[code] = weights.get(code, 0.0) + edge["weight"]
            touched.setdefault(code, set()).update(index.event_id(c.event) for c in d.contributions)
    nodes = [
        {
            "id": code,
            "label": graph.actors.name(code),
            "kind": actor_kind(graph, code),
            "bloc": graph.blocs.of.get(code, -1),
            "attached": code in graph.blocs.attached,
            "weight": round(weights[code], 4),
            "events": len(ids),
        }
        for code, ids in sorted(touched.items())
    ]
    blocs = []
    for number in sorted(set(graph.blocs.of.values())):
        members = [m for m in graph.blocs.members(number) if m in touched]
        if members:
            blocs.append({"id": number, "label": graph.blocs.label(number), "members": members})
    days = store_graph.days
    return {
        "nodes": nodes,
        "edges": edges,
        "blocs": blocs,
        "range": {
            "first": days[0].isoformat() if days else None,
            "last": days[-1].isoformat() if days else None,
        },
        "window": {
            "since": since.isoformat() if since else None,
            "until": until.isoformat() if until else None,
            "window": window,
        },
        "as_of": graph.as_of.isoformat() if graph.as_of else None,
        "events": index.events_in(since, until) if since or until else len(full.events),
        "records": graph.records,
    }


def _report(graph: AllianceGraph, report: Report, article_of: dict[str, str]) -> dict[str, Any]:
    e = report.event
    article = graph.articles.get(e.doc)
    return {
        **graph.report_of(report),
        "event_id": e.id,
        "article_id": article_of.get(e.id),
        "title": article.title if article else None,
        "claimed_by": list(e.claimed_by) if e.claimed_by else [],
        "start": e.start,
        "end": e.end,
    }


def _event(
    graph: AllianceGraph, event: RealEvent, kind: str, score: float, article_of: dict[str, str]
) -> dict[str, Any]:
    best = event.best.event
    quad = graph.scores.quad(event.type) if kind == "event" else 0
    return {
        "id": event.id,
        "date": event.span.label() if event.span else None,
        "day": event.day.isoformat() if event.day else None,
        "dated_by": "event" if any(r.dated_by == "event" for r in event.reports) else "article",
        "kind": kind,
        "type": event.type if kind == "event" else graph.scores.relation_type(event.type),
        "quad": QUAD_NAMES.get(quad, "relation"),
        "mode": event.mode,
        "negated": event.negated,
        "modality": best.modality,
        "source": list(best.source),
        "target": list(best.target),
        "symmetric": event.symmetric,
        "weight": round(event.weight, 4),
        "score": round(score, 4),
        "independent": event.independent,
        "reports": [_report(graph, r, article_of) for r in sorted(event.reports, key=lambda r: -r.weight)],
    }


def _within(day: date | None, since: date | None, until: date | None) -> bool:
    return day is not None and (not since or day >= since) and (not until or day <= until)


def window_dyad(full: StoreGraph, a: str, b: str, since: date | None, until: date | None) -> Dyad | None:
    """The dyad as `restrict(full.graph, since, until)` scores it, from the full graph's contributions
    (a contribution does not depend on the window; only the decay's reference day does)."""
    graph = full.graph
    d = graph.dyad(a, b)
    if d is None or (since is None and until is None):
        return d
    cfg = graph.config.scores
    lo = bisect.bisect_left(full.days, since) if since else 0
    hi = bisect.bisect_right(full.days, until) if until else len(full.days)
    as_of = cfg.as_of or (full.days[hi - 1] if hi > lo else None)
    out = Dyad(d.a, d.b)
    for c in d.contributions:
        if _within(c.event.day, since, until):
            decay = decay_factor(c.event.day, as_of, cfg.half_life_days)
            out.contributions.append(c)
            out.coop += c.coop * decay
            out.conflict += c.conflict * decay
    for event in d.relation_events:
        if _within(event.day, since, until):
            relation = graph.scores.relation_type(event.type)
            out.relations[relation] = max(out.relations.get(relation, 0.0), event.weight)
            out.relation_events.append(event)
    if not out.contributions and not out.relation_events:
        return None
    out.net = (out.coop - out.conflict) / (out.coop + out.conflict + cfg.pseudo) if out.volume else 0.0
    return out


def dyad_series(
    full: StoreGraph, d: Dyad | None, since: date | None, until: date | None, window: str
) -> list[dict[str, Any]]:
    """The dyad's undecayed cooperation, conflict and events per window, over every window from the first
    to the last dated event of the store within [since, until]."""
    lo = bisect.bisect_left(full.days, since) if since else 0
    hi = bisect.bisect_right(full.days, until) if until else len(full.days)
    if hi <= lo:
        return []
    sums: dict[str, list[float]] = {}
    ids: dict[str, set[str]] = {}
    for c in d.contributions if d is not None else []:
        if c.event.day is not None:
            label = window_of(c.event.day, window)
            sums.setdefault(label, [0.0, 0.0])
            sums[label][0] += c.coop
            sums[label][1] += c.conflict
            ids.setdefault(label, set()).add(c.event.id)
    out = []
    for label in windows_between(
        window_of(full.days[lo], window), window_of(full.days[hi - 1], window), window
    ):
        coop, conflict = sums.get(label, (0.0, 0.0))
        volume = coop + conflict
        out.append(
            {
                "window": label,
                "coop": round(coop, 4),
                "conflict": round(conflict, 4),
                "net": round((coop - conflict) / (volume + 1.0), 4) if volume else 0.0,
                "events": len(ids.get(label, ())),
            }
        )
    return out


def dyad_view(
    full: StoreGraph,
    a: str,
    b: str,
    since: date | None = None,
    until: date | None = None,
    window: str = "year",
    limit: int = 100,
    offset: int = 0,
) -> dict[str, Any]:
    """A dyad's timeline (events and stated relations in date order, undated last; `limit` of them from
    `offset`, of `total`), each with its reports' evidence and offsets, and its cooperation and conflict
    per window. The same as explaining the dyad in `restrict(graph, since, until, window)`, without
    re-scoring the whole graph."""
    graph = full.graph
    d = window_dyad(full, a, b, since, until)
    rows: list[tuple[tuple[Any, ...], RealEvent, str, float]] = []
    if d is not None:
        scores: dict[str, float] = {}
        events: dict[str, RealEvent] = {}
        for c in d.contributions:
            scores[c.event.id] = scores.get(c.event.id, 0.0) + c.coop - c.conflict
            events[c.event.id] = c.event
        rows = [(_order(e, "event", e.type), e, "event", scores[i]) for i, e in events.items()]
        seen = set(events)
        for e in d.relation_events:
            if e.id not in seen:
                seen.add(e.id)
                rows.append((_order(e, "relation", graph.scores.relation_type(e.type)), e, "relation", 0.0))
    rows.sort(key=lambda row: row[0])
    entries = [
        _event(graph, e, kind, score, full.article_of) for _, e, kind, score in rows[offset : offset + limit]
    ]
    return {
        "a": a,
        "b": b,
        "dyad": _scores(graph, d) if d is not None else None,
        "events": entries,
        "total": len(rows),
        "limit": limit,
        "offset": offset,
        "series": dyad_series(full, d, since, until, window),
    }


def _order(event: RealEvent, kind: str, type_: str) -> tuple[Any, ...]:
    return (event.day is None, event.day or date.min, kind, type_, event.id)


def alerts_view(full: AllianceGraph, latest: str | None = None, window: str = "year") -> dict[str, Any]:
    """Acceleration alerts of the latest covered window (or `latest`)."""
    graph = full
    if window != full.series.window:
        graph = dataclasses.replace(full, series=trend_series(full.dyads.values(), full.events, window))
    items = []
    for alert in graph.alerts(latest):
        items.append(
            {
                "a": alert.a,
                "b": alert.b,
                "kind": alert.kind,
                "window": alert.window,
                "latest": round(alert.latest, 4),
                "baseline": round(alert.baseline, 4),
                "ratio": None if not alert.baseline else round(alert.ratio, 3),
                "baseline_windows": list(alert.baseline_windows),
                "events": alert.events,
            }
        )
    return {"items": items, "window": window, "latest": latest or (graph.series.covered or [None])[-1]}
