// The alliance graph drawing: a deterministic bloc-anchored force layout and its SVG.

export const PALETTE = ["#2c6fbb", "#e07b16", "#7d4cb0", "#12908e", "#b5527f", "#5b6b82", "#9c6b30", "#3f8f3a"];
export const COOP = "#1e9e5a";
export const CONFLICT = "#d93a3a";
export const RELATION = "#2f7bbf";
const SVG_NS = "http://www.w3.org/2000/svg";
const PULL = 1.2;

export function blocColour(bloc) {
  return bloc !== null && bloc !== undefined && bloc >= 0 ? PALETTE[bloc % PALETTE.length] : "#9aa3ad";
}

export function edgeKey(a, b) {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

export function edgeColour(edge) {
  if (!edge.events && !(edge.coop || edge.conflict)) return RELATION; // a stated relation only
  return edge.sign === "conflict" || (edge.net ?? edge.weight) < 0 ? CONFLICT : COOP;
}

export function nodeRadius(node, strongest) {
  const s = Math.abs(node.weight || 0);
  return strongest > 0 ? 11 + 13 * Math.sqrt(s / strongest) : 11;
}

// Bloc discs side by side (up to three) or around a ring, the largest first.
function blocCentres(order, radius) {
  const gap = 0.5;
  const out = new Map();
  if (order.length <= 3) {
    if (order.length === 3) {
      const [first, second, third] = order;
      out.set(first, [0, 0]);
      out.set(second, [radius.get(first) + gap + radius.get(second), 0]);
      out.set(third, [-(radius.get(first) + gap + radius.get(third)), 0]);
    } else {
      let x = 0;
      order.forEach((b, i) => {
        if (i) x += radius.get(b);
        out.set(b, [x, 0]);
        x += radius.get(b) + gap;
      });
    }
    return out;
  }
  const circumference = order.reduce((s, b) => s + 2 * radius.get(b) + gap, 0);
  const ring = circumference / (2 * Math.PI);
  let angle = Math.PI;
  for (const b of order) {
    const step = (2 * radius.get(b) + gap) / ring;
    angle += step / 2;
    out.set(b, [ring * Math.cos(angle), ring * Math.sin(angle)]);
    angle += step / 2;
  }
  return out;
}

// Fruchterman-Reingold over the whole graph, each node pulled towards its bloc's anchor. No randomness
// (sunflower start around the anchor, fixed cooling), so the same graph always gets the same picture.
function force(ids, blocOf, anchors, edges, iterations = 300) {
  const n = ids.length;
  const pos = new Map();
  const golden = Math.PI * (3 - Math.sqrt(5));
  const rank = new Map();
  ids.forEach((id) => {
    const b = blocOf.get(id);
    const i = rank.get(b) || 0;
    rank.set(b, i + 1);
    const [ax, ay] = anchors.get(b);
    const r = 0.25 * Math.sqrt(i + 0.5);
    pos.set(id, [ax + r * Math.cos(i * golden), ay + r * Math.sin(i * golden)]);
  });
  const index = new Map(ids.map((id, i) => [id, i]));
  const springs = edges.filter((e) => index.has(e.source) && index.has(e.target) && e.source !== e.target);
  const k = 0.55;
  const every = n * springs.length > 12000 ? 3 : 1; // edge avoidance is O(nodes x links): thinned on big graphs
  let t = 0.3;
  for (let it = 0; it < iterations; it++) {
    const disp = ids.map(() => [0, 0]);
    for (let i = 0; i < n; i++) {
      const pa = pos.get(ids[i]);
      for (let j = i + 1; j < n; j++) {
        const pb = pos.get(ids[j]);
        let dx = pa[0] - pb[0];
        let dy = pa[1] - pb[1];
        let d = Math.hypot(dx, dy);
        if (d < 1e-4) {
          dx = 1e-3 * (j - i);
          dy = 1e-3;
          d = Math.hypot(dx, dy);
        }
        const f = (k * k) / d;
        disp[i][0] += (dx / d) * f;
        disp[i][1] += (dy / d) * f;
        disp[j][0] -= (dx / d) * f;
        disp[j][1] -= (dy / d) * f;
      }
    }
    for (const e of springs) {
      const i = index.get(e.source);
      const j = index.get(e.target);
      const pa = pos.get(e.source);
      const pb = pos.get(e.target);
      const dx = pa[0] - pb[0];
      const dy = pa[1] - pb[1];
      const d = Math.max(Math.hypot(dx, dy), 1e-4);
      const same = blocOf.get(e.source) === blocOf.get(e.target);
      const strength = e.sign === "conflict" || !same ? 0.03 : 0.6 + 0.4 * Math.log1p(Math.abs(e.weight || 0));
      const f = ((d * d) / k) * strength;
      disp[i][0] -= (dx / d) * f;
      disp[i][1] -= (dy / d) * f;
      disp[j][0] += (dx / d) * f;
      disp[j][1] += (dy / d) * f;
    }
    if (it > iterations / 3 && it % every === 0) avoidEdges(ids, index, pos, springs, disp, 0.28);
    ids.forEach((id, i) => {
      const p = pos.get(id);
      const [ax, ay] = anchors.get(blocOf.get(id));
      const v = disp[i];
      v[0] -= (p[0] - ax) * PULL; // the bloc's anchor keeps blocs apart
      v[1] -= (p[1] - ay) * PULL;
      const len = Math.hypot(v[0], v[1]) || 1;
      p[0] += (v[0] / len) * Math.min(len, t);
      p[1] += (v[1] / len) * Math.min(len, t);
    });
    t = Math.max(0.003, t * 0.985);
  }
  return pos;
}

// A node lying on a link it is not part of is pushed off it (and the link's ends the other way), so a
// line never seems to pass through an actor.
function avoidEdges(ids, index, pos, springs, disp, room) {
  for (const e of springs) {
    const a = pos.get(e.source);
    const b = pos.get(e.target);
    const vx = b[0] - a[0];
    const vy = b[1] - a[1];
    const len2 = vx * vx + vy * vy;
    if (len2 < 1e-8) continue;
    for (const id of ids) {
      if (id === e.source || id === e.target) continue;
      const c = pos.get(id);
      const u = ((c[0] - a[0]) * vx + (c[1] - a[1]) * vy) / len2;
      if (u <= 0.02 || u >= 0.98) continue;
      const px = a[0] + u * vx;
      const py = a[1] + u * vy;
      let dx = c[0] - px;
      let dy = c[1] - py;
      let d = Math.hypot(dx, dy);
      if (d >= room) continue;
      if (d < 1e-6) {
        dx = -vy;
        dy = vx;
        d = Math.hypot(dx, dy);
      }
      const f = 3 * (room - d);
      const i = index.get(id);
      disp[i][0] += (dx / d) * f;
      disp[i][1] += (dy / d) * f;
      for (const end of [index.get(e.source), index.get(e.target)]) {
        disp[end][0] -= (dx / d) * f * 0.25;
        disp[end][1] -= (dy / d) * f * 0.25;
      }
    }
  }
}

// Push apart nodes whose discs (and labels) overlap, keeping them on the canvas.
function spread(pos, sizes, width, height, rounds = 120) {
  const names = [...pos.keys()].sort();
  for (let r = 0; r < rounds; r++) {
    let moved = false;
    for (let i = 0; i < names.length; i++) {
      for (let j = i + 1; j < names.length; j++) {
        const a = pos.get(names[i]);
        const b = pos.get(names[j]);
        let dx = b[0] - a[0];
        let dy = b[1] - a[1];
        let d = Math.hypot(dx, dy);
        const need = sizes.get(names[i]) + sizes.get(names[j]) + 20;
        if (d >= need) continue;
        if (d < 1e-6) {
          dx = 1;
          dy = 0.3;
          d = Math.hypot(dx, dy);
        }
        const push = (need - d) / 2;
        a[0] -= (dx / d) * push;
        a[1] -= (dy / d) * push;
        b[0] += (dx / d) * push;
        b[1] += (dy / d) * push;
        moved = true;
      }
    }
    for (const n of names) {
      const p = pos.get(n);
      const s = sizes.get(n);
      p[0] = Math.min(width - s - 34, Math.max(s + 34, p[0]));
      p[1] = Math.min(height - s - 30, Math.max(s + 40, p[1]));
    }
    if (!moved) break;
  }
  return pos;
}

export function layout(nodes, edges, width, height) {
  const groups = new Map();
  const sorted = [...nodes].sort((a, b) => Math.abs(b.weight || 0) - Math.abs(a.weight || 0) || (a.id < b.id ? -1 : 1));
  for (const node of sorted) {
    const bloc = node.bloc ?? -1;
    if (!groups.has(bloc)) groups.set(bloc, []);
    groups.get(bloc).push(node.id);
  }
  const order = [...groups.keys()].sort((a, b) => groups.get(b).length - groups.get(a).length || a - b);
  const radius = new Map(order.map((b) => [b, 0.5 + 0.35 * Math.sqrt(groups.get(b).length)]));
  const anchors = blocCentres(order, radius);
  if (order.length <= 3 && height > 0.9 * width) {
    for (const [b, [x, y]] of anchors) anchors.set(b, [y, x]); // a tall canvas: blocs one above the other
  }
  const blocOf = new Map(nodes.map((n) => [n.id, n.bloc ?? -1]));
  const ids = order.flatMap((b) => groups.get(b));
  const raw = force(ids, blocOf, anchors, edges);
  if (!raw.size) return { pos: new Map(), sizes: new Map() };
  const xs = [...raw.values()].map((p) => p[0]);
  const ys = [...raw.values()].map((p) => p[1]);
  const pad = 70;
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const s = Math.min((width - 2 * pad) / (x1 - x0 || 1), (height - 2 * pad) / (y1 - y0 || 1), 260);
  const ox = (width - s * (x1 - x0)) / 2;
  const oy = (height - s * (y1 - y0)) / 2;
  const pos = new Map([...raw].map(([id, [x, y]]) => [id, [ox + s * (x - x0), oy + s * (y - y0)]]));
  const strongest = Math.max(0, ...nodes.map((n) => Math.abs(n.weight || 0)));
  const sizes = new Map(nodes.map((n) => [n.id, nodeRadius(n, strongest)]));
  return { pos: spread(pos, sizes, width, height), sizes };
}

// Andrew's monotone chain: the convex hull of points, counter-clockwise.
function convexHull(points) {
  const pts = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (pts.length < 3) return pts;
  const cross = (o, a, b) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper = [];
  for (const p of pts.reverse()) {
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
    upper.push(p);
  }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}

function el(name, attrs = {}, text = null) {
  const node = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) node.setAttribute(k, String(v));
  if (text !== null) node.textContent = text;
  return node;
}

