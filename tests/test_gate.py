"""The extraction gate: the seeds scored against ../shared/gold with floors that only go up."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from allymap import api, evaluate

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "gold"
SEEDS = ROOT / "src" / "allymap" / "examples" / "seeds"

# Set just under what the rule extractor achieves (docs/measurements/issue4.md); raise them, never lower.
FLOORS = {
    "precision": 0.90,
    "recall": 0.90,
    "f1": 0.90,
    "core_recall": 0.99,
    "negated_accuracy": 0.99,
    "modality_accuracy": 0.99,
    "claimed_by_accuracy": 0.95,
    "date_accuracy": 0.99,
}

pytestmark = [pytest.mark.shared, pytest.mark.slow]


@pytest.fixture(scope="module")
def report() -> evaluate.Report:
    if not (GOLD / "seeds.jsonl").exists():
        pytest.skip("../shared/gold is not here")
    actors = importlib.import_module("allymap.actors")
    if not hasattr(actors, "find_mentions"):
        pytest.skip("allymap.actors.find_mentions is not available yet")
    gold = evaluate.load_records(GOLD / "seeds.jsonl")
    output = [e.to_record() for e in api.extract([SEEDS])]
    return evaluate.score(gold, output, evaluate.load_boilerplate(GOLD / "seeds-meta.json"))


@pytest.mark.parametrize("measure", sorted(FLOORS))
def test_floor(report: evaluate.Report, measure: str) -> None:
    value = report.summary()[measure]
    assert value >= FLOORS[measure], f"{measure} {value} fell under its floor {FLOORS[measure]}"


def test_no_record_from_boilerplate(report: evaluate.Report) -> None:
    assert report.boilerplate_records == []


def test_the_seeds_alliance_system_is_there(report: evaluate.Report) -> None:
    found = {g["id"] for g, _ in report.pairs}
    # RUS-PRK treaty and visit, PRK arms to RUS, CHN dual-use goods and satellites, IRN drone factory,
    # KOR-USA alliance, CHN's refusal to condemn or sanction
    for gold_id in ("000-02", "000-03", "000-07", "000-11", "000-12", "000-14", "000-05", "003-13", "003-14"):
        assert gold_id in found, gold_id
    dates = {g["id"]: o.get("date") for g, o in report.pairs}
    assert dates["000-02"] == dates["000-03"] == "2024-06-19"
