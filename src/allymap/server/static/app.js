// allymap dashboard: fetches the REST API of the same origin (never anything else) and wires the
// time slider, filters, actor search, graph and evidence panel together.

import { blocColour, draw, edgeKey, highlight, COOP, CONFLICT, RELATION } from "./graph.js";
import { actorPanel, dyadPanel, h, quadOf } from "./panel.js";

const $ = (sel) => document.querySelector(sel);
const state = {
  months: [], // "YYYY-MM" of the whole store, from the first graph
  graph: null, // the last /api/graph payload
  shown: null, // {nodes, edges} after the filters
  matching: null, // dyad keys with an event passing the event filters (null: no event filter)
  selection: null, // {node} or {edge}
  names: new Map(),
  articles: new Map(),
  seq: 0,
};

const ACTOR_EVENTS = 60; // events listed in an actor's panel (the latest of the window)

class ApiError extends Error {}

async function api(path, params = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== null && v !== undefined && v !== ""));
  const url = query.toString() ? `${path}?${query}` : path;
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const err = body && body.error ? body.error : { status: response.status, message: response.statusText };
    throw new ApiError(`${err.status || response.status}: ${err.message}`);
  }
  return body;
}

function status(message, error = false) {
  const box = $("#status");
  box.textContent = message;
  box.classList.toggle("error", error);
}

function nameOf(code) {
  return state.names.get(code) || code;
}

function getArticle(id) {
  if (!state.articles.has(id)) state.articles.set(id, api(`/api/articles/${encodeURIComponent(id)}`).catch(() => null));
  return state.articles.get(id);
}

// -- the time window ------------------------------------------------------------------------------------
function monthsBetween(first, last) {
  const out = [];
  let [y, m] = first.slice(0, 7).split("-").map(Number);
  const [ly, lm] = last.slice(0, 7).split("-").map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

function monthEnd(month) {
  const [y, m] = month.split("-").map(Number);
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, "0")}`;
}

function windowParams() {
  if (!state.months.length) return {};
  const a = Number($("#since").value);
  const b = Number($("#until").value);
  return {
    since: a > 0 ? `${state.months[a]}-01` : null,
    until: b < state.months.length - 1 ? monthEnd(state.months[b]) : null,
  };
}

function showWindow() {
  if (!state.months.length) return;
  const a = Number($("#since").value);
  const b = Number($("#until").value);
  $("#since-label").textContent = state.months[a];
  $("#until-label").textContent = state.months[b];
  $("#since").setAttribute("aria-valuetext", `from ${state.months[a]}`);
  $("#until").setAttribute("aria-valuetext", `until ${state.months[b]}`);
  const fill = $("#range-fill");
  const n = Math.max(1, state.months.length - 1);
  fill.style.left = `${(100 * a) / n}%`;
  fill.style.width = `${(100 * (b - a)) / n}%`;
}

function setupSlider(range) {
  if (!range || !range.first || !range.last) return;
  state.months = monthsBetween(range.first, range.last);
  for (const id of ["since", "until"]) {
    const input = $(`#${id}`);
    input.min = 0;
    input.max = state.months.length - 1;
    input.disabled = state.months.length < 2;
  }
  $("#since").value = 0;
  $("#until").value = state.months.length - 1;
  $("#range-first").textContent = state.months[0];
  $("#range-last").textContent = state.months[state.months.length - 1];
  showWindow();
}

// -- filters ----------------------------------------------------------------------------------------------
function eventFilters() {
  return {
    type: $("#type").value || null,
    quad: $("#quad").value || null,
    modality: $("#modality").value || null,
    negated: $("#hide-negated").checked ? "false" : null,
  };
}

function hasEventFilter(f) {
  return Boolean(f.type || f.quad || f.modality || f.negated);
}

// Dyads with at least one event passing the event filters, from /api/events (all pages, capped).
async function matchingDyads(filters, window) {
  const keys = new Map();
  let offset = 0;
  for (let page = 0; page < 20; page++) {
    const body = await api("/api/events", { ...filters, ...window, limit: 500, offset });
    for (const e of body.items) {
      const sides = [...new Set(e.source || [])];
      const others = [...new Set(e.target || [])];
      for (const a of sides) {
        for (const b of others) {
          if (a === b) continue;
          const seen = keys.get(edgeKey(a, b)) || { coop: 0, conflict: 0 };
          seen[quadOf(e).endsWith("conflict") ? "conflict" : "coop"] += 1;
          keys.set(edgeKey(a, b), seen);
        }
      }
    }
    offset += body.items.length;
    if (!body.items.length || offset >= body.total) break;
  }
  return keys;
}

