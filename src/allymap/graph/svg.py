"""Inline SVG drawings of the alliance graph (bloc-anchored spring layout) and of dyad timelines."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from html import escape

import networkx as nx

from allymap.graph.build import AllianceGraph
from allymap.graph.dyads import Dyad
from allymap.graph.model import window_start
from allymap.graph.trends import Point

PALETTE: tuple[str, ...] = (
    "#2c6fbb",
    "#e07b16",
    "#7d4cb0",
    "#12908e",
    "#b5527f",
    "#5b6b82",
    "#9c6b30",
    "#3f8f3a",
    "#c44f9d",
    "#2f4f8f",
)
COOP, CONFLICT, NEUTRAL = "#1e9e5a", "#d93a3a", "#8a94a6"


def bloc_colour(bloc: int | None) -> str:
    return PALETTE[bloc % len(PALETTE)] if bloc is not None and bloc >= 0 else "#9aa3ad"


@dataclass(frozen=True)
class Drawing:
    """Which dyads and nodes are drawn, and where the nodes are (in viewBox units)."""

    dyads: list[Dyad]
    pos: dict[str, tuple[float, float]]
    strength: dict[str, float]
    hidden: int  # nodes left out (linked only through an organisation, or beyond `max_nodes`)


def select(graph: AllianceGraph, max_nodes: int = 36, derived: bool = False) -> tuple[list[Dyad], int]:
    """The strongest dyads among the `max_nodes` strongest nodes (dyads reached only through an
    organisation's membership are left out unless `derived`)."""
    dyads = graph.visible(0.0, derived)
    strength: dict[str, float] = {}
    for d in dyads:
        w = abs(graph.edge_weight(d)) + d.volume
        for n in (d.a, d.b):
            strength[n] = strength.get(n, 0.0) + w
    keep = set(sorted(strength, key=lambda n: (-strength[n], n))[:max_nodes])
    every = {n for d in graph.dyads.values() for n in (d.a, d.b)}
    return [d for d in dyads if d.a in keep and d.b in keep], len(every - keep)


def layout(graph: AllianceGraph, dyads: list[Dyad], width: float, height: float, seed: int = 3) -> Drawing:
    """Each bloc laid out on its own (networkx spring layout on its cooperation and stated-relation
    edges) inside a disc sized by its membership; the discs side by side (two or three blocs) or on a
    circle, so blocs read as groups and conflict edges run between them."""
    strength: dict[str, float] = {}
    positive = nx.Graph()
    for d in dyads:
        w = graph.edge_weight(d)
        positive.add_nodes_from((d.a, d.b))
        for n in (d.a, d.b):
            strength[n] = strength.get(n, 0.0) + abs(w) + d.volume
        if w > 0 and graph.blocs.of.get(d.a) == graph.blocs.of.get(d.b):
            positive.add_edge(d.a, d.b, weight=1.0 + math.log1p(w))
    groups: dict[int, list[str]] = {}
    for n in sorted(positive.nodes):
        groups.setdefault(graph.blocs.of.get(n, -1), []).append(n)
    order = sorted(groups, key=lambda b: (-len(groups[b]), b))
    radius = {b: 0.3 + 0.4 * math.sqrt(len(groups[b]) - 1) for b in order}
    centres = _centres(order, radius)
    pts: dict[str, tuple[float, float]] = {}
    for b in order:
        members = groups[b]
        cx, cy = centres[b]
        if len(members) == 1:
            pts[members[0]] = (cx, cy)
            continue
        sub = nx.Graph(positive.subgraph(members))
        for i, u in enumerate(members):  # a weak pull between all members keeps loose ones in the disc
            for v in members[i + 1 :]:
                if not sub.has_edge(u, v):
                    sub.add_edge(u, v, weight=0.08)
        raw = nx.spring_layout(
            sub, k=1.6 / math.sqrt(len(members)), iterations=300, seed=seed, weight="weight"
        )
        xs = [float(p[0]) for p in raw.values()]
        ys = [float(p[1]) for p in raw.values()]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        dists = sorted(math.hypot(float(p[0]) - mx, float(p[1]) - my) for p in raw.values())
        far = dists[int(0.9 * (len(dists) - 1))] or dists[-1] or 1.0
        for n, p in raw.items():
            pts[n] = (cx + radius[b] * (float(p[0]) - mx) / far, cy + radius[b] * (float(p[1]) - my) / far)
    fitted = _fit(pts, width, height, 80.0)
    smax = max(strength.values(), default=1.0) or 1.0
    sizes = {n: node_radius(strength.get(n, 0.0), smax) for n in fitted}
    return Drawing(dyads, _spread(fitted, sizes, width, height), strength, 0)


def node_radius(strength: float, strongest: float) -> float:
    return 14.0 + 16.0 * math.sqrt(strength / strongest) if strongest > 0 else 14.0


def _spread(
    pos: dict[str, tuple[float, float]],
    sizes: dict[str, float],
    width: float,
    height: float,
    rounds: int = 80,
) -> dict[str, tuple[float, float]]:
    """Push apart nodes whose discs (plus room for a label) overlap, keeping them on the canvas."""
    pts = {n: [x, y] for n, (x, y) in pos.items()}
    names = sorted(pts)
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                dx, dy = pts[b][0] - pts[a][0], pts[b][1] - pts[a][1]
                dist = math.hypot(dx, dy)
                need = sizes[a] + sizes[b] + 22.0
                if dist >= need:
                    continue
                if dist < 1e-6:
                    dx, dy, dist = 1.0, 0.3, math.hypot(1.0, 0.3)
                push = (need - dist) / 2
                ux, uy = dx / dist, dy / dist
                pts[a][0] -= ux * push
                pts[a][1] -= uy * push
                pts[b][0] += ux * push
                pts[b][1] += uy * push
                moved = True
        for n in names:
            pts[n][0] = min(width - sizes[n] - 8, max(sizes[n] + 8, pts[n][0]))
            pts[n][1] = min(height - sizes[n] - 22, max(sizes[n] + 8, pts[n][1]))
        if not moved:
            break
    return {n: (p[0], p[1]) for n, p in pts.items()}


def _centres(order: list[int], radius: dict[int, float]) -> dict[int, tuple[float, float]]:
    """Bloc discs in a row (up to three) or around a circle, the largest first, 0.8 apart."""
    gap = 0.8
    if len(order) <= 3:
        out, x = {}, 0.0
        for i, b in enumerate(order):
            x += radius[b] if i else 0.0
            out[b] = (x, 0.0)
            x += radius[b] + gap
        # the largest in the middle when there are three
        if len(order) == 3:
            first, second, third = order
            out = {
                second: (0.0, 0.0),
                first: (radius[second] + gap + radius[first], 0.0),
                third: (-(radius[second] + gap + radius[third]), 0.0),
            }
        return out
    circumference = sum(2 * radius[b] + gap for b in order)
    ring = circumference / (2 * math.pi)
    out, angle = {}, math.pi
    for b in order:
        step = (2 * radius[b] + gap) / ring
        angle += step / 2
        out[b] = (ring * math.cos(angle), ring * math.sin(angle))
        angle += step / 2
    return out


def _fit(
    pts: dict[str, tuple[float, float]], width: float, height: float, pad: float
) -> dict[str, tuple[float, float]]:
    if not pts:
        return {}
    xs, ys = [p[0] for p in pts.values()], [p[1] for p in pts.values()]
    sx = (width - 2 * pad) / ((max(xs) - min(xs)) or 1.0)
    sy = (height - 2 * pad) / ((max(ys) - min(ys)) or 1.0)
    s = min(sx, sy)
    ox = (width - s * (max(xs) - min(xs))) / 2
    oy = (height - s * (max(ys) - min(ys))) / 2
    return {n: (ox + s * (x - min(xs)), oy + s * (y - min(ys))) for n, (x, y) in pts.items()}


def graph_svg(graph: AllianceGraph, width: int = 960, height: int = 620, max_nodes: int = 36) -> str:
    """The alliance system at a glance: nodes coloured by bloc (squares for organisations, dashed ring
    for actors attached by opposition), event edges green/red by net sign with width by volume,
    stated relations as dashed arcs."""
    dyads, hidden = select(graph, max_nodes)
    drawing = layout(graph, dyads, width, height)
    pos = drawing.pos
    top = max((d.volume for d in dyads), default=1.0) or 1.0
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="alliance-graph" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="Alliance graph">',
        f'<rect width="{width}" height="{height}" fill="#fbfbfd"/>',
    ]
    parts.extend(_halos(graph, pos, drawing.strength))
    for d in dyads:  # stated relations first, as dashed arcs under the event edges
        if not d.relations:
            continue
        (x1, y1), (x2, y2) = pos[d.a], pos[d.b]

        hostile = "ADVERSARY" in d.relations
        colour = CONFLICT if hostile else "#2f7bbf"
        label = ", ".join(sorted(d.relations))
        parts.append(
            f'<path class="relation" d="{_arc(x1, y1, x2, y2, -0.15)}" fill="none" '
            f'stroke="{colour}" stroke-width="2.2" stroke-dasharray="7 5" opacity="0.85">'
            f"<title>{escape(d.a)}–{escape(d.b)}: stated {escape(label)}</title></path>"
        )
    for d in sorted(dyads, key=lambda x: x.volume):
        if not d.volume:
            continue
        (x1, y1), (x2, y2) = pos[d.a], pos[d.b]
        colour = COOP if d.net > 0.05 else CONFLICT if d.net < -0.05 else NEUTRAL
        width_px = 1.2 + 9.0 * math.sqrt(d.volume / top)
        bend = 0.0 if graph.blocs.of.get(d.a) == graph.blocs.of.get(d.b) else 0.1  # between blocs: arcs
        tip = (
            f"{d.a}–{d.b}: net {d.net:+.2f}, coop {d.coop:.2f}, conflict {d.conflict:.2f}, {d.events} events"
        )
        parts.append(
            f'<path class="edge" d="{_arc(x1, y1, x2, y2, bend)}" fill="none" stroke="{colour}" '
            f'stroke-width="{width_px:.1f}" stroke-linecap="round" opacity="0.75">'
            f"<title>{escape(tip)}</title></path>"
        )
    smax = max(drawing.strength.values(), default=1.0) or 1.0
    for node in sorted(pos, key=lambda n: drawing.strength.get(n, 0.0)):
        x, y = pos[node]
        bloc = graph.blocs.of.get(node)
        r = node_radius(drawing.strength.get(node, 0.0), smax)
        fill = bloc_colour(bloc)
        dash = ' stroke-dasharray="4 3"' if node in graph.blocs.attached else ""
        name = graph.actors.name(node)
        tip = f"{name} ({node}) — bloc {graph.blocs.label(bloc)}"
        if node in graph.blocs.attached:
            tip += " (attached by opposition)"
        if graph.actors.is_state(node):
            shape = (
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{fill}" stroke="#fff" '
                f'stroke-width="2.5"{dash}/>'
            )
        else:
            shape = (
                f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}" rx="6" '
                f'fill="{fill}" stroke="#fff" stroke-width="2.5"{dash}/>'
            )
        ring = (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r + 4:.1f}" fill="none" stroke="{fill}" '
            f'stroke-width="1.5" stroke-dasharray="4 3"/>'
            if node in graph.blocs.attached
            else ""
        )
        font = min(12.5, 1.9 * r / (0.62 * max(3, len(node))))
        parts.append(
            f'<g class="node" data-code="{escape(node)}" data-bloc="{bloc}"><title>{escape(tip)}</title>'
            f"{ring}{shape}"
            f'<text x="{x:.1f}" y="{y + font * 0.36:.1f}" text-anchor="middle" font-size="{font:.1f}" '
            f'font-weight="700" '
            f'fill="#fff">{escape(node)}</text>'
            f'<text x="{x:.1f}" y="{y + r + 14:.1f}" text-anchor="middle" font-size="11" fill="#333" '
            f'style="paint-order:stroke;stroke:#fbfbfd;stroke-width:3px">'
            f"{escape(name if name != node else '')}</text></g>"
        )
    if hidden:
        parts.append(
            f'<text x="{width - 12}" y="{height - 12}" text-anchor="end" font-size="11" fill="#667">'
            f"{hidden} more actors (linked only through an organisation, or weaker) are not drawn</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _arc(x1: float, y1: float, x2: float, y2: float, bend: float) -> str:
    """A quadratic curve from (x1, y1) to (x2, y2) bowed sideways by `bend` x its length."""
    mx, my = (x1 + x2) / 2 + (y2 - y1) * bend, (y1 + y2) / 2 - (x2 - x1) * bend
    return f"M{x1:.1f},{y1:.1f} Q{mx:.1f},{my:.1f} {x2:.1f},{y2:.1f}"


def _halos(
    graph: AllianceGraph, pos: dict[str, tuple[float, float]], strength: dict[str, float]
) -> list[str]:
    """A faint rounded hull behind each bloc's drawn members (a convex hull stroked with round joins)."""
    groups: dict[int, list[str]] = {}
    for n in pos:
        groups.setdefault(graph.blocs.of.get(n, -1), []).append(n)
    smax = max(strength.values(), default=1.0) or 1.0
    out = []
    for bloc, members in sorted(groups.items()):
        if len(members) < 2 or bloc < 0:
            continue
        hull = convex_hull([pos[n] for n in members])
        pad = 2 * (max(node_radius(strength.get(n, 0.0), smax) for n in members) + 12)
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in hull)
        colour = bloc_colour(bloc)
        out.append(
            f'<polygon class="bloc-halo" points="{points}" fill="{colour}" stroke="{colour}" '
            f'stroke-width="{pad:.0f}" stroke-linejoin="round" opacity="0.08"/>'
        )
    return out


