"""`allymap eval`: score extraction output (or fresh extraction of articles) against a gold file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from allymap import evaluate
from allymap.cli.common import console, fail
from allymap.errors import AllymapError


def _output_records(paths: list[str], lang: str | None) -> list[dict[str, Any]]:
    """Event records from JSONL output files as they are; articles are extracted first."""
    records: list[dict[str, Any]] = []
    articles: list[str] = []
    for path in paths:
        p = Path(path)
        if p.is_file() and p.suffix == ".jsonl" and _looks_like_records(p):
            records.extend(evaluate.load_records(p))
        else:
            articles.append(path)
    if articles:
        from allymap import api

        records.extend(e.to_record() for e in api.extract(articles, lang=lang))
    return records


def _looks_like_records(path: Path) -> bool:
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if line.strip():
                try:
                    return evaluate.is_event_record(json.loads(line))
                except json.JSONDecodeError:
                    return False
    return False


def eval_command(
    paths: Annotated[list[str], typer.Argument(help="Articles to extract, or JSONL files of event records.")],
    gold: Annotated[Path, typer.Option("--gold", help="Gold JSONL in the EVENTS.md format.")],
    meta: Annotated[Path | None, typer.Option(help="Gold metadata with boilerplate passages.")] = None,
    lang: Annotated[str | None, typer.Option(help="Force the language of the articles.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Print precision, recall, F1, core recall and flag accuracies; list misses and false positives."""
    try:
        gold_records = evaluate.load_records(gold)
        if meta is None and (gold.parent / f"{gold.stem}-meta.json").exists():
            meta = gold.parent / f"{gold.stem}-meta.json"
        boilerplate = evaluate.load_boilerplate(meta) if meta else None
        output = _output_records(paths, lang)
    except AllymapError as exc:
        fail(exc)
    report = evaluate.score(gold_records, output, boilerplate)
    if as_json:
        console.print_json(json.dumps(report.summary()))
        return
    summary = Table(title=f"allymap eval against {gold}")
    summary.add_column("measure")
    summary.add_column("value", justify="right")
    s = report.summary()
    for key in ("precision", "recall", "f1", "core_recall"):
        summary.add_row(key, f"{s[key]:.3f}")
    summary.add_row(
        "matched / output / gold", f"{report.matched} / {report.output_total} / {report.gold_total}"
    )
    summary.add_row("core matched", f"{report.core_matched} / {report.core_total}")
    for flag in report.flags():
        summary.add_row(f"{flag.name} accuracy", f"{flag.accuracy:.3f} ({flag.correct}/{flag.total})")
    summary.add_row("records from boilerplate", str(len(report.boilerplate_records)))
    console.print(summary)
    _print_records("Misses (gold records not found)", report.misses, gold=True)
    _print_records("False positives (output matching no gold record)", report.false_positives, gold=False)
    wrong = [(g, o) for g, o in report.pairs if _flag_errors(g, o)]
    if wrong:
        table = Table(title="Matched with a wrong flag")
        for col in ("gold id", "type", "wrong"):
            table.add_column(col, overflow="fold")
        for g, o in wrong:
            table.add_row(str(g.get("id")), str(g.get("type")), "; ".join(_flag_errors(g, o)))
        console.print(table)


def _flag_errors(g: dict[str, Any], o: dict[str, Any]) -> list[str]:
    errs = []
    if bool(g.get("negated")) != bool(o.get("negated")):
        errs.append(f"negated {o.get('negated')} (gold {g.get('negated')})")
    if o.get("modality") != g.get("modality") and o.get("modality") not in (g.get("modality_also") or ()):
        errs.append(f"modality {o.get('modality')} (gold {g.get('modality')})")
    gc = {str(c).casefold() for c in g.get("claimed_by") or ()}
    oc = {str(c).casefold() for c in o.get("claimed_by") or ()}
    if gc != oc:
        errs.append(f"claimed_by {o.get('claimed_by')} (gold {g.get('claimed_by')})")
    if g.get("date") and o.get("date") != g.get("date"):
        errs.append(f"date {o.get('date')} (gold {g.get('date')})")
    return errs


def _print_records(title: str, records: list[dict[str, Any]], gold: bool) -> None:
    if not records:
        return
    table = Table(title=title)
    for col in ("id" if gold else "doc", "type", "source", "target", "evidence"):
        table.add_column(col, overflow="fold")
    for r in records:
        table.add_row(
            str(r.get("id") if gold else r.get("doc")),
            str(r.get("type")),
            ",".join(r.get("source") or []),
            ",".join(r.get("target") or []),
            str(r.get("evidence", ""))[:160],
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_command)
