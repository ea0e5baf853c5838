// The evidence panel: a dyad's timeline chart and events, an actor's partners and events, each
// report's sentence marked in its article.

import { COOP, CONFLICT, RELATION, blocColour } from "./graph.js";

const SVG_NS = "http://www.w3.org/2000/svg";
const CONTEXT = 200; // characters of the article shown on each side of a sentence

export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c instanceof Node ? c : String(c));
  return node;
}

function s(name, attrs = {}, text = null) {
  const node = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) node.setAttribute(k, String(v));
  if (text !== null) node.textContent = text;
  return node;
}

const QUAD_OF = {
  AGREE: "verbal_coop", CONSULT: "verbal_coop", SUPPORT: "verbal_coop", CONCEDE: "verbal_coop", REQUEST: "verbal_coop",
  COOPERATE: "material_coop", AID: "material_coop", RETREAT: "material_coop",
  ACCUSE: "verbal_conflict", REJECT: "verbal_conflict", THREATEN: "verbal_conflict", PROTEST: "verbal_conflict",
  SANCTION: "material_conflict", MOBILIZE: "material_conflict", COERCE: "material_conflict", ASSAULT: "material_conflict",
};

export function quadOf(event) {
  return event.quad || QUAD_OF[event.type] || (event.kind === "relation" ? "relation" : "");
}

function num(x, digits = 2) {
  return (Math.round((Number(x) || 0) * 10 ** digits) / 10 ** digits).toFixed(digits);
}

