"""Public statements (CAMEO 01, which PLOVER drops) that a trigger row would otherwise make a record."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from allymap.extract.args import lemma

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.engine import Candidate
    from allymap.extract.langdata import LangData


def statement_only(cand: Candidate, data: LangData) -> bool:
    """Is the candidate a public statement, no PLOVER event: words to the press (CAMEO 010), a denial of
    claims or an act only stated in one (016), an act only considered (014), an empathetic message (018)
    or accord with another's view (019)?"""
    return (
        denies_claims(cand, data)
        or in_denied_claim(cand.trigger, data)
        or considered(cand.trigger, data)
        or empathetic(cand, data)
        or shares_view(cand, data)
        or to_press(cand, data)
    )


def denies_claims(cand: Candidate, data: LangData) -> bool:
    """ "X rejected Y's allegations", "dismissed Y's charges that it ...", "refuted Y's claims about
    ...": a denial of responsibility (CAMEO 016), whoever the accuser; not a claim of a right ("rejected
    Y's territorial claims", "claims to the islands": CAMEO 12). Cues "denied_claims" "no_record": the
    types such a denial would give."""
    pred = cand.trigger
    if cand.row.type not in data.words("denied_claims", "no_record"):
        return False
    claims = _claims(pred, data)
    return bool(claims) and not any(_right(c, pred, data) for c in claims)


def _claims(pred: Token, data: LangData) -> list[Token]:
    """The claim nouns a denial verb takes: its object, or a nominal the parse hangs on it with one of
    cues "denied_claims" "cases" or none ("rejected as baseless Y's claims")."""
    if lemma(pred) not in data.words("denied_claims", "verbs"):
        return []
    nouns, cases = data.words("denied_claims", "nouns"), data.words("denied_claims", "cases")
    return [
        c
        for c in pred.children
        if lemma(c) in nouns
        and (
            c.dep_ in ("obj", "dobj")
            or (c.dep_ == "obl" and all(k.text.lower() in cases for k in c.children if k.dep_ == "case"))
        )
    ]


def in_denied_claim(tok: Token, data: LangData) -> bool:
    """Is the act stated only in a claim a denial verb takes ("rejected as baseless Y's claims that it had
    attacked Y"): nobody asserts it."""
    cur = tok
    for _ in range(6):
        head = cur.head
        if head.i == cur.i:
            return False
        if cur.dep_ in ("acl", "ccomp", "acl:relcl", "nmod") and head in _claims(head.head, data):
            return True
        cur = head
    return False


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
    """ "X is considering expelling Y's diplomats", "is studying the possibility of sending troops to Y":
    an option weighed (CAMEO 014, cues "statements" "deliberation", through one of its "options" nouns),
    not an act done, intended or threatened."""
    verbs, options = data.words("statements", "deliberation"), data.words("statements", "options")
    cur = tok
    for _ in range(4):
        head = cur.head
        if head.i == cur.i or cur.dep_ not in ("xcomp", "obj", "dobj", "ccomp", "acl", "nmod"):
            return False
        if head.pos_ == "VERB" and lemma(head) in verbs:
            return cur.dep_ in ("xcomp", "obj", "dobj", "ccomp")
        chained = cur.dep_ == "xcomp" or (cur.i == tok.i and cur.dep_ in ("obj", "dobj"))
        if not (lemma(head) in options or (head.pos_ == "VERB" and chained)):
            return False  # "considering asking Y to send troops", "considering sending aid": its chain
        cur = head
    return False


def empathetic(cand: Candidate, data: LangData) -> bool:
    """ "X sent a letter of condolence to Y", "a condolence message": a message whose kind is empathy
    (CAMEO 018, cues "object_classes" "empathy") is no contact of PLOVER's (cues "statements"
    "empathy_types")."""
    if cand.row.type not in data.words("statements", "empathy_types"):
        return False
    empathy = data.words("object_classes", "empathy")
    pred = cand.trigger
    messages = [pred, *(c for c in pred.children if c.dep_ in ("obj", "dobj"))]
    return any(k.dep_ in ("nmod", "compound") and lemma(k) in empathy for m in messages for k in m.children)


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


def to_press(cand: Candidate, data: LangData) -> bool:
    """ "X spoke to reporters in Delhi", "briefed journalists": words to the press are a statement
    (CAMEO 010), no contact with the press's country (cues "statements" "audiences", "audience_types")."""
    if cand.row.type not in data.words("statements", "audience_types"):
        return False
    audiences = data.words("statements", "audiences")
    return any(
        c.dep_ in ("obj", "dobj", "iobj", "obl") and lemma(c) in audiences for c in cand.trigger.children
    )


def disowned(cand: Candidate, data: LangData) -> Candidate:
    """The candidate, negated and intended at most when its act is an intention disowned ("X has no plans
    to attack Y")."""
    if not disowned_intent(cand.trigger, data):
        return cand
    flags = cand.flags
    modality = "intended" if flags.modality in ("asserted", "alleged") else flags.modality
    return replace(cand, flags=replace(flags, negated=not flags.negated, modality=modality))


def disowned_intent(tok: Token, data: LangData) -> bool:
    """ "X has no plans to attack Y", "no intention of invading Y": the act is the complement of a noun
    of intention (cues "modality" "intended_nouns") that a negative determiner (cues "negation"
    "determiners") denies: an intention disowned, the act not intended."""
    nouns, dets = data.words("modality", "intended_nouns"), data.words("negation", "determiners")
    cur = tok
    for _ in range(3):
        head = cur.head
        if head.i == cur.i or cur.dep_ not in ("acl", "nmod", "xcomp", "obj", "dobj"):
            return False
        if head.pos_ == "NOUN" and lemma(head) in nouns:
            return cur.dep_ in ("acl", "nmod") and any(
                c.dep_ == "det" and c.text.lower() in dets for c in head.children
            )
        cur = head
    return False


def _case(tok: Token) -> str:
    return next((c.text.lower() for c in tok.children if c.dep_ == "case"), "")
