"""Golden extraction cases per language: our own sentences, the records they must and must not give."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from test_extract_gazetteer import tiny_mentions

from allymap.extract import RuleExtractor
from allymap.records import Document

GOLDEN = Path(__file__).parent / "golden"


def _cases() -> list[Any]:
    params = []
    for path in sorted(GOLDEN.glob("*/*.jsonl")):
        lang = path.parent.name
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            case = json.loads(line)
            case["lang"] = lang
            marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
            params.append(pytest.param(case, id=f"{lang}/{path.stem}:{number}:{case['id']}", marks=marks))
    return params


def _same(value: Any, want: Any) -> bool:
    if isinstance(want, list) and isinstance(value, list):
        return {str(v).casefold() for v in value} == {str(v).casefold() for v in want}
    return bool(value == want)


def matches(record: dict[str, Any], want: dict[str, Any]) -> bool:
    """Every key of `want` agrees (lists as sets); a symmetric record may read in either direction."""
    for key, value in want.items():
        if key in ("source", "target") and record.get("symmetric") and "source" in want and "target" in want:
            straight = _same(record["source"], want["source"]) and _same(record["target"], want["target"])
            swapped = _same(record["source"], want["target"]) and _same(record["target"], want["source"])
            if not (straight or swapped):
                return False
            continue
        if not _same(record.get(key), value):
            return False
    return True


def _extract(case: dict[str, Any]) -> tuple[str, list[dict[str, Any]]]:
    extra = {k: tuple(v) for k, v in case.get("gazetteer_extra", {}).items()}
    # "gazetteer": "kb" reads the case with the shipped knowledge base (dated office-holders) instead
    finder = None if case.get("gazetteer") == "kb" else partial(tiny_mentions, extra=extra)
    text = case["text"]
    doc = Document("test", case["id"], text, text, None, case["lang"], case.get("published"))
    result = RuleExtractor(case["lang"], finder=finder).extract(doc)
    return text, [e.to_record() for e in result.events]


@pytest.mark.parametrize("case", _cases())
def test_golden(case: dict[str, Any]) -> None:
    text, records = _extract(case)
    shown = json.dumps(records, ensure_ascii=False, indent=1)
    for want in case.get("expect", []):
        assert any(matches(r, want) for r in records), f"missing {want}\ngot {shown}"
    for bad in case.get("forbid", []):
        assert not any(matches(r, bad) for r in records), f"forbidden {bad}\ngot {shown}"
    if "count" in case:
        assert len(records) == case["count"], f"expected {case['count']} records\ngot {shown}"
    for r in records:
        assert text[r["start"] : r["end"]] == r["evidence"]
        # sides never overlap, except in a domestic record (sub-state actors of one country): equal sets
        assert not set(r["source"]) & set(r["target"]) or set(r["source"]) == set(r["target"])
        assert 0.0 <= r["confidence"] <= 1.0
