"""Subjects that name no actor ("Heineken said it plans ...", "Technology has potential because it ..."):
a later "it" or "they" refers to them, not to an actor named further back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allymap.extract.coref import Entry
from allymap.extract.items import lemma

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.args import SentenceView
    from allymap.extract.items import Item
    from allymap.extract.langdata import LangData


def _actor_words(data: LangData) -> frozenset[str]:
    """Nouns that may stand for an actor with no name of their own ("the government said it ..."):
    proxy heads, group nouns and every sub-state list; such a subject is left to the resolver."""
    words = set(data.words("proxy_heads")) | data.words("anaphora", "group_nouns")
    words |= data.words("anaphora", "own_state_nouns")
    for key in (
        "nouns",
        "domestic_organs",
        "organ_forces",
        "compound_heads",
        "home_organs",
        "outside_voices",
    ):
        words |= data.words("sub_state", key)
    return frozenset(words)


def _main_clause(tok: Token) -> bool:
    """Is the word's clause the sentence's main one (its root, or a clause coordinated with it)?"""
    verb = tok.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT" or verb.head.i == verb.i


def subject_blockers(view: SentenceView, data: LangData, index: int) -> list[Entry]:
    """An entry for the subject of the sentence's main clause when it is a common noun or a name with no
    actor mention in its words and none of the nouns that may stand for an actor ("Heineken said it",
    "Technology has potential because it gives ..."): a thing that blocks "it" (singular) or "they"
    (plural) when it is more salient than any actor (coref.Salience.resolve); a person's full name
    ("Herve Gaymard said he would ...") blocks "he"/"she" in its own sentence only: in a later one, a
    name the knowledge base does not know may still be an office holder's, whom "he" means."""
    if not data.cue("anaphora", "subject_blockers"):
        return []
    actors = _actor_words(data)
    titles = data.words("anaphora", "person_titles")  # "Mr Brown" is no full name: maybe a known one's
    out: list[Entry] = []
    for tok in view.doc:
        if tok.dep_ not in ("nsubj", "nsubj:pass") or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        if not _main_clause(tok) or any(t.i in view.token_mention for t in tok.subtree):
            continue  # "the US company", "the envoy of Russia", "Opec's producer": an actor's phrase
        if lemma(tok) in actors or tok.text.lower() in actors:
            continue
        names = [t for t in tok.subtree if t.pos_ == "PROPN" and t.lower_.rstrip(".") not in titles]
        person = tok.pos_ == "PROPN" and len(names) >= 2 and all(t.i <= tok.i for t in names)
        plural = "Number=Plur" in str(tok.morph)
        start = view.base + view.doc[min(t.i for t in tok.subtree)].idx
        kind = "person" if person else "thing"
        out.append(Entry(index, start, (), (tok.text,), kind, subject=True, blocker=True, plural=plural))
    return out


def private_phrase(it: Item, data: LangData) -> bool:
    """Does a sub-state actor phrase name private people of a state (cues "sub_state" "private": "one of
    Japan's best-known businessmen", "a US woman")? A later "he" or "she" is that person, who does not act
    for the state: no antecedent that gives the state (coref nonstate)."""
    private = data.words("sub_state", "private")
    head = it.head
    return it.domestic and (lemma(head) in private or (head.i != head.head.i and lemma(head.head) in private))
