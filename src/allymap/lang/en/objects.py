"""English parse hook, objects of access verbs: "granted UN inspectors access" (a double object the parser
read as a compound) and "let UN inspectors in" (the party let in is the verb's object)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def double_object(doc: Doc, verbs: set[str], nouns: set[str]) -> None:
    """ "granted UN inspectors access to X", "gave the WFP permission to V", "allowed X access": the party
    given access, permission or visas (cues "double_object_nouns") is the verb's first object (UD `iobj`),
    which the parser reads as a compound of the second (a plural noun or a name right before it), after
    "allow" as the subject of a verbless complement, or as the subject of the adjective or participle
    before the noun ("allowed X unhindered access", "allowed X expanded access": that word qualifies it)."""
    for v in list(doc):
        if v.lemma_.lower() not in verbs or v.pos_ != "VERB":
            continue
        for p in [c for c in v.children if c.dep_ == "ccomp" and c.tag_ in ("VBN", "VBD") and c.i > v.i]:
            n = next((c for c in p.children if c.dep_ == "obj" and c.i == p.i + 1), None)
            if n is not None and n.lemma_.lower() in nouns:  # "allowed X expanded access": the adjective
                n.head, n.dep_ = v, "obj"
                p.head, p.dep_, p.pos_ = n, "amod", "ADJ"
                for c in [c for c in p.children if c.dep_ == "nsubj"]:
                    c.head = n
        for n in [c for c in v.children if c.lemma_.lower() in nouns and c.i > v.i]:
            bare = n.dep_ == "ccomp" and n.tag_ == "VB" and not any(c.dep_ == "aux" for c in n.children)
            if n.pos_ != "NOUN" and not bare:
                continue  # "allowed X access to": "access" read as a bare infinitive
            first = _first_object(v, n)
            if first is None:
                continue
            if n.dep_ == "ccomp":
                n.dep_, n.pos_, n.tag_ = "obj", "NOUN", "NN"
            for c in [c for c in n.children if c.i < first.i]:
                c.head = first  # "the" of "the WFP", "UN" of "UN inspectors"
            first.head, first.dep_ = v, "iobj"


def _first_object(v: Token, n: Token) -> Token | None:
    """The phrase head of the party given `n` ("access"), misread inside it: a plural noun or a name
    compounded with it, the subject of a verbless complement, or of an adjective that qualifies it."""
    before = [c for c in n.children if v.i < c.i < n.i]
    if n.dep_ == "obj":
        found = next((c for c in before if c.dep_ == "compound" and c.i == n.i - 1), None)
        if found is not None and found.tag_ in ("NNS", "NNP", "NNPS"):
            return found
        for adj in (c for c in before if c.dep_ == "amod"):  # "X unhindered access": X its "subject"
            found = next((c for c in adj.children if c.dep_ == "nsubj" and v.i < c.i < adj.i), None)
            if found is not None:
                return found
        return next((c for c in before if c.dep_ == "nsubj"), None)
    if n.dep_ == "ccomp":
        return next((c for c in before if c.dep_ == "nsubj"), None)
    return None


def let_in(doc: Doc, verbs: set[str], particles: set[str]) -> None:
    """ "let UN inspectors in", "allowed X back into Y", "allowed in X": a particle of entry (cues
    "let_in_particles") after a verb of permission is the verb's particle (`compound:prt`) and the party let
    in its object, not the subject of a small clause headed by the particle nor the particle's noun."""
    for v in list(doc):
        if v.lemma_.lower() not in verbs or v.pos_ != "VERB":
            continue
        for c in [c for c in v.children if c.dep_ == "ccomp" and c.pos_ in ("ADV", "ADP") and c.i > v.i]:
            subj = [k for k in c.children if k.dep_ == "nsubj" and k.i < c.i]
            if c.lemma_.lower() not in particles or len(subj) != 1:
                continue
            subj[0].head, subj[0].dep_ = v, "obj"
            for k in [k for k in c.children if k.i > c.i]:
                k.head, k.dep_ = v, "obl"  # "into the country"
            c.dep_ = "compound:prt"
        nxt = doc[v.i + 1] if v.i + 1 < len(doc) else None
        if nxt is not None and nxt.dep_ == "case" and nxt.lemma_.lower() in particles:
            noun = nxt.head
            if noun.head.i == v.i and noun.dep_ == "obl" and noun.i > nxt.i:
                noun.dep_ = "obj"
                nxt.head, nxt.dep_ = v, "compound:prt"
