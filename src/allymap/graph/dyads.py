"""Dyad scores: real events expanded to actor pairs (organisations to members on the event date)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from allymap.graph.credibility import ScoreTable, polarity, signed_score
from allymap.graph.model import RealEvent, ScoreConfig, WeightConfig

Members = Callable[[str, date | None], Collection[str]]


@dataclass(frozen=True)
class Actors:
    """What the graph needs to know of actors: organisations' members on a date, which codes are states,
    and display names. `Actors.default()` reads the actors knowledge base."""

    members: Members
    states: frozenset[str]
    organisations: frozenset[str] = frozenset()
    names: Callable[[str], str] = str

    @classmethod
    def default(cls) -> Actors:
        return _default_actors()

    @classmethod
    def with_members(cls, members: Members | dict[str, Collection[str]]) -> Actors:
        """The default states and names with a given members callable (or a fixed org → members map)."""
        base = _default_actors()
        if isinstance(members, dict):
            table = {k: set(v) for k, v in members.items()}
            return cls(lambda org, on: table.get(org, set()), base.states, frozenset(table), base.names)
        return cls(members, base.states, base.organisations, base.names)

    def is_state(self, code: str) -> bool:
        return code in self.states and code not in self.organisations

    def name(self, code: str) -> str:
        return self.names(code)


@functools.cache
def _default_actors() -> Actors:
    import pycountry

    states = frozenset(c.alpha_3 for c in pycountry.countries) | {"XKX"}
    try:
        from allymap.actors import KnowledgeBase

        kb = KnowledgeBase.load()
    except ImportError:  # the actors stage is not installed: no expansion
        return Actors(lambda org, on: set(), states)
    return Actors(
        lambda org, on: kb.members(org, on),
        states,
        frozenset(kb.organisations()),
        lambda code: kb.name(code, "en"),
    )


@dataclass(frozen=True)
class Pair:
    """One actor pair of a record: `a` on the source side, `b` on the target side, the share of the
    record it carries (1 for named actors, `member_share` per expanded organisation) and the
    organisations expanded to reach it."""

    a: str
    b: str
    share: float
    via: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, str]:
        return dyad_key(self.a, self.b)


def dyad_key(a: str, b: str) -> tuple[str, str]:
    """Dyads are undirected: the pair in sorted order."""
    return (a, b) if a <= b else (b, a)


def _side(
    codes: Iterable[str], on: date | None, actors: Actors, cfg: ScoreConfig
) -> list[tuple[str, float, str]]:
    out: dict[str, tuple[str, float, str]] = {}
    for code in codes:
        out[code] = (code, 1.0, "")
        members = (
            sorted(actors.members(code, on))
            if code in actors.organisations or not actors.is_state(code)
            else []
        )
        if 0 < len(members) <= cfg.max_members:
            for member in members:
                if member not in out:
                    out[member] = (member, cfg.member_share, code)
    return list(out.values())


def expand_pairs(
    source: Iterable[str],
    target: Iterable[str],
    on: date | None,
    actors: Actors,
    cfg: ScoreConfig,
    expand: bool = True,
) -> list[Pair]:
    """Every (source, target) actor pair of a record. Organisations stay as nodes and, when `expand`, also
    reach their member states on `on` (at `member_share`). With no target, the sources act together
    (PLOVER's reciprocal form) and pair with each other. A member is never paired with its own
    organisation through expansion, nor an actor with itself."""
    src, tgt = list(dict.fromkeys(source)), list(dict.fromkeys(target))
    if not tgt:
        tgt = src
    left = _side(src, on, actors, cfg) if expand else [(c, 1.0, "") for c in src]
    right = _side(tgt, on, actors, cfg) if expand else [(c, 1.0, "") for c in tgt]
    pairs: dict[tuple[str, str], Pair] = {}
    for a, share_a, via_a in left:
        for b, share_b, via_b in right:
            if a == b or (via_a and via_a == b) or (via_b and via_b == a):
                continue
            key = dyad_key(a, b)
            pair = Pair(a, b, share_a * share_b, tuple(v for v in (via_a, via_b) if v))
            old = pairs.get(key)
            if old is None or pair.share > old.share:
                pairs[key] = pair
    return list(pairs.values())


@dataclass(frozen=True)
class Contribution:
    """One real event's part in one dyad, before time decay."""

    event: RealEvent
    pair: Pair
    coop: float
    conflict: float


@dataclass
class Dyad:
    """An undirected pair's cooperation and conflict (time-decayed sums of weight x share x score),
    the events behind them and the relations stated between them."""

    a: str
    b: str
    coop: float = 0.0
    conflict: float = 0.0
    contributions: list[Contribution] = field(default_factory=list)
    relations: dict[str, float] = field(default_factory=dict)  # ALLY/PARTNER/... -> best weight
    relation_events: list[RealEvent] = field(default_factory=list)
    net: float = 0.0

    @property
    def key(self) -> tuple[str, str]:
        return (self.a, self.b)

    @property
    def volume(self) -> float:
        return self.coop + self.conflict

    @property
    def events(self) -> int:
        return len({c.event.id for c in self.contributions})

    @property
    def derived(self) -> bool:
        """True when every event reaches this pair only through an organisation's membership."""
        return bool(self.contributions) and all(c.pair.via for c in self.contributions) and not self.relations


def decay_factor(day: date | None, as_of: date | None, half_life: float | None) -> float:
    if day is None or as_of is None or not half_life:
        return 1.0
    age = max(0, (as_of - day).days)
    return float(0.5 ** (age / half_life))


def score_dyads(
    events: Iterable[RealEvent],
    scores: ScoreTable,
    actors: Actors,
    weights: WeightConfig,
    cfg: ScoreConfig,
    as_of: date | None = None,
) -> dict[tuple[str, str], Dyad]:
    """Dyads of real events: events add weighted cooperation/conflict with time decay as of `as_of`;
    relation records add stated relations (never expanded to members). Net alignment is
    (coop - conflict) / (coop + conflict + pseudo)."""
    dyads: dict[tuple[str, str], Dyad] = {}

    def dyad(key: tuple[str, str]) -> Dyad:
        if key not in dyads:
            dyads[key] = Dyad(*key)
        return dyads[key]

    for event in events:
        best = event.best.event
        if event.kind == "relation":
            if best.negated:
                continue
            relation = scores.relation_type(event.type)
            for pair in expand_pairs(best.source, best.target, event.day, actors, cfg, expand=False):
                d = dyad(pair.key)
                d.relations[relation] = max(d.relations.get(relation, 0.0), event.weight)
                d.relation_events.append(event)
            continue
        if event.mode and best.mode != event.mode:  # the most specific mode any report gives
            best = replace(best, mode=event.mode)
        coop, conflict = polarity(signed_score(best, scores, weights))
        decay = decay_factor(event.day, as_of, cfg.half_life_days)
        for pair in expand_pairs(best.source, best.target, event.day, actors, cfg):
            part = event.weight * pair.share
            d = dyad(pair.key)
            d.contributions.append(Contribution(event, pair, part * coop, part * conflict))
            d.coop += part * coop * decay
            d.conflict += part * conflict * decay
    for d in dyads.values():
        d.net = (d.coop - d.conflict) / (d.coop + d.conflict + cfg.pseudo) if d.volume else 0.0
    return dyads


def relation_score(d: Dyad, scores: ScoreTable) -> float:
    """The signed strength of the relations stated for a dyad (score x weight, summed over types)."""
    return sum(scores.score(t) * w for t, w in d.relations.items())
