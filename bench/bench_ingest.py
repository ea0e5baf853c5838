"""Ingest measurements: throughput (read + clean + store) and a fixed random sample of cleaning decisions.

Speed (articles/s into a fresh temporary DuckDB file, no extraction; reading alone is the baseline;
--detect drops the corpus's `lang` field so that every article's language is detected):
    .venv/bin/python bench/bench_ingest.py [../shared/corpus/fr-press-2018-2019.jsonl.gz] [--limit N]
        [--detect]
Cleaning sample (lines removed over N random articles, then S removed and S kept lines to judge by eye):
    .venv/bin/python bench/bench_ingest.py --sample ../shared/corpus/semeval2023-multilingual.jsonl.gz
        [--articles 200] [--show 30] [--seed 7]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from itertools import islice
from pathlib import Path

from allymap.clean import CleanContext, clean
from allymap.ingest import read_inputs
from allymap.pipeline import ingest
from allymap.records import Article

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
DEFAULT = CORPUS / "fr-press-2018-2019.jsonl.gz"


def speed(corpus: str, limit: int | None, detect: bool = False) -> None:
    start = time.perf_counter()
    n_read = sum(1 for _ in islice(read_inputs([corpus]), limit))
    read_s = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        source: str | Path = corpus
        if limit or detect:  # a copy: the first N articles, without their `lang` field to detect it
            source = Path(tmp) / "sample.jsonl"
            with gzip.open(corpus, "rt", encoding="utf-8") as fh, source.open("w", encoding="utf-8") as out:
                for line in islice(fh, limit):
                    record = json.loads(line)
                    if detect:
                        record.pop("lang", None)
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
        start = time.perf_counter()
        report = ingest([source], db, extract=False, workers=1)
        total_s = time.perf_counter() - start
        size_mb = db.stat().st_size / 1e6
    language = "language detection" if detect else "language from the input"
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    tail = (f" --limit {limit}" if limit else "") + (" --detect" if detect else "")
    print(f"command: .venv/bin/python bench/bench_ingest.py {corpus}{tail}")
    print(f"read only (baseline): {n_read} articles in {read_s:.2f}s = {n_read / read_s:,.0f} articles/s")
    print(
        f"ingest (read+clean+{language}+store, 1 process): {report.read} read, {report.stored} stored, "
        f"{report.duplicates} duplicates, {len(report.rejected)} rejected in {total_s:.2f}s "
        f"= {report.read / total_s:,.0f} articles/s ({total_s / read_s:.1f}x the reading time)"
    )
    print(f"database: {size_mb:.1f} MB; peak RSS: {rss:.0f} MB")


def sample(corpus: str, articles: int, show: int, seed: int) -> None:
    pool = [a for a in read_inputs([corpus]) if isinstance(a, Article)]
    rng = random.Random(seed)
    chosen = rng.sample(pool, min(articles, len(pool)))
    context = CleanContext.from_articles(chosen)
    start = time.perf_counter()
    documents = [clean(a, context) for a in chosen]
    clean_s = time.perf_counter() - start
    removed: list[tuple[str, str, str, str]] = []
    kept: list[tuple[str, str]] = []
    for d in documents:
        removed += [(d.doc, d.lang or "?", r.reason, r.text.strip()) for r in d.removed]
        kept += [(d.doc, line) for line in d.text.split("\n") if line]
    reasons = Counter(reason for _, _, reason, _ in removed)
    langs = Counter(d.lang for d in documents)
    options = f"--articles {articles} --show {show} --seed {seed}"
    print(f"command: .venv/bin/python bench/bench_ingest.py --sample {corpus} {options}")
    print(f"{len(documents)} articles ({dict(langs.most_common())}), cleaned in {clean_s:.2f}s")
    print(f"{len(removed) + len(kept)} non-blank lines: {len(removed)} removed, {len(kept)} kept")
    print("removed by reason: " + ", ".join(f"{r} {n}" for r, n in reasons.most_common()))
    pick = random.Random(seed + 1)
    print(f"\n--- {show} removed lines (random, seed {seed + 1}) ---")
    for i, (doc, lang, reason, text) in enumerate(pick.sample(removed, min(show, len(removed))), 1):
        print(f"R{i:02d} [{doc} {lang} {reason}] {json.dumps(text[:160], ensure_ascii=False)}")
    print(f"\n--- {show} kept lines (random, seed {seed + 1}) ---")
    for i, (doc, text) in enumerate(pick.sample(kept, min(show, len(kept))), 1):
        print(f"K{i:02d} [{doc}] {json.dumps(text[:160], ensure_ascii=False)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=None, help="speed: only the first N articles")
    parser.add_argument("--detect", action="store_true", help="speed: drop `lang` so it is detected")
    parser.add_argument("--sample", action="store_true", help="print a cleaning sample instead of speed")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--show", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if not Path(args.corpus).exists():
        print(f"{args.corpus}: no such corpus (../shared is absent?)", file=sys.stderr)
        return 1
    if args.sample:
        sample(args.corpus, args.articles, args.show, args.seed)
    else:
        speed(args.corpus, args.limit, args.detect)
    return 0


if __name__ == "__main__":
    sys.exit(main())
