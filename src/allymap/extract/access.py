"""Row option access: does a verb of permission permit an act of entry, inspection or delivery (CAMEO 086)?"""

from __future__ import annotations

from typing import TYPE_CHECKING

from allymap.extract.args import lemma

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.engine import SentenceExtractor


def permits_access(ex: SentenceExtractor, pred: Token, cls: str = "") -> bool:
    """With a class (row option access=CLASS): is the head of the predicate's object of that class
    ("received UN inspectors", "accepted UN peacekeepers"; not "welcomed the report of UN inspectors")?
    Without: is the act `pred` permits, its infinitive or clause ("allowed X to enter", "let X visit",
    "gave permission for X to deliver aid", "granted X permission to inspect"), one of access (cues
    "access" "verbs"; or a particle of entry on the verb, "let X in"), or the use of a facility ("to use
    its air bases": "use_verbs" with a "facilities" head)? Not when that act's object or oblique is one
    of "not_objects" ("to enter the talks"); "allowed prices to rise", "allowed Y to strike Z" permit no
    access."""
    if cls:
        return cls in ex.object_classes(pred)[0]
    view, data = ex.view, ex.view.data
    verbs, uses = data.words("access", "verbs"), data.words("access", "use_verbs")
    places, others = data.words("access", "facilities"), data.words("access", "not_objects")
    if any(c.dep_ == "compound:prt" and lemma(c) in data.words("access", "particles") for c in pred.children):
        return True  # "let UN inspectors in", "allowed them back into X"
    heads = [pred, *(c for c in pred.children if c.i in view.consumed)]  # the support noun's clause
    for head in heads:
        for comp in head.children:
            if comp.dep_ not in ("xcomp", "ccomp", "advcl", "acl") or comp.pos_ != "VERB":
                continue
            objects = [{lemma(o), o.text.lower()} for o in comp.children if o.dep_ in ("obj", "obl")]
            if any(words & others for words in objects):
                continue  # "to enter the talks", "to reach an agreement": no place entered
            if lemma(comp) in verbs or (lemma(comp) in uses and any(words & places for words in objects)):
                return True
    return False
