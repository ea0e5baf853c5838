"""The offline HTML report: graph, blocs, alerts, top dyads with timelines and evidence tables."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from allymap.graph.build import AllianceGraph
from allymap.graph.svg import CONFLICT, COOP, bloc_colour, graph_svg, timeline_svg

CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:0;
color:#1d2433;background:#f3f4f7}
header{background:#1d2433;color:#fff;padding:18px 28px}header h1{margin:0 0 4px;font-size:22px}
header p{margin:0;color:#c9cfdb}main{padding:18px 28px;max-width:1280px;margin:auto}
section{background:#fff;border-radius:10px;box-shadow:0 1px 3px rgba(0,0,0,.08);padding:16px 20px;
margin:0 0 18px}
h2{font-size:17px;margin:0 0 10px}h3{font-size:15px;margin:18px 0 6px}
.grid{display:grid;grid-template-columns:minmax(0,3fr) minmax(240px,1fr);gap:18px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;padding:5px 7px;
border-bottom:1px solid #e6e8ee;vertical-align:top}th{background:#f7f8fa;font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums}.sw{display:inline-block;width:11px;height:11px;
border-radius:3px;margin-right:6px;vertical-align:-1px}.legend div{margin:3px 0}.muted{color:#667085}
.bar{display:inline-block;height:9px;border-radius:2px}.alert{border-left:4px solid #d68910}
.ev{max-width:520px}.neg{color:#b42318;font-weight:600}
"""


