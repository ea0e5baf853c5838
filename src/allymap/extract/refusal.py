"""A yielding act its actor says it will not do ("X will not lift the ban on Y") is a refusal: REJECT."""

from __future__ import annotations

from dataclasses import replace

from allymap.extract.args import lemma
from allymap.extract.engine import Candidate
from allymap.extract.flags import Flags, mood_of, own_negation
from allymap.extract.langdata import LangData


def as_refusal(cand: Candidate, data: LangData) -> Candidate:
    """PLOVER REJECT ("refuse to yield": CAMEO 1241-1246, refuse to ease sanctions, to release persons,
    to de-escalate) for an act of a type listed in cues "refusal" "types" that is negated in the future
    tense on its own verb ("will not release the prisoners", "won't end the strike", "said it would not lift
    the ban"). A negated past ("did
    not lift") stays a negated record of its type, and a hypothetical one ("if X will not ...") too."""
    types = data.words("refusal", "types")
    if not types or cand.row.kind != "event" or cand.row.type not in types:
        return cand
    if not cand.flags.negated or cand.flags.modality not in ("intended", "alleged"):
        return cand
    verb = cand.anchor_token
    if verb.pos_ != "VERB" or not own_negation(verb, data):
        return cand
    mood = mood_of(verb, data)  # "said it would not release them": the future of reported speech
    reported = verb.dep_ == "ccomp" and lemma(verb.head) in data.words("attribution", "speech_verbs")
    if not (mood == "fut" or (mood == "cond" and reported)):
        return cand
    row = replace(cand.row, type=str(data.cue("refusal", "type")), mode=None)
    return replace(cand, row=row, mode=None, flags=Flags(False, "asserted", cand.flags.alleged_by_speech))
