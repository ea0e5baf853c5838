"""Unit tests of the extraction stage: sentences, dates, language data, registry, pipeline and CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_extract_gazetteer import tiny_mentions
from typer.testing import CliRunner

from allymap import api
from allymap.errors import UnknownName
from allymap.extract import RuleExtractor, load_lang
from allymap.extract.dates import DateResolver, parse_published
from allymap.extract.pipeline import Stats, load_documents
from allymap.extract.select import quote_spans, select_sentences
from allymap.nlp import normalise_for_parse, split_sentences
from allymap.records import EVENT_FIELDS, Document
from allymap.registry import extractors

SEEDS = Path(__file__).resolve().parents[1] / "src" / "allymap" / "examples" / "seeds"
PLOVER = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "COOPERATE", "AID", "RETREAT",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip
RELATIONS = {"ALLY", "PARTNER", "MEMBER", "ADVERSARY"}


def test_sentences_split_on_newlines_and_keep_offsets() -> None:
    text = "La Russie aide la Syrie\nM. Lavrov a parlé. Puis il est parti !  Fin"
    sents = split_sentences(text, ["M"])
    assert [s.text for s in sents] == [
        "La Russie aide la Syrie",
        "M. Lavrov a parlé.",
        "Puis il est parti !",
        "Fin",
    ]
    for s in sents:
        assert text[s.start : s.end] == s.text
    assert [s.line for s in sents] == [0, 1, 1, 1]


def test_parse_normalisation_keeps_length() -> None:
    text = "“[Pyongyang] a fourni… des obus”"
    out = normalise_for_parse(text, load_lang("fr").cue("sentences", "parse_replace"))
    assert len(out) == len(text) and "[" not in out


@pytest.mark.parametrize(
    ("published", "phrase", "value"),
    [
        ("2024-06-24", "mercredi", "2024-06-19"),
        ("2022-11", "en février", "2022-02"),
        ("2022-11", "jeudi (3/11)", "2022-11-03"),
        ("2022-11", "samedi", None),
        ("2023-01-01", "24 février 2022", "2022-02-24"),
        (None, "mercredi", None),
    ],
)
def test_dates_resolve_against_publication(published: str | None, phrase: str, value: str | None) -> None:
    resolver = DateResolver("fr", load_lang("fr").cue("dates"), published)
    found = resolver.find(f"Il est venu {phrase} à Paris.")
    assert [d.value for d in found] == [value]


def test_depuis_is_not_an_event_date() -> None:
    resolver = DateResolver("fr", load_lang("fr").cue("dates"), "2023-05-01")
    assert resolver.find("Xi a rencontré Poutine depuis février.") == []


def test_parse_published_precision() -> None:
    assert parse_published("2022-11")[1] == "month"
    assert parse_published("2024-06-24T10:00:00")[1] == "day"
    assert parse_published("n/a") == (None, "none")


def test_language_data_is_well_formed() -> None:
    for folder in sorted((SEEDS.parents[1] / "lang").iterdir()):
        if not (folder / "triggers.tsv").exists():
            continue
        data = load_lang(folder.name)
        rows = [r for rows in data.triggers.values() for r in rows] + [
            r for rows in data.supported.values() for r in rows
        ]
        assert rows
        for row in rows:
            assert row.kind in ("event", "relation")
            assert row.type in (PLOVER if row.kind == "event" else RELATIONS), row
            assert set(row.frame.values()) <= {"source", "target", "both", "event", "topic"}, row


def test_engine_never_tests_the_language() -> None:
    src = Path(api.__file__).parent / "extract"
    for path in src.glob("*.py"):
        assert not re.search(r"lang\s*==\s*[\"']", path.read_text(encoding="utf-8")), path


def test_registry_builds_rules_per_language() -> None:
    ex = extractors.create("rules", lang="fr", finder=tiny_mentions)
    assert isinstance(ex, RuleExtractor) and ex.name == "rules.fr.v1"
    with pytest.raises(UnknownName):
        extractors.create("rules", lang="xx")


def test_selection_parses_only_sentences_that_can_hold_an_event() -> None:
    text = "Il pleut à Lyon.\nLa Russie aide la Syrie.\nLe temps est doux.\nElle lui livre des armes."
    data = load_lang("fr")
    sel = select_sentences(split_sentences(text), tiny_mentions(text), data)
    assert sel.chosen == (1, 3) and sel.total == 4


def test_quote_spans() -> None:
    text = "Il a dit : « La Russie aide la Syrie depuis longtemps » hier."
    (span,) = quote_spans(text, load_lang("fr").cue("attribution", "quotes"))
    assert text[span[0]] == "«" and text[span[1] - 1] == "»"


def _seed_docs() -> list[Document]:
    return load_documents([SEEDS])


def test_seeds_extract_with_stats_and_offsets() -> None:
    stats = Stats()
    events = api.extract(_seed_docs(), finder=tiny_mentions, stats=stats)
    assert stats.documents == 2 and 0 < stats.parsed < stats.sentences
    assert events and all(e.extractor == "rules.fr.v1" for e in events)
    texts = {d.doc: d.text for d in _seed_docs()}
    for e in events:
        assert texts[e.doc][e.start : e.end] == e.evidence
        assert list(e.to_record()) == list(EVENT_FIELDS)


def test_process_document_gives_mentions_and_events() -> None:
    doc = _seed_docs()[0]
    mentions, events = api.process_document(doc, finder=tiny_mentions)
    assert mentions and events and all(e.doc == doc.doc for e in events)


def test_extract_is_deterministic() -> None:
    first = [e.id for e in api.extract(_seed_docs(), finder=tiny_mentions)]
    assert first == [e.id for e in api.extract(_seed_docs(), finder=tiny_mentions)]


def test_cli_extract_prints_records(monkeypatch: pytest.MonkeyPatch) -> None:
    import allymap.extract.rules as rules
    from allymap.cli.main import app

    monkeypatch.setattr(rules, "default_finder", lambda: tiny_mentions)
    result = CliRunner().invoke(app, ["extract", str(SEEDS), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert lines and all(list(rec) == list(EVENT_FIELDS) for rec in lines)
    bad = CliRunner().invoke(app, ["extract", str(SEEDS), "--format", "xml"])
    assert bad.exit_code == 2
