"""Issue 5: the English rule extractor on ConfliBERT CAMEO sentences (quad classes 0-4).

For classes 1-4: the share of extracted events whose quad class equals the sentence's class, and the
share of sentences with at least one event; for class 0 (statements) the share with no event; a 5x5
confusion matrix (rows: gold class; columns: class of each extracted event, or "none" for a sentence
with no event). Even lines (0, 2, ...) are the development half, odd lines the held-out half.

    .venv/bin/python bench/measure_conflibert.py [--half dev|held-out|both] [--file PATH] [--limit N]
        [--published YYYY-MM-DD] [--extractor rules|learned]

Every sentence is dated 2018-01-01 by default (the gold README dates the corpus 2017-2018), so that
dated actors resolve as they did then (the Taliban are a group, not Afghanistan's government).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from allymap.extract import RuleExtractor
from allymap.graph.credibility import ScoreTable
from allymap.records import Document
from allymap.registry import extractors

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "gold" / "conflibert-cameo-train-en.jsonl"
QUAD = ScoreTable.load().quads()  # PLOVER type -> quad class 1-4, from the graph's score table
COLS = ["0", "1", "2", "3", "4", "none"]


def measure(rows: list[tuple[str, int]], ex: RuleExtractor, published: str | None = None) -> dict:
    confusion = {g: Counter() for g in range(5)}
    events_right = events_all = right_cameo16 = 0
    with_event = Counter()
    total = Counter()
    for i, (sentence, gold) in enumerate(rows):
        doc = Document("conflibert", f"cb{i}", sentence, sentence, None, "en", published)
        types = [e.type for e in ex.extract(doc).events if e.kind == "event" and e.type in QUAD]
        classes = [QUAD[t] for t in types]
        total[gold] += 1
        if classes:
            with_event[gold] += 1
        else:
            confusion[gold]["none"] += 1
        for t, c in zip(types, classes, strict=True):
            confusion[gold][str(c)] += 1
            if gold in (1, 2, 3, 4):
                events_all += 1
                events_right += c == gold
                right_cameo16 += c == gold or (t == "SANCTION" and gold == 3)
    conf = sum(total[g] for g in (1, 2, 3, 4))
    return {
        "sentences": sum(total.values()),
        "event_class_precision_1to4": round(events_right / events_all, 3) if events_all else None,
        "events_1to4": events_all,
        "event_class_precision_1to4_sanction_as_3": (
            round(right_cameo16 / events_all, 3) if events_all else None
        ),
        "sentences_with_event_1to4": (
            round(sum(with_event[g] for g in (1, 2, 3, 4)) / conf, 3) if conf else None
        ),
        "class0_no_event": round(1 - with_event[0] / total[0], 3) if total[0] else None,
        "per_class_with_event": {g: round(with_event[g] / total[g], 3) for g in range(5) if total[g]},
        "confusion": {g: [confusion[g][c] for c in COLS] for g in range(5)},
    }


def show(name: str, r: dict) -> None:
    print(f"== {name}: {r['sentences']} sentences")
    print(
        f"  events of classes 1-4 whose class is the sentence's: {r['event_class_precision_1to4']}"
        f" ({r['events_1to4']} events)"
    )
    print(
        "  the same, a SANCTION also right in a class-3 sentence (ConfliBERT's labels put CAMEO root 16,"
        f" sanctions and aid cuts, in verbal conflict): {r['event_class_precision_1to4_sanction_as_3']}"
    )
    print(f"  sentences of classes 1-4 with >=1 event: {r['sentences_with_event_1to4']}")
    print(f"  class 0 sentences with no event: {r['class0_no_event']}")
    print(f"  per class with event: {r['per_class_with_event']}")
    print("  gold\\got " + " ".join(f"{c:>5}" for c in COLS))
    for g in range(5):
        print(f"  {g:>8} " + " ".join(f"{v:>5}" for v in r["confusion"][g]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--json", action="store_true")
    ap.add_argument(
        "--extractor",
        choices=["rules", "learned"],
        default="rules",
        help="rules (the default extractor) or learned (the rules plus the sentence gate's guesses)",
    )
    ap.add_argument(
        "--half",
        choices=["dev", "dev-a", "dev-b", "held-out", "both"],
        default="both",
        help="dev = even lines (develop on these; dev-a = lines 0, 4, 8..., dev-b = lines 2, 6, 10... to"
        " check that a rule found on one quarter holds on the other), held-out = odd lines (report only)",
    )
    ap.add_argument(
        "--published",
        default="2018-01-01",
        help="publication date given to every sentence (the corpus is 2017-2018 news; '' for none)",
    )
    args = ap.parse_args()
    lines = [json.loads(x) for x in args.file.read_text(encoding="utf-8").splitlines() if x.strip()]
    if args.limit:
        lines = lines[: args.limit]
    rows = [(x["sentence"], int(x["class"])) for x in lines]
    ex = extractors.create(args.extractor, lang="en")
    on = args.published or None
    out = {}
    if args.half in ("dev-a", "dev-b"):
        start = 0 if args.half == "dev-a" else 2
        out[f"{args.half} (lines {start}, {start + 4}, ...)"] = measure(rows[start::4], ex, on)
    if args.half in ("dev", "both"):
        out["dev (even lines)"] = measure(rows[0::2], ex, on)
    if args.half in ("held-out", "both"):
        out["held-out (odd lines)"] = measure(rows[1::2], ex, on)
    if args.json:
        print(json.dumps(out, indent=1))
    else:
        for name, r in out.items():
            show(name, r)


if __name__ == "__main__":
    main()
