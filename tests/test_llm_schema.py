"""The LLM extractor's pure parts: record validation, JSON in a reply, evidence location, prompt, chunks."""

from __future__ import annotations

import typing
from typing import Any

import pytest

from allymap.llm import LLMResponseError
from allymap.llm.extractor import PROMPT_VERSION, chunks, load_prompt
from allymap.llm.schema import (
    EVENT_TYPES,
    RELATION_TYPES,
    EvidenceLocator,
    LLMRecord,
    parse_answer,
    validate_record,
)
from allymap.records import MODALITIES


def base(**more: Any) -> dict[str, Any]:
    return {"type": "AGREE", "source": ["RUS"], "target": ["PRK"], "evidence": "un traité", **more}


def test_a_good_record_and_forgiven_details() -> None:
    record, reason = validate_record(
        base(type="agree", modality="Alleged", mode="", claimed_by=[], date="2024-06", source=[" RUS "])
    )
    assert reason is None and record is not None
    assert (record.type, record.modality, record.mode, record.claimed_by) == ("AGREE", "alleged", None, None)
    assert record.source == ["RUS"] and record.date == "2024-06" and record.kind == "event"
    ally, _ = validate_record({"type": "ALLY", "source": ["KOR"], "target": ["USA"], "evidence": "alliée"})
    assert ally is not None and ally.kind == "relation"


@pytest.mark.parametrize(
    ("changes", "word"),
    [
        ({"type": "FRIENDSHIP"}, "type"),
        ({"kind": "event", "type": "ALLY"}, "event type"),
        ({"kind": "relation", "type": "AGREE"}, "relation type"),
        ({"source": ["rus"]}, "source"),
        ({"source": ["RUSSIA_AND_FRIENDS_OF_IT"]}, "source"),
        ({"target": []}, "target"),
        ({"source": "RUS"}, "source"),
        ({"modality": "certain"}, "modality"),
        ({"date": "19 juin 2024"}, "date"),
        ({"date": "2024-02-30"}, "does not exist"),
        ({"evidence": ""}, "evidence"),
        ({"confidence": 1.5}, "confidence"),
        ({"mode": "Military Aid!"}, "mode"),
        ({"target": ["RUS"]}, "same actors"),
    ],
)
def test_invalid_records_have_a_one_line_reason(changes: dict[str, Any], word: str) -> None:
    record, reason = validate_record(base(**changes))
    assert record is None and reason is not None
    assert word in reason and "\n" not in reason


def test_not_an_object() -> None:
    assert validate_record(["AGREE"]) == (None, "a record is a list, not an object")


def test_the_contract_vocabularies() -> None:
    assert len(EVENT_TYPES) == 16 and RELATION_TYPES == ("ALLY", "PARTNER", "MEMBER", "ADVERSARY")
    modality = typing.get_args(LLMRecord.model_fields["modality"].annotation)
    assert modality == MODALITIES


@pytest.mark.parametrize(
    "content",
    [
        '{"records": [{"a": 1}]}',
        '```json\n{"records": [{"a": 1}]}\n```',
        '```\n{"records": [{"a": 1}]}```',
        'Sure! Here is the JSON: {"records": [{"a": 1}]} Hope it helps {not json}.',
        '<think>Let me think about {braces}.</think>\n{"records": [{"a": 1}]}',
        '[{"a": 1}]',
    ],
)
def test_the_records_are_found_in_the_reply(content: str) -> None:
    assert parse_answer(content) == [{"a": 1}]


def test_empty_answers() -> None:
    assert parse_answer("{}") == [] and parse_answer('{"records": []}') == []


@pytest.mark.parametrize(
    ("content", "words"),
    [("Désolé, je ne peux pas.", "not JSON"), ('{"events": []}', "no 'records' list"), ("", "not JSON")],
)
def test_bad_replies_raise_one_line(content: str, words: str) -> None:
    with pytest.raises(LLMResponseError) as info:
        parse_answer(content, "doc1")
    assert words in str(info.value) and str(info.value).startswith("doc1: ") and "\n" not in str(info.value)


TEXT = "Selon Séoul,  la Russie pourrait\ndonner à la Corée du Nord des technologies d’armement. Fin."


@pytest.mark.parametrize(
    "evidence",
    [
        "la Russie pourrait donner à la Corée du Nord des technologies d'armement",  # apostrophe, spaces
        "  la Russie pourrait   donner à la Corée du Nord des technologies d’armement…",  # ellipsis
        "« la Russie pourrait donner à la Corée du Nord des technologies d'armement »",  # quoted
        "La russie pourrait donner à la Corée du Nord des technologies d'armement",  # case
    ],
)
def test_evidence_is_located_in_the_original_text(evidence: str) -> None:
    span = EvidenceLocator(TEXT).find(evidence)
    assert span is not None
    start, end = span
    assert TEXT[start:end] == "la Russie pourrait\ndonner à la Corée du Nord des technologies d’armement"


@pytest.mark.parametrize("evidence", ["la Russie donnera des missiles", "la Chine", "ab", "Russie ... Corée"])
def test_evidence_not_in_the_text(evidence: str) -> None:
    assert EvidenceLocator(TEXT).find(evidence) is None


def test_prompt_is_versioned_and_filled() -> None:
    prompt = load_prompt()
    assert prompt.version == PROMPT_VERSION
    for word in (*EVENT_TYPES, *RELATION_TYPES, *MODALITIES, '{"records"', "ISO 3166-1 alpha-3", "NATO"):
        assert word in prompt.system
    text = 'Le texte {"a": {{hints}}} reste tel quel.'
    system, user = prompt.messages(text, "d1", "fr", "2024-06-24", "- «Moscou» → RUS (capital)")
    assert system == {"role": "system", "content": prompt.system}
    content = user["content"]
    assert text in content and "Publication date: 2024-06-24" in content and "«Moscou» → RUS" in content
    assert "{{" not in content.replace(text, "")
    assert "unknown" in prompt.messages("x", "", None, None, "")[1]["content"]


@pytest.mark.parametrize("size", [600, 1000, 5000])
def test_chunks_cover_the_text_at_line_or_sentence_ends(size: int) -> None:
    text = "\n".join(
        f"Phrase {i}. La France soutient l'Ukraine depuis {i} jours." * (1 + i % 7) for i in range(200)
    )
    pieces = chunks(text, size)
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= size for _, p in pieces)
    assert all(text[o : o + len(p)] == p for o, p in pieces)
    assert all(p.endswith(("\n", ". ")) for _, p in pieces[:-1])
    assert chunks("court", 600) == [(0, "court")] and chunks("", 600) == [(0, "")]
