"""Ingest throughput: read + clean + store (no extraction) of a JSONL corpus into a fresh DuckDB file.

Run: .venv/bin/python bench/bench_ingest.py [../shared/corpus/fr-press-2018-2019.jsonl.gz] [--limit N]
Prints articles/s for reading alone (the baseline, same process) and for the whole ingest, and their ratio.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

from allymap.ingest import read_inputs
from allymap.pipeline import ingest

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "fr-press-2018-2019.jsonl.gz"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    if not Path(args.corpus).exists():
        print(f"{args.corpus}: no such corpus", file=sys.stderr)
        return 1
    start = time.perf_counter()
    n_read = sum(1 for _ in islice(read_inputs([args.corpus]), args.limit))
    read_s = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        source: str | Path = args.corpus
        if args.limit:
            import gzip
            import json

            source = Path(tmp) / "sample.jsonl"
            with (
                gzip.open(args.corpus, "rt", encoding="utf-8") as fh,
                source.open("w", encoding="utf-8") as out,
            ):
                for line in islice(fh, args.limit):
                    json.loads(line)
                    out.write(line)
        start = time.perf_counter()
        report = ingest([source], db, extract=False)
        total_s = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"command: .venv/bin/python bench/bench_ingest.py {args.corpus}"
        + (f" --limit {args.limit}" if args.limit else "")
    )
    print(f"read only (baseline): {n_read} articles in {read_s:.2f}s = {n_read / read_s:.0f} articles/s")
    print(
        f"ingest (read+clean+language+store): {report.read} read, {report.stored} stored, "
        f"{report.duplicates} duplicates, {len(report.rejected)} rejected in {total_s:.2f}s "
        f"= {report.read / total_s:.0f} articles/s ({total_s / read_s:.1f}x the reading time)"
    )
    print(f"peak RSS: {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
