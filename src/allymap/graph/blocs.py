"""Blocs: communities of the signed alliance graph (Louvain on cooperation, refined by signed modularity).

Why this method: cooperation edges carry the alliance structure and Louvain finds it well, but it cannot
see conflict. Refining the partition by node moves that raise the signed modularity of Gómez, Jensen and
Arenas (2009), Q = (w+ Q+ - w- Q-) / (w+ + w-), pulls apart groups that cooperate inside and fight each
other, which positive-only Louvain may fuse through one stray cooperation edge. Actors that only appear as
targets of hostility (a state under attack) would stay alone; structural balance ("the enemy of my enemy")
attaches them to the bloc most opposed to their adversaries, marked as attached by opposition. It needs
only networkx, is deterministic (fixed seed, sorted order) and is fast for graphs of a few thousand nodes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from allymap.graph.model import BlocConfig


@dataclass(frozen=True)
class Blocs:
    """Bloc number of each node (0 = the largest), each bloc's leading members, the nodes attached by
    opposition only, and the signed modularity of the partition."""

    of: dict[str, int]
    leaders: dict[int, tuple[str, ...]] = field(default_factory=dict)
    attached: frozenset[str] = frozenset()
    modularity: float = 0.0

    def members(self, bloc: int) -> list[str]:
        return sorted(n for n, b in self.of.items() if b == bloc)

    def label(self, bloc: int | None) -> str:
        if bloc is None:
            return ""
        return "/".join(self.leaders.get(bloc, ())[:3]) or str(bloc)

    def count(self) -> int:
        return len(set(self.of.values()))


def _strength(g: nx.Graph, node: str, sign: int) -> float:
    return sum(w for _, _, w in g.edges(node, data="weight") if w * sign > 0) * sign


def signed_modularity(g: nx.Graph, of: dict[str, int], resolution: float = 1.0) -> float:
    """Q = (w+ Q+ - w- Q-) / (w+ + w-) of a partition of a graph with signed `weight` edges."""
    total = 0.0
    weights = []
    for sign in (1, -1):
        m = sum(w * sign for _, _, w in g.edges(data="weight") if w * sign > 0)
        if m <= 0:
            weights.append((0.0, 0.0))
            continue
        inside = sum(w * sign for u, v, w in g.edges(data="weight") if w * sign > 0 and of[u] == of[v])
        tot: dict[int, float] = defaultdict(float)
        for n in g.nodes:
            tot[of[n]] += _strength(g, n, sign)
        q = inside / m - resolution * sum(t * t for t in tot.values()) / (4 * m * m)
        weights.append((m, q))
    (mp, qp), (mn, qn) = weights
    if mp + mn > 0:
        total = (mp * qp - mn * qn) / (mp + mn)
    return total


def _refine(g: nx.Graph, of: dict[str, int], resolution: float, passes: int = 50) -> dict[str, int]:
    """Local moves that raise signed modularity, one node at a time in sorted order."""
    m = {s: sum(w * s for _, _, w in g.edges(data="weight") if w * s > 0) for s in (1, -1)}
    k = {s: {n: _strength(g, n, s) for n in g.nodes} for s in (1, -1)}
    tot: dict[int, dict[int, float]] = {1: defaultdict(float), -1: defaultdict(float)}
    for n in g.nodes:
        for s in (1, -1):
            tot[s][of[n]] += k[s][n]
    spare = max(of.values(), default=-1) + 1
    for _ in range(passes):
        moved = False
        for node in sorted(g.nodes):
            here = of[node]
            links: dict[int, dict[int, float]] = {1: defaultdict(float), -1: defaultdict(float)}
            for other, data in g[node].items():
                w = data["weight"]
                links[1 if w > 0 else -1][of[other]] += abs(w)
            best, gain = here, 0.0
            for there in sorted({of[o] for o in g[node]} | {spare}):
                if there == here:
                    continue
                delta = 0.0
                for s in (1, -1):
                    if m[s] <= 0:
                        continue
                    dq = (links[s][there] - links[s][here]) / m[s] - resolution * k[s][node] * (
                        tot[s][there] - (tot[s][here] - k[s][node])
                    ) / (2 * m[s] * m[s])
                    delta += s * m[s] * dq
                delta /= (m[1] + m[-1]) or 1.0  # a graph of nodes without weighted edges
                if delta > gain + 1e-12:
                    best, gain = there, delta
            if best != here:
                for s in (1, -1):
                    tot[s][here] -= k[s][node]
                    tot[s][best] += k[s][node]
                of[node] = best
                if best == spare:
                    spare += 1
                moved = True
        if not moved:
            break
    return of


def _attach(g: nx.Graph, of: dict[str, int]) -> set[str]:
    """Nodes alone in their bloc with no cooperation tie join the bloc most opposed to their adversaries."""
    size: dict[int, int] = defaultdict(int)
    for b in of.values():
        size[b] += 1
    between: dict[tuple[int, int], float] = defaultdict(float)  # conflict minus cooperation
    for u, v, w in g.edges(data="weight"):
        if of[u] != of[v]:
            between[(of[u], of[v])] -= w
            between[(of[v], of[u])] -= w
    attached: set[str] = set()
    for node in sorted(g.nodes):
        if size[of[node]] != 1 or _strength(g, node, 1) > 0:
            continue
        enemies = [(of[o], -d["weight"]) for o, d in g[node].items() if d["weight"] < 0]
        scores: dict[int, float] = defaultdict(float)
        for enemy_bloc, hostility in enemies:
            for (x, y), opposition in between.items():
                if y == enemy_bloc and x != of[node] and opposition > 0 and size[x] > 1:
                    scores[x] += hostility * opposition
        if scores:
            target = max(sorted(scores), key=lambda b: scores[b])
            if scores[target] > 0:
                size[of[node]] -= 1
                of[node] = target
                size[target] += 1
                attached.add(node)
    return attached


def detect_blocs(g: nx.Graph, cfg: BlocConfig | None = None) -> Blocs:
    """Blocs of an undirected graph whose edges carry a signed `weight` (cooperation > 0 > conflict)."""
    cfg = cfg or BlocConfig()
    if g.number_of_nodes() == 0:
        return Blocs({})
    positive = nx.Graph()
    positive.add_nodes_from(sorted(g.nodes))
    positive.add_weighted_edges_from((u, v, w) for u, v, w in g.edges(data="weight") if w > 0)
    communities = nx.community.louvain_communities(
        positive, weight="weight", resolution=cfg.resolution, seed=cfg.seed
    )
    ordered = sorted((sorted(c) for c in communities), key=lambda c: (-len(c), c[0]))
    of = {n: i for i, c in enumerate(ordered) for n in c}
    of = _refine(g, of, cfg.resolution)
    attached = _attach(g, of) if cfg.attach_by_opposition else set()
    return _relabel(g, of, frozenset(attached), signed_modularity(g, of, cfg.resolution))


def _relabel(g: nx.Graph, of: dict[str, int], attached: frozenset[str], q: float) -> Blocs:
    groups: dict[int, list[str]] = defaultdict(list)
    for n, b in of.items():
        groups[b].append(n)

    def strength(n: str) -> float:
        return sum(abs(w) for _, _, w in g.edges(n, data="weight"))

    order = sorted(groups, key=lambda b: (-len(groups[b]), -sum(strength(n) for n in groups[b])))
    renum = {b: i for i, b in enumerate(order)}
    leaders = {
        renum[b]: tuple(sorted(groups[b], key=lambda n: (n in attached, -strength(n), n))) for b in order
    }
    return Blocs({n: renum[b] for n, b in of.items()}, leaders, attached, q)
