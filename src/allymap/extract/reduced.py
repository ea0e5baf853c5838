"""Reduced passive relatives: the noun a passive participle qualifies is its object ("X, attacked by Y")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Token


def reduced_passive(tok: Token) -> bool:
    """A participle qualifying the noun before it, passive by its form or by its agent phrase (a tagger may
    read "the sanctions, lifted by X" as a past tense)."""
    if tok.dep_ != "acl" or tok.head.i >= tok.i:
        return False
    return {"VerbForm=Part", "Tense=Past"} <= set(str(tok.morph).split("|")) or any(
        c.dep_ == "obl:agent" for c in tok.children
    )


def reduced_patient(ex: Any, pred: Token) -> list[tuple[str, str]]:
    """The actors of the noun a reduced passive participle qualifies ("Germany, attacked by France":
    Germany); nothing when that noun is the verb's support noun ("the ties, restored with X")."""
    if not reduced_passive(pred) or pred.head.i in ex.view.consumed:
        return []
    item = ex.item_at(pred.head)
    return list(ex.resolve(item)) if item is not None else []
