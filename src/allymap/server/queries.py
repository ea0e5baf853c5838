"""What every endpoint returns, as JSON-ready dicts: store queries, and views of a built alliance graph."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from allymap.graph import AllianceGraph, GraphConfig, build_graph
from allymap.graph.dyads import Dyad, relation_score
from allymap.graph.model import RealEvent, Report
from allymap.graph.sources import events_from_records, info_of
from allymap.graph.window import restrict
from allymap.records import Document, Removal
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
    return StoreGraph(graph, {str(r["id"]): str(r["article_id"]) for r in records})


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


def known_actor(code: str, counts: dict[str, int]) -> bool:
    kb = _kb()
    return code in counts or kb.name(code, "en") != code or code in kb.organisations()


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
def _scores(graph: AllianceGraph, d: Dyad) -> dict[str, Any]:
    signed = graph.edge_weight(d)
    return {
        "coop": round(d.coop, 4),
        "conflict": round(d.conflict, 4),
        "net": round(d.net, 4),
        "weight": round(d.volume + abs(relation_score(d, graph.scores)), 4),
        "sign": "cooperation" if signed > 0 or (signed == 0 and d.coop >= d.conflict) else "conflict",
        "events": d.events,
        "relations": sorted(d.relations),
    }


def graph_view(
    full: AllianceGraph,
    since: date | None = None,
    until: date | None = None,
    window: str = "year",
    min_weight: float = 0.0,
    derived: bool = False,
) -> dict[str, Any]:
    """Nodes (with bloc), edges (cooperation or conflict, weight), blocs of the graph in [since, until];
    `range` gives the dates of the whole graph."""
    graph = restrict(full, since, until, window)
    edges: list[dict[str, Any]] = []
    weights: dict[str, float] = {}
    touched: dict[str, set[str]] = {}
    for d in graph.visible(min_weight, derived):
        days = [c.event.day for c in d.contributions if c.event.day is not None]
        days += [e.day for e in d.relation_events if e.day is not None]
        edge = {"id": f"{d.a}|{d.b}", "source": d.a, "target": d.b, **_scores(graph, d)}
        edge["derived"] = d.derived
        edge["first"] = min(days).isoformat() if days else None
        edge["last"] = max(days).isoformat() if days else None
        edges.append(edge)
        for code in d.key:
            weights[code] = weights.get(code, 0.0) + edge["weight"]
            touched.setdefault(code, set()).update(c.event.id for c in d.contributions)
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
    days = [e.day for e in full.events if e.day is not None]
    return {
        "nodes": nodes,
        "edges": edges,
        "blocs": blocs,
        "range": {
            "first": min(days).isoformat() if days else None,
            "last": max(days).isoformat() if days else None,
        },
        "window": {
            "since": since.isoformat() if since else None,
            "until": until.isoformat() if until else None,
            "window": window,
        },
        "as_of": graph.as_of.isoformat() if graph.as_of else None,
        "events": len(graph.events),
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


def dyad_view(
    full: StoreGraph,
    a: str,
    b: str,
    since: date | None = None,
    until: date | None = None,
    window: str = "year",
) -> dict[str, Any]:
    """A dyad's timeline (events and stated relations in date order, undated last), each with its reports'
    evidence and offsets, and its cooperation and conflict per window."""
    graph = restrict(full.graph, since, until, window)
    d = graph.dyad(a, b)
    entries: list[dict[str, Any]] = []
    if d is not None:
        scores: dict[str, float] = {}
        events: dict[str, RealEvent] = {}
        for c in d.contributions:
            scores[c.event.id] = scores.get(c.event.id, 0.0) + c.coop - c.conflict
            events[c.event.id] = c.event
        entries = [_event(graph, e, "event", scores[i], full.article_of) for i, e in events.items()]
        seen = set(events)
        for e in d.relation_events:
            if e.id not in seen:
                seen.add(e.id)
                entries.append(_event(graph, e, "relation", 0.0, full.article_of))
    entries.sort(key=lambda x: (x["day"] is None, x["day"] or "", x["kind"], x["type"], x["id"]))
    series = [
        {
            "window": p.window,
            "coop": round(p.coop, 4),
            "conflict": round(p.conflict, 4),
            "net": round(p.net, 4),
            "events": p.events,
        }
        for p in graph.series.points(a, b)
    ]
    summary = _scores(graph, d) if d is not None else None
    return {"a": a, "b": b, "dyad": summary, "events": entries, "series": series}


def alerts_view(full: AllianceGraph, latest: str | None = None, window: str = "year") -> dict[str, Any]:
    """Acceleration alerts of the latest covered window (or `latest`)."""
    graph = restrict(full, None, None, window)
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
