"""The source of a material act noun that a main-assertion verb of authorising or funding governs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allymap.extract.args import lemma
from allymap.extract.flags import control_chain, flags_for
from allymap.extract.hung import hung_markers
from allymap.extract.hung import verb_target as verb_target  # re-exported for the engine
from allymap.extract.items import paired_sides
from allymap.extract.subtree import main_assertion

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.engine import SentenceExtractor
    from allymap.extract.items import Item
    from allymap.extract.langdata import Trigger
    from allymap.extract.roles import Actors

# A language-neutral reading over Universal Dependencies relations: a nominal trigger of a material
# cooperation (aid, a deployment of peacekeepers, a return) whose own phrase names its recipient but not its
# giver, as the object of a verb that authorises, funds or backs it ("X authorised assistance to Y", "X has
# consistently funded aid to Y", "X approved the release of $N in aid to Y"), is X's act towards Y: the noun
# is its own event, as with a support verb, and the governing verb gives it its source (cues
# "governed_acts" "verbs"; the noun may hang, through "of"/"in", on an amount or on a noun of handing over,
# cues "governed_acts" "carriers": "the release of $N in aid to Y").
#  - Cooperation types only (AID, COOPERATE, RETREAT): "X backed strikes on Y" or "X supported sanctions
#    on Y" state X's position on another's act; no record of the strike or the sanction by X is made.
#  - Only when the governing verb is the sentence's main assertion and is not negated (subtree.py,
#    `main_assertion`): never inside what a statement, claim, wish or condition governs ("X said it would
#    fund aid to Y", "X voiced support for aid to Y": a noun, not a governing verb).
#  - The record's confidence is lowered as the subtree fallback's (`SentenceExtractor.deep`, FOUND_BY).
COOPERATION = frozenset({"AID", "COOPERATE", "RETREAT"})
FOUND_BY = "governor"


def _governor(ex: SentenceExtractor, noun: Token) -> Token | None:
    """The listed verb whose object is the noun (or a noun carrying it, or the first of its conjuncts)."""
    verbs = ex.data.words("governed_acts", "verbs")
    carriers = ex.data.words("governed_acts", "carriers")
    tok = noun
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head  # "funded assistance to X and contributions to Y"
    if tok.dep_ == "nmod" and ex.view.marker_of(tok) in ("of", "in"):
        carrier = tok.head  # "the release of $N in aid to Y", "a tranche of aid to Y"
        amount = carrier.pos_ == "NUM" or any(c.dep_ == "nummod" for c in carrier.children)
        if carrier.dep_ == "nmod" and ex.view.marker_of(carrier) == "of" and carrier.head.dep_ == "obj":
            amount, carrier = amount and lemma(carrier.head) in carriers, carrier.head  # "the release of $N"
        if not (amount or lemma(carrier) in carriers) or ex.item_at(carrier) is not None:
            return None
        tok = carrier
    gov = tok.head
    if tok.dep_ != "obj" or gov.pos_ != "VERB" or lemma(gov) not in verbs:
        return None
    return gov


def _verb_phrases(ex: SentenceExtractor, pred: Token, row: Trigger) -> list[Item]:
    """The governing verb's own phrases whose marker the noun's frame reads as its target ("X authorised
    aid to Y", parsed with "to Y" on the verb): the noun's recipient, hung on the verb by the parser."""
    if row.type not in COOPERATION or ex.view.pos_of(pred)[1] == "VERB":
        return []
    gov = _governor(ex, pred)
    if gov is None:
        return []
    return [
        it
        for it in ex.args_of(gov)
        if not it.nested and it.via != "place" and row.frame.get(it.marker or "") == "target"
    ]


def governed_markers(ex: SentenceExtractor, pred: Token, row: Trigger) -> set[str]:
    """The markers a row's `needs` may find on the governing verb instead of the noun (`_verb_phrases`),
    or on a governing verb of reaction (hung.py); "plural" for a noun qualified by two actors' names."""
    return (
        {str(it.marker) for it in _verb_phrases(ex, pred, row)}
        | hung_markers(ex, pred, row)
        | paired_sides(ex, pred)
    )


def governed_source(ex: SentenceExtractor, pred: Token, row: Trigger, target: Actors) -> Actors:
    """The subject of the governing verb as the noun's source (marking it in `ex.deep`), else nothing.
    A noun with no recipient of its own takes the verb's (`_verb_phrases`): `target` is extended in place."""
    if row.type not in COOPERATION or ex.view.pos_of(pred)[1] == "VERB":
        return []
    gov = _governor(ex, pred)
    if gov is None:
        return []
    if not target:
        target.extend(a for it in _verb_phrases(ex, pred, row) for a in ex.resolve(it))
    if not target:
        return []
    flags = flags_for(ex.view, gov, control_chain(gov))
    if flags.negated or not main_assertion(ex, gov, flags):
        return []
    taken = {c for c, _ in target}
    source = [(c, t) for c, t in ex.subject_of(gov) if c not in taken]
    if source:
        ex.deep[pred.i] = FOUND_BY
    return source
