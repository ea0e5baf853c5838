"""Actor resolution on real news: a sample of resolved mentions to judge by eye, the share of spaCy
PERSON/ORG/LOC entities left unresolved, and the most frequent unresolved names.

Run: .venv/bin/python bench/measure_actors.py [--per-lang 100] [--sample 200]
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from pathlib import Path

from allymap.actors import find_mentions
from allymap.clean import clean
from allymap.ingest import read_inputs
from allymap.records import Article

CORPUS = (
    Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "semeval2023-multilingual.jsonl.gz"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-lang", type=int, default=100)
    parser.add_argument("--sample", type=int, default=200)
    args = parser.parse_args()
    by_lang: dict[str, list[Article]] = {"fr": [], "en": []}
    for item in read_inputs([CORPUS]):
        if isinstance(item, Article) and item.lang in by_lang and len(by_lang[item.lang]) < args.per_lang:
            by_lang[item.lang].append(item)
    resolved = []
    unresolved_names: Counter[str] = Counter()
    ner_total = ner_unknown = 0
    for lang, articles in by_lang.items():
        for article in articles:
            document = clean(article)
            mentions = find_mentions(document.text, document.doc, lang, document.published, ner=True)
            for m in mentions:
                if m.kind == "ner":
                    ner_total += 1
                    ner_unknown += 1
                    unresolved_names[m.text] += 1
                else:
                    ner_total += 1 if m.kind in ("person", "state", "org", "capital", "seat", "organ") else 0
                    if m.code:
                        s = max(0, m.start - 60)
                        context = document.text[s : m.end + 60].replace("\n", " ")
                        resolved.append((lang, m.text, m.code, m.kind, context))
    random.seed(3)
    sample = random.sample(resolved, min(args.sample, len(resolved)))
    print(f"articles: {sum(len(v) for v in by_lang.values())}; resolved mentions: {len(resolved)}")
    print(
        f"named mentions (gazetteer names + spaCy PER/ORG/LOC not in it): {ner_total}; "
        f"left unresolved: {ner_unknown} ({ner_unknown / max(1, ner_total):.1%})"
    )
    print(
        "30 most frequent unresolved names:",
        "; ".join(f"{n} ({c})" for n, c in unresolved_names.most_common(30)),
    )
    for i, (lang, text, code, kind, context) in enumerate(sample):
        print(f"{i:3d} {lang} {code:6s} {kind:8s} {text!r:28s} …{context}…")


if __name__ == "__main__":
    main()
