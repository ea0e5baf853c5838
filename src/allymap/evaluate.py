"""Score extracted event records against a gold file with the matching rule of EVENTS.md."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

from allymap.errors import InputError

Record = dict[str, Any]


def load_records(path: str | Path) -> list[Record]:
    """Read a JSONL file of event records (gold or output); a bad line is an error naming it."""
    records: list[Record] = []
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError("no such file", str(p)) from None
    except UnicodeDecodeError:
        raise InputError("not UTF-8", str(p)) from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"not JSON ({exc.msg})", str(p), number) from None
        if not is_event_record(rec):
            raise InputError("not an event record (needs doc, type, source, target)", str(p), number)
        records.append(rec)
    return records


def is_event_record(rec: Any) -> bool:
    return isinstance(rec, dict) and all(k in rec for k in ("doc", "type", "source", "target"))


def _actors(value: Any) -> frozenset[str]:
    return frozenset(value or ())


def _claimants(value: Any) -> frozenset[str]:
    return frozenset(str(v).casefold() for v in (value or ()))


def types_match(gold: Record, out: Record) -> bool:
    return out.get("type") == gold.get("type") or out.get("type") in (gold.get("also") or ())


def actors_match(gold: Record, out: Record) -> bool:
    gs, gt = _actors(gold.get("source")), _actors(gold.get("target"))
    os_, ot = _actors(out.get("source")), _actors(out.get("target"))
    if gs == os_ and gt == ot:
        return True
    return bool(gold.get("symmetric")) and gs == ot and gt == os_


def matches(gold: Record, out: Record) -> bool:
    """The EVENTS.md rule: same document, type is the gold type or in `also`, actor sets agree."""
    return gold.get("doc") == out.get("doc") and types_match(gold, out) and actors_match(gold, out)


def _overlap(gold: Record, out: Record) -> float:
    """Word overlap of the two evidence strings, to pair the right records when several could match."""
    a = set(str(gold.get("evidence", "")).casefold().split())
    b = set(str(out.get("evidence", "")).casefold().split())
    return len(a & b) / max(1, len(a))


@dataclass(frozen=True)
class FlagScore:
    name: str
    correct: int
    total: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


@dataclass
class Report:
    """Precision, recall, F1, core recall and flag accuracies, with the pairs behind them."""

    gold_total: int
    output_total: int
    core_total: int
    pairs: list[tuple[Record, Record]] = field(default_factory=list)
    misses: list[Record] = field(default_factory=list)
    false_positives: list[Record] = field(default_factory=list)
    boilerplate_records: list[Record] = field(default_factory=list)

    @property
    def matched(self) -> int:
        return len(self.pairs)

    @property
    def precision(self) -> float:
        return self.matched / self.output_total if self.output_total else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold_total if self.gold_total else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def core_matched(self) -> int:
        return sum(1 for g, _ in self.pairs if g.get("core"))

    @property
    def core_recall(self) -> float:
        return self.core_matched / self.core_total if self.core_total else 0.0

    def flags(self) -> list[FlagScore]:
        neg = sum(1 for g, o in self.pairs if bool(g.get("negated")) == bool(o.get("negated")))
        mod = sum(
            1
            for g, o in self.pairs
            if o.get("modality") == g.get("modality") or o.get("modality") in (g.get("modality_also") or ())
        )
        claim = sum(
            1 for g, o in self.pairs if _claimants(g.get("claimed_by")) == _claimants(o.get("claimed_by"))
        )
        dated = [(g, o) for g, o in self.pairs if g.get("date")]
        date = sum(1 for g, o in dated if o.get("date") == g.get("date"))
        n = len(self.pairs)
        return [
            FlagScore("negated", neg, n),
            FlagScore("modality", mod, n),
            FlagScore("claimed_by", claim, n),
            FlagScore("date", date, len(dated)),
        ]

    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "gold": self.gold_total,
            "output": self.output_total,
            "matched": self.matched,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "core_matched": self.core_matched,
            "core_total": self.core_total,
            "core_recall": round(self.core_recall, 3),
            "boilerplate_records": len(self.boilerplate_records),
        }
        for flag in self.flags():
            out[f"{flag.name}_accuracy"] = round(flag.accuracy, 3)
        return out


def score(
    gold: Sequence[Record], output: Sequence[Record], boilerplate: dict[str, list[str]] | None = None
) -> Report:
    """One-to-one matching of output to gold records: as many pairs as possible, core gold and the
    closest evidence preferred (an optimal assignment).

    Only documents that have gold records are scored; an output record of such a document that matches
    no gold record counts against precision. `boilerplate` maps a document to passages that must yield
    no record; records whose evidence touches one are listed.
    """
    docs = {g["doc"] for g in gold}
    scored = [o for o in output if o.get("doc") in docs]
    report = Report(
        gold_total=len(gold), output_total=len(scored), core_total=sum(1 for g in gold if g.get("core"))
    )
    weights = np.zeros((len(gold), len(scored)))
    for gi, g in enumerate(gold):
        for oi, o in enumerate(scored):
            if matches(g, o):
                # most matches first, then core records, then the closest evidence
                weights[gi, oi] = 1000.0 + (10.0 if g.get("core") else 0.0) + _overlap(g, o)
    used_g: set[int] = set()
    used_o: set[int] = set()
    if weights.size:
        rows, cols = linear_sum_assignment(weights, maximize=True)
        for gi, oi in sorted(zip(rows.tolist(), cols.tolist(), strict=True)):
            if weights[gi, oi] > 0:
                used_g.add(gi)
                used_o.add(oi)
                report.pairs.append((gold[gi], scored[oi]))
    report.misses = [g for gi, g in enumerate(gold) if gi not in used_g]
    report.false_positives = [o for oi, o in enumerate(scored) if oi not in used_o]
    report.boilerplate_records = list(_touching_boilerplate(scored, boilerplate or {}))
    return report


def _touching_boilerplate(records: Iterable[Record], boilerplate: dict[str, list[str]]) -> Iterable[Record]:
    for rec in records:
        evidence = str(rec.get("evidence", ""))
        for passage in boilerplate.get(str(rec.get("doc")), []):
            if passage and (passage in evidence or (len(evidence) > 8 and evidence in passage)):
                yield rec
                break


def load_boilerplate(meta_path: str | Path) -> dict[str, list[str]]:
    """The boilerplate passages of a gold metadata file ({doc: {"boilerplate": [...]}})."""
    try:
        meta = json.loads(Path(meta_path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read gold metadata ({exc})", str(meta_path)) from None
    return {doc: list(info.get("boilerplate", [])) for doc, info in meta.items() if isinstance(info, dict)}
