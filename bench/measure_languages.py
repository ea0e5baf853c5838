"""Issue 5: languages without a parser model on SemEval (de, it, pl, ru; es when present): actor mentions
with and without inflected names, co-occurrence records, time. Prints a Markdown table (no article text).

Run: .venv/bin/python bench/measure_languages.py [--per 50] [--forms]
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from collections import Counter
from pathlib import Path

from allymap.actors import find_mentions
from allymap.clean import clean
from allymap.extract.pipeline import Stats, run
from allymap.records import Article

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "semeval2023-multilingual.jsonl.gz"
LANGS = ("de", "es", "it", "pl", "ru")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per", type=int, default=50)
    ap.add_argument("--forms", action="store_true", help="list the inflected forms found, by count")
    args = ap.parse_args()
    per: dict[str, list[Article]] = {}
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row["lang"] in LANGS and len(per.setdefault(row["lang"], [])) < args.per:
                per[row["lang"]].append(
                    Article(row["id"], row["id"], row["text"], row.get("title"), lang=row["lang"])
                )
    print(
        "| lang | articles | ≥1 resolved actor (exact names) | ≥1 resolved actor (with inflected names) "
        "| resolved mentions / article (exact → with inflected) | co-occurrence records / article "
        "| articles with ≥1 record | ms / article (extract, cleaned) | detected as |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    forms: Counter[tuple[str, str, str | None]] = Counter()
    for lang in LANGS:
        arts = per.get(lang, [])
        if not arts:
            print(f"| {lang} | 0 (not in the corpus) | | | | | | | |")
            continue
        docs = [clean(a) for a in arts]
        detected = Counter(d.lang for d in docs)
        exact = [[m for m in find_mentions(d.text, d.doc, lang, d.published) if m.code] for d in docs]
        run(docs[:1], lang=lang)  # warm up: this language's gazetteer and stem index
        stats = Stats()
        t0 = time.perf_counter()
        results = run(docs, lang=lang, stats=stats)
        ms = (time.perf_counter() - t0) * 1000 / len(docs)
        full = [[m for m in r.mentions if m.code] for r in results]
        for r in results:
            forms.update((lang, m.text, m.code) for m in r.mentions if m.note and "inflected" in m.note)
        n = len(docs)
        records = sum(len(r.events) for r in results)
        print(
            f"| {lang} | {n} | {sum(bool(x) for x in exact)} ({sum(bool(x) for x in exact) / n:.0%}) "
            f"| {sum(bool(x) for x in full)} ({sum(bool(x) for x in full) / n:.0%}) "
            f"| {sum(map(len, exact)) / n:.1f} → {sum(map(len, full)) / n:.1f} | {records / n:.1f} "
            f"| {sum(bool(r.events) for r in results)} | {ms:.1f} "
            f"| {', '.join(f'{k}: {v}' for k, v in detected.most_common())} |"
        )
    if args.forms:
        for (lang, text, code), count in sorted(forms.items(), key=lambda kv: (kv[0][0], -kv[1])):
            print(lang, count, text, code, sep="\t")


if __name__ == "__main__":
    main()
