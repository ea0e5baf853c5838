"""Event nouns that name another act's occasion ("sent aid to Y after the attack"), not its content."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.langdata import LangData


def is_occasion(tok: Token, data: LangData) -> bool:
    """Is the noun a nominal opened by one of cues "light_verb_adjuncts" ("after the attack", "over the
    invasion", "despite the attack"): the occasion of its verb's act, which lends it neither sides nor
    mood?"""
    adjuncts = data.words("light_verb_adjuncts")
    return any(c.dep_ == "case" and c.text.lower() in adjuncts for c in tok.children)
