"""Shared CLI helpers: one-line errors, the console, output formats."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from allymap.errors import AllymapError

console = Console()
err_console = Console(stderr=True)


def fail(error: AllymapError | str, code: int = 1) -> NoReturn:
    """Print a one-line error to stderr and exit non-zero."""
    text = error.one_line() if isinstance(error, AllymapError) else str(error)
    err_console.print(f"[bold red]error:[/] {escape(text)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def emit_rows(
    rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str] | None = None, title: str | None = None
) -> None:
    """Write rows as a rich table, JSONL or CSV on stdout."""
    cols = list(columns) if columns else (list(rows[0].keys()) if rows else [])
    if fmt == "jsonl":
        out = sys.stdout
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(row.get(k)) for k in cols})
        sys.stdout.write(buf.getvalue())
    elif fmt == "table":
        table = Table(title=title, show_lines=False)
        for col in cols:
            table.add_column(col, overflow="fold")
        for row in rows:
            table.add_row(*(_cell(row.get(k)) for k in cols))
        console.print(table)
    else:
        fail(f"unknown format {fmt!r} (use table, jsonl or csv)", code=2)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    return str(value)


def iter_nonempty(values: Iterable[str]) -> list[str]:
    return [v for v in values if v]
