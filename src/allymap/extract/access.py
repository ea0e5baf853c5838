"""Row option access: does a verb of permission permit an act of entry, inspection or delivery (CAMEO 086)?"""

from __future__ import annotations

from typing import TYPE_CHECKING

from allymap.extract.args import SentenceView, lemma

if TYPE_CHECKING:
    from spacy.tokens import Token


def permits_access(view: SentenceView, pred: Token) -> bool:
    """Is the act `pred` permits, its infinitive or clause ("allowed X to enter", "let X visit", "gave
    permission for X to deliver aid", "granted X permission to inspect"), one of access (cues "access"
    "verbs"), or the use of a facility ("to use its air bases": "use_verbs" with a "facilities" head)?
    "allowed prices to rise", "allowed Y to strike Z" permit no access."""
    data = view.data
    verbs, uses = data.words("access", "verbs"), data.words("access", "use_verbs")
    places = data.words("access", "facilities")
    heads = [pred, *(c for c in pred.children if c.i in view.consumed)]  # the support noun's clause
    for head in heads:
        for comp in head.children:
            if comp.dep_ not in ("xcomp", "ccomp", "advcl", "acl") or comp.pos_ != "VERB":
                continue
            if lemma(comp) in verbs:
                return True
            objects = (c for c in comp.children if c.dep_ in ("obj", "obl"))
            if lemma(comp) in uses and any({lemma(o), o.text.lower()} & places for o in objects):
                return True
    return False
