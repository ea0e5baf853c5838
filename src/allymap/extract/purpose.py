"""The recipient of aid stated by a purpose clause of a movement: the place the movement goes to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allymap.extract.items import lemma

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.engine import SentenceExtractor
    from allymap.extract.langdata import Trigger
    from allymap.extract.roles import Actors

# "Troops from X arrived in Y to deliver aid", "X's planes flew to Y to help deliver supplies": the aid
# whose own phrase names no recipient goes to the state the movement reaches. Only an aid row (material
# help, PLOVER AID), only a purpose infinitive of a verb of movement (cues "purpose_movement": verbs and
# the markers of their destination), and only when the content verb is the delivery itself: "arrived in Y
# to help evacuate citizens" helps no one in Y ("help" with a complement of another type gives nothing;
# nor does an act that takes people away from Y, cues "purpose_movement" "away").
TYPES = frozenset({"AID"})
PLACES_OF_STATES = frozenset({"state", "capital"})  # a state reached: "arrived in Nepal", "flew to Kyiv"


def purpose_destination(ex: SentenceExtractor, pred: Token, row: Trigger, source: Actors) -> Actors:
    """The destination states of the movement whose purpose clause holds the aid trigger `pred`."""
    cue: dict[str, list[str]] = ex.data.cue("purpose_movement") or {}
    verbs, markers = set(cue.get("verbs", [])), set(cue.get("markers", []))
    if row.type not in TYPES or not verbs or ex.view.pos_of(pred)[1] != "VERB":
        return []
    if lemma(pred) in set(cue.get("away", [])):
        return []  # "arrived in Y to evacuate citizens": the help takes people away from Y
    if any(c.dep_ == "xcomp" for c in pred.children):
        return []  # "to help evacuate citizens": the complement says what the help is
    top = pred
    while top.dep_ == "xcomp" and top.head.i != top.i and top.head.i in ex.view.rows:
        if any(r.type in TYPES for r in ex.view.rows[top.head.i]):
            top = top.head  # "to help deliver aid": the aid verbs of the chain
        else:
            return []
    gov = top.head
    if top.dep_ != "advcl" or "VerbForm=Inf" not in str(top.morph) or gov.i == top.i:
        return []
    if lemma(gov) not in verbs or gov.pos_ != "VERB":
        return []
    own = {c for c, _ in source}
    found: Actors = []
    for it in ex.args_of(gov):
        if it.via != "mention" or it.nested or it.marker not in markers:
            continue
        if not set(it.kinds) <= PLACES_OF_STATES:
            continue
        found.extend((c, t) for c, t in ex.resolve(it) if c not in own)
    return found
