"""Actor resolution on real news (issue 3): a fixed-seed sample of resolved mentions to judge by eye, the
share of spaCy PERSON/ORG/LOC(/GPE) entities that no resolved mention covers, and the most frequent ones.

Run: .venv/bin/python bench/measure_actors.py [--per-lang 100] [--sample 200] [--seed 3]
     [--on-en 2018-01-01] [--on-fr 2022-09-01] [--sample-out /tmp/actors_sample.tsv]
The SemEval articles carry no dates; each language is resolved as of one date its stories point to. The
sample file holds corpus text, so it is written outside the repository.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from pathlib import Path

from allymap.actors import find_mentions
from allymap.actors.matcher import ner_model
from allymap.clean import clean
from allymap.ingest import read_inputs
from allymap.nlp.models import load_model
from allymap.records import Article

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "semeval2023-multilingual.jsonl.gz"
LABELS = {"PER": "PERSON", "PERSON": "PERSON", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-lang", type=int, default=100)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--seed", type=int, default=3)
    # The files carry no dates: the English items tell of 2017-2018 (the Las Vegas shooting, the Franken
    # resignation), the French ones of 2022 (Pap Ndiaye at Education, the war in Ukraine).
    parser.add_argument("--on-en", default="2018-01-01")
    parser.add_argument("--on-fr", default="2022-09-01")
    parser.add_argument("--sample-out", default="/tmp/actors_sample.tsv")
    args = parser.parse_args()
    by_lang: dict[str, list[Article]] = {"fr": [], "en": []}
    for item in read_inputs([CORPUS]):
        if isinstance(item, Article) and item.lang in by_lang and len(by_lang[item.lang]) < args.per_lang:
            by_lang[item.lang].append(item)
    resolved: list[tuple[str, str, str, str, str, str]] = []
    for lang, articles in by_lang.items():
        model = ner_model(lang) or ""
        nlp = load_model(model)
        ents = Counter[str]()
        unresolved: Counter[str] = Counter()
        names: Counter[str] = Counter()
        for article in articles:
            document = clean(article)
            text = document.text
            mentions = find_mentions(text, document.doc, lang, getattr(args, f"on_{lang}"))
            spans = [(m.start, m.end) for m in mentions if m.code]
            for m in mentions:
                if m.code:
                    context = text[max(0, m.start - 70) : m.end + 70].replace("\n", " ").replace("\t", " ")
                    resolved.append((lang, document.doc, m.text, m.code, f"{m.kind}/{m.role or ''}", context))
            offset = 0
            for line in text.split("\n"):
                if line.strip():
                    for ent in nlp(line).ents:
                        label = LABELS.get(ent.label_)
                        if label is None:
                            continue
                        s, e = offset + ent.start_char, offset + ent.end_char
                        ents[label] += 1
                        if not any(s < ke and ks < e for ks, ke in spans):
                            unresolved[label] += 1
                            names[ent.text] += 1
                offset += len(line) + 1
        total, left = sum(ents.values()), sum(unresolved.values())
        print(
            f"[{lang}] {len(articles)} articles; spaCy {model} PERSON/ORG/LOC entities: {total}; "
            f"not covered by a resolved mention: {left} ({left / max(1, total):.1%})"
        )
        for label in ("PERSON", "ORG", "LOC"):
            print(
                f"    {label}: {unresolved[label]}/{ents[label]} "
                f"({unresolved[label] / max(1, ents[label]):.1%}) unresolved"
            )
        print("    30 most frequent unresolved: " + "; ".join(f"{n} ({c})" for n, c in names.most_common(30)))
    rng = random.Random(args.seed)
    sample = rng.sample(resolved, min(args.sample, len(resolved)))
    print(
        f"resolved mentions: {len(resolved)}; sample of {len(sample)} (seed {args.seed}) -> {args.sample_out}"
    )
    with open(args.sample_out, "w", encoding="utf-8") as fh:
        fh.write("i\tlang\tdoc\ttext\tcode\tkind\tcontext\n")
        for i, row in enumerate(sample):
            fh.write(f"{i}\t" + "\t".join(row) + "\n")


if __name__ == "__main__":
    main()
