"""Actors: the knowledge base of states, organisations and office-holders, and the mention finder.

Public API (others depend on these names):
    KnowledgeBase.load() -> KnowledgeBase            the shipped tables, read once per process
    kb.lookup(name, on=None, lang=None) -> list[Resolution]
    kb.members(org_code, on=None) -> set[str]        member states on a date
    kb.name(code, lang="fr") -> str                  display name
    find_mentions(text, doc="", lang="fr", on=None, kb=None, ner=False, dates=()) -> list[Mention]

How a title and a person combine: "le président russe Vladimir Poutine" gives two mentions, "russe"
(kind title, RUS, role GOV, title "président") and "Vladimir Poutine" (kind person, RUS, role GOV, person
"Vladimir Poutine"). A person the knowledge base does not know, named right after a title ("le ministre
iranien des Affaires étrangères, Abbas Araghchi"), gets a person mention with the title's actor and the note
"named by its title". The data and role codes are described in actors/data/README.md.
"""

from __future__ import annotations

from allymap.actors.kb import Entry, KnowledgeBase, Resolution, fold, inflect_fr, parse_date
from allymap.actors.matcher import Gazetteer, find_mentions, gazetteer, unknown_entities

__all__ = [
    "Entry",
    "Gazetteer",
    "KnowledgeBase",
    "Resolution",
    "find_mentions",
    "fold",
    "gazetteer",
    "inflect_fr",
    "parse_date",
    "unknown_entities",
]
