"""An act noun that is the subject of a verb of happening takes that verb's frame phrases."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allymap.extract.items import lemma

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.args import SentenceView
    from allymap.extract.langdata import LangData

# "Clashes erupted between X and Y", "fighting broke out between X and Y", "talks resumed with X": the
# parser hangs the prepositional phrase on the verb of happening (cues "happening_verbs": erupt, break
# out, resume ...), which says only that the act took place; the phrase is the act noun's. A phrase whose
# marker the noun's trigger rows do not read stays the verb's ("clashes erupted in X": a place).


def happening_verb(verb: Token, data: LangData) -> bool:
    """Is `verb` one that only says an act took place (cues "happening_verbs"), with its particle?"""
    words = data.words("happening_verbs", "words")
    particle = " ".join(c.text.lower() for c in verb.children if c.dep_ in ("prt", "compound:prt"))
    return lemma(verb) in words or f"{lemma(verb)} {particle}" in words


def happening_host(view: SentenceView, verb: Token, node: Token) -> Token | None:
    """The act noun subject of `verb` that takes `node`, an oblique phrase of `verb`, or None."""
    if node.dep_ != "obl" or any(c.dep_ == "obj" for c in verb.children):
        return None
    if not happening_verb(verb, view.data):
        return None
    marker = view.marker_of(node)
    if marker and any(marker in row.frame for row in view.rows.get(verb.i, [])):
        return None  # the verb's own reading of the phrase
    for noun in verb.children:
        if noun.dep_ != "nsubj" or noun.i > node.i or view.pos_of(noun)[1] != "NOUN":
            continue
        rows = view.rows.get(noun.i, [])
        if marker and any(row.frame.get(marker) in ("target", "both") for row in rows):
            return noun
    return None