function applyFilters() {
  const g = state.graph;
  if (!g) return;
  const minWeight = Number($("#min-weight").value);
  $("#min-weight-label").textContent = minWeight.toFixed(2);
  const orgLinks = $("#show-derived").checked;
  let edges = g.edges.filter((e) => Math.abs(e.weight || 0) >= minWeight || (!e.events && minWeight === 0));
  if (!orgLinks) edges = edges.filter((e) => !e.derived && !(e.via && e.via.length));
  if (state.matching) {
    // only links with a matching event, coloured and counted by those events
    edges = edges.flatMap((e) => {
      const m = state.matching.get(e.id || edgeKey(e.source, e.target));
      return m ? [{ ...e, sign: m.conflict > m.coop ? "conflict" : "cooperation", events: m.coop + m.conflict }] : [];
    });
  }
  let used = new Set(edges.flatMap((e) => [e.source, e.target]));
  const cap = Number($("#max-nodes").value) || Infinity;
  let dropped = 0;
  if (used.size > cap) {
    // the strongest actors only (the layout and the eye both give up on hundreds)
    const strength = new Map();
    for (const e of edges) for (const n of [e.source, e.target]) strength.set(n, (strength.get(n) || 0) + Math.abs(e.weight || 0));
    const keep = new Set([...used].sort((a, b) => strength.get(b) - strength.get(a) || (a < b ? -1 : 1)).slice(0, cap));
    dropped = used.size - keep.size;
    edges = edges.filter((e) => keep.has(e.source) && keep.has(e.target));
    used = new Set(edges.flatMap((e) => [e.source, e.target]));
  }
  const nodes = g.nodes.filter((n) => used.has(n.id));
  state.shown = { nodes, edges };
  const blocNames = new Map((g.blocs || []).map((b) => [b.id, `Bloc ${b.id + 1}: ${blocLabel(b)}`]));
  draw($("#graph"), state.shown, { node: openActor, edge: (key) => openDyad(...key.split("|")) }, blocNames);
  const hidden = g.edges.length - edges.length;
  $("#summary").textContent =
    `${nodes.length} actors · ${edges.length} links` +
    (hidden ? ` (${hidden} hidden by the filters${dropped ? `, ${dropped} weaker actors not drawn` : ""})` : "");
  legend(g, nodes);
  if (state.selection) highlight($("#graph"), state.selection);
}

function blocLabel(bloc) {
  if (bloc.label) return bloc.label.split("/").join(" / ");
  return bloc.members.slice(0, 3).join(" / ") + (bloc.members.length > 3 ? " …" : "");
}

function blocMembers(bloc, nodes) {
  const weight = new Map(nodes.map((n) => [n.id, Math.abs(n.weight || 0)]));
  const members = bloc.members.filter((m) => weight.has(m)).sort((a, b) => weight.get(b) - weight.get(a) || (a < b ? -1 : 1));
  const rest = bloc.members.length - members.length;
  return members.slice(0, 8).join(", ") + (members.length > 8 ? ` +${members.length - 8}` : "") + (rest ? ` (+${rest} not shown)` : "");
}

function legend(g, nodes) {
  const present = new Set(nodes.map((n) => n.bloc));
  const box = $("#legend-blocs");
  box.replaceChildren();
  for (const b of g.blocs || []) {
    if (!present.has(b.id)) continue;
    box.append(h("li", {}, h("span", { class: "sw", style: `background:${blocColour(b.id)}` }), h("b", {}, `Bloc ${b.id + 1}`), ` ${blocMembers(b, nodes)}`));
  }
  if (present.has(-1) || present.has(null) || present.has(undefined)) box.append(h("li", {}, h("span", { class: "sw", style: `background:${blocColour(-1)}` }), "no bloc"));
}

