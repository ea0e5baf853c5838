"""`allymap demo`: the main job on the bundled seed articles — ingest, clean, extract, show, report."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from allymap import api
from allymap.cli.common import console, fail
from allymap.errors import AllymapError


def examples_dir() -> Path:
    """The seed articles shipped with the package."""
    return Path(str(resources.files("allymap") / "examples" / "seeds"))


def demo_command(
    db: Annotated[Path, typer.Option("--db", help="The DuckDB file to fill.")] = Path("demo.duckdb"),
    out: Annotated[Path, typer.Option("--out", help="Where to write the HTML report.")] = Path("demo-report"),
) -> None:
    """Run the whole pipeline on the bundled seed articles and print what it found."""
    try:
        report = api.ingest([examples_dir()], db)
    except AllymapError as exc:
        fail(exc)
    console.print(
        f"[bold]allymap demo[/] · {report.read} articles read, {report.stored} stored, "
        f"{report.duplicates} already stored, {len(report.rejected)} rejected → {db}"
    )
    arts = Table(title="Articles")
    for col in ("doc", "title", "lang", "published", "boilerplate lines removed"):
        arts.add_column(col, overflow="fold")
    for row in api.articles(db):
        arts.add_row(
            str(row["doc"]),
            str(row["title"]),
            str(row["lang"]),
            str(row["published"]),
            str(row["removed_lines"]),
        )
    console.print(arts)
    events = Table(title="Events and stated relations (EVENTS.md records: `allymap extract --format jsonl`)")
    events.add_column("type", no_wrap=True)
    events.add_column("who → whom", no_wrap=True)
    events.add_column("how", no_wrap=True)
    events.add_column("evidence", ratio=1, overflow="fold")
    records = api.stored_events(db)
    for r in records:
        how = [r["modality"]] + (["negated"] if r["negated"] else []) + ([r["date"]] if r["date"] else [])
        if r["claimed_by"]:
            how.append("by " + ",".join(r["claimed_by"]))
        arrow = " ↔ " if r["symmetric"] else " → "
        events.add_row(
            r["type"],
            ",".join(r["source"]) + arrow + ",".join(r["target"]),
            "\n".join(how),
            r["evidence"][:140],
        )
    console.print(events)
    graph = api.graph(db)
    partners = Table(title="Alliance graph: dyads by net alignment")
    for col in ("dyad", "net", "coop", "conflict", "events", "relations", "bloc"):
        partners.add_column(col, no_wrap=col in ("dyad", "net"))
    columns = ("dyad", "net", "coop", "conflict", "events", "relations", "bloc")
    direct = [r for r in graph.rows() if not r["via"]]  # not expanded from an organisation's members
    for row in sorted(direct, key=lambda r: -abs(float(r["net"])))[:14]:
        partners.add_row(*(str(row.get(k, "")) for k in columns))
    console.print(partners)
    for alert in graph.alerts():
        console.print(
            f"[bold yellow]alert:[/] {alert.a}–{alert.b} {alert.kind} in {alert.window}: "
            f"{alert.latest:.2f} against a baseline of {alert.baseline:.2f}",
            highlight=False,
        )
    index = api.report(out, db)
    console.print(f"Alliance report written: open [bold]{index}[/] in a browser (it works offline).")
    console.print(f"Explore further: allymap graph --db {db} · allymap explain RUS PRK --db {db}")
    console.print(
        f"Open the dashboard: [bold]allymap serve --db {db}[/], then http://127.0.0.1:8000/ in a browser.",
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    app.command("demo")(demo_command)
