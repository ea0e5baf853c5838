"""Issue 5: why a ConfliBERT sentence of classes 1-4 gets no event — one cause per sentence.

For a sample of such sentences (dev half by default) it prints a cause for each and a table of counts:
no resolved actor (with or without a generic or sub-state actor noun such as "police", "rebels"),
one actor only (same split), two actors but no trigger word, or two actors and a trigger the argument
patterns did not fill.

    .venv/bin/python bench/diagnose_conflibert.py [--half dev|dev-a|dev-b|held-out] [--n 100] [--show]
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path

from allymap.extract import RuleExtractor
from allymap.extract.args import LEMMA_FALLBACK, SentenceView
from allymap.extract.select import mentions_by_sentence
from allymap.nlp import parse_sentences, split_sentences
from allymap.records import Document

PUBLISHED = "2018-01-01"  # as bench/measure_conflibert.py: the corpus is 2017-2018 news
DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "gold" / "conflibert-cameo-train-en.jsonl"
GENERIC = {
    "police", "policeman", "policemen", "officer", "officers", "troops", "soldier", "soldiers",
    "army", "forces", "military", "rebel", "rebels", "insurgents", "militants", "militant",
    "gunmen", "gunman", "terrorists", "terrorist", "jihadists", "extremists", "fighters", "militia",
    "militias", "protesters", "demonstrators", "students", "workers", "opposition", "party",
    "company", "firm", "government", "authorities", "officials", "court", "parliament", "ministry",
    "minister", "president", "leader", "leaders", "group", "groups", "bomber", "attackers",
    "activists", "lawmakers", "prime", "cabinet", "navy", "coalition", "union",
}  # fmt: skip


def causes(ex: RuleExtractor, sentence: str) -> tuple[str, dict]:
    data = ex.data
    doc = Document("conflibert", "x", sentence, sentence, None, "en", PUBLISHED)
    mentions = ex.find_mentions(doc)
    codes = list(dict.fromkeys(str(m.code) for m in mentions if m.code))
    words = {w.strip('.,;:"()').lower() for w in sentence.split()}
    generic = sorted(words & GENERIC)
    sents = split_sentences(sentence, data.cue("sentences", "abbreviations"))
    parsed = parse_sentences(sents, data.model, data.cue("sentences", "parse_replace"))
    per = mentions_by_sentence(sents, mentions)
    triggers: list[str] = []
    hook = data.parse_hook()
    for p in parsed:
        p.doc.user_data[LEMMA_FALLBACK] = data.cue("lemma_fallback")
        if hook is not None:
            hook(p.doc, data.cues)
        view = SentenceView(p, per[p.sentence.index], data)
        triggers += [f"{view.doc[i].text}:{rows[0].type}" for i, rows in view.rows.items()]
    info = {"codes": codes, "generic": generic, "triggers": triggers}
    g = " + generic noun" if generic else ""
    if not codes:
        return "no resolved actor" + g, info
    if len(codes) == 1:
        return "one actor only" + g, info
    if not triggers:
        return "two actors, no trigger word", info
    return "two actors + trigger, pattern failed", info


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file", type=Path, default=DEFAULT)
    ap.add_argument("--half", choices=["dev", "dev-a", "dev-b", "held-out"], default="dev")
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    lines = [json.loads(x) for x in args.file.read_text(encoding="utf-8").splitlines() if x.strip()]
    step = {"dev": (0, 2), "dev-a": (0, 4), "dev-b": (2, 4), "held-out": (1, 2)}[args.half]
    rows = lines[step[0] :: step[1]]
    ex = RuleExtractor("en")
    empty = []
    for r in rows:
        if int(r["class"]) in (1, 2, 3, 4):
            doc = Document("conflibert", "x", r["sentence"], r["sentence"], None, "en", PUBLISHED)
            if not [e for e in ex.extract(doc).events if e.kind == "event"]:
                empty.append(r)
    random.Random(args.seed).shuffle(empty)
    sample = empty[: args.n]
    counts: Counter[str] = Counter()
    for r in sample:
        cause, info = causes(ex, r["sentence"])
        counts[cause] += 1
        if args.show:
            print(f"[{r['class']}] {cause} | {info} | {r['sentence']}")
    print(f"{len(empty)} sentences of classes 1-4 with no event ({args.half} half); sample {len(sample)}")
    for cause, n in counts.most_common():
        print(f"| {cause} | {n} |")


if __name__ == "__main__":
    main()
