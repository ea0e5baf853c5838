"""Which unresolved claimant names may stand in `claimed_by`: outlets and organisations, not persons."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.langdata import LangData

# EVENTS.md: `claimed_by` lists "actor codes or outlet names". A claimant the knowledge base does not
# resolve is kept by name only when the parser's entity label says organisation or a word of the language's
# outlet list ("Journal", "Agency", "agence", "Reuters") is in it; a person ("Mr Brown", a spokesman's name),
# a place or a stray capitalised word ("Legal") gives no claimant rather than a value the contract forbids.
PERSON_OR_PLACE = frozenset({"PERSON", "PER", "GPE", "LOC", "NORP"})


def may_claim(run: Sequence[Token], data: LangData) -> bool:
    """May this run of capitalised words, which resolved to no actor, be written in `claimed_by`?"""
    words = {t.text.lower() for t in run}
    if words & data.words("outlets", "words"):
        return True
    if words & data.words("outlets", "honorifics"):
        return False
    labels = {t.ent_type_ for t in run if t.ent_type_}
    return "ORG" in labels and not labels & PERSON_OR_PLACE
