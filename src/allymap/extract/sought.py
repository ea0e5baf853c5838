"""The recipient of a person handed over, named by who seeks them: "extradited a man wanted in X"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allymap.extract.items import lemma
from allymap.extract.roles import dedupe_actors

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.engine import SentenceExtractor
    from allymap.extract.langdata import Trigger
    from allymap.extract.roles import Actors

# Row option sought (extradite, extradition): with no recipient of its own, a person extradited goes to the
# state that seeks them, named right on a participle qualifying that person ("a hacker wanted in X",
# "a general sought by X", "a banker convicted in X"; cues "sought" "participles") or on the act's own
# purpose infinitive ("extradited him to stand trial in X", "to face charges in X"; cues "sought"
# "purposes"), with one of the cue's markers (in, by) on that word or its object noun. Only states,
# capitals and organisations (a tribunal's organisation); never deeper ("wanted for crimes committed in
# X": where a crime was committed does not say who asks for the person), never the person's own nationality
# ("a Russian hacker": whoever seeks him is unsaid).
KINDS = frozenset({"state", "capital", "org"})


def sought_by(ex: SentenceExtractor, pred: Token, row: Trigger, source: Actors) -> Actors:
    """The states that seek the person the act hands over, or nothing."""
    if "sought" not in row.options:
        return []
    cue: dict[str, list[str]] = ex.data.cue("sought") or {}
    participles, purposes = set(cue.get("participles", [])), set(cue.get("purposes", []))
    markers = set(cue.get("markers", []))
    is_verb = ex.view.pos_of(pred)[1] == "VERB"
    patients = [
        c
        for c in pred.children
        if (c.dep_ == "obj" if is_verb else c.dep_ == "nmod" and ex.view.marker_of(c) == "of")
    ]
    words = [  # a reduced relative, whatever the tagger says of its form ("wanted" is often tagged finite)
        p
        for pat in patients
        for p in pat.children
        if p.dep_ == "acl" and lemma(p) in participles and not any(k.dep_ == "nsubj" for k in p.children)
    ]
    for c in pred.children:  # "extradited him to face charges in X"
        if c.dep_ in ("advcl", "xcomp") and lemma(c) in purposes and c.i > pred.i:
            if any(m.dep_ in ("aux", "mark") and m.i < c.i for m in c.children):
                words += [c, *(o for o in c.children if o.dep_ == "obj")]
    own = {c for c, _ in source}
    found: Actors = []
    for word in words:
        for it in ex.args_of(word):
            if it.via != "mention" or it.nested or it.marker not in markers or not set(it.kinds) <= KINDS:
                continue
            found.extend((c, t) for c, t in ex.resolve(it) if c not in own)
    return dedupe_actors(found)
