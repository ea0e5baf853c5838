"""Fast time windows of a built alliance graph: dyads re-scored from kept contributions, blocs anew."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date

from allymap.graph import AllianceGraph
from allymap.graph.blocs import Blocs, detect_blocs
from allymap.graph.dyads import Dyad
from allymap.graph.model import RealEvent
from allymap.graph.trends import Series


def _ordinal(day: date | None) -> int:
    return day.toordinal() if day is not None else 0  # 0: undated (date.min is 1)


class WindowIndex:
    """The days of a graph's real events, contributions and stated relations, read once, so that the
    graph of any date range is re-scored without touching the events again.

    `restrict(since, until)` gives what `allymap.graph.window.restrict` gives for that range (the same
    dyads, scores, decay and blocs; sums in the same order, so the same floats) but only the fields the
    graph view reads: its `events` list is empty (see `events_in`) and its series is left empty."""

    def __init__(self, graph: AllianceGraph) -> None:
        self.graph = graph
        # RealEvent.id and .day are computed on each access: read once, keyed by the event object
        self._ids = {id(e): e.id for e in graph.events}
        self._days = {id(e): _ordinal(e.day) for e in graph.events}
        self.days = sorted(d for d in (_ordinal(e.day) for e in graph.events) if d)
        self.contribution_days = {
            key: [_ordinal(c.event.day) for c in d.contributions] for key, d in graph.dyads.items()
        }
        self.relation_days = {
            key: [_ordinal(e.day) for e in d.relation_events] for key, d in graph.dyads.items()
        }

    def event_id(self, event: RealEvent) -> str:
        found = self._ids.get(id(event))
        return found if found is not None else event.id

    def day(self, event: RealEvent) -> date | None:
        found = self._days.get(id(event))
        if found is None:
            return event.day
        return date.fromordinal(found) if found else None

    def events_of(self, d: Dyad) -> int:
        """Dyad.events (its distinct real events), without recomputing event ids."""
        return len({self.event_id(c.event) for c in d.contributions})

    def events_in(self, since: date | None, until: date | None) -> int:
        """How many real events are dated within [since, until]."""
        lo = bisect_left(self.days, since.toordinal()) if since else bisect_left(self.days, 1)
        hi = bisect_right(self.days, until.toordinal()) if until else len(self.days)
        return max(0, hi - lo)

    def restrict(self, since: date | None, until: date | None) -> AllianceGraph:
        graph = self.graph
        if since is None and until is None:
            return graph
        first = since.toordinal() if since else 1
        last = until.toordinal() if until else date.max.toordinal()
        lo, hi = bisect_left(self.days, first), bisect_right(self.days, last)
        cfg = graph.config.scores
        as_of = cfg.as_of or (date.fromordinal(self.days[hi - 1]) if hi > lo else None)
        half_life = cfg.half_life_days
        decays: dict[int, float] = {}

        def decay(day: int) -> float:
            if as_of is None or not half_life:
                return 1.0
            if day not in decays:
                decays[day] = float(0.5 ** (max(0, as_of.toordinal() - day) / half_life))
            return decays[day]

        dyads: dict[tuple[str, str], Dyad] = {}
        for key, full in graph.dyads.items():
            days = self.contribution_days[key]
            kept = [(c, day) for c, day in zip(full.contributions, days, strict=True) if first <= day <= last]
            days = self.relation_days[key]
            relations = [e for e, day in zip(full.relation_events, days, strict=True) if first <= day <= last]
            if not kept and not relations:
                continue
            d = Dyad(full.a, full.b)
            for c, day in kept:
                factor = decay(day)
                d.contributions.append(c)
                d.coop += c.coop * factor
                d.conflict += c.conflict * factor
            for event in relations:
                relation = graph.scores.relation_type(event.type)
                d.relations[relation] = max(d.relations.get(relation, 0.0), event.weight)
                d.relation_events.append(event)
            d.net = (d.coop - d.conflict) / (d.coop + d.conflict + cfg.pseudo) if d.volume else 0.0
            dyads[key] = d
        narrowed = AllianceGraph(
            [],
            dyads,
            Blocs({}),
            Series(cfg.window, {}, (), {}),
            graph.articles,
            graph.credibility,
            graph.actors,
            graph.scores,
            graph.outlets,
            graph.config,
            as_of,
            graph.records,
            graph.copies,
        )
        narrowed.blocs = detect_blocs(narrowed.signed_graph(), graph.config.blocs)
        return narrowed