function fmt(x) {
  return (Math.round((x || 0) * 100) / 100).toFixed(2);
}

// Draw the graph into `svg`; `on.node(id)` and `on.edge(key)` are called on click or Enter.
export function draw(svg, graph, on, blocNames) {
  const box = svg.getBoundingClientRect();
  const width = Math.max(560, Math.round(box.width || 1000));
  const height = Math.max(420, Math.round(box.height || 680));
  svg.replaceChildren();
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  const { nodes, edges } = graph;
  const { pos, sizes } = layout(nodes, edges, width, height);
  const halos = el("g", { class: "blocs" });
  const byBloc = new Map();
  for (const n of nodes) {
    if ((n.bloc ?? -1) < 0) continue;
    if (!byBloc.has(n.bloc)) byBloc.set(n.bloc, []);
    byBloc.get(n.bloc).push(n.id);
  }
  const labels = el("g", { class: "bloc-labels" });
  const placed = [];
  for (const [bloc, members] of [...byBloc].sort((a, b) => a[0] - b[0])) {
    if (members.length < 2) continue;
    // the members' convex hull drawn with a wide round stroke: a padded, rounded area around the bloc
    const pts = members.flatMap((id) => {
      const [x, y] = pos.get(id);
      const r = sizes.get(id);
      return [[x - r, y - r], [x + r, y - r], [x - r, y + r + 14], [x + r, y + r + 14]];
    });
    const hull = convexHull(pts);
    halos.append(el("polygon", { points: hull.map((p) => p.map((v) => v.toFixed(1)).join(",")).join(" "), fill: blocColour(bloc), stroke: blocColour(bloc), "stroke-width": 30, "stroke-linejoin": "round", opacity: 0.09, "data-bloc": bloc }));
    const top = hull.reduce((best, p) => (p[1] < best[1] ? p : best), hull[0]);
    const cx = hull.reduce((sum, p) => sum + p[0], 0) / hull.length;
    const text = blocNames.get(bloc) || `Bloc ${bloc + 1}`;
    const half = text.length * 4.4; // about half the width of 15px bold text
    const x = Math.min(width - half - 4, Math.max(half + 4, (top[0] + cx) / 2));
    let y = Math.max(16, top[1] - 20);
    while (placed.some((b) => Math.abs(b.x - x) < b.half + half + 6 && Math.abs(b.y - y) < 18)) y += 19; // no label over another
    placed.push({ x, y, half });
    labels.append(el("text", { x, y, class: "bloc-label", fill: blocColour(bloc), "text-anchor": "middle" }, text));
  }
  svg.append(halos);
  const strongest = Math.max(1e-9, ...edges.map((e) => Math.abs(e.weight || 0)));
  const edgeLayer = el("g", { class: "edges" });
  const ordered = [...edges].sort((a, b) => Math.abs(a.weight || 0) - Math.abs(b.weight || 0));
  for (const e of ordered) {
    const a = pos.get(e.source);
    const b = pos.get(e.target);
    if (!a || !b) continue;
    const key = e.id || edgeKey(e.source, e.target);
    const colour = edgeColour(e);
    const derived = Boolean(e.derived || (e.via && e.via.length));
    const width_ = 1.5 + 7 * Math.sqrt(Math.abs(e.weight || 0) / strongest);
    const label = `${e.source}–${e.target}: ${colour === RELATION ? "stated relation" : e.sign || "cooperation"}, weight ${fmt(e.weight)}, ${e.events || 0} events` + (e.first ? `, ${e.first} to ${e.last}` : "");
    const g = el("g", { class: derived ? "edge derived" : "edge", "data-edge": key, "data-sign": colour === RELATION ? "relation" : e.sign, "data-first": e.first || "", "data-last": e.last || "", tabindex: 0, role: "button", "aria-label": label });
    g.append(el("title", {}, label));
    g.append(el("line", { x1: a[0], y1: a[1], x2: b[0], y2: b[1], class: "hit" }));
    g.append(el("line", { x1: a[0], y1: a[1], x2: b[0], y2: b[1], class: "stroke", stroke: colour, "stroke-width": width_.toFixed(2), "stroke-dasharray": derived ? "2 5" : colour === RELATION ? "7 5" : null }));
    g.addEventListener("click", () => on.edge(key, e));
    g.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); on.edge(key, e); } });
    edgeLayer.append(g);
  }
  svg.append(edgeLayer);
  const nodeLayer = el("g", { class: "nodes" });
  for (const n of [...nodes].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const [x, y] = pos.get(n.id);
    const r = sizes.get(n.id);
    const colour = blocColour(n.bloc);
    const label = `${n.label || n.id} (${n.id}), ${n.kind || "actor"}, ${n.events || 0} events`;
    const g = el("g", { class: "node", "data-node": n.id, "data-bloc": n.bloc ?? -1, transform: `translate(${x.toFixed(1)},${y.toFixed(1)})`, tabindex: 0, role: "button", "aria-label": label });
    g.append(el("title", {}, label));
    if (n.kind === "org") g.append(el("rect", { x: -r, y: -r, width: 2 * r, height: 2 * r, rx: 5, fill: colour, class: "shape" }));
    else g.append(el("circle", { r, fill: colour, class: "shape" }));
    g.append(el("text", { y: r + 15, "text-anchor": "middle", class: "code" }, n.id));
    g.addEventListener("click", () => on.node(n.id, n));
    g.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); on.node(n.id, n); } });
    nodeLayer.append(g);
  }
  svg.append(nodeLayer);
  svg.append(labels);
  return pos;
}

// Highlight one node (and its links) or one edge; everything else is dimmed.
export function highlight(svg, selection) {
  svg.classList.toggle("has-focus", Boolean(selection));
  for (const g of svg.querySelectorAll(".node, .edge")) g.classList.remove("focus", "near");
  if (!selection) return;
  if (selection.node) {
    const id = selection.node;
    svg.querySelector(`[data-node="${CSS.escape(id)}"]`)?.classList.add("focus");
    for (const g of svg.querySelectorAll(".edge")) {
      const [a, b] = g.dataset.edge.split("|");
      if (a === id || b === id) {
        g.classList.add("near");
        svg.querySelector(`[data-node="${CSS.escape(a === id ? b : a)}"]`)?.classList.add("near");
      }
    }
  } else if (selection.edge) {
    svg.querySelector(`[data-edge="${CSS.escape(selection.edge)}"]`)?.classList.add("focus");
    for (const id of selection.edge.split("|")) svg.querySelector(`[data-node="${CSS.escape(id)}"]`)?.classList.add("focus");
  }
}
