"""Parse-hook rewrite of agents tied to whom they act for ("hackers working for X", "spies in the pay of X",
"gunmen linked to X"): the actor becomes the agent noun's possessor ("X's hackers")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from allymap.extract.items import ALLEGED_OWNERS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_PREPS = ("prep", "agent", "dative")


def acting_for(doc: Doc, ties: dict[str, Any], hedges: set[str]) -> None:
    """Cues "parse_hook_words" "acting_for": "participles" (lemma -> phrases: "work": ["for"], "act":
    ["for", "on behalf of"]) and "noun_phrases" ("in pay of", written without articles) that make the noun
    they qualify act for their object; "alleged_participles" ("link": ["to"]) tie it with distance, and so
    does one of the `hedges` adverbs ("allegedly working for X") or a "distance_verbs" participle above it
    ("believed to be working for X", "suspected of working for X"): the owner's index goes to
    Doc.user_data[ALLEGED_OWNERS]. A relative clause with a "relative_subjects" pronoun reads as the
    participle ("hackers who work for X"). A participle the parser read as the clause's verb, with the
    agent noun as its subject and the real verb hung under it ("Hackers linked to X attacked Y"), is first
    put back under its noun."""
    asserted: dict[str, list[str]] = ties.get("participles", {})
    alleged: dict[str, list[str]] = ties.get("alleged_participles", {})
    distance, relatives = set(ties.get("distance_verbs", [])), set(ties.get("relative_subjects", []))
    noun_phrases = [p.split() for p in ties.get("noun_phrases", [])]
    found: set[int] = set()
    for p in list(doc):
        lem = p.lemma_.lower()
        phrases = asserted.get(lem, []) + alleged.get(lem, [])
        if not phrases or p.pos_ != "VERB":
            continue
        owner = next((o for o in (_follow(p, ph.split()) for ph in phrases) if o is not None), None)
        if owner is None:
            continue
        asserts = any(getattr(_follow(p, ph.split()), "i", -1) == owner.i for ph in asserted.get(lem, []))
        hedged = any(c.dep_ == "advmod" and c.text.lower() in hedges for c in p.children)
        top = p
        while True:
            if top.dep_ == "xcomp" and top.head.lemma_.lower() in distance:
                top = top.head
            elif top.dep_ == "pcomp" and top.head.dep_ == "prep" and top.head.head.lemma_.lower() in distance:
                top = top.head.head
            else:
                break
            hedged = True
        relative = top.dep_ == "relcl" and any(
            c.dep_ == "nsubj" and c.text.lower() in relatives for c in top.children
        )
        if not relative and top.dep_ != "acl" and top.tag_ in ("VBG", "VBN", "VBD"):
            _reattach(top, owner)
        noun = top.head
        if not (relative or top.dep_ == "acl") or noun.pos_ not in ("NOUN", "PROPN") or noun.i > top.i:
            continue
        _own(noun, owner)
        if not asserts or hedged:
            found.add(owner.i)
    for noun in list(doc):
        if noun.pos_ not in ("NOUN", "PROPN"):
            continue
        for words in noun_phrases:
            owner = _follow(noun, words)
            if owner is not None and owner.pos_ in ("NOUN", "PROPN"):
                _own(noun, owner)
                break
    doc.user_data[ALLEGED_OWNERS] = found


def _follow(start: Token, words: list[str]) -> Token | None:
    """The object at the end of a chain of prepositions and nouns ("on behalf of": prep "on", its object
    "behalf", that one's prep "of") from `start`; None when the parse has no such chain."""
    cur = start
    for k, w in enumerate(words):
        deps = _PREPS if k % 2 == 0 else ("pobj",)
        nxt = next((c for c in cur.children if c.dep_ in deps and c.text.lower() == w), None)
        if nxt is None:
            return None
        cur = nxt
    return next((c for c in cur.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")), None)


def _reattach(p: Token, owner: Token) -> None:
    """ "Hackers linked to X attacked Y" parsed with "linked" as the verb: its subject phrase right before
    it (or before its adverbs: "allegedly") and a subjectless verb after the owner's phrase become that
    verb's subject and the verb the clause's head; the participle goes under the noun."""
    subj = next((c for c in p.children if c.dep_ == "nsubj" and c.i < p.i), None)
    if subj is None or any(t.head.i != p.i or t.dep_ != "advmod" for t in p.doc[subj.right_edge.i + 1 : p.i]):
        return
    end = max(t.i for t in owner.subtree)
    verb = next(
        (c for c in p.children if c.dep_ in ("advcl", "conj", "ccomp") and c.i > end and c.pos_ == "VERB"),
        None,
    )
    if verb is None or subj.pos_ not in ("NOUN", "PROPN"):
        return
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "mark", "cc") for c in verb.children):
        return
    if any(c.dep_ == "cc" for c in p.children):
        return
    root = p.head.i == p.i
    verb.head, verb.dep_ = (verb, "ROOT") if root else (p.head, p.dep_)
    for c in [c for c in p.children if c.i > end and c.i != verb.i]:
        c.head = verb
    subj.head, subj.dep_ = verb, "nsubj"
    p.head, p.dep_, p.tag_ = subj, "acl", "VBN"


def _own(noun: Token, owner: Token) -> None:
    """The owner becomes the noun's possessor, the preposition right above it its case marker."""
    prep = owner.head
    owner.head, owner.dep_ = noun, "poss"
    prep.head, prep.dep_ = owner, "case"
