"""`allymap ingest` and `allymap articles`: store articles, list what is stored."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from allymap import api
from allymap.cli.common import console, emit_rows, err_console, fail
from allymap.cli.extract_cmd import say_levels
from allymap.errors import AllymapError
from allymap.pipeline import IngestReport

DB = Annotated[Path, typer.Option("--db", help="The DuckDB file.")]


def ingest_command(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, JSONL(.gz), or - for stdin.")],
    db: DB = Path("allymap.duckdb"),
    extract: Annotated[bool, typer.Option(help="Extract mentions and events too.")] = True,
    workers: Annotated[int, typer.Option(help="Processes (0: all cores).")] = 0,
    runner: Annotated[str, typer.Option(help="local, or dask (pip install 'allymap[dask]').")] = "local",
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address, tcp://host:port.")] = None,
    max_mb: Annotated[
        float,
        typer.Option("--max-mb", min=0.001, help="Largest text or HTML file read as one article, in MB."),
    ] = 10.0,
    extractor: Annotated[
        str, typer.Option(help="rules, or learned (rules + a learned sentence gate's guesses).")
    ] = "rules",
) -> None:
    """Read, clean, extract and store articles; print a summary and every rejection."""
    columns = (
        SpinnerColumn(),
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("articles · {task.fields[events]} events · {task.fields[rejected]} rejected"),
        TimeElapsedColumn(),
    )
    try:
        with Progress(*columns, console=err_console, transient=False) as progress:
            task = progress.add_task("ingest", total=None, events=0, rejected=0)

            def tick(report: IngestReport) -> None:
                progress.update(
                    task, completed=report.read, events=report.events, rejected=len(report.rejected)
                )

            report = api.ingest(
                paths,
                db,
                extract=extract,
                stdin=sys.stdin if "-" in paths else None,
                workers=workers,
                runner=runner,
                scheduler=scheduler,
                progress=tick,
                max_bytes=int(max_mb * 1_000_000),
                extractor=extractor,
            )
    except AllymapError as exc:
        fail(exc)
    if extract:
        say_levels(report.warnings)
    emit_rows(report.rows(), "table", title=f"ingest into {db}")
    if report.rejected:
        reasons = Counter(_reason_kind(error.reason) for error in report.rejected)
        emit_rows([{"rejected": n, "reason": r} for r, n in reasons.most_common()], "table", title="rejected")
    for error in report.rejected:
        err_console.print(f"[red]rejected:[/] {escape(error.one_line())}", highlight=False, soft_wrap=True)
    if report.read == 0 and report.rejected:
        raise typer.Exit(1)


def _reason_kind(reason: str) -> str:
    """A rejection reason without its particulars (sizes, bytes, columns), to count them by kind."""
    return reason.split(" (")[0]


def articles_command(
    article: Annotated[str | None, typer.Argument(help="An article id, id prefix or document name.")] = None,
    db: DB = Path("allymap.duckdb"),
    fmt: Annotated[str, typer.Option("--format", help="table, jsonl or csv.")] = "table",
    limit: Annotated[int | None, typer.Option(help="At most this many articles.")] = None,
) -> None:
    """List stored articles, or show one with its cleaned text."""
    if not db.exists():
        fail(f"{db}: no such database (run `allymap ingest` first)")
    try:
        rows = api.articles(db, article, limit)
    except AllymapError as exc:
        fail(exc)
    if article and not rows:
        fail(f"{db}: no article {article!r}")
    if fmt == "table" and article:
        for row in rows:
            console.rule(f"{row['doc']} · {row['id'][:12]} · {row['lang']} · {row['published']}")
            console.print(f"[bold]{row['title'] or ''}[/]")
            console.print(row["text"], highlight=False)
        return
    columns = ["id", "doc", "title", "lang", "published", "domain", "chars", "removed_lines", "origin"]
    if fmt != "table":
        columns.append("text")
    emit_rows([{k: (str(v) if v is not None else None) for k, v in r.items()} for r in rows], fmt, columns)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)
    app.command("articles")(articles_command)
