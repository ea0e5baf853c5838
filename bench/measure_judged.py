"""Issue 5: recall and precision of (source, target, type) on ConfliBERT sentences judged by hand.

`bench/gold/conflibert-heldout-judged.jsonl` holds, for a fixed sample of the held-out half (drawn as
`bench/gold/README.md` says), every record EVENTS.md asks for in each sentence, coded by an annotator who
wrote no rule and never saw allymap's output; the sentences themselves stay in ../shared. Unlike the
class-only coverage of `measure_conflibert.py`, a record counts here only with the right parties.

    .venv/bin/python bench/measure_judged.py [--extractor rules|learned] [--json] [--show]

Matching is EVENTS.md's (`allymap.evaluate.matches`: the type or one in `also`, the same actor sets, either
direction for symmetric records), one to one. Gold records marked `doubt` are optional: an output matching
one is neither right nor wrong, and they are left out of recall. Every sentence is dated 2018-01-01, as in
`measure_conflibert.py`.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import allymap.extract  # noqa: F401  (registers the extractors)
from allymap.evaluate import score
from allymap.records import Document
from allymap.registry import extractors

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold" / "conflibert-heldout-judged.jsonl"
SENTENCES = HERE.parents[1] / "shared" / "gold" / "conflibert-cameo-train-en.jsonl"


def gold_records(path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The judged sentences (line, class) and their records as EVENTS.md gold records (doc = cb<line>)."""
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    records = []
    for row in rows:
        for rec in row["records"]:
            records.append({**rec, "doc": f"cb{row['line']}", "class": row["class"]})
    return rows, records


def measure(rows: list[dict[str, Any]], gold: list[dict[str, Any]], output: list[dict[str, Any]]) -> dict:
    firm = [g for g in gold if not g.get("doubt")]
    optional = [g for g in gold if g.get("doubt")]
    first = score(firm, output)
    firm_docs = {g["doc"] for g in firm}
    # outputs of sentences with no firm record are not seen by score(): they count against precision
    unpaired = first.false_positives + [o for o in output if o["doc"] not in firm_docs]
    second = score(optional, unpaired) if optional else None
    excused = second.matched if second else 0
    wrong = len(unpaired) - excused
    p_den = first.matched + wrong
    p = first.matched / p_den if p_den else 0.0
    r = first.matched / len(firm) if firm else 0.0
    return {
        "sentences": len(rows),
        "sentences_with_records": sum(1 for x in rows if any(not r.get("doubt") for r in x["records"])),
        "gold_records": len(firm),
        "optional_records": len(optional),
        "output_records": len(output),
        "matched": first.matched,
        "optional_matched": excused,
        "wrong": wrong,
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        "recall_with_doubt": round((first.matched + excused) / len(gold), 3) if gold else 0.0,
        "misses": [(g["doc"], g["type"], g["source"], g["target"]) for g in first.misses],
        "false_positives": [
            (o["doc"], o["type"], o["source"], o["target"])
            for o in unpaired
            if not second or all(o is not b for _, b in second.pairs)
        ],
    }


def run(extractor: str, gold_path: Path = GOLD, sentences: Path = SENTENCES) -> dict:
    rows, gold = gold_records(gold_path)
    lines = sentences.read_text(encoding="utf-8").splitlines()
    ex = extractors.create(extractor, lang="en")
    output: list[dict[str, Any]] = []
    for row in rows:
        text = json.loads(lines[row["line"]])["sentence"]
        doc = Document("conflibert", f"cb{row['line']}", text, text, None, "en", "2018-01-01")
        for ev in ex.extract(doc).events:
            output.append({**ev.to_record(), "doc": doc.doc})
    out = {"all": measure(rows, gold, output)}
    for name, keep in (("classes 1-4", lambda c: c != 0), ("class 0", lambda c: c == 0)):
        sub = [x for x in rows if keep(int(x["class"]))]
        docs = {f"cb{x['line']}" for x in sub}
        sub_gold = [g for g in gold if g["doc"] in docs]
        out[name] = measure(sub, sub_gold, [o for o in output if o["doc"] in docs])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--extractor", choices=["rules", "learned"], default="rules")
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--sentences", type=Path, default=SENTENCES)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--show", action="store_true", help="list misses and wrong records (codes only)")
    args = ap.parse_args()
    out = run(args.extractor, args.gold, args.sentences)
    if args.json:
        print(json.dumps(out, indent=1))
        return
    head = f"{'part':<12} {'sent':>4} {'gold':>4} {'out':>4} {'right':>5} {'wrong':>5}"
    print(head + "  P      R      F1     R incl. doubt")
    for name, r in out.items():
        print(
            f"{name:<12} {r['sentences']:>4} {r['gold_records']:>4} {r['output_records']:>4} "
            f"{r['matched']:>5} {r['wrong']:>5}  {r['precision']:.3f}  {r['recall']:.3f}  {r['f1']:.3f}  "
            f"{r['recall_with_doubt']:.3f}"
        )
    if args.show:
        for what in ("misses", "false_positives"):
            print(what)
            for item in out["all"][what]:
                print("  ", *item)


if __name__ == "__main__":
    main()
