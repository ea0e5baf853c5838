"""Public statements (CAMEO 01, which PLOVER drops) that a trigger row would otherwise make a record."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allymap.extract.args import lemma
from allymap.extract.flags import control_chain

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.engine import Candidate
    from allymap.extract.langdata import LangData


def statement_only(cand: Candidate, data: LangData) -> bool:
    """Is the candidate a public statement, no PLOVER event: a denial of claims (CAMEO 016), an act only
    considered (014), or accord with another's view (019)?"""
    return denies_claims(cand, data) or considered(cand.trigger, data) or shares_view(cand, data)


def denies_claims(cand: Candidate, data: LangData) -> bool:
    """ "X rejected Y's allegations", "dismissed Y's charges that it ...", "refuted Y's claims about
    ...": a denial of responsibility (CAMEO 016), whoever the accuser; not a claim of a right ("rejected
    Y's territorial claims", "claims to the islands": CAMEO 12). Cues "denied_claims" "no_record": the
    types such a denial would give."""
    pred = cand.trigger
    if cand.row.type not in data.words("denied_claims", "no_record"):
        return False
    if lemma(pred) not in data.words("denied_claims", "verbs"):
        return False
    nouns = data.words("denied_claims", "nouns")
    claims = [c for c in pred.children if c.dep_ in ("obj", "dobj") and lemma(c) in nouns]
    return bool(claims) and not any(_right(c, pred, data) for c in claims)


def _right(claim: Token, pred: Token, data: LangData) -> bool:
    """Is the claim one of a right, territory or sovereignty (cues "denied_claims" "rights" qualifying it,
    or "right_markers" opening a nominal of the claim or of its verb)?"""
    if any(lemma(c) in data.words("denied_claims", "rights") for c in claim.children):
        return True
    marks = data.words("denied_claims", "right_markers")
    for node in (claim, pred):
        for c in node.children:
            if c.dep_ in ("nmod", "obl") and c.i > claim.i:
                if any(k.dep_ == "case" and k.text.lower() in marks for k in c.children):
                    return True
    return False


def considered(tok: Token, data: LangData) -> bool:
    """ "X is considering expelling Y's diplomats", "mulls sending aid to Y": an option weighed (CAMEO 014,
    cues "statements" "deliberation"), not an act done, intended or threatened."""
    verbs = data.words("statements", "deliberation")
    return bool(verbs) and any(lemma(v) in verbs for v in control_chain(tok)[:2])


def shares_view(cand: Candidate, data: LangData) -> bool:
    """ "X agrees with Y that the crisis must end", "agreed with Y on the need for ...": accord with
    another's view (CAMEO 019, cues "statements" "accord"), not an agreement to act; one the clause states
    as a coming act stays ("agreed with Y that they would resume talks": will, would)."""
    pred = cand.trigger
    accord = data.cue("statements", "accord")
    if not isinstance(accord, dict) or lemma(pred) not in accord.get("verbs", []):
        return False
    if cand.row.type not in accord.get("types", []):
        return False
    withs = [c for c in pred.children if c.dep_ == "obl" and _case(c) in accord.get("with", [])]
    if not withs:
        return False
    future = set(accord.get("future", []))
    for c in pred.children:
        if c.dep_ == "ccomp":  # "that the crisis must end"; not "that they would resume talks"
            return not any(t.text.lower() in future for t in c.subtree)
        if c.dep_ == "obl" and _case(c) in accord.get("on", []) and lemma(c) in accord.get("views", []):
            return True  # "on the need for stability"
    return False


def _case(tok: Token) -> str:
    return next((c.text.lower() for c in tok.children if c.dep_ == "case"), "")