def convex_hull(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The convex hull of points, counter-clockwise (Andrew's monotone chain)."""
    pts = sorted(set(points))
    if len(pts) <= 2:
        return pts

    def cross(o: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[float, float]] = []
    upper: list[tuple[float, float]] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def timeline_svg(graph: AllianceGraph, d: Dyad, width: int = 720, height: int = 150) -> str:
    """A dyad over time: a bar per window (cooperation up in green, conflict down in red, weighted sums)
    and, on the axis, one dot per event at its date (stacked when they share a window position)."""
    points: list[Point] = graph.series.points(d.a, d.b)
    has_conflict = any(p.conflict for p in points)
    has_coop = any(p.coop for p in points) or not has_conflict
    pad_l, pad_r, label_h = 64.0, 12.0, 18.0
    plot_h = height - label_h - 8
    mid = 8 + (plot_h / 2 if has_conflict and has_coop else plot_h if has_coop else 0.0)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 {width} {height}" '
        f'width="100%" style="max-width:{width}px">',
        f'<line x1="{pad_l}" y1="{mid:.1f}" x2="{width - pad_r}" y2="{mid:.1f}" stroke="#98a2b3" '
        'stroke-width="1"/>',
    ]
    if not points:
        parts.append(
            f'<text x="{pad_l}" y="{mid - 8:.1f}" font-size="12" fill="#777">no dated events</text></svg>'
        )
        return "".join(parts)
    windows = graph.series.all_windows()
    first = window_start(windows[0])
    span_days = max(1, (window_start(windows[-1]) - first).days) + _window_days(graph.series.window)
    scale_x = (width - pad_l - pad_r) / span_days
    top = max(max(p.coop, p.conflict) for p in points) or 1.0
    room = plot_h / 2 if has_conflict and has_coop else plot_h
    unit = (room - 6) / top

    def x_of(day: date) -> float:
        return pad_l + (day - first).days * scale_x

    bar_w = max(6.0, _window_days(graph.series.window) * scale_x - 4)
    for p in points:
        x = x_of(window_start(p.window)) + 2
        parts.append(
            f'<text x="{x:.1f}" y="{height - 5}" font-size="11" fill="#475467">{escape(p.window)}</text>'
        )
        if p.coop:
            parts.append(
                f'<rect class="coop" x="{x:.1f}" y="{mid - p.coop * unit:.1f}" width="{bar_w:.1f}" '
                f'height="{p.coop * unit:.1f}" fill="{COOP}" opacity="0.22" rx="3">'
                f"<title>{p.window}: cooperation {p.coop:.2f} ({p.events} events)</title></rect>"
                f'<text x="{x + 4:.1f}" y="{mid - p.coop * unit + 13:.1f}" font-size="11" fill="{COOP}">'
                f"{p.coop:.1f}</text>"
            )
        if p.conflict:
            parts.append(
                f'<rect class="conflict" x="{x:.1f}" y="{mid:.1f}" width="{bar_w:.1f}" '
                f'height="{p.conflict * unit:.1f}" fill="{CONFLICT}" opacity="0.22" rx="3">'
                f"<title>{p.window}: conflict {p.conflict:.2f} ({p.events} events)</title></rect>"
                f'<text x="{x + 4:.1f}" y="{mid + p.conflict * unit - 4:.1f}" font-size="11" '
                f'fill="{CONFLICT}">'
                f"{p.conflict:.1f}</text>"
            )
    stacks: dict[tuple[int, bool], int] = {}
    for c in sorted(d.contributions, key=lambda c: (c.event.day or date.min, -c.event.weight)):
        if c.event.day is None:
            continue
        value = c.coop - c.conflict
        x = x_of(c.event.day)
        slot = (round(x / 7), value >= 0)
        level = stacks.get(slot, 0)
        stacks[slot] = level + 1
        y = mid - (6 + 8 * level) if value >= 0 else mid + 6 + 8 * level
        colour = COOP if value > 0 else CONFLICT if value < 0 else NEUTRAL
        tip = f"{c.event.day} {c.event.type} {value:+.2f}: {c.event.best.event.evidence[:160]}"
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{2.5 + 2.5 * min(1.0, c.event.weight):.1f}" '
            f'fill="{colour}" stroke="#fff" stroke-width="1"><title>{escape(tip)}</title></circle>'
        )
    if has_coop:
        parts.append(f'<text x="4" y="{mid - 6:.1f}" font-size="11" fill="{COOP}">cooperation</text>')
    if has_conflict:
        parts.append(f'<text x="4" y="{mid + 14:.1f}" font-size="11" fill="{CONFLICT}">conflict</text>')
    parts.append("</svg>")
    return "".join(parts)


def _window_days(window: str) -> int:
    return {"year": 365, "quarter": 91, "month": 30}.get(window, 365)
