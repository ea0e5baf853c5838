"""The alliance graph: events weighed and deduplicated, dyads scored, blocs found, trends per window."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from allymap.graph.blocs import Blocs, detect_blocs
from allymap.graph.credibility import (
    OutletTable,
    ScoreTable,
    SignalTable,
    article_credibility,
    attribution_factor,
    report_weight,
)
from allymap.graph.dedup import merge_reports, near_duplicate_articles
from allymap.graph.dyads import Actors, Dyad, Members, dyad_key, relation_score, score_dyads
from allymap.graph.model import ArticleInfo, Credibility, GraphConfig, RealEvent, Report, parse_span
from allymap.graph.trends import Alert, Series, alerts, dyad_series
from allymap.records import Event, is_cooccurrence


@dataclass
class AllianceGraph:
    """Everything the graph layer knows, from which tables, exports and the report are drawn."""

    events: list[RealEvent]
    dyads: dict[tuple[str, str], Dyad]
    blocs: Blocs
    series: Series
    articles: dict[str, ArticleInfo]
    credibility: dict[str, Credibility]
    actors: Actors
    scores: ScoreTable
    outlets: OutletTable
    config: GraphConfig
    as_of: date | None
    records: int
    copies: dict[str, str] = field(default_factory=dict)
    left_out: int = 0  # co-occurrence records left out (GraphConfig.cooccurrence)

    # -- views -------------------------------------------------------------------------------------------
    def dyad(self, a: str, b: str) -> Dyad | None:
        return self.dyads.get(dyad_key(a, b))

    def edge_weight(self, d: Dyad) -> float:
        """The signed weight of a dyad for bloc detection: coop - conflict + stated relations."""
        return d.coop - d.conflict + self.config.blocs.relation_factor * relation_score(d, self.scores)

    def visible(self, min_weight: float = 0.0, derived: bool = True) -> list[Dyad]:
        """Dyads with some weight (or a stated relation), strongest first."""
        out = [
            d
            for d in self.dyads.values()
            if (d.volume >= min_weight and d.volume > 0 or d.relations) and (derived or not d.derived)
        ]
        return sorted(out, key=lambda d: (-(d.volume + abs(relation_score(d, self.scores))), d.key))

    def rows(self, min_weight: float = 0.0, derived: bool = True) -> list[dict[str, Any]]:
        """The `allymap graph` table: one row per dyad."""
        rows = []
        for d in self.visible(min_weight, derived):
            ba, bb = self.blocs.of.get(d.a), self.blocs.of.get(d.b)
            bloc = self.blocs.label(ba) if ba == bb else f"{self.blocs.label(ba)} | {self.blocs.label(bb)}"
            rows.append(
                {
                    "dyad": f"{d.a}–{d.b}",
                    "net": round(d.net, 3),
                    "coop": round(d.coop, 3),
                    "conflict": round(d.conflict, 3),
                    "events": d.events,
                    "relations": ",".join(sorted(d.relations)),
                    "bloc": bloc,
                    "via": ",".join(sorted({v for c in d.contributions for v in c.pair.via})),
                }
            )
        return rows

    def signed_graph(self, derived: bool = True) -> nx.Graph:
        g = nx.Graph()
        for d in self.visible(0.0, derived):
            w = self.edge_weight(d)
            if w:
                g.add_edge(d.a, d.b, weight=w)
            else:
                g.add_nodes_from((d.a, d.b))
        return g

    def alerts(self, latest: str | None = None) -> list[Alert]:
        return alerts(self.series, self.config.alerts, latest)

    def report_of(self, report: Report) -> dict[str, Any]:
        """One supporting report, as shown in `explain` and the report's evidence tables."""
        e = report.event
        _, attribution = attribution_factor(e, self.outlets, self.config.weights)
        cred = report.credibility
        return {
            "date": report.span.label() if report.span else "",
            "dated_by": report.dated_by,
            "doc": e.doc,
            "outlet": cred.outlet or "",
            "credibility": round(cred.score, 2),
            "signals": ",".join(cred.signals),
            "claimant": ",".join(e.claimed_by) if e.claimed_by else "(outlet)",
            "attribution": attribution,
            "modality": e.modality,
            "negated": e.negated,
            "confidence": round(e.confidence, 2),
            "weight": round(report.weight, 3),
            "evidence": e.evidence,
            "copy_of": self.copies.get(e.doc, e.doc) if self.copies.get(e.doc, e.doc) != e.doc else "",
        }

    def explain(self, a: str, b: str) -> list[dict[str, Any]]:
        """The dyad's timeline in date order (undated last): every event and stated relation with its
        reports' evidence, document, outlet, claimant and modality."""
        d = self.dyad(a, b)
        if d is None:
            return []
        entries: list[dict[str, Any]] = []
        for c in d.contributions:
            entries.append(self._entry(c.event, "event", c.coop - c.conflict, c.pair.via))
        seen: set[str] = set()
        for event in d.relation_events:
            if event.id not in seen:
                seen.add(event.id)
                entries.append(self._entry(event, "relation", 0.0, ()))
        entries.sort(key=lambda x: (x["day"] is None, x["day"] or date.min, x["kind"], x["type"]))
        return entries

    def _entry(self, event: RealEvent, kind: str, score: float, via: tuple[str, ...]) -> dict[str, Any]:
        best = event.best.event
        arrow = "↔" if event.symmetric else "→"
        return {
            "day": event.day,
            "date": (event.span.label() if event.span else "undated")
            + (" (published)" if event.span and all(r.dated_by == "article" for r in event.reports) else ""),
            "kind": kind,
            "type": event.type if kind == "event" else self.scores.relation_type(event.type),
            "mode": event.mode or "",
            "direction": f"{','.join(best.source)} {arrow} {','.join(best.target) or ','.join(best.source)}",
            "via": ",".join(via),
            "negated": event.negated,
            "modality": best.modality,
            "weight": round(event.weight, 3),
            "score": round(score, 3),
            "independent": event.independent,
            "reports": [self.report_of(r) for r in sorted(event.reports, key=lambda r: -r.weight)],
            "id": event.id,
        }

    def dyad_years(self, include_orgs: bool = False) -> list[dict[str, Any]]:
        """Dyad-year alignment scores (undecayed) for validation against alliance or UN-vote data.
        Pairs with an organisation or non-state actor are left out unless `include_orgs` (then flagged)."""
        rows: list[dict[str, Any]] = []
        for d in sorted(self.dyads.values(), key=lambda x: x.key):
            states = self.actors.is_state(d.a) and self.actors.is_state(d.b)
            if not states and not include_orgs:
                continue
            years: dict[int, list[Any]] = {}
            for c in d.contributions:
                if c.event.day is not None:
                    y = years.setdefault(c.event.day.year, [0.0, 0.0, set(), set()])
                    y[0] += c.coop
                    y[1] += c.conflict
                    y[2].add(c.event.id)
            for event in d.relation_events:
                if event.day is not None:
                    years.setdefault(event.day.year, [0.0, 0.0, set(), set()])[3].add(
                        self.scores.relation_type(event.type)
                    )
            for year in sorted(years):
                coop, conflict, ids, rels = years[year]
                volume = coop + conflict
                rows.append(
                    {
                        "year": year,
                        "iso3_a": d.a,
                        "iso3_b": d.b,
                        "coop": round(coop, 4),
                        "conflict": round(conflict, 4),
                        "net": round((coop - conflict) / (volume + self.config.scores.pseudo), 4)
                        if volume
                        else 0.0,
                        "events": len(ids),
                        "relations": ",".join(sorted(rels)),
                        "organisation": not states,
                    }
                )
        return rows


