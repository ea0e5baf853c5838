"""Actors: the knowledge base of states, organisations and office-holders, and the mention finder."""

from __future__ import annotations

import functools
from datetime import date

from allymap.actors.kb import Entry, KnowledgeBase, Resolution
from allymap.actors.matcher import Gazetteer, as_date
from allymap.records import Mention

__all__ = ["Entry", "Gazetteer", "KnowledgeBase", "Resolution", "find_mentions", "gazetteer"]


@functools.cache
def _gazetteer(lang: str | None, kb_id: int) -> Gazetteer:
    kb = KnowledgeBase.load()
    return Gazetteer(kb, lang)


def gazetteer(lang: str | None = "fr", kb: KnowledgeBase | None = None) -> Gazetteer:
    """The compiled gazetteer of a language (built once per process for the shipped knowledge base)."""
    if kb is None or kb is KnowledgeBase.load():
        return _gazetteer(lang, 0)
    return Gazetteer(kb, lang)


def find_mentions(
    text: str,
    doc: str = "",
    lang: str | None = "fr",
    on: date | str | None = None,
    kb: KnowledgeBase | None = None,
    ner: bool = False,
) -> list[Mention]:
    """Every actor mention in `text`, resolved as of `on`, sorted by offset. With `ner`, spaCy's
    PERSON/ORG/LOC entities that the gazetteer does not know are added as unresolved mentions."""
    mentions = gazetteer(lang, kb).find(text, doc, as_date(on))
    if ner:
        from allymap.actors.ner import unknown_entities

        mentions = sorted(mentions + unknown_entities(text, doc, lang, mentions), key=lambda m: m.start)
    return mentions
