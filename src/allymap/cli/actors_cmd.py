"""`allymap actors` (every mention of a text and how it resolved) and `allymap actor NAME`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from allymap import api
from allymap.cli.common import emit_rows, fail
from allymap.errors import AllymapError


def actors_command(
    path: Annotated[str, typer.Argument(help="An article file, or - for stdin.")],
    on: Annotated[
        str | None, typer.Option(help="Resolve as of this date (default: the article's date).")
    ] = None,
    lang: Annotated[str | None, typer.Option(help="The text's language (default: detected).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, jsonl or csv.")] = "table",
    unresolved: Annotated[
        bool, typer.Option(help="Add spaCy entities the knowledge base does not know.")
    ] = False,
) -> None:
    """Show each actor mention of a text (offsets, code, kind, role, person, title, note) as resolved on
    the article's date or --on."""
    try:
        mentions = api.actors(sys.stdin if path == "-" else Path(path), on=on, lang=lang, ner=unresolved)
    except AllymapError as exc:
        fail(exc)
    rows = [
        {
            "start": m.start,
            "end": m.end,
            "text": m.text,
            "code": m.code,
            "kind": m.kind,
            "role": m.role,
            "person": m.person,
            "title": m.title,
            "candidates": list(m.candidates),
            "note": m.note,
        }
        for m in mentions
    ]
    emit_rows(
        rows,
        fmt,
        ["start", "end", "text", "code", "kind", "role", "person", "title", "candidates", "note"],
        title=f"{len(rows)} actor mentions",
    )


def actor_command(
    name: Annotated[str, typer.Argument(help="A name: state, capital, organisation, person, demonym.")],
    on: Annotated[str | None, typer.Option(help="As of this date (YYYY-MM-DD).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, jsonl or csv.")] = "table",
) -> None:
    """Look one name up in the knowledge base."""
    found = api.actor(name, on=on)
    if not found:
        fail(f"{name!r}: no actor of that name" + (f" on {on}" if on else ""), code=1)
    rows = [
        {
            "code": r.code,
            "kind": r.kind,
            "role": r.role,
            "person": r.person,
            "title": r.title,
            "from": r.start.isoformat() if r.start else None,
            "until": r.end.isoformat() if r.end else None,
            "actor": r.name,
        }
        for r in found
    ]
    emit_rows(
        rows,
        fmt,
        ["code", "actor", "kind", "role", "person", "title", "from", "until"],
        title=name + (" (ambiguous)" if len({r.code for r in found}) > 1 else ""),
    )


def register(app: typer.Typer) -> None:
    app.command("actors")(actors_command)
    app.command("actor")(actor_command)
