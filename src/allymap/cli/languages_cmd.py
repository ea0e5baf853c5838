"""`allymap languages`: which languages allymap reads, how far (full, mentions, unsupported) and why."""

from __future__ import annotations

from typing import Annotated

import typer

from allymap.cli.common import emit_rows, fail

COLUMNS = ("code", "name", "level", "model", "installed", "cldr_names", "stems", "rule_data", "files", "note")
TABLE = ("code", "name", "level", "model", "installed", "names", "data", "note")
LEGEND = (
    "full: events and stated relations · mentions: actor mentions and co-occurrence relations "
    "(low confidence) · unsupported: nothing"
)


def languages_command(
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json, jsonl or csv.")] = "table",
    every: Annotated[
        bool, typer.Option("--all", help="Also every language the knowledge base has state names in.")
    ] = False,
) -> None:
    """List the languages: "full" (parser model and trigger data: events and stated relations),
    "mentions" (state names only: actor mentions and low-confidence co-occurrence relations) or
    "unsupported", with the model, whether it is installed and the data files behind each."""
    import json
    import sys

    from allymap import api

    if fmt not in ("table", "json", "jsonl", "csv"):
        fail(f"unknown format {fmt!r} (use table, json, jsonl or csv)", code=2)
    rows = [r.to_row() for r in api.languages(every)]
    if fmt == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
        return
    full = sum(r["level"] == "full" for r in rows)
    if fmt != "table":
        emit_rows(rows, fmt, COLUMNS)
        return
    for row in rows:
        data = [
            ("rules", row["rule_data"]),
            ("stems", row["stems"]),
            ("boilerplate", "boilerplate.tsv" in row["files"]),
        ]
        row["data"] = " ".join(name for name, present in data if present)
        row["installed"] = {True: "yes", False: "NO", None: ""}[row["installed"]]
        row["names"] = row["cldr_names"]
    emit_rows(rows, fmt, TABLE, title=f"{len(rows)} languages, {full} read in full\n{LEGEND}")


def register(app: typer.Typer) -> None:
    app.command("languages")(languages_command)
