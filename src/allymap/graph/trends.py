"""Trends and early warning: dyad scores per time window, and acceleration alerts against a baseline."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from allymap.graph.dyads import Dyad
from allymap.graph.model import AlertConfig, RealEvent, window_of, windows_between


@dataclass(frozen=True)
class Point:
    """A dyad in one window: undecayed cooperation, conflict and the number of real events."""

    window: str
    coop: float
    conflict: float
    events: int

    @property
    def net(self) -> float:
        volume = self.coop + self.conflict
        return (self.coop - self.conflict) / (volume + 1.0) if volume else 0.0


@dataclass(frozen=True)
class Series:
    """Every dyad's points per window, the windows the corpus covers (any dated event) and the number
    of independent articles behind each covered window."""

    window: str
    dyads: Mapping[tuple[str, str], Mapping[str, Point]]
    covered: tuple[str, ...]
    articles: Mapping[str, int]

    def points(self, a: str, b: str) -> list[Point]:
        key = (a, b) if a <= b else (b, a)
        return [self.dyads.get(key, {}).get(w, Point(w, 0.0, 0.0, 0)) for w in self.all_windows()]

    def all_windows(self) -> list[str]:
        if not self.covered:
            return []
        return windows_between(self.covered[0], self.covered[-1], self.window)


def dyad_series(dyads: Iterable[Dyad], events: Iterable[RealEvent], window: str = "year") -> Series:
    """Per-window cooperation and conflict of each dyad (undated events are left out)."""
    articles: dict[str, set[str]] = defaultdict(set)
    for event in events:
        if event.day is not None:
            articles[window_of(event.day, window)].update(r.cluster for r in event.reports)
    out: dict[tuple[str, str], dict[str, Point]] = {}
    for d in dyads:
        sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
        ids: dict[str, set[str]] = defaultdict(set)
        for c in d.contributions:
            if c.event.day is None:
                continue
            w = window_of(c.event.day, window)
            sums[w][0] += c.coop
            sums[w][1] += c.conflict
            ids[w].add(c.event.id)
        if sums:
            out[d.key] = {w: Point(w, v[0], v[1], len(ids[w])) for w, v in sorted(sums.items())}
    covered = tuple(sorted(articles))
    return Series(window, out, covered, {w: len(v) for w, v in articles.items()})


@dataclass(frozen=True)
class Alert:
    """A dyad whose cooperation (or conflict) in the latest window exceeds its baseline by the margin."""

    a: str
    b: str
    kind: str  # cooperation | conflict
    window: str
    latest: float
    baseline: float
    baseline_windows: tuple[str, ...]
    events: int

    @property
    def ratio(self) -> float:
        return self.latest / self.baseline if self.baseline else float("inf")

    def row(self) -> dict[str, object]:
        return {
            "dyad": f"{self.a}–{self.b}",
            "kind": self.kind,
            "window": self.window,
            "latest": round(self.latest, 3),
            "baseline": round(self.baseline, 3),
            "ratio": "new" if not self.baseline else round(self.ratio, 2),
            "baseline_windows": ",".join(self.baseline_windows),
            "events": self.events,
        }


def alerts(series: Series, cfg: AlertConfig, latest: str | None = None) -> list[Alert]:
    """Acceleration alerts for the latest covered window (or `latest`). The baseline is the mean over the
    `cfg.baseline_windows` covered windows before it: windows with no dated event at all are gaps in
    coverage, not evidence of calm, so they are skipped. With `cfg.per_article`, each window's score is
    divided by the number of independent articles behind it, so a busier news window does not alert
    by volume alone. An alert needs latest - baseline >= margin and latest >= ratio x baseline."""
    if not series.covered:
        return []
    last = latest or series.covered[-1]
    before = [w for w in series.covered if w < last][-cfg.baseline_windows :] if cfg.baseline_windows else []
    if not before:
        return []

    def value(points: Mapping[str, Point], window: str, kind: str) -> float:
        point = points.get(window)
        if point is None:
            return 0.0
        raw = point.coop if kind == "cooperation" else point.conflict
        scale = max(1, series.articles.get(window, 1)) if cfg.per_article else 1
        return raw / scale

    out: list[Alert] = []
    for (a, b), points in series.dyads.items():
        if last not in points:
            continue
        for kind in cfg.kinds:
            now = value(points, last, kind)
            base = sum(value(points, w, kind) for w in before) / len(before)
            if now - base >= cfg.margin and now >= cfg.ratio * base:
                out.append(Alert(a, b, kind, last, now, base, tuple(before), points[last].events))
    out.sort(key=lambda x: (-(x.latest - x.baseline), x.a, x.b, x.kind))
    return out