// -- loading ----------------------------------------------------------------------------------------------
async function loadGraph() {
  const seq = ++state.seq;
  const svg = $("#graph");
  svg.dataset.state = "loading";
  const window = windowParams();
  const filters = eventFilters();
  try {
    const [graph, matching] = await Promise.all([
      api("/api/graph", { ...window, derived: $("#show-derived").checked ? "true" : null }),
      hasEventFilter(filters) ? matchingDyads(filters, window) : Promise.resolve(null),
    ]);
    if (seq !== state.seq) return; // a newer request is on its way
    state.graph = graph;
    state.matching = matching;
    for (const n of graph.nodes) state.names.set(n.id, n.label || n.id);
    if (!state.months.length) setupSlider(graph.range);
    const top = Math.max(0, ...graph.edges.map((e) => Math.abs(e.weight || 0)));
    const mw = $("#min-weight");
    if (top > 0 && Number(mw.max) < top) mw.max = (Math.ceil(top * 100) / 100).toFixed(2);
    applyFilters();
    svg.dataset.since = window.since || "";
    svg.dataset.until = window.until || "";
    svg.dataset.state = "ready";
    svg.dataset.loads = String(Number(svg.dataset.loads || 0) + 1);
    status(graph.nodes.length ? "" : "No actor in this window: widen the time slider or ingest articles.");
    if (state.selection?.edge) openDyad(...state.selection.edge.split("|"), false);
    else if (state.selection?.node) openActor(state.selection.node, null, false);
  } catch (err) {
    if (seq !== state.seq) return;
    svg.dataset.state = "error";
    status(`Could not load the graph: ${err.message}`, true);
  }
}

let timer = null;
function reloadSoon(delay = 220) {
  clearTimeout(timer);
  timer = setTimeout(loadGraph, delay);
}

// -- the evidence panel -----------------------------------------------------------------------------------
function panel(content, label) {
  const box = $("#evidence");
  box.hidden = false;
  box.setAttribute("aria-label", label);
  $("#evidence-body").replaceChildren(content);
  box.dataset.state = "ready";
}

function panelLoading(label) {
  const box = $("#evidence");
  box.hidden = false;
  box.dataset.state = "loading";
  $("#evidence-body").replaceChildren(h("p", { class: "muted" }, `Loading ${label} …`));
}

async function openDyad(a, b, scroll = true) {
  const key = edgeKey(a, b);
  state.selection = { edge: key };
  highlight($("#graph"), state.selection);
  panelLoading(key.replace("|", "–"));
  const edge = state.graph?.edges.find((e) => (e.id || edgeKey(e.source, e.target)) === key) || null;
  try {
    const data = await api(`/api/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}`, { ...windowParams(), window: $("#series-window").value });
    if (state.selection?.edge !== key) return;
    panel(dyadPanel(data, edge, nameOf, getArticle), `Evidence for ${key.replace("|", "–")}`);
    $("#evidence").dataset.dyad = key;
    delete $("#evidence").dataset.actor;
    if (scroll) $("#evidence .panel-scroll")?.scrollTo(0, 0);
  } catch (err) {
    panel(h("p", { class: "error" }, `Could not load ${key}: ${err.message}`), "Evidence");
  }
}

async function openActor(code, node = null, scroll = true) {
  state.selection = { node: code };
  highlight($("#graph"), state.selection);
  panelLoading(code);
  node = node || state.graph?.nodes.find((n) => n.id === code) || null;
  try {
    const window = windowParams();
    const query = { actor: code, ...window, ...eventFilters(), limit: ACTOR_EVENTS };
    let [actor, events] = await Promise.all([api(`/api/actors/${encodeURIComponent(code)}`), api("/api/events", query)]);
    if (events.total > ACTOR_EVENTS) events = await api("/api/events", { ...query, offset: events.total - ACTOR_EVENTS }); // the latest
    if (state.selection?.node !== code) return;
    if (actor.name) state.names.set(code, actor.name);
    panel(actorPanel(actor, node, events.items, events.total, nameOf, (x, y) => openDyad(x, y), getArticle), `Evidence for ${code}`);
    $("#evidence").dataset.actor = code;
    delete $("#evidence").dataset.dyad;
    if (scroll) $("#evidence .panel-scroll")?.scrollTo(0, 0);
  } catch (err) {
    panel(h("p", { class: "error" }, `Could not load ${code}: ${err.message}`), "Evidence");
  }
}