def _table(
    rows: list[dict[str, Any]], columns: list[tuple[str, str]], numeric: set[str] | None = None
) -> str:
    numeric = numeric or set()
    head = "".join(f"<th>{escape(label)}</th>" for _, label in columns)
    body = []
    for row in rows:
        cells = []
        for key, _ in columns:
            value = row.get(key, "")
            text = value if key.endswith("_html") else escape("" if value is None else str(value))
            cls = ' class="num"' if key in numeric else ' class="ev"' if key == "evidence" else ""
            cells.append(f"<td{cls}>{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _net_bar(net: float) -> str:
    colour = COOP if net >= 0 else CONFLICT
    return f'<span class="bar" style="width:{abs(net) * 60:.0f}px;background:{colour}"></span> {net:+.2f}'


def _legend(graph: AllianceGraph) -> str:
    items = []
    for b in range(graph.blocs.count()):
        members = graph.blocs.members(b)
        shown = [m for m in graph.blocs.leaders.get(b, ()) if m in members][:12]
        more = len(members) - len(shown)
        attached = [m for m in shown if m in graph.blocs.attached]
        items.append(
            f'<div><span class="sw" style="background:{bloc_colour(b)}"></span><b>Bloc {b + 1}</b> '
            f"{escape(', '.join(shown))}{f' +{more}' if more > 0 else ''}"
            + (
                f' <span class="muted">({escape(", ".join(attached))} by opposition)</span>'
                if attached
                else ""
            )
            + "</div>"
        )
    keys = (
        f'<div><span class="sw" style="background:{COOP}"></span>cooperation (net &gt; 0)</div>'
        f'<div><span class="sw" style="background:{CONFLICT}"></span>conflict (net &lt; 0)</div>'
        '<div><span class="sw" style="background:#2f7bbf"></span>'
        "dashed: stated relation (ally, partner, member)</div>"
        '<div class="muted">width: weighted volume · circle: state · square: organisation · '
        "dashed ring: in a bloc by opposition only</div>"
    )
    return f'<div class="legend"><h3>Blocs</h3>{"".join(items)}<h3>Key</h3>{keys}</div>'


def _dyad_rows(graph: AllianceGraph, top: int) -> list[dict[str, Any]]:
    rows = []
    for row in graph.rows(derived=False)[:top]:
        rows.append({**row, "net_html": _net_bar(row["net"])})
    return rows


def _evidence(graph: AllianceGraph, a: str, b: str) -> str:
    rows = []
    for entry in graph.explain(a, b):
        for i, rep in enumerate(entry["reports"]):
            negated = '<span class="neg">not</span> ' if entry["negated"] else ""
            rows.append(
                {
                    "date": entry["date"] if i == 0 else "",
                    "act_html": (negated + escape(f"{entry['type']} {entry['mode']}".strip()))
                    if i == 0
                    else "",
                    "direction": entry["direction"] + (f" (via {entry['via']})" if entry["via"] else "")
                    if i == 0
                    else "",
                    "evidence": rep["evidence"],
                    "doc": rep["doc"] + (f" (copy of {rep['copy_of']})" if rep["copy_of"] else ""),
                    "outlet": rep["outlet"] or "—",
                    "claimant": rep["claimant"],
                    "modality": rep["modality"],
                    "credibility": rep["credibility"],
                    "weight": rep["weight"],
                }
            )
    columns = [
        ("date", "date"),
        ("act_html", "act"),
        ("direction", "who"),
        ("evidence", "sentence"),
        ("doc", "document"),
        ("outlet", "outlet"),
        ("claimant", "claimant"),
        ("modality", "modality"),
        ("credibility", "cred."),
        ("weight", "weight"),
    ]
    return _table(rows, columns, {"credibility", "weight"})


def render(
    graph: AllianceGraph, title: str = "allymap: the alliance system in the news", top: int = 8
) -> str:
    """The report as one self-contained HTML page (inline CSS and SVG, no script, no external request)."""
    alerts = graph.alerts()
    dyads = _dyad_rows(graph, 40)
    docs = sorted({r.event.doc for e in graph.events for r in e.reports})
    summary = (
        f"{graph.records} records → {len(graph.events)} real events from {len(docs)} articles · "
        f"{len([d for d in graph.dyads.values() if not d.derived])} dyads · {graph.blocs.count()} blocs · "
        f"as of {graph.as_of.isoformat() if graph.as_of else 'undated'}"
    )
    out = [
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<style>{CSS}</style></head><body>",
        f"<header><h1>{escape(title)}</h1><p>{escape(summary)}</p></header><main>",
        '<section><h2>Alliance graph</h2><div class="grid">',
        f"<div>{graph_svg(graph)}</div>{_legend(graph)}</div></section>",
    ]
    alert_rows = [a.row() for a in alerts]
    out.append(
        '<section class="alert"><h2>Early warning</h2>'
        + (
            _table(
                alert_rows,
                [
                    ("dyad", "dyad"),
                    ("kind", "kind"),
                    ("window", "window"),
                    ("latest", "latest"),
                    ("baseline", "baseline"),
                    ("ratio", "ratio"),
                    ("baseline_windows", "baseline windows"),
                    ("events", "events"),
                ],
                {"latest", "baseline", "ratio", "events"},
            )
            if alert_rows
            else '<p class="muted">No dyad accelerates in the latest window.</p>'
        )
        + '<p class="muted">Score per independent article in the latest window against the mean of the '
        "earlier windows the corpus covers.</p></section>"
    )
    out.append(
        "<section><h2>Dyads</h2>"
        + _table(
            dyads,
            [
                ("dyad", "dyad"),
                ("net_html", "net alignment"),
                ("coop", "cooperation"),
                ("conflict", "conflict"),
                ("events", "events"),
                ("relations", "stated relations"),
                ("bloc", "bloc"),
            ],
            {"coop", "conflict", "events"},
        )
        + "</section>"
    )
    for row in graph.rows(derived=False)[:top]:
        a, b = row["dyad"].split("–")
        d = graph.dyad(a, b)
        if d is None:
            continue
        rel = f" · stated: {', '.join(sorted(d.relations))}" if d.relations else ""
        out.append(
            f'<section class="dyad" id="dyad-{escape(a)}-{escape(b)}"><h2>{escape(graph.actors.name(a))} – '
            f'{escape(graph.actors.name(b))} <span class="muted">net {d.net:+.2f}{escape(rel)}</span></h2>'
            f"{timeline_svg(graph, d)}{_evidence(graph, a, b)}</section>"
        )
    out.append(_sources(graph, docs))
    out.append("</main></body></html>")
    return "".join(out)


def _sources(graph: AllianceGraph, docs: list[str]) -> str:
    rows = []
    for doc in docs:
        info = graph.articles.get(doc)
        cred = graph.credibility.get(doc)
        rows.append(
            {
                "doc": doc,
                "title": info.title if info else "",
                "published": info.published if info else "",
                "outlet": (cred.outlet if cred else "") or "",
                "credibility": round(cred.score, 2) if cred else graph.config.weights.unknown_outlet,
                "signals": ", ".join(cred.signals) if cred else "",
                "copy_of": graph.copies.get(doc, doc) if graph.copies.get(doc, doc) != doc else "",
            }
        )
    columns = [
        ("doc", "document"),
        ("title", "title"),
        ("published", "published"),
        ("outlet", "outlet"),
        ("credibility", "credibility"),
        ("signals", "signals"),
        ("copy_of", "copy of"),
    ]
    return "<section><h2>Sources</h2>" + _table(rows, columns, {"credibility"}) + "</section>"


def write_report(graph: AllianceGraph, out_dir: str | Path, title: str | None = None) -> Path:
    """Write `index.html` into `out_dir`; returns its path."""
    path = Path(out_dir)
    path.mkdir(parents=True, exist_ok=True)
    target = path / "index.html"
    target.write_text(render(graph, title or "allymap: the alliance system in the news"), encoding="utf-8")
    return target
