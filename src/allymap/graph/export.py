"""Exports of the alliance graph: GraphML, GEXF, JSON, CSV, Parquet and PLOVER JSONL."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import networkx as nx

from allymap.errors import InputError
from allymap.graph.build import AllianceGraph
from allymap.graph.dyads import relation_score
from allymap.graph.model import RealEvent

FORMATS: tuple[str, ...] = ("graphml", "gexf", "json", "csv", "parquet", "plover")

EDGE_COLUMNS: tuple[str, ...] = (
    "a",
    "b",
    "net",
    "coop",
    "conflict",
    "events",
    "relations",
    "relation_score",
    "weight",
    "derived",
    "via",
    "bloc_a",
    "bloc_b",
)


def node_kind(graph: AllianceGraph, code: str) -> str:
    if graph.actors.is_state(code):
        return "state"
    return "organisation" if code in graph.actors.organisations else "other"


def edge_rows(graph: AllianceGraph, min_weight: float = 0.0) -> list[dict[str, Any]]:
    """One flat row per dyad (scalar values only, so every format can hold them)."""
    rows = []
    for d in graph.visible(min_weight):
        rows.append(
            {
                "a": d.a,
                "b": d.b,
                "net": float(round(d.net, 4)),
                "coop": float(round(d.coop, 4)),
                "conflict": float(round(d.conflict, 4)),
                "events": d.events,
                "relations": ",".join(sorted(d.relations)),
                "relation_score": float(round(relation_score(d, graph.scores), 4)),
                "weight": float(round(graph.edge_weight(d), 4)),
                "derived": d.derived,
                "via": ",".join(sorted({v for c in d.contributions for v in c.pair.via})),
                "bloc_a": graph.blocs.of.get(d.a, -1),
                "bloc_b": graph.blocs.of.get(d.b, -1),
            }
        )
    return rows


def to_networkx(graph: AllianceGraph, min_weight: float = 0.0) -> nx.Graph:
    """An undirected networkx graph: nodes with name, kind, bloc; edges with scores and relations."""
    g = nx.Graph()
    for row in edge_rows(graph, min_weight):
        for code in (row["a"], row["b"]):
            if code not in g:
                bloc = graph.blocs.of.get(code, -1)
                g.add_node(
                    code,
                    label=graph.actors.name(code),
                    kind=node_kind(graph, code),
                    bloc=bloc,
                    bloc_label=graph.blocs.label(bloc) if bloc >= 0 else "",
                    attached=code in graph.blocs.attached,
                )
        g.add_edge(row["a"], row["b"], **{k: v for k, v in row.items() if k not in ("a", "b")})
    return g


def event_row(event: RealEvent, graph: AllianceGraph) -> dict[str, Any]:
    best = event.best.event
    return {
        "id": event.id,
        "date": event.span.label() if event.span else None,
        "kind": event.kind,
        "type": event.type,
        "mode": event.mode,
        "source": list(best.source),
        "target": list(best.target),
        "symmetric": event.symmetric,
        "negated": event.negated,
        "modality": best.modality,
        "weight": round(event.weight, 4),
        "independent": event.independent,
        "reports": [graph.report_of(r) for r in event.reports],
    }


def plover_record(event: RealEvent, graph: AllianceGraph) -> dict[str, Any]:
    """A PLOVER JSON record (id, date, source/recipient actor objects, event, mode, quad_code,
    event_scale, event_text, cite_info) with allymap's own fields prefixed `allymap_`."""
    best = event.best.event
    doc = graph.articles.get(best.doc)
    return {
        "id": f"allymap-{event.id}",
        "date": event.span.start.isoformat() if event.span else None,
        "source": [{"code": c, "actor_text": t} for c, t in _texts(best.source, best.source_text)],
        "recipient": [{"code": c, "actor_text": t} for c, t in _texts(best.target, best.target_text)],
        "event": [graph.scores.relation_type(event.type) if event.kind == "relation" else event.type],
        "mode": event.mode,
        "quad_code": graph.scores.quad(event.type) or None,
        "event_scale": graph.scores.score(event.type, event.mode),
        "event_text": [r.event.evidence for r in event.reports],
        "cite_info": {
            "corpus": "allymap",
            "url": doc.url if doc else None,
            "title": doc.title if doc else None,
            "language": doc.lang if doc else None,
            "publication": event.best.credibility.outlet,
        },
        "coder": best.extractor or "allymap",
        "allymap_kind": event.kind,
        "allymap_negated": event.negated,
        "allymap_modality": best.modality,
        "allymap_claimed_by": list(best.claimed_by) if best.claimed_by else None,
        "allymap_weight": round(event.weight, 4),
        "allymap_docs": list(event.docs),
    }


def _texts(codes: tuple[str, ...], texts: tuple[str, ...]) -> list[tuple[str, str | None]]:
    return [(c, texts[i] if i < len(texts) else None) for i, c in enumerate(codes)]


def to_json(graph: AllianceGraph, min_weight: float = 0.0) -> dict[str, Any]:
    """The whole graph as one JSON document: nodes, edges, blocs, alerts and deduplicated events."""
    g = to_networkx(graph, min_weight)
    return {
        "as_of": graph.as_of.isoformat() if graph.as_of else None,
        "records": graph.records,
        "events": [event_row(e, graph) for e in graph.events],
        "nodes": [{"id": n, **attrs} for n, attrs in sorted(g.nodes(data=True))],
        "edges": edge_rows(graph, min_weight),
        "blocs": [
            {"bloc": b, "label": graph.blocs.label(b), "members": graph.blocs.members(b)}
            for b in range(graph.blocs.count())
        ],
        "alerts": [a.row() for a in graph.alerts()],
    }


def export(graph: AllianceGraph, fmt: str, out: str | Path, min_weight: float = 0.0) -> Path:
    """Write the graph in one of FORMATS to `out`; returns the path written."""
    path = Path(out)
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r} (use {', '.join(FORMATS)})", str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "graphml":
        nx.write_graphml(to_networkx(graph, min_weight), path)
    elif fmt == "gexf":
        nx.write_gexf(to_networkx(graph, min_weight), path)
    elif fmt == "json":
        path.write_text(
            json.dumps(to_json(graph, min_weight), ensure_ascii=False, indent=1), encoding="utf-8"
        )
    elif fmt == "csv":
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(EDGE_COLUMNS))
            writer.writeheader()
            writer.writerows(edge_rows(graph, min_weight))
    elif fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = edge_rows(graph, min_weight)
        table = pa.Table.from_pylist(rows) if rows else pa.table({c: pa.array([]) for c in EDGE_COLUMNS})
        pq.write_table(table, path)
    else:
        with path.open("w", encoding="utf-8") as handle:
            for event in graph.events:
                handle.write(json.dumps(plover_record(event, graph), ensure_ascii=False) + "\n")
    return path