// Per-window cooperation (up, green) and conflict (down, red) bars, with the net score as a line.
export function timelineChart(series, key) {
  const width = 380;
  const height = 124;
  const pad = { l: 30, r: 8, t: 12, b: 26 };
  const svg = s("svg", { id: "timeline", class: "timeline", viewBox: `0 0 ${width} ${height}`, role: "img", "data-dyad": key, "aria-label": `Cooperation and conflict of ${key.replace("|", "–")} per window` });
  if (!series || !series.length) {
    svg.append(s("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "axis" }, "no dated events in this window"));
    return svg;
  }
  const top = Math.max(1e-9, ...series.map((p) => Math.max(p.coop || 0, p.conflict || 0)));
  const mid = pad.t + (height - pad.t - pad.b) / 2;
  const half = (height - pad.t - pad.b) / 2;
  const slot = (width - pad.l - pad.r) / series.length;
  const bar = Math.min(28, slot * 0.34);
  svg.append(s("line", { x1: pad.l, x2: width - pad.r, y1: mid, y2: mid, class: "zero" }));
  svg.append(s("text", { x: pad.l - 4, y: pad.t + 8, "text-anchor": "end", class: "axis" }, num(top, 1)));
  svg.append(s("text", { x: pad.l - 4, y: height - pad.b, "text-anchor": "end", class: "axis" }, num(top, 1)));
  svg.append(s("text", { x: pad.l + 3, y: pad.t + 8, class: "axis" }, "▲ cooperation"));
  svg.append(s("text", { x: pad.l + 3, y: height - pad.b, class: "axis" }, "▼ conflict"));
  const every = Math.ceil(series.length / 8);
  const line = [];
  series.forEach((p, i) => {
    const x = pad.l + slot * i + slot / 2;
    const g = s("g", { class: "window", "data-window": p.window, "data-events": p.events || 0 });
    g.append(s("title", {}, `${p.window}: cooperation ${num(p.coop)}, conflict ${num(p.conflict)}, net ${num(p.net)}, ${p.events || 0} events`));
    const hc = (half * (p.coop || 0)) / top;
    const hk = (half * (p.conflict || 0)) / top;
    g.append(s("rect", { x: x - bar - 1, y: mid - hc, width: bar, height: Math.max(hc, 0), fill: COOP, class: "coop" }));
    g.append(s("rect", { x: x + 1, y: mid, width: bar, height: Math.max(hk, 0), fill: CONFLICT, class: "conflict" }));
    if (i % every === 0) g.append(s("text", { x, y: height - 8, "text-anchor": "middle", class: "axis" }, p.window));
    svg.append(g);
    line.push(`${x.toFixed(1)},${(mid - half * Math.max(-1, Math.min(1, p.net || 0))).toFixed(1)}`);
  });
  if (line.length > 1) svg.append(s("polyline", { points: line.join(" "), class: "net", stroke: RELATION }));
  return svg;
}

// The sentence in its article: some context before and after, the evidence marked.
export function contextOf(text, report) {
  let start = Number.isInteger(report.start) ? report.start : -1;
  let end = Number.isInteger(report.end) ? report.end : -1;
  const evidence = report.evidence || "";
  if (!text || start < 0 || end <= start || end > text.length || (evidence && text.slice(start, end).trim() !== evidence.trim() && !text.slice(start, end).includes(evidence.slice(0, 30)))) {
    start = evidence && text ? text.indexOf(evidence) : -1;
    end = start >= 0 ? start + evidence.length : -1;
  }
  if (start < 0) return h("p", { class: "context" }, h("mark", {}, evidence));
  let before = text.slice(Math.max(0, start - CONTEXT), start);
  let after = text.slice(end, end + CONTEXT);
  const cut = before.search(/[.!?»”]\s+\S[^.!?]*$/);
  if (start > CONTEXT && cut >= 0) before = before.slice(cut + 1).trimStart();
  else if (start > CONTEXT) before = "… " + before.slice(before.indexOf(" ") + 1);
  const stop = after.search(/[.!?](\s|$)[^]*$/);
  const lastStop = Math.max(after.lastIndexOf(". "), after.lastIndexOf(".\n"), after.lastIndexOf("? "), after.lastIndexOf("! "));
  if (end + CONTEXT < text.length) after = lastStop > 0 ? after.slice(0, lastStop + 1) : stop >= 0 ? after.slice(0, stop + 1) : after + " …";
  return h("p", { class: "context" }, before, h("mark", {}, text.slice(start, end)), after);
}

// The whole article with every evidence span marked (this report's span emphasised).
export function fullArticle(article, report) {
  const text = article.text || "";
  const spans = [...(article.spans || [])].filter((x) => x.end > x.start).sort((a, b) => a.start - b.start);
  const out = h("div", { class: "article-text" });
  let at = 0;
  for (const sp of spans) {
    if (sp.start < at) continue;
    out.append(text.slice(at, sp.start));
    const current = sp.start === report.start && sp.end === report.end;
    out.append(h("mark", { class: current ? "current" : "other", title: `${sp.type}${sp.negated ? " (negated)" : ""}, ${sp.modality}` }, text.slice(sp.start, sp.end)));
    at = sp.end;
  }
  out.append(text.slice(at));
  return out;
}

function badge(text, cls = "") {
  return h("span", { class: `badge ${cls}` }, text);
}

function credibilityBar(value) {
  const v = Math.max(0, Math.min(1, Number(value) || 0));
  return h("span", { class: "cred", title: `credibility ${num(v)}` }, h("span", { class: "cred-fill", style: `width:${Math.round(v * 100)}%` }), ` ${num(v)}`);
}

// One report: its sentence in context and who says it, how, when, how credible.
export function reportItem(report, getArticle, event) {
  const claimants = report.claimed_by && report.claimed_by.length ? report.claimed_by.join(", ") : "the outlet itself";
  const box = h("div", { class: "report", "data-article": report.article_id || "" });
  const ctx = h("div", { class: "ctx", "data-context": report.article_id ? "sentence" : "none" }, h("p", { class: "context" }, h("mark", {}, report.evidence || "")));
  box.append(ctx);
  box.append(
    h("dl", { class: "meta" },
      h("dt", {}, "outlet"), h("dd", { class: "outlet" }, report.outlet || "unknown outlet"),
      h("dt", {}, "claimed by"), h("dd", { class: "claimant" }, claimants),
      h("dt", {}, "modality"), h("dd", { class: "modality" }, report.modality || event?.modality || "asserted"),
      h("dt", {}, "negated"), h("dd", { class: "negation" }, (report.negated ?? event?.negated) ? "yes — the text denies it" : "no"),
      h("dt", {}, "date"), h("dd", { class: "date" }, report.date || event?.date || "undated"),
      h("dt", {}, "credibility"), h("dd", {}, credibilityBar(report.credibility ?? 0)),
    ),
  );
  const source = report.title || report.doc;
  if (!report.article_id && source) box.append(h("p", { class: "source muted" }, "from ", h("cite", {}, source)));
  if (report.article_id) {
    const more = h("details", { class: "whole" }, h("summary", {}, "the whole article", source ? h("span", { class: "muted" }, " · ", h("cite", {}, source)) : null));
    more.addEventListener("toggle", async () => {
      if (!more.open || more.dataset.loaded) return;
      more.dataset.loaded = "1";
      const article = await getArticle(report.article_id);
      if (article) more.append(fullArticle(article, report));
    });
    box.append(more);
    getArticle(report.article_id).then((article) => {
      if (!article) {
        ctx.dataset.context = "missing";
        return;
      }
      ctx.replaceChildren(contextOf(article.text, report));
      ctx.dataset.context = "article";
    });
  }
  return box;
}

export function eventItem(event, getArticle, pair = null) {
  const quad = quadOf(event);
  const arrow = event.symmetric ? " ↔ " : " → ";
  const who = (event.source || []).join(", ") + arrow + (event.target || []).join(", ");
  const actors = new Set([...(event.source || []), ...(event.target || [])]);
  const through = pair && !pair.every((c) => actors.has(c)) ? [...actors].filter((c) => !pair.includes(c)) : [];
  const li = h("li", { class: `event ${quad}`, "data-event": event.id || "", "data-date": event.date || "", "data-type": event.type || "" });
  li.append(
    h("div", { class: "event-head" },
      h("time", { datetime: event.date || "" }, event.date || "undated"),
      badge(event.type || "?", quad),
      event.mode ? badge(event.mode, "mode") : null,
      h("span", { class: "who" }, who),
      through.length ? badge(`as a member of ${through.join(", ")}`, "via") : null,
      event.negated ? badge("negated", "neg") : null,
      event.modality && event.modality !== "asserted" ? badge(event.modality, "modal") : null,
    ),
  );
  const reports = event.reports && event.reports.length ? event.reports : [{ ...event, article_id: event.article_id, claimed_by: event.claimed_by }];
  for (const r of reports) li.append(reportItem(r, getArticle, event));
  return li;
}

export function dyadPanel(data, edge, names, getArticle) {
  const key = `${data.a}|${data.b}`;
  const frag = h("div", { class: "panel-body", "data-dyad": key });
  const head = h("div", { class: "panel-head" });
  head.append(h("h2", {}, `${names(data.a)} — ${names(data.b)}`, " ", h("span", { class: "codes" }, `${data.a}–${data.b}`)));
  if (edge) {
    head.append(
      h("p", { class: "summary" },
        h("span", { class: "coop-text" }, `cooperation ${num(edge.coop)}`), " · ",
        h("span", { class: "conflict-text" }, `conflict ${num(edge.conflict)}`), " · ",
        `net ${num(edge.net)} · ${edge.events || 0} events`,
        edge.first ? ` · ${edge.first} → ${edge.last}` : "",
      ),
    );
  }
  head.append(timelineChart(data.series, key));
  head.append(h("p", { class: "chart-key muted" }, h("span", { class: "sw", style: `background:${COOP}` }), "cooperation ", h("span", { class: "sw", style: `background:${CONFLICT}` }), "conflict ", h("span", { class: "sw line", style: `background:${RELATION}` }), "net (−1…1) per window"));
  const events = data.events || [];
  head.append(h("h3", {}, `Evidence (${events.length} ${events.length === 1 ? "event" : "events"}, oldest first)`));
  const scroll = h("div", { class: "panel-scroll" });
  if (!events.length) scroll.append(h("p", { class: "muted" }, "No event between them in this window."));
  scroll.append(h("ol", { class: "events" }, events.map((e) => eventItem(e, getArticle, [data.a, data.b]))));
  frag.append(head, scroll);
  return frag;
}

export function actorPanel(actor, node, events, total, names, openDyad, getArticle) {
  const body = h("div", { class: "panel-body", "data-actor": actor.code });
  const frag = h("div", { class: "panel-scroll" });
  body.append(frag);
  frag.append(
    h("h2", {}, h("span", { class: "dot", style: `background:${blocColour(node?.bloc)}` }), actor.name || actor.code, " ", h("span", { class: "codes" }, actor.code)),
  );
  frag.append(h("p", { class: "summary" }, `${actor.kind || node?.kind || "actor"} · ${actor.events ?? node?.events ?? 0} events stored`, node && node.bloc >= 0 ? ` · bloc ${node.bloc + 1}` : ""));
  if (actor.names && actor.names.length) frag.append(h("p", { class: "muted names" }, "also: " + actor.names.slice(0, 6).join(", ")));
  const partners = [...(actor.partners || [])].sort((a, b) => Math.abs(b.net) - Math.abs(a.net) || b.events - a.events);
  frag.append(h("h3", {}, `Partners (${partners.length})`));
  const list = h("ul", { class: "partners" });
  for (const p of partners.slice(0, 40)) {
    const colour = p.net < 0 ? CONFLICT : p.events ? COOP : RELATION;
    list.append(
      h("li", {},
        h("button", { type: "button", class: "linklike", "data-partner": p.code, onclick: () => openDyad(actor.code, p.code) }, `${names(p.code)} (${p.code})`),
        h("span", { class: "bar", style: `width:${Math.round(Math.min(1, Math.abs(p.net)) * 60)}px;background:${colour}` }),
        h("span", { class: "muted" }, ` net ${num(p.net)} · ${p.events} events`),
      ),
    );
  }
  frag.append(list);
  frag.append(h("h3", {}, `Events in this window (${total})`));
  if (!events.length) frag.append(h("p", { class: "muted" }, "None in this window."));
  frag.append(h("ol", { class: "events" }, events.map((e) => eventItem(e, getArticle))));
  if (total > events.length) frag.insertBefore(h("p", { class: "muted" }, `The latest ${events.length}; ${total - events.length} earlier ones: narrow the window.`), frag.lastChild);
  return body;
}
