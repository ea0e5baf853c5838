"""The graph of the gold seed records (../shared/gold/seeds.jsonl): who sides with whom, RUS–PRK alert."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from allymap.cli.main import app
from allymap.graph import load_graph

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "gold" / "seeds.jsonl"
SEEDS = ROOT / "src" / "allymap" / "examples" / "seeds"


@pytest.fixture(scope="module")
def seeds() -> Any:
    if not GOLD.is_file():
        pytest.skip("../shared/gold/seeds.jsonl is absent")
    return load_graph(GOLD, SEEDS)


@pytest.mark.shared
def test_russia_at_the_centre_with_its_partners(seeds: Any) -> None:
    bloc = seeds.blocs.of
    assert bloc["RUS"] == bloc["PRK"] == bloc["CHN"] == bloc["IRN"]
    for other in ("USA", "NATO", "KOR", "UKR"):
        assert bloc[other] != bloc["RUS"], other
    assert bloc["USA"] == bloc["NATO"] == bloc["KOR"] == bloc["UKR"]
    for partner in ("PRK", "CHN", "IRN"):
        d = seeds.dyad("RUS", partner)
        assert d.net > 0.5 and d.coop > 0 and d.conflict == 0, partner
    strength = {
        n: sum(abs(seeds.edge_weight(d)) for d in seeds.dyads.values() if n in d.key and not d.derived)
        for n in ("RUS", "PRK", "CHN", "IRN", "USA", "UKR")
    }
    assert max(strength, key=strength.__getitem__) == "RUS"


@pytest.mark.shared
def test_the_other_side(seeds: Any) -> None:
    assert seeds.dyad("RUS", "UKR").net < -0.5
    assert seeds.dyad("USA", "PRK").net < 0
    assert seeds.dyad("NATO", "CHN").net < 0
    assert "ALLY" in seeds.dyad("KOR", "USA").relations
    assert "ALLY" in seeds.dyad("CHN", "RUS").relations
    assert "MEMBER" in seeds.dyad("RUS", "BRICS").relations
    assert "UKR" in seeds.blocs.attached  # on that side by opposition to Russia only


@pytest.mark.shared
def test_negated_acts(seeds: Any) -> None:
    entries = seeds.explain("CHN", "RUS")
    negated = {e["type"]: e["score"] for e in entries if e["negated"]}
    assert negated["AID"] == 0.0  # China did not give aid: no cooperation
    assert 0 < negated["SANCTION"] < 1 and 0 < negated["ACCUSE"] < 1  # did not sanction: weakly positive


@pytest.mark.shared
def test_explain_rus_prk_in_date_order(seeds: Any) -> None:
    entries = seeds.explain("RUS", "PRK")
    days = [e["day"] for e in entries]
    assert days == sorted(days)
    years = {d.year for d in days}
    assert {2022, 2024} <= years
    treaty = [e for e in entries if e["type"] == "AGREE"]
    assert treaty and treaty[0]["date"] == "2024-06-19" and len(treaty[0]["reports"]) == 2
    assert all(r["evidence"] and r["doc"] for e in entries for r in e["reports"])


@pytest.mark.shared
def test_alerts_flag_rus_prk(seeds: Any) -> None:
    fired = {(a.a, a.b, a.kind) for a in seeds.alerts()}
    assert ("PRK", "RUS", "cooperation") in fired


@pytest.mark.shared
def test_dedup_on_gold(seeds: Any) -> None:
    assert seeds.records == 34
    assert 18 <= len(seeds.events) < 34  # restatements within an article are one event


@pytest.mark.shared
def test_cli_on_gold(tmp_path: Path) -> None:
    if not GOLD.is_file():
        pytest.skip("../shared/gold/seeds.jsonl is absent")
    runner = CliRunner()
    common = ["--events", str(GOLD), "--articles", str(SEEDS)]
    out = runner.invoke(app, ["explain", "RUS", "PRK", *common])
    assert out.exit_code == 0, out.output
    assert out.output.index("2022-11") < out.output.index("2024-06-19")
    assert "Pyongyang" in out.output
    out = runner.invoke(app, ["alerts", *common, "--format", "csv"])
    assert out.exit_code == 0 and "PRK–RUS,cooperation,2024" in out.output
    out = runner.invoke(app, ["graph", *common, "--format", "csv"])
    assert out.exit_code == 0 and "PRK–RUS" in out.output
    target = tmp_path / "dy.csv"
    out = runner.invoke(app, ["dyad-years", *common, "--out", str(target)])
    assert out.exit_code == 0, out.output
    text = target.read_text()
    assert "2024,PRK,RUS," in text and "2022,PRK,RUS," in text and "NATO" not in text and "BRICS" not in text


@pytest.mark.slow
def test_extractor_output_on_the_seed_articles() -> None:
    """The same conclusions from `allymap extract` output (no ../shared needed: the seeds ship)."""
    from allymap import api

    g = api.graph(api.extract(SEEDS), articles=SEEDS)
    assert g.blocs.of["RUS"] == g.blocs.of["PRK"] == g.blocs.of["CHN"] != g.blocs.of["USA"]
    assert ("PRK", "RUS", "cooperation") in {(a.a, a.b, a.kind) for a in g.alerts()}
    assert g.dyad("RUS", "UKR").net < 0 < g.dyad("RUS", "PRK").net
