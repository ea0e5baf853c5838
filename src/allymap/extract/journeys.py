"""The verb of the clause whose subject is on a journey: "X, on a visit to Y, said ..."."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.engine import SentenceExtractor


# A language-neutral reading over Universal Dependencies relations. A visit noun (a trigger row of mode
# "visit") in a phrase of a marker of cues "journeys" "markers" (English "on": "on a three-day visit to Y")
# is the journey the subject of the clause it hangs on is making: "X, on a visit to Y, said ...", "X will
# lead a delegation on a visit to Y" (through the clause's object, a delegation or a team the subject
# leads or sends). That clause's verb is the noun's support verb: it gives the visit its traveller (when
# the noun names none itself), its negation and modality ("will lead": intended). The visit's target is
# its own phrase's ("to Y"); the engine drops a visit whose two sides are one state. Not when the noun has
# an agent phrase of its own ("commented on a visit to Y by Z": Z travels).
def journey_verb(ex: SentenceExtractor, pred: Token) -> Token | None:
    """The verb of the clause a visit noun under a journey marker hangs on, else None."""
    markers = ex.data.words("journeys", "markers")
    if not markers or not any(r.mode == "visit" for r in ex.view.rows.get(pred.i, [])):
        return None
    if ex.view.pos_of(pred)[1] == "VERB" or ex.view.marker_of(pred) not in markers:
        return None
    if any(ex.view.marker_of(c) == "by" for c in pred.children):
        return None
    gov = pred.head
    if gov.pos_ == "NOUN" and gov.dep_ == "obj" and ex.item_at(gov) is None:
        gov = gov.head  # "will lead a delegation on a visit to Y"
    if gov.i == pred.i or gov.pos_ != "VERB":
        return None
    return gov
