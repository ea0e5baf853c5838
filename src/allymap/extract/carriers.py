"""A noun of handing over ("the delivery of aid") yields its trigger row to the act noun it carries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allymap.extract.items import lemma

if TYPE_CHECKING:
    from allymap.extract.args import SentenceView

# "the release of U.S. military aid to Y", "a delivery of German assistance to Y", "the transfer of weapons
# aid": a noun of handing over (cues "governed_acts" "carriers") whose of-phrase is itself an act noun with a
# trigger row only carries that act; the inner noun is the event, with its own modifiers as its agent (a
# compound or a demonym before it) and its own recipient. Without this the carrier kept the row (a release
# read as RETREAT, a delivery whose frame has no slot for the inner noun's demonym) and the inner noun was
# dropped as a mere qualifier. The phrases of the carrier are the act's ("the delivery of aid to Y", "X's
# release of aid": `SentenceView.attach`), and a verb governing the carrier governs the act (`light_verb`,
# governed.py: "X approved the release of aid to Y"). A carrier with no act noun under it keeps its own
# row ("the release of the hostages", "the delivery of tanks to Y"). A bundle noun carries the act noun
# compounded before it the same way ("approved an aid package for Y").


def yield_carriers(view: SentenceView) -> None:
    """Drop the row of each carrier noun whose of-phrase (or its first conjunct) is a trigger noun."""
    carriers = view.data.words("governed_acts", "carriers")
    if not carriers:
        return
    for i in list(view.rows):
        tok = view.doc[i]
        if view.pos_of(tok)[1] != "NOUN" or lemma(tok) not in carriers or i in view.consumed:
            continue
        for child in tok.children:
            if child.dep_ != "nmod" or child.i < tok.i or view.marker_of(child) != "of":
                continue
            if child.i in view.rows and view.pos_of(child)[1] == "NOUN" and child.i not in view.token_mention:
                del view.rows[i]
                view.carried[i] = child.i
                break
    _compound_carriers(view)


def _compound_carriers(view: SentenceView) -> None:
    """ "an aid package for X", "a sanctions package against X", "mediation efforts between X and Y": a
    noun that names a bundle or an undertaking of the act (cues "governed_acts" "compound_carriers")
    carries the trigger noun compounded before it; the phrases hung on it are the act's."""
    bundles = view.data.words("governed_acts", "compound_carriers")
    if not bundles:
        return
    for tok in view.tokens:
        if tok.pos_ != "NOUN" or lemma(tok) not in bundles or tok.i in view.carried:
            continue
        acts = [c for c in tok.children if c.dep_ == "compound" and c.i < tok.i and c.i in view.rows]
        if len(acts) == 1 and acts[0].pos_ == "NOUN" and acts[0].i not in view.token_mention:
            view.rows.pop(tok.i, None)
            view.carried[tok.i] = acts[0].i
