"""Bare titles on real news (issue 3): how many "le chef de l'État" / "the prime minister" resolve to the
office-holder named before, how many stay ambiguous or find none, and a sample to judge by eye.

Run: .venv/bin/python bench/measure_bare_titles.py [--fr-press 1500] [--semeval 100] [--sample 60]
     [--sample-out /tmp/bare_titles_sample.tsv]
French press articles are resolved as of their publication date; SemEval articles carry none, so each
language is resolved as of the date its stories point to (as bench/measure_actors.py does). The sample file
holds corpus text, so it is written outside the repository.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from pathlib import Path

from allymap.actors import find_mentions
from allymap.clean import clean
from allymap.ingest import read_inputs
from allymap.records import Article, Mention

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SOURCES = (
    ("fr-press", SHARED / "fr-press-2018-2019.jsonl.gz", None),
    ("semeval-fr", SHARED / "semeval2023-multilingual.jsonl.gz", "fr"),
    ("semeval-en", SHARED / "semeval2023-multilingual.jsonl.gz", "en"),
)
UNDATED = {"fr": "2022-09-01", "en": "2018-01-01"}


def _articles(path: Path, lang: str | None, limit: int) -> list[Article]:
    out: list[Article] = []
    for item in read_inputs([path]):
        if isinstance(item, Article) and (lang is None or item.lang == lang):
            out.append(item)
            if len(out) >= limit:
                break
    return out


def _bare(mentions: list[Mention]) -> list[Mention]:
    return [m for m in mentions if m.note and m.note.startswith("bare title")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fr-press", type=int, default=1500)
    parser.add_argument("--semeval", type=int, default=100)
    parser.add_argument("--sample", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sample-out", default="/tmp/bare_titles_sample.tsv")
    args = parser.parse_args()
    rows: list[tuple[str, str, str, str, str]] = []
    for name, path, lang in SOURCES:
        if not path.exists():
            print(f"[{name}] skipped: {path} is absent")
            continue
        limit = args.fr_press if name == "fr-press" else args.semeval
        counts: Counter[str] = Counter()
        for article in _articles(path, lang, limit):
            document = clean(article)
            text, language = document.text, document.lang or lang or "fr"
            on = document.published or UNDATED.get(language)
            for m in _bare(find_mentions(text, document.doc, language, on)):
                counts["resolved" if m.code else "ambiguous"] += 1
                if m.code:
                    context = text[max(0, m.start - 160) : m.end + 60].replace("\n", " ").replace("\t", " ")
                    rows.append((name, m.text, m.code, m.note or "", context))
        total = sum(counts.values())
        print(f"[{name}] bare titles given a referent or found ambiguous: {total}; {dict(counts)}")
    random.Random(args.seed).shuffle(rows)
    with open(args.sample_out, "w", encoding="utf-8") as fh:
        fh.write("source\ttitle\tcode\tnote\tcontext\tjudgement\n")
        for row in rows[: args.sample]:
            fh.write("\t".join(row) + "\t\n")
    print(f"sample of {min(args.sample, len(rows))} resolved bare titles to judge: {args.sample_out}")


if __name__ == "__main__":
    main()
