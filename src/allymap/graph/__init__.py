"""The alliance graph: dedup across articles, credibility, dyad scores, blocs, trends, exports, report."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from allymap.graph.blocs import Blocs, detect_blocs, signed_modularity
from allymap.graph.build import AllianceGraph, build_graph
from allymap.graph.credibility import article_credibility, report_weight, signed_score
from allymap.graph.dedup import merge_reports, near_duplicate_articles
from allymap.graph.dyads import Actors, Dyad, expand_pairs, score_dyads
from allymap.graph.model import (
    AlertConfig,
    ArticleInfo,
    BlocConfig,
    DedupConfig,
    GraphConfig,
    RealEvent,
    Report,
    ScoreConfig,
    WeightConfig,
)
from allymap.graph.sources import EventSource, load_articles, load_events
from allymap.graph.trends import Alert, alerts, dyad_series

__all__ = [
    "Actors",
    "Alert",
    "AlertConfig",
    "AllianceGraph",
    "ArticleInfo",
    "BlocConfig",
    "Blocs",
    "DedupConfig",
    "Dyad",
    "GraphConfig",
    "RealEvent",
    "Report",
    "ScoreConfig",
    "WeightConfig",
    "alerts",
    "article_credibility",
    "build_graph",
    "configure",
    "detect_blocs",
    "dyad_series",
    "expand_pairs",
    "load_graph",
    "merge_reports",
    "near_duplicate_articles",
    "report_weight",
    "score_dyads",
    "signed_modularity",
    "signed_score",
]

Articles = Mapping[str, ArticleInfo] | Iterable[str | Path] | str | Path | None


def configure(
    config: GraphConfig | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    window: str | None = None,
    as_of: str | date | None = None,
    outlets: str | Path | None = None,
    half_life_days: float | None = None,
    cooccurrence: bool | None = None,
) -> GraphConfig:
    """A GraphConfig with the common options changed (dates as ISO strings or dates); `cooccurrence`
    keeps the co-occurrence records of languages without a parser model (zero-score, never alerting)."""
    config = config or GraphConfig()
    scores = config.scores
    changes: dict[str, Any] = {}
    for name, value in (("since", since), ("until", until), ("as_of", as_of)):
        if value is not None:
            changes[name] = value if isinstance(value, date) else date.fromisoformat(str(value))
    if window is not None:
        changes["window"] = window
    if half_life_days is not None:
        changes["half_life_days"] = half_life_days or None
    if changes:
        scores = replace(scores, **changes)
    keep = config.cooccurrence if cooccurrence is None else cooccurrence
    return replace(
        config, scores=scores, outlets=str(outlets) if outlets else config.outlets, cooccurrence=keep
    )


def load_graph(
    source: EventSource | AllianceGraph = "allymap.duckdb",
    articles: Articles = None,
    config: GraphConfig | None = None,
    members: Any = None,
    actors: Actors | None = None,
) -> AllianceGraph:
    """The alliance graph of a DuckDB path, an events JSONL path or event records. `articles` adds
    article info (published date, domain, text): a mapping, or article files/directories/JSONL corpora."""
    if isinstance(source, AllianceGraph):
        return source
    events, stored = load_events(source)
    info: dict[str, ArticleInfo] = dict(stored)
    if isinstance(articles, Mapping):
        info.update(articles)
    elif isinstance(articles, str | Path):
        info.update(load_articles([articles]))
    elif articles is not None:
        info.update(load_articles(list(articles)))
    return build_graph(events, info, config, actors, members)
