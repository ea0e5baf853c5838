"""The subtree fallback (extract/subtree.py): its records are marked and weigh less than the frame's."""

from __future__ import annotations

from functools import partial

from test_extract_gazetteer import tiny_mentions

from allymap.extract import RuleExtractor
from allymap.records import Document

NAMES = {"Germany": ("DEU", "state"), "Peru": ("PER", "state")}


def _events(text: str) -> list:
    ex = RuleExtractor("en", finder=partial(tiny_mentions, extra=NAMES))
    return ex.extract(Document("test", "t", text, text, None, "en", "2023-05-10")).events


def test_fallback_record_is_marked_and_less_confident() -> None:
    deep = _events("Germany returned the stolen statue to the Republic of Peru.")
    direct = _events("Germany returned the stolen statue to Peru.")
    assert [(e.type, e.source, e.target) for e in deep] == [("RETREAT", ("DEU",), ("PER",))]
    assert [(e.type, e.source, e.target) for e in direct] == [("RETREAT", ("DEU",), ("PER",))]
    assert deep[0].extra.get("found_by") == "subtree" and "found_by" not in direct[0].extra
    assert deep[0].confidence < direct[0].confidence
    assert "found_by" not in deep[0].to_record()  # the EVENTS.md record keeps its fields


def test_fallback_only_on_the_main_assertion() -> None:
    """The same phrase gives a guessed record as the sentence's own statement, none as the content of a
    claim, a wish or a condition."""
    main = _events("Germany returned the stolen statue to the Republic of Peru.")
    assert main and main[0].extra.get("found_by") == "subtree"
    for text in (
        "Peru claimed that Germany had returned the stolen statue to the Republic of Peru.",
        "Germany wants to return the stolen statue to the Republic of Peru.",
        "Peru will protest if Germany does not return the stolen statue to the Republic of Peru.",
    ):
        assert not [e for e in _events(text) if e.type == "RETREAT"], text
