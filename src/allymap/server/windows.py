"""Fast time windows of a built alliance graph: dyads re-scored from kept contributions, blocs anew."""

from __future__ import annotations

import threading
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from datetime import date

from allymap.graph import AllianceGraph
from allymap.graph.blocs import Blocs, detect_blocs
from allymap.graph.dyads import Dyad
from allymap.graph.model import RealEvent
from allymap.graph.trends import Series


def _ordinal(day: date | None) -> int:
    return day.toordinal() if day is not None else 0  # 0: undated (date.min is 1)


KEPT = 32  # restricted graphs kept by a WindowIndex

ByDay = tuple[list[int], list[int]]  # days sorted, and the position of each in the dyad's own list


def _by_day(days: list[int]) -> ByDay:
    order = sorted(range(len(days)), key=days.__getitem__)
    return [days[i] for i in order], order


def _within(by_day: ByDay, first: int, last: int) -> list[tuple[int, int]]:
    """(position, day) of the items dated within [first, last], in their original order."""
    days, order = by_day
    lo, hi = bisect_left(days, first), bisect_right(days, last)
    return sorted((order[i], days[i]) for i in range(lo, hi))


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
        # per dyad, its contributions' (and stated relations') days in order, with their positions, so a
        # window's share is found by bisection and summed in the dyad's own order (the same floats)
        self.contribution_days = {
            key: _by_day([_ordinal(c.event.day) for c in d.contributions]) for key, d in graph.dyads.items()
        }
        self.relation_days = {
            key: _by_day([_ordinal(e.day) for e in d.relation_events]) for key, d in graph.dyads.items()
        }
        self._restricted: OrderedDict[tuple[int, int], AllianceGraph] = OrderedDict()
        self._lock = threading.Lock()

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
        """The graph of [since, until] (the last `KEPT` ranges asked are kept: the views of one range
        with other thresholds or trend windows share it)."""
        if since is None and until is None:
            return self.graph
        span = (since.toordinal() if since else 1, until.toordinal() if until else date.max.toordinal())
        with self._lock:
            found = self._restricted.get(span)
            if found is not None:
                self._restricted.move_to_end(span)
                return found
        narrowed = self._restrict(*span)
        with self._lock:
            self._restricted[span] = narrowed
            while len(self._restricted) > KEPT:
                self._restricted.popitem(last=False)
        return narrowed

    def _restrict(self, first: int, last: int) -> AllianceGraph:
        graph = self.graph
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
            kept = [
                (full.contributions[i], day) for i, day in _within(self.contribution_days[key], first, last)
            ]
            relations = [full.relation_events[i] for i, _ in _within(self.relation_days[key], first, last)]
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
