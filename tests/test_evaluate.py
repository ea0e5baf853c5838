"""The EVENTS.md scorer: matching rule, one-to-one pairing, flags, boilerplate records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from allymap import evaluate
from allymap.errors import InputError


def rec(**kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "doc": "d",
        "kind": "event",
        "type": "AID",
        "mode": None,
        "source": ["PRK"],
        "target": ["RUS"],
        "symmetric": False,
        "negated": False,
        "modality": "asserted",
        "claimed_by": None,
        "date": None,
        "evidence": "la Corée du Nord fournit des armes à la Russie",
    }
    base.update(kw)
    return base


def test_type_in_also_and_actor_sets_match_in_any_order() -> None:
    gold = rec(type="SUPPORT", also=["AID"], source=["CHN", "PRK"])
    assert evaluate.matches(gold, rec(source=["PRK", "CHN"]))
    assert not evaluate.matches(gold, rec(type="ACCUSE", source=["PRK", "CHN"]))
    assert not evaluate.matches(gold, rec(source=["PRK"]))
    assert not evaluate.matches(gold, rec(doc="other", source=["PRK", "CHN"]))


def test_direction_counts_unless_gold_is_symmetric() -> None:
    reversed_out = rec(source=["RUS"], target=["PRK"])
    assert not evaluate.matches(rec(), reversed_out)
    assert evaluate.matches(rec(symmetric=True), reversed_out)


def test_each_record_pairs_once_and_duplicates_count_against_precision() -> None:
    gold = [rec(core=True, id="g1")]
    out = [rec(), rec(evidence="autre phrase")]
    report = evaluate.score(gold, out)
    assert report.matched == 1
    assert report.precision == pytest.approx(0.5)
    assert report.recall == 1.0 and report.core_recall == 1.0
    assert len(report.false_positives) == 1


def test_assignment_maximises_matches_before_preferring_core() -> None:
    # o1 could serve g_core or g_plain; o2 only g_core: the best assignment pairs both.
    g_core = rec(id="c", core=True, type="SUPPORT", also=["AID"])
    g_plain = rec(id="p", core=False, type="AID")
    o1 = rec(type="AID")
    o2 = rec(type="SUPPORT")
    report = evaluate.score([g_core, g_plain], [o1, o2])
    assert report.matched == 2
    assert {g["id"] for g, _ in report.pairs} == {"c", "p"}


def test_flags_and_claimants() -> None:
    gold = [
        rec(
            negated=True,
            modality="alleged",
            modality_also=["asserted"],
            claimed_by=["USA"],
            date="2024-06-19",
        )
    ]
    out = [rec(negated=False, modality="asserted", claimed_by=["usa"], date="2024-06-20")]
    flags = {f.name: f for f in evaluate.score(gold, out).flags()}
    assert flags["negated"].accuracy == 0.0
    assert flags["modality"].accuracy == 1.0  # in modality_also
    assert flags["claimed_by"].accuracy == 1.0  # case-insensitive names
    assert flags["date"].accuracy == 0.0


def test_records_of_unscored_documents_are_ignored_and_boilerplate_is_listed() -> None:
    gold = [rec(core=True)]
    out = [rec(), rec(doc="elsewhere"), rec(evidence="PUBLICITÉ la Russie")]
    report = evaluate.score(gold, out, {"d": ["PUBLICITÉ"]})
    assert report.output_total == 2
    assert len(report.boilerplate_records) == 1


def test_load_records_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text(json.dumps(rec()) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        evaluate.load_records(path)
    assert f"{path}:2" in str(info.value)
    with pytest.raises(InputError):
        evaluate.load_records(tmp_path / "missing.jsonl")


def test_eval_command_scores_a_record_file(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from allymap.cli.main import app

    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(rec(core=True, id="g")) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text(json.dumps(rec()) + "\n" + json.dumps(rec(type="ASSAULT")) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "--gold", str(gold), str(out), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["precision"] == 0.5 and summary["recall"] == 1.0 and summary["core_recall"] == 1.0
