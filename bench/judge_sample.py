"""Issue 5: draw a uniform random sample of extracted records from a corpus, for judging precision by hand.

Reads a corpus (JSONL(.gz), as `allymap extract` does: read, clean, documents dated by their `published`
field or by --published when it is null), runs one registered extractor of one language (--extractor,
default "rules"; `allymap.registry.extractors.create(name, lang=...)`) over every document of that
language, keeps every record of kind "event" or "relation", and draws N of them uniformly with
`random.Random(seed).sample` (records in corpus order, then extraction order). With --only-added the
population is the records the chosen extractor outputs that the "rules" extractor does not output for the
same document (compared by doc, kind, type, source, target, start): e.g. the guesses of "learned".
Writes a TSV of the sample (doc, start, end, kind, type, mode, source, target, negated, modality,
claimed_by: no text) and prints each sampled record with its evidence sentence and its neighbouring
sentences to stdout, for the judge only (publishers' texts must not be committed). Also prints the
corpus's records per 1,000 words, and with --only-added how many records each extractor gives.

    PYTHONPATH=src .venv/bin/python bench/judge_sample.py CORPUS --lang en --seed 2026 -n 80 --tsv OUT.tsv
    PYTHONPATH=src .venv/bin/python bench/judge_sample.py CORPUS --lang en --extractor learned --only-added \
        --seed 2026 -n 80 --tsv OUT.tsv
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import replace
from pathlib import Path

import allymap.extract  # noqa: F401  (fills the extractor registry)
from allymap.extract.pipeline import load_documents
from allymap.records import Document, Event
from allymap.registry import extractors

KINDS = ("event", "relation")
COLUMNS = "n doc start end kind type mode source target negated modality claimed_by".split()


def joined(codes: tuple[str, ...] | None) -> str:
    """Actor codes as one TSV cell: comma-joined, "-" for an empty list, "" for null."""
    if codes is None:
        return ""
    return ",".join(codes) if codes else "-"


def row(n: int, e: Event) -> list[str]:
    """The TSV row of one sampled record (offsets and fields only, never text)."""
    return [
        str(n),
        e.doc,
        str(e.start),
        str(e.end),
        e.kind,
        e.type,
        e.mode or "",
        joined(e.source),
        joined(e.target),
        str(e.negated).lower(),
        e.modality,
        joined(e.claimed_by),
    ]


def key(e: Event) -> tuple[object, ...]:
    """What makes two records of two extractors the same record (--only-added)."""
    return (e.doc, e.kind, e.type, tuple(e.source), tuple(e.target), e.start)


def context(doc: Document, e: Event, chars: int) -> str:
    """The evidence with up to `chars` characters of the cleaned text on either side."""
    before = doc.text[max(0, e.start - chars) : e.start]
    after = doc.text[e.end : e.end + chars]
    return f"...{before}[[{doc.text[e.start : e.end]}]]{after}..."


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--lang", default="en")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("-n", type=int, default=80)
    ap.add_argument("--tsv", type=Path, required=True, help="where to write the sample (fields only)")
    ap.add_argument("--published", default="2005-01-01", help="date of documents whose field is null")
    ap.add_argument("--context", type=int, default=400, help="characters shown around each evidence")
    ap.add_argument("--extractor", default="rules", help="registered extractor name: rules, learned")
    ap.add_argument(
        "--only-added",
        action="store_true",
        help='population: only the records the extractor outputs and "rules" does not (same document)',
    )
    args = ap.parse_args()
    if args.only_added and args.extractor == "rules":
        ap.error("--only-added compares an extractor with the rules: choose another --extractor")

    t0 = time.perf_counter()
    docs = [d for d in load_documents([args.corpus]) if d.lang == args.lang]
    docs = [d if d.published else replace(d, published=args.published) for d in docs]
    ex = extractors.create(args.extractor, lang=args.lang)
    base = extractors.create("rules", lang=args.lang) if args.only_added else None
    records: list[tuple[Document, Event]] = []
    words = 0
    produced = 0  # every event/relation record of the chosen extractor
    baseline = 0  # every event/relation record of the rules (--only-added)
    lost = 0  # rule records the chosen extractor does not output (--only-added; 0 for "learned")
    for d in docs:
        words += len(d.text.split())
        mine = [e for e in ex.extract(d).events if e.kind in KINDS]
        produced += len(mine)
        if base is not None:
            rules = [key(e) for e in base.extract(d).events if e.kind in KINDS]
            baseline += len(rules)
            theirs = set(rules)
            lost += len(theirs - {key(e) for e in mine})
            mine = [e for e in mine if key(e) not in theirs]
        records.extend((d, e) for e in mine)
    took = time.perf_counter() - t0

    sample = random.Random(args.seed).sample(records, min(args.n, len(records)))
    args.tsv.parent.mkdir(parents=True, exist_ok=True)
    with args.tsv.open("w", encoding="utf-8") as out:
        out.write("\t".join(COLUMNS) + "\n")
        for n, (_, e) in enumerate(sample, 1):
            out.write("\t".join(row(n, e)) + "\n")

    events = sum(e.kind == "event" for _, e in records)
    print(
        f"# {len(docs)} documents ({args.lang}), {words} words (whitespace tokens of the cleaned text),"
        f" extractor {args.extractor}: {produced} records"
        + (
            f", rules: {baseline} records ({lost} of them not output by {args.extractor}),"
            " added (population): "
            if base is not None
            else ", population: "
        )
        + f"{len(records)} records ({events} events, {len(records) - events} relations)"
        f" in {len({d.doc for d, _ in records})} documents,"
        f" {1000 * len(records) / words:.2f} records per 1,000 words, sample {len(sample)}, {took:.0f} s"
    )
    for n, (d, e) in enumerate(sample, 1):
        print(f"\n== {n} {d.doc} {e.start}-{e.end} {e.kind} {e.type} mode={e.mode}")
        print(f"   source={list(e.source)} {list(e.source_text)}")
        print(f"   target={list(e.target)} {list(e.target_text)}")
        print(f"   negated={e.negated} modality={e.modality} claimed_by={e.claimed_by} date={e.date}")
        print(f"   confidence={e.confidence}")
        print(f"   title: {d.title}")
        print(f"   {context(d, e, args.context)}")


if __name__ == "__main__":
    main()