function closePanel() {
  state.selection = null;
  highlight($("#graph"), null);
  const box = $("#evidence");
  box.hidden = true;
  delete box.dataset.dyad;
  delete box.dataset.actor;
}

// -- the actor search ------------------------------------------------------------------------------------
async function search(query) {
  const q = query.trim();
  if (!q) return;
  const low = q.toLowerCase();
  const find = (nodes) =>
    nodes.find((n) => n.id.toLowerCase() === low) ||
    nodes.find((n) => (n.label || "").toLowerCase() === low) ||
    nodes.find((n) => n.id.toLowerCase().includes(low) || (n.label || "").toLowerCase().includes(low));
  let code = find(state.shown?.nodes || [])?.id || find(state.graph?.nodes || [])?.id;
  if (!code) {
    try {
      const found = await api("/api/actors", { q, limit: 20 });
      const drawn = new Set((state.shown?.nodes || []).map((n) => n.id));
      code = (found.items.find((x) => drawn.has(x.code)) || found.items[0])?.code;
    } catch (err) {
      status(`Search failed: ${err.message}`, true);
      return;
    }
  }
  if (!code) {
    status(`No actor matches “${q}”.`);
    return;
  }
  const el = $("#graph").querySelector(`[data-node="${CSS.escape(code)}"]`);
  status(el ? "" : `${nameOf(code)} (${code}) has no link drawn with this window and these filters.`);
  el?.focus();
  openActor(code);
}

function fillSearchList() {
  const list = $("#actor-list");
  list.replaceChildren(...(state.graph?.nodes || []).map((n) => h("option", { value: n.id }, n.label || n.id)));
}

// -- start ----------------------------------------------------------------------------------------------
function wire() {
  for (const id of ["since", "until"]) {
    $(`#${id}`).addEventListener("input", () => {
      const a = $("#since");
      const b = $("#until");
      if (Number(a.value) > Number(b.value)) (id === "since" ? b : a).value = $(`#${id}`).value;
      showWindow();
      reloadSoon();
    });
  }
  for (const id of ["type", "quad", "modality", "hide-negated"]) $(`#${id}`).addEventListener("change", () => reloadSoon(0));
  $("#min-weight").addEventListener("input", applyFilters);
  $("#max-nodes").addEventListener("change", applyFilters);
  $("#show-derived").addEventListener("change", () => reloadSoon(0));
  $("#series-window").addEventListener("change", () => {
    if (state.selection?.edge) openDyad(...state.selection.edge.split("|"), false);
  });
  $("#search-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    search($("#search").value);
  });
  $("#close-evidence").addEventListener("click", closePanel);
  document.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape" && !$("#evidence").hidden) closePanel();
  });
  $("#reset").addEventListener("click", () => {
    $("#since").value = 0;
    $("#until").value = Math.max(0, state.months.length - 1);
    for (const id of ["type", "quad", "modality"]) $(`#${id}`).value = "";
    $("#hide-negated").checked = false;
    $("#min-weight").value = 0;
    showWindow();
    reloadSoon(0);
  });
  for (const [id, colour] of [["sw-coop", COOP], ["sw-conflict", CONFLICT], ["sw-relation", RELATION]]) $(`#${id}`).style.background = colour;
}

function watchSize() {
  let last = "";
  let pending = null;
  new ResizeObserver((entries) => {
    const r = entries[0].contentRect;
    const size = `${Math.round(r.width)}x${Math.round(r.height)}`;
    if (size === last || !state.graph) return;
    last = size;
    clearTimeout(pending);
    pending = setTimeout(applyFilters, 120);
  }).observe($("#graph"));
}

async function start() {
  wire();
  watchSize();
  api("/api/health")
    .then((hh) => {
      $("#health").textContent = `${hh.articles} articles · ${hh.events} events${hh.writable ? " · writable" : " · read-only"}`;
    })
    .catch(() => {
      $("#health").textContent = "server unreachable";
    });
  await loadGraph();
  fillSearchList();
}

start();
