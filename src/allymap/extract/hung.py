"""An act noun's target phrase that the parser hung on the verb of reaction governing the noun."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allymap.extract.args import lemma

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.engine import SentenceExtractor
    from allymap.extract.items import Item
    from allymap.extract.langdata import Trigger
    from allymap.extract.roles import Actors

# A language-neutral reading over Universal Dependencies relations: an act noun that names its own doer
# (possessive, adjective, compound or agent phrase) and is the object of a verb whose trigger row takes an
# act as its object (obj=event: condemn, criticise, welcome, reject, rule out ...) often loses its own
# prepositional target to that verb: "Y condemned X's offensive on Z" is parsed with "on Z" on "condemned".
# Condemning an offensive on Z is not condemning Z; such a phrase whose marker the noun's frame reads as
# its target, and that no row of the verb reads, is the noun's target (two events: Y's ACCUSE of X, and
# X's offensive on Z). Never a place (a place names where, not whom) nor a phrase nested in another noun.
TARGET_MARKERS = frozenset({"against", "on", "to", "with", "into"})


def _reaction_verb(ex: SentenceExtractor, noun: Token) -> Token | None:
    """The verb whose object the noun is, when a row of that verb takes an act as its object."""
    gov = noun.head
    if noun.dep_ != "obj" or gov.i == noun.i or ex.view.pos_of(gov)[1] != "VERB":
        return None
    rows = ex.data.lookup(lemma(gov), "VERB")
    if not any(row.frame.get("obj") == "event" for row in rows):
        return None
    return gov


def hung_phrases(ex: SentenceExtractor, pred: Token, row: Trigger) -> list[Item]:
    """The governing verb's phrases that belong to the act noun (see above)."""
    if ex.view.pos_of(pred)[1] == "VERB":
        return []
    gov = _reaction_verb(ex, pred)
    if gov is None:
        return []
    read = {m for r in ex.data.lookup(lemma(gov), "VERB") for m in r.frame}
    return [
        it
        for it in ex.args_of(gov)
        if it.marker in TARGET_MARKERS
        and it.marker not in read
        and row.frame.get(it.marker) in ("target", "both")
        and not it.nested
        and it.via != "place"
        and it.head.i > pred.i
    ]


def hung_markers(ex: SentenceExtractor, pred: Token, row: Trigger) -> set[str]:
    """The markers a row's `needs` may find on the governing verb of reaction (`hung_phrases`)."""
    return {str(it.marker) for it in hung_phrases(ex, pred, row)}


def hung_target(ex: SentenceExtractor, pred: Token, row: Trigger, source: Actors) -> Actors:
    """The act noun's target from the phrases hung on its governing verb, other than its own source."""
    taken = {c for c, _ in source}
    return [a for it in hung_phrases(ex, pred, row) for a in ex.resolve(it) if a[0] not in taken]


def verb_target(
    ex: SentenceExtractor,
    pred: Token,
    row: Trigger,
    support: tuple[Token | None, set[str], dict[str, str]],
    source: Actors,
) -> Actors:
    """A sourced act noun's target on a verb: its support verb's phrases when the noun has a possessive
    ("X a exprimé sa solidarité à Y"), else a phrase hung on its governing verb of reaction."""
    light, markers, frame = support
    if light is not None:
        return ex._light_target(light, row, frame) if "poss" in markers else []
    return hung_target(ex, pred, row, source)
