"""Acts a clause rules out: "lifting the sanctions is out of the question" states the act will not be done."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allymap.extract import mood as moods

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.langdata import LangData


def ruled_out(tok: Token, data: LangData) -> bool:
    """Is the trigger, or the verbal noun or gerund clause holding it, the subject of a predicate of cues
    "negation" "ruled_out" ("attacking X is out of the question", "an attack on X is off the table")? Not
    when that predicate is itself negated ("is not out of the question")."""
    phrases = data.words("negation", "ruled_out")
    adverbs = data.words("negation", "adverbs")
    node = tok
    for _ in range(8):
        head = node.head
        if head.i == node.i or not phrases:
            return False
        if node.dep_.startswith(("csubj", "nsubj")) and node.i < head.i:
            if any(c.text.lower() in adverbs for c in head.children):
                return False
            last = max(t.i for t in node.subtree)
            rest = " ".join(t.text.lower() for t in head.subtree if t.i > last and not t.is_punct)
            return any(f" {p} " in f" {rest} " for p in phrases)
        if moods.is_finite(node):
            return False
        node = head
    return False
