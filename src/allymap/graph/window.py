"""A built alliance graph narrowed to a date range or another trend window, without redoing dedup."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from allymap.graph.blocs import Blocs, detect_blocs
from allymap.graph.build import AllianceGraph
from allymap.graph.dyads import score_dyads
from allymap.graph.trends import dyad_series


def restrict(
    graph: AllianceGraph,
    since: date | None = None,
    until: date | None = None,
    window: str | None = None,
) -> AllianceGraph:
    """The graph of the real events dated within [since, until], scored and partitioned anew, with trends
    per `window`. It equals `build_graph` with the same since/until (that also filters real events after
    merging reports), but reuses the graph's weighted, deduplicated events: the costly part is done once.
    The graph itself is returned when nothing changes."""
    scores = graph.config.scores
    window = window or scores.window
    if since is None and until is None and window == scores.window:
        return graph
    if since or until:
        real = [
            r
            for r in graph.events
            if r.day is not None and (not since or r.day >= since) and (not until or r.day <= until)
        ]
    else:
        real = list(graph.events)
    cfg = replace(scores, since=since, until=until, window=window)
    days = [r.day for r in real if r.day is not None]
    as_of = cfg.as_of or (max(days) if days else None)
    dyads = score_dyads(real, graph.scores, graph.actors, graph.config.weights, cfg, as_of)
    narrowed = AllianceGraph(
        real,
        dyads,
        Blocs({}),
        dyad_series(dyads.values(), real, window),
        graph.articles,
        graph.credibility,
        graph.actors,
        graph.scores,
        graph.outlets,
        replace(graph.config, scores=cfg),
        as_of,
        graph.records,
        graph.copies,
    )
    narrowed.blocs = detect_blocs(narrowed.signed_graph(), graph.config.blocs)
    return narrowed