def make_reports(
    events: Iterable[Event],
    articles: Mapping[str, ArticleInfo],
    credibility: Mapping[str, Credibility],
    copies: Mapping[str, str],
    outlets: OutletTable,
    config: GraphConfig,
) -> list[Report]:
    """Each record as a Report: its weight, and its date (own date, else its article's)."""
    reports = []
    default = Credibility(config.weights.unknown_outlet)
    for e in events:
        cred = credibility.get(e.doc, default)
        span, dated_by = parse_span(e.date), "event"
        if span is None:
            article = articles.get(e.doc)
            span = parse_span(article.published) if article else None
            dated_by = "article" if span else "none"
        weight = report_weight(e, cred, outlets, config.weights)
        reports.append(Report(e, cred, weight, span, dated_by, copies.get(e.doc, e.doc)))
    return reports


def build_graph(
    events: Iterable[Event],
    articles: Mapping[str, ArticleInfo] | None = None,
    config: GraphConfig | None = None,
    actors: Actors | None = None,
    members: Members | dict[str, Any] | None = None,
) -> AllianceGraph:
    """The alliance graph of event records and (optionally) their articles' info. `members` replaces
    the actors knowledge base's organisation membership (a callable (org, date) -> codes, or a dict)."""
    config = config or GraphConfig()
    if actors is None:
        actors = Actors.with_members(members) if members is not None else Actors.default()
    articles = dict(articles or {})
    outlets, scores, signals = OutletTable.load(config.outlets), ScoreTable.load(), SignalTable.load()
    events = list(events)
    total = len(events)
    if not config.cooccurrence:
        events = [e for e in events if not is_cooccurrence(e)]
    docs = {e.doc for e in events}
    texts = {doc: a.text for doc, a in articles.items() if a.text and doc in docs}
    d = config.dedup
    copies = (
        near_duplicate_articles(texts, d.article_threshold, d.article_shingle, d.num_perm) if texts else {}
    )
    credibility = {
        doc: article_credibility(a, outlets, signals, config.weights)
        for doc, a in articles.items()
        if doc in docs
    }
    reports = make_reports(events, articles, credibility, copies, outlets, config)
    real = merge_reports(reports, config.dedup)
    s = config.scores
    if s.since or s.until:
        real = [
            r
            for r in real
            if r.day is not None and (not s.since or r.day >= s.since) and (not s.until or r.day <= s.until)
        ]
    days = [r.day for r in real if r.day is not None and not is_cooccurrence(r.best.event)]
    as_of = s.as_of or (max(days) if days else None)
    dyads = score_dyads(real, scores, actors, config.weights, s, as_of)
    # co-occurrences never count in the windows' article numbers (they could lower a baseline)
    series = dyad_series(dyads.values(), [r for r in real if not is_cooccurrence(r.best.event)], s.window)
    graph = AllianceGraph(
        real,
        dyads,
        Blocs({}),
        series,
        articles,
        credibility,
        actors,
        scores,
        outlets,
        config,
        as_of,
        total,
        copies,
        total - len(events),
    )
    graph.blocs = detect_blocs(graph.signed_graph(), config.blocs)
    return graph
