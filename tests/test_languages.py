"""Languages without a parser model: the support table, co-occurrence records, warnings, the graph's part."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from allymap import api
from allymap.cli.main import app
from allymap.extract.cooccur import split_any
from allymap.graph import GraphConfig, build_graph
from allymap.lang.support import FULL, MENTIONS, UNSUPPORTED, language, model_installed
from allymap.records import COOCCURRENCE_TYPE, Document, Event, is_cooccurrence
from allymap.registry import extractors

# Sentences written for these tests (no publisher's text).
DE = "Russland und Nordkorea unterzeichneten in Pjöngjang einen Vertrag über gegenseitigen Beistand."
DE_ONE = "Russland kündigte am Mittwoch neue Manöver in der Ostsee an, teilte das Ministerium mit."
IT = "La Russia e la Corea del Nord hanno firmato un trattato di mutua assistenza a Pyongyang."
RU = "Президент России встретился в Пхеньяне с лидером КНДР и обсудил поставки в Иран."
PL = "Przedstawiciele Rosji i Stanów Zjednoczonych spotkali się w Genewie, a Chiny milczały."


def doc(text: str, lang: str | None, name: str = "t") -> Document:
    return Document("id-" + name, name, text, text, None, lang, "2024-06-20")


def records(text: str, lang: str) -> list[Event]:
    return api.extract([doc(text, lang)])


# -- the support table ------------------------------------------------------------------------------------
def test_table_levels_follow_models_and_data() -> None:
    rows = {r.code: r for r in api.languages()}
    for code in ("fr", "en"):
        row = rows[code]
        assert row.rule_data and row.model and row.cldr_names > 200
        assert row.model_installed == model_installed(row.model)
        assert row.level == (FULL if row.model_installed else MENTIONS)
    for code in ("de", "it", "pl", "ru"):
        row = rows[code]
        assert row.level == MENTIONS and row.model is None and not row.rule_data
        assert row.extractor == "cooccurrence" and row.cldr_names > 200
        assert "boilerplate.tsv" in row.files
    assert rows["ru"].stems and rows["pl"].stems and rows["de"].stems and not rows["it"].stems
    # levels are ordered: full first, unsupported last; an unsupported language has no state names
    levels = [r.level for r in api.languages()]
    assert levels == sorted(levels, key=[FULL, MENTIONS, UNSUPPORTED].index)
    assert all(r.cldr_names == 0 for r in api.languages() if r.level == UNSUPPORTED)
    assert language(None).code == "?" and language("xx").level == UNSUPPORTED
    assert len(api.languages(every=True)) > len(rows)


def test_languages_command_json_matches_the_api() -> None:
    result = CliRunner().invoke(app, ["languages", "--format", "json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert shown == [r.to_row() for r in api.languages()]
    table = CliRunner().invoke(app, ["languages"])
    assert table.exit_code == 0 and all(w in table.stdout for w in ("French", "German", "mentions", "full"))


# -- co-occurrence records --------------------------------------------------------------------------------
def test_german_pair_gives_one_flagged_low_confidence_record() -> None:
    out = records(DE, "de")
    assert len(out) == 1
    rec = out[0]
    assert rec.kind == "relation" and rec.type == COOCCURRENCE_TYPE and is_cooccurrence(rec)
    assert {*rec.source, *rec.target} == {"RUS", "PRK"} and rec.symmetric
    assert rec.confidence <= 0.2 and rec.extractor == "cooccurrence.v1"
    assert rec.evidence == DE and DE[rec.start : rec.end] == rec.evidence
    assert rec.source_text == ("Russland",) and rec.target_text == ("Nordkorea",)


def test_italian_pair_and_single_actors() -> None:
    out = records(IT, "it")
    assert [({*r.source, *r.target}, r.type) for r in out] == [({"RUS", "PRK"}, COOCCURRENCE_TYPE)]
    assert records(DE_ONE, "de") == []
    # two sentences, one actor each: no record across the sentence boundary
    assert records("Die Ukraine protestierte. Russland schwieg dazu den ganzen Tag.", "de") == []


def test_inflected_names_in_russian_and_polish() -> None:
    ru = records(RU, "ru")
    assert len(ru) == 1 and {*ru[0].source, *ru[0].target} == {"RUS", "PRK", "IRN"}
    assert "России" in ru[0].source_text
    pl = records(PL, "pl")
    assert len(pl) == 1 and {*pl[0].source, *pl[0].target} == {"RUS", "USA", "CHN"}
    mentions = {m.text: m.code for m in api.actors(PL, lang="pl")}
    assert mentions.get("Chiny") == "CHN"  # not Hong Kong or Macao: the CLDR bracket fix
    # a short name is not stripped to a stem: "Малой" (small) is not Mali
    assert records("Власти Малой Азии и России встретились.", "ru") == []


def test_registry_and_sentences() -> None:
    assert "cooccurrence" in extractors.names()
    ex = extractors.create("cooccurrence", lang="de")
    assert [e.type for e in ex(doc(DE, "de"))] == [COOCCURRENCE_TYPE]
    text = "Путин приехал. «Это важно», — сказал он.\nDr. A. Merkel kam. 中国和俄罗斯。美国"
    parts = [s.text for s in split_any(text)]
    assert parts[:2] == ["Путин приехал.", "«Это важно», — сказал он."]
    assert "A. Merkel kam." in parts[-3] and parts[-2:] == ["中国和俄罗斯。", "美国"]
    assert all(text[s.start : s.end] == s.text for s in split_any(text))


def test_french_still_goes_to_the_rule_engine() -> None:
    out = records("La Russie a livré des drones à l'Iran, selon Washington.", "fr")
    assert out and not any(is_cooccurrence(e) for e in out)


# -- warnings through the real CLI ------------------------------------------------------------------------
def test_cli_warns_on_stderr_and_keeps_jsonl_clean(tmp_path: Path) -> None:
    (tmp_path / "de1.txt").write_text(DE + "\n" + DE_ONE + "\n", encoding="utf-8")
    (tmp_path / "it1.txt").write_text(IT + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["doc"] for r in lines} == {"de1", "it1"} and all(r["type"] == "COOCCUR" for r in lines)
    err = result.stderr
    assert "languages read in full" in err
    for name, code in (("de1", "de"), ("it1", "it")):
        line = f"article {name}: language {code} has no parser model: co-occurrence relations only"
        assert line in err
    assert err.count("warning:") == 2


def test_cli_unsupported_and_undetected(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DE + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "a.txt"), "--lang", "xx"])
    assert result.exit_code == 1
    assert "article a: language xx is not supported" in result.stderr
    (tmp_path / "b.txt").write_text("Ok.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "b.txt"), "--format", "jsonl"])
    assert "article b: language not detected: read as fr" in result.stderr
    assert result.stdout == ""


def test_ingest_reports_documents_below_full_level(tmp_path: Path) -> None:
    (tmp_path / "de2.txt").write_text(DE + "\n", encoding="utf-8")
    db = tmp_path / "l.duckdb"
    report = api.ingest([tmp_path / "de2.txt"], db, workers=1)
    assert report.warnings == [
        "article de2: language de has no parser model: co-occurrence relations only (low confidence)"
    ]
    stored = api.stored_events(db)
    assert [(e["type"], e["extractor"]) for e in stored] == [(COOCCURRENCE_TYPE, "cooccurrence.v1")]
    assert api.graph(db).left_out == 1 and api.graph(db).dyads == {}


# -- the graph --------------------------------------------------------------------------------------------
def _event(doc: str, type_: str, kind: str, day: str, extractor: str) -> Event:
    return Event(
        doc, kind, type_, None, ("RUS",), ("PRK",), ("a",), ("b",), True, False, "asserted", None, day,
        "s", 0, 1, 0.15 if extractor.startswith("cooc") else 0.9, extractor,
    )  # fmt: skip


def test_graph_leaves_cooccurrence_out_and_it_never_alerts() -> None:
    base = [_event(f"d{i}", "CONSULT", "event", f"{2020 + i}-05-01", "rules.fr.v1") for i in range(3)]
    many = [
        _event(f"c{i}", COOCCURRENCE_TYPE, "relation", "2023-05-01", "cooccurrence.v1") for i in range(30)
    ]
    plain = build_graph(base)
    left = build_graph(base + many)
    assert left.left_out == 30 and left.rows() == plain.rows() and left.alerts() == plain.alerts()
    kept = build_graph(base + many, config=GraphConfig(cooccurrence=True))
    dyad = kept.dyad("RUS", "PRK")
    assert dyad is not None and "COOCCUR" in dyad.relations
    before = plain.dyad("RUS", "PRK")
    assert before is not None and (dyad.coop, dyad.conflict) == (before.coop, before.conflict)
    assert kept.alerts() == plain.alerts()
    only = build_graph(many, config=GraphConfig(cooccurrence=True))
    assert only.alerts() == [] and all(d.volume == 0 for d in only.dyads.values())


# -- the SemEval corpus -----------------------------------------------------------------------------------
@pytest.mark.shared
def test_semeval_languages_find_states(shared: Path) -> None:
    """On 20 real articles per language without a model, most have a resolved actor (no text copied)."""
    path = shared / "corpus" / "semeval2023-multilingual.jsonl.gz"
    if not path.is_file():
        pytest.skip("the SemEval corpus is absent")
    per: dict[str, list[Document]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row["lang"] in ("de", "it", "pl", "ru") and len(per.setdefault(row["lang"], [])) < 20:
                per[row["lang"]].append(doc(row["text"], row["lang"], row["id"]))
    for lang, docs in per.items():
        from allymap.extract.pipeline import Stats, run

        stats = Stats()
        results = run(docs, stats=stats)
        found = sum(any(m.code for m in r.mentions) for r in results)
        assert found >= 12, (lang, found)
        assert stats.levels == {MENTIONS: 20} and len(stats.warnings) == 20
        assert all(is_cooccurrence(e) for r in results for e in r.events)


def test_graph_cli_keeps_cooccurrence_only_on_request(tmp_path: Path) -> None:
    (tmp_path / "de3.txt").write_text(DE + "\n", encoding="utf-8")
    out = tmp_path / "de3.jsonl"
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "de3.txt"), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    out.write_text(result.stdout, encoding="utf-8")
    plain = CliRunner().invoke(app, ["graph", "--events", str(out), "--format", "jsonl"])
    assert plain.exit_code == 0, plain.output
    assert plain.stdout.strip() == ""
    kept = CliRunner().invoke(app, ["graph", "--events", str(out), "--format", "jsonl", "--cooccurrence"])
    assert kept.exit_code == 0, kept.output
    rows = [json.loads(line) for line in kept.stdout.splitlines()]
    assert [(r["dyad"], r["net"], r["relations"]) for r in rows] == [("PRK–RUS", 0.0, "COOCCUR")]
    assert api.graph(out, cooccurrence=True).rows()[0]["relations"] == "COOCCUR"
    assert api.graph(out).rows() == []
