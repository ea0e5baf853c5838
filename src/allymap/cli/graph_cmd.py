"""`allymap graph | explain | alerts | export | report | dyad-years`: the alliance graph on the CLI."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from allymap.cli.common import console, emit_rows, fail
from allymap.errors import AllymapError

Db = Annotated[Path, typer.Option("--db", help="DuckDB store to read events (and articles) from.")]
Events = Annotated[
    list[Path] | None,
    typer.Option(
        "--events", help="Event records (JSONL, e.g. `allymap extract -f jsonl` or gold) instead of --db."
    ),
]
Articles = Annotated[
    list[Path] | None,
    typer.Option("--articles", help="Article files, directories or JSONL corpora (dates, domains, texts)."),
]
Outlets = Annotated[
    Path | None, typer.Option("--outlets", help="TSV of outlet ratings overriding the shipped one.")
]
Since = Annotated[str | None, typer.Option("--since", help="Only events on or after this ISO date.")]
Until = Annotated[str | None, typer.Option("--until", help="Only events on or before this ISO date.")]
Window = Annotated[str, typer.Option("--window", help="Time window of trends: year, quarter or month.")]
Cooccur = Annotated[
    bool,
    typer.Option(
        "--cooccurrence",
        help="Keep co-occurrence records (languages without a parser): shown, zero score, never alerting.",
    ),
]
AsOf = Annotated[
    str | None, typer.Option("--as-of", help="Reference date of time decay (default: latest event).")
]


def _graph(
    db: Path,
    events: list[Path] | None,
    articles: list[Path] | None,
    outlets: Path | None,
    since: str | None,
    until: str | None,
    window: str = "year",
    as_of: str | None = None,
    cooccurrence: bool = False,
) -> Any:
    from allymap.graph import configure, load_graph
    from allymap.graph.sources import events_from_records, read_event_file

    if window not in ("year", "quarter", "month"):
        fail(f"unknown window {window!r} (use year, quarter or month)", code=2)
    try:
        config = configure(
            since=since, until=until, window=window, as_of=as_of, outlets=outlets, cooccurrence=cooccurrence
        )
    except ValueError as exc:
        fail(f"bad date ({exc})", code=2)
    try:
        if events:
            records = [e for path in events for e in read_event_file(path)]
            return load_graph(events_from_records(records), articles or None, config)
        if not db.is_file():
            fail(f"{db}: no such database (ingest articles first, or pass --events FILE.jsonl)")
        return load_graph(db, articles or None, config)
    except AllymapError as exc:
        fail(exc)


def graph_command(
    db: Db = Path("allymap.duckdb"),
    events: Events = None,
    articles: Articles = None,
    outlets: Outlets = None,
    since: Since = None,
    until: Until = None,
    cooccurrence: Cooccur = False,
    min_weight: Annotated[float, typer.Option("--min-weight", help="Hide dyads lighter than this.")] = 0.0,
    derived: Annotated[
        bool, typer.Option("--derived", help="Also list pairs linked only via an org.")
    ] = False,
    limit: Annotated[int, typer.Option("--limit", help="At most this many dyads (0: all).")] = 40,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, jsonl or csv.")] = "table",
) -> None:
    """Dyads of the alliance graph: net alignment, cooperation, conflict, events, stated relations, bloc."""
    g = _graph(db, events, articles, outlets, since, until, cooccurrence=cooccurrence)
    rows = g.rows(min_weight, derived)
    rows = rows[:limit] if limit else rows
    if fmt != "table":
        emit_rows(rows, fmt)
        return
    table = Table(title=f"{len(g.events)} real events from {g.records} records · {g.blocs.count()} blocs")
    for col in ("dyad", "net", "coop", "conflict", "events", "relations", "bloc"):
        table.add_column(col, justify="right" if col in ("net", "coop", "conflict", "events") else "left")
    for row in rows:
        style = "green" if row["net"] > 0.05 else "red" if row["net"] < -0.05 else ""
        table.add_row(
            row["dyad"],
            Text(f"{row['net']:+.2f}", style=style),
            f"{row['coop']:.2f}",
            f"{row['conflict']:.2f}",
            str(row["events"]),
            row["relations"],
            row["bloc"],
        )
    console.print(table)


def explain_command(
    a: Annotated[str, typer.Argument(help="Actor code, e.g. RUS.")],
    b: Annotated[str, typer.Argument(help="Actor code, e.g. PRK.")],
    db: Db = Path("allymap.duckdb"),
    events: Events = None,
    articles: Articles = None,
    outlets: Outlets = None,
    since: Since = None,
    until: Until = None,
    cooccurrence: Cooccur = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or jsonl.")] = "text",
) -> None:
    """The dyad's timeline in date order: each event's evidence, document, outlet, claimant, modality."""
    g = _graph(db, events, articles, outlets, since, until, cooccurrence=cooccurrence)
    a, b = a.upper(), b.upper()
    entries = g.explain(a, b)
    if not entries:
        fail(f"no event or relation links {a} and {b}")
    if fmt == "jsonl":
        emit_rows([{k: v for k, v in e.items() if k != "day"} for e in entries], "jsonl")
        return
    d = g.dyad(a, b)
    console.print(
        f"[bold]{g.actors.name(a)} – {g.actors.name(b)}[/]  net {d.net:+.2f}  coop {d.coop:.2f}  "
        f"conflict {d.conflict:.2f}  relations {','.join(sorted(d.relations)) or '-'}",
        highlight=False,
    )
    for e in entries:
        neg = "[red]NOT[/] " if e["negated"] else ""
        via = f" (via {e['via']})" if e["via"] else ""
        console.print(
            f"\n[bold]{e['date']}[/]  {neg}{e['kind'] == 'relation' and 'stated ' or ''}{e['type']} "
            f"{e['mode']}  {e['direction']}{via}  [dim]{e['modality']}, weight {e['weight']}, "
            f"score {e['score']:+}, {e['independent']} independent[/]",
            highlight=False,
        )
        for r in e["reports"]:
            console.print(
                f"   “{r['evidence']}”\n   [dim]{r['doc']} · {r['outlet'] or 'unknown outlet'} "
                f"(cred {r['credibility']}) · claimed by {r['claimant']} · {r['modality']} · {r['date']}[/]",
                highlight=False,
                soft_wrap=True,
            )


def alerts_command(
    db: Db = Path("allymap.duckdb"),
    events: Events = None,
    articles: Articles = None,
    outlets: Outlets = None,
    since: Since = None,
    until: Until = None,
    cooccurrence: Cooccur = False,
    window: Window = "year",
    latest: Annotated[
        str | None, typer.Option("--latest", help="Window to test (default: the last).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, jsonl or csv.")] = "table",
) -> None:
    """Acceleration alerts: dyads whose cooperation (or conflict) in the last window beats their baseline."""
    g = _graph(db, events, articles, outlets, since, until, window, cooccurrence=cooccurrence)
    rows = [a.row() for a in g.alerts(latest)]
    if not rows and fmt == "table":
        console.print(f"no alert (windows covered: {', '.join(g.series.covered) or 'none'})")
        return
    emit_rows(rows, fmt, title="early warning")


def export_command(
    fmt: Annotated[str, typer.Option("--format", "-f", help="graphml, gexf, json, csv, parquet or plover.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="File to write.")],
    db: Db = Path("allymap.duckdb"),
    events: Events = None,
    articles: Articles = None,
    outlets: Outlets = None,
    since: Since = None,
    until: Until = None,
    cooccurrence: Cooccur = False,
    min_weight: Annotated[float, typer.Option("--min-weight")] = 0.0,
) -> None:
    """Write the graph (or its deduplicated events, for plover) to a file."""
    from allymap.graph.export import FORMATS, export

    if fmt not in FORMATS:
        fail(f"unknown format {fmt!r} (use {', '.join(FORMATS)})", code=2)
    g = _graph(db, events, articles, outlets, since, until, cooccurrence=cooccurrence)
    try:
        path = export(g, fmt, out, min_weight)
    except (AllymapError, OSError) as exc:
        fail(exc if isinstance(exc, AllymapError) else f"{out}: {exc}")
    console.print(f"wrote {path}", highlight=False)


def report_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory to write index.html into.")],
    db: Db = Path("allymap.duckdb"),
    events: Events = None,
    articles: Articles = None,
    outlets: Outlets = None,
    since: Since = None,
    until: Until = None,
    cooccurrence: Cooccur = False,
    window: Window = "year",
    title: Annotated[str | None, typer.Option("--title")] = None,
) -> None:
    """Write a self-contained offline HTML report (graph, blocs, alerts, timelines, evidence)."""
    from allymap.graph.report import write_report

    g = _graph(db, events, articles, outlets, since, until, window, cooccurrence=cooccurrence)
    try:
        path = write_report(g, out, title)
    except OSError as exc:
        fail(f"{out}: {exc}")
    console.print(f"wrote {path}", highlight=False)


def dyad_years_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="CSV file to write.")],
    db: Db = Path("allymap.duckdb"),
    events: Events = None,
    articles: Articles = None,
    outlets: Outlets = None,
    since: Since = None,
    until: Until = None,
    cooccurrence: Cooccur = False,
    orgs: Annotated[bool, typer.Option("--orgs", help="Keep pairs with organisations (flagged).")] = False,
) -> None:
    """Dyad-year alignment scores with ISO3 pairs, for validation against alliance or UN-vote data."""
    g = _graph(db, events, articles, outlets, since, until, cooccurrence=cooccurrence)
    rows = g.dyad_years(include_orgs=orgs)
    columns = ["year", "iso3_a", "iso3_b", "coop", "conflict", "net", "events", "relations", "organisation"]
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
    except OSError as exc:
        fail(f"{out}: {exc}")
    console.print(f"wrote {len(rows)} dyad-years to {out}", highlight=False)


def register(app: typer.Typer) -> None:
    app.command("graph")(graph_command)
    app.command("explain")(explain_command)
    app.command("alerts")(alerts_command)
    app.command("export")(export_command)
    app.command("report")(report_command)
    app.command("dyad-years")(dyad_years_command)
