"""`allymap serve` (the web API and dashboard) and `allymap events` (the same event query on the CLI)."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

import typer

from allymap import api
from allymap.cli.common import console, emit_rows, err_console, fail
from allymap.errors import AllymapError

DB = Annotated[Path, typer.Option("--db", help="The DuckDB file (made by `allymap ingest`).")]


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve_command(
    db: DB = Path("allymap.duckdb"),
    host: Annotated[str, typer.Option(help="Address to bind (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 8000,
    write_token: Annotated[
        str | None,
        typer.Option(
            "--write-token",
            envvar="ALLYMAP_WRITE_TOKEN",
            help="Accept POST /api/articles carrying `Authorization: Bearer TOKEN` (default: read-only).",
            show_envvar=True,
        ),
    ] = None,
    max_mb: Annotated[float, typer.Option("--max-mb", min=0.001, help="Largest request body, in MB.")] = 2.0,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            help="Worker processes of a read-only server (each opens the store and keeps its own caches).",
        ),
    ] = 1,
) -> None:
    """Serve the web API (OpenAPI at /openapi.json) and the dashboard over a database, read-only unless
    given a write token."""
    import os

    import uvicorn

    from allymap.server import create_app
    from allymap.server.queries import open_store

    if workers > 1 and write_token:
        fail("--workers: a writable server runs one process (the store has one writer)", code=2)
    try:
        if workers > 1:
            open_store(db).close()  # the one-line errors of a missing or foreign file, before forking
        else:
            app = create_app(db, write_token=write_token or None, max_body=int(max_mb * 1_000_000))
    except AllymapError as exc:
        fail(exc)
    shown = f"[{host}]" if ":" in host else host
    mode = "writable with the write token" if write_token else "read-only"
    console.print(f"allymap: serving {db} ({mode}) at [bold]http://{shown}:{port}/[/] — open it in a browser")
    if not _loopback(host):
        err_console.print(f"warning: {host} is not a loopback address: other machines can reach this server")
    if workers > 1:
        os.environ["ALLYMAP_SERVE_DB"] = str(db.resolve())
        os.environ["ALLYMAP_SERVE_MAX_BODY"] = str(int(max_mb * 1_000_000))
        target = "allymap.server.app:app_from_env"
        uvicorn.run(target, factory=True, workers=workers, host=host, port=port, log_level="warning")
    else:
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


def events_command(
    db: DB = Path("allymap.duckdb"),
    actor: Annotated[str | None, typer.Option(help="An actor code on either side.")] = None,
    partner: Annotated[str | None, typer.Option(help="A second actor code on either side.")] = None,
    type_: Annotated[list[str] | None, typer.Option("--type", help="PLOVER type(s).")] = None,
    quad: Annotated[
        str | None,
        typer.Option(help="verbal_coop, material_coop, verbal_conflict or material_conflict."),
    ] = None,
    since: Annotated[str | None, typer.Option(help="Only events on or after this ISO date.")] = None,
    until: Annotated[str | None, typer.Option(help="Only events on or before this ISO date.")] = None,
    modality: Annotated[str | None, typer.Option(help="asserted, alleged, possible, ...")] = None,
    negated: Annotated[
        bool | None, typer.Option("--negated/--not-negated", help="Only negated (or only not negated).")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="The article's domain.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many.")] = 100,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many first.")] = 0,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, jsonl or csv.")] = "table",
) -> None:
    """Stored events matching filters, by day (the query behind GET /api/events)."""
    from allymap.server.queries import QUADS

    if quad and quad not in QUADS:
        fail(f"unknown quad {quad!r} (use {', '.join(QUADS)})", code=2)
    if not db.is_file():
        fail(f"{db}: no such database (create it with `allymap ingest FILES --db {db}`)")
    try:
        page = api.events(
            db,
            actor=actor.upper() if actor else None,
            partner=partner.upper() if partner else None,
            type=[t.upper() for t in type_ or []],
            quad=quad,
            since=since,
            until=until,
            modality=modality,
            negated=negated,
            outlet=outlet,
            limit=limit,
            offset=offset,
        )
    except ValueError as exc:
        fail(f"bad date ({exc})", code=2)
    except AllymapError as exc:
        fail(exc)
    rows = page["items"]
    if fmt == "table":
        columns = ["day", "type", "source", "target", "modality", "negated", "outlet", "evidence"]
        emit_rows(rows, fmt, columns, title=f"{len(rows)} of {page['total']} events")
    else:
        emit_rows(rows, fmt)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
    app.command("events")(events_command)
