"""`allymap extract`: print the events and stated relations of articles as EVENTS.md records."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from allymap.cli.common import emit_rows, err_console, fail
from allymap.errors import AllymapError
from allymap.records import EVENT_FIELDS

TABLE_COLUMNS = (
    "doc",
    "kind",
    "type",
    "mode",
    "source",
    "target",
    "negated",
    "modality",
    "claimed_by",
    "date",
    "evidence",
)


def extract_command(
    paths: Annotated[
        list[str], typer.Argument(help="Articles: files, directories, JSONL(.gz), or - for stdin.")
    ],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, jsonl or csv.")] = "table",
    lang: Annotated[str | None, typer.Option(help="Force the language of the articles (e.g. fr).")] = None,
    extractor: Annotated[
        str,
        typer.Option(
            help="Extractor name in the registry: rules, learned (rules + a learned sentence gate) or llm."
        ),
    ] = "rules",
    llm_url: Annotated[
        str | None,
        typer.Option(
            help="With --extractor llm: an OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1."
        ),
    ] = None,
    llm_model: Annotated[str | None, typer.Option(help="With --extractor llm: the model name.")] = None,
    stats: Annotated[bool, typer.Option("--stats", help="Print parsed/total sentences on stderr.")] = False,
) -> None:
    """Extract PLOVER events and stated relations (with negation, modality, attribution and dates)."""
    from allymap import api
    from allymap.extract.pipeline import RULE_NAMES, Stats

    if fmt not in ("table", "jsonl", "csv"):
        fail(f"unknown format {fmt!r} (use table, jsonl or csv)", code=2)
    counts = Stats()
    try:
        options = {k: v for k, v in (("base_url", llm_url), ("model", llm_model)) if v}
        events = api.extract(paths, lang=lang, extractor=extractor, stats=counts, options=options or None)
    except AllymapError as exc:
        fail(exc)
    for error in counts.errors:
        err_console.print(f"[bold red]error:[/] {error.one_line()}", highlight=False, soft_wrap=True)
    if extractor in RULE_NAMES:
        say_levels(counts.warnings)
    if counts.documents == 0:
        fail("no article could be read in a language allymap has rules for", code=1)
    rows = [e.to_record() for e in events]
    columns = TABLE_COLUMNS if fmt == "table" else EVENT_FIELDS
    emit_rows(rows, fmt, columns, title=f"{len(rows)} records from {counts.documents} articles")
    if stats:
        err_console.print(
            f"{counts.documents} documents, {counts.parsed}/{counts.sentences} sentences parsed "
            f"({counts.parsed_ratio:.0%}), {counts.events} records"
            + (f", {len(counts.skipped)} skipped (no rules for their language)" if counts.skipped else ""),
            highlight=False,
        )


def say_levels(warnings: list[str]) -> None:
    """On stderr: the languages read in full, then one warning line per document read below that."""
    from allymap.lang.support import fully_supported

    full = ", ".join(fully_supported()) or "none (no parser model installed)"
    err_console.print(
        f"languages read in full (events, relations): {full}; other languages: actor mentions and "
        "co-occurrence relations only (see `allymap languages`)",
        highlight=False,
        soft_wrap=True,
        markup=False,
    )
    for line in warnings:
        err_console.print(f"[yellow]warning:[/] {escape(line)}", highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_command)
