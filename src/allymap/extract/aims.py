"""Row option purpose_of: the act a to-infinitive aim or an -ing adjunct serves, and whether its type fits."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.engine import SentenceExtractor


def serves(ex: SentenceExtractor, pred: Token, types: set[str]) -> bool:
    """Is `pred` the aim of an act of one of `types`: a to-infinitive ("sent aid to support X") or an -ing
    adjunct ("carried out a raid, targeting X") of a verb whose row has such a type, or of a support verb
    whose object noun's row has ("launched strikes, targeting X")?"""
    gov = pred.head
    while pred.dep_ == "acl" and gov.dep_ in ("obj", "nmod") and gov.head.i != gov.i:
        gov = gov.head  # "shipped ammunition to support X", the aim parsed on the object
    if gov.i == pred.i or pred.dep_ not in ("advcl", "xcomp", "acl"):
        return False
    infinitive = any(c.dep_ in ("aux", "mark") for c in pred.children if c.i < pred.i)
    adjunct = pred.dep_ == "advcl" and pred.tag_ == "VBG" and pred.i > gov.i and not infinitive
    if not (infinitive or adjunct):
        return False
    rows = [ex.choose_row(gov)]
    if gov.pos_ == "VERB":  # the support verb's act noun: "carried out a raid", "launched strikes to"
        rows += [ex.choose_row(c) for c in gov.children if c.dep_ == "obj" and c.i in ex.view.rows]
    return any(row is not None and row.type in types for row in rows)
