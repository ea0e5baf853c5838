"""End-to-end throughput: clean → mentions → filtered parse → extract → store, against spaCy parsing
every sentence with the same model in the same process (the baseline), on the local and Dask runners.

The baseline parses an evenly spaced sample of the same articles (every k-th, `--baseline-limit` of
them; 0 for all), so its articles are as long as the run's: the corpus is not uniform (its first
articles are half as long as its last). Both rates are also given in CPU seconds of this process,
which other jobs on a shared machine disturb less than wall time.

Run: .venv/bin/python bench/bench_pipeline.py [CORPUS] [--limit N] [--baseline-limit N] [--dask]
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

from allymap.pipeline import ingest

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "fr-press-2018-2019.jsonl.gz"


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def baseline(texts: list[str]) -> tuple[float, float, int]:
    """spaCy (fr_core_news_md, every component) over every non-empty line: wall and CPU seconds,
    sentences."""
    from allymap.nlp.models import load_model

    nlp = load_model("fr_core_news_md")
    lines = [ln for t in texts for ln in t.split("\n") if ln.strip()]
    start, cpu = time.perf_counter(), time.process_time()
    sentences = sum(len(list(doc.sents)) for doc in nlp.pipe(lines, batch_size=64))
    return time.perf_counter() - start, time.process_time() - cpu, sentences


def run(sample: Path, label: str, **kwargs: object) -> tuple[float, float]:
    """Articles per wall second, and per CPU second of this process (meaningful on 1 process)."""
    with tempfile.TemporaryDirectory() as tmp:
        start, cpu = time.perf_counter(), time.process_time()
        report = ingest([sample], Path(tmp) / "b.duckdb", **kwargs)  # type: ignore[arg-type]
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"{label:34s} {report.read:5d} articles in {seconds:6.1f}s = {report.read / seconds:6.1f} articles/s "
        f"({report.events} events, {report.mentions} mentions)"
    )
    return report.read / seconds, report.read / cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument(
        "--baseline-limit", type=int, default=400, help="articles in the baseline sample (every k-th); 0: all"
    )
    parser.add_argument("--dask", action="store_true", help="also time the Dask runner with 1 and 2 workers")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample.jsonl"
        with gzip.open(args.corpus, "rt", encoding="utf-8") as fh, sample.open("w", encoding="utf-8") as out:
            rows = [json.loads(line) for line in islice(fh, args.limit)]
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        texts = [r["text"] for r in rows]
        print(
            f"command: .venv/bin/python bench/bench_pipeline.py {args.corpus}"
            + (f" --limit {args.limit}" if args.limit else "")
            + (f" --baseline-limit {args.baseline_limit}" if args.baseline_limit != 400 else "")
            + (" --dask" if args.dask else "")
        )
        step = -(-len(texts) // args.baseline_limit) if args.baseline_limit else 1
        base_texts = texts[::step]
        base_s, base_cpu, sentences = baseline(base_texts)
        base_rate = len(base_texts) / base_s
        print(
            f"{'baseline: spaCy on every sentence':34s} {len(base_texts):5d} articles in {base_s:6.1f}s = "
            f"{base_rate:6.1f} articles/s, {sentences / base_s:.0f} sentences/s (1 process; every "
            f"{step}th article, {sum(map(len, base_texts)) / len(base_texts):.0f} characters on average, "
            f"the run's {sum(map(len, texts)) / len(texts):.0f})"
        )
        one, one_cpu = run(sample, "allymap, 1 process", workers=1)
        two, _ = run(sample, "allymap, 2 processes", workers=2)
        print(
            f"speed-up over the baseline: {one / base_rate:.1f}x on 1 process, {two / base_rate:.1f}x on 2; "
            f"1 → 2 processes: {two / one:.2f}x; in CPU time on 1 process: "
            f"{one_cpu / (len(base_texts) / base_cpu):.1f}x ({one_cpu:.1f} against "
            f"{len(base_texts) / base_cpu:.1f} articles per CPU second)"
        )
        if args.dask:
            d1, _ = run(sample, "allymap on Dask, 1 worker", runner="dask", workers=1)
            d2, _ = run(sample, "allymap on Dask, 2 workers", runner="dask", workers=2)
            print(f"Dask 1 → 2 workers: {d2 / d1:.2f}x")
        print(f"peak RSS (largest process): {peak_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
