"""Gazetteer speed: actor mentions found per second of one core over a corpus's text, in MB/s.

Run: .venv/bin/python bench/bench_gazetteer.py [../shared/corpus/fr-press-2018-2019.jsonl.gz] [--lang fr]
The baseline in the same process is a plain `str.lower()` pass over the same text (a floor for any scan).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

from allymap.actors import find_mentions, gazetteer

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "fr-press-2018-2019.jsonl.gz"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT))
    parser.add_argument("--lang", default="fr")
    args = parser.parse_args()
    with gzip.open(args.corpus, "rt", encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh]
    size_mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    start = time.perf_counter()
    gazetteer(args.lang)
    build_s = time.perf_counter() - start
    start = time.perf_counter()
    for t in texts:
        t.lower()
    base_s = time.perf_counter() - start
    start = time.perf_counter()
    mentions = sum(len(find_mentions(t, "", args.lang, "2019-01-01")) for t in texts)
    scan_s = time.perf_counter() - start
    print(f"command: .venv/bin/python bench/bench_gazetteer.py {args.corpus} --lang {args.lang}")
    print(f"{len(texts)} articles, {size_mb:.1f} MB; automaton built in {build_s:.2f}s")
    print(f"baseline str.lower(): {size_mb / base_s:.0f} MB/s")
    print(
        f"gazetteer: {mentions} mentions in {scan_s:.2f}s = {size_mb / scan_s:.1f} MB/s on one core "
        f"({scan_s / base_s:.0f}x the baseline time)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
