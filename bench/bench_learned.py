"""The cost of the "learned" extractor's sentence gate: English articles per second, rules vs learned.

Reads an English JSONL(.gz) corpus as `allymap extract` does (BBC 2004-2005 by default, the first --limit
articles), then extracts every document with the "rules" extractor, the "learned" one, and the rules
again (back to back in one process, so that the machine's drift shows), after one warm-up document each.
Prints articles/s, the ratio learned / rules, records and guesses (records named "+learned").

    .venv/bin/python bench/bench_learned.py [CORPUS] [--limit 600]
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace
from pathlib import Path

import allymap.extract  # noqa: F401  (registers the extractors)
from allymap.extract.pipeline import load_documents
from allymap.registry import extractors

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bbc-2004-2005.jsonl.gz"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, nargs="?", default=DEFAULT)
    ap.add_argument("--limit", type=int, default=600)
    args = ap.parse_args()
    docs = [replace(d, published=d.published or "2005-01-01") for d in load_documents([args.corpus])]
    docs = [d for d in docs if d.lang == "en"][: args.limit]
    rates: dict[str, list[float]] = {}
    for name in ("rules", "learned", "rules"):
        ex = extractors.create(name, lang="en")
        ex.extract(docs[0])  # models, gazetteer and (learned) encoder loaded before the clock starts
        start = time.perf_counter()
        events = [e for d in docs for e in ex.extract(d).events]
        seconds = time.perf_counter() - start
        rates.setdefault(name, []).append(len(docs) / seconds)
        guesses = sum(e.extractor.endswith("+learned") for e in events)
        print(
            f"{name:8} {len(docs)} articles in {seconds:.1f} s: {len(docs) / seconds:.1f}/s,"
            f" {len(events)} records ({guesses} guesses)"
        )
    rules = sum(rates["rules"]) / len(rates["rules"])
    print(f"learned / rules (mean of the two rules runs): {rates['learned'][0] / rules:.2f}")


if __name__ == "__main__":
    main()
