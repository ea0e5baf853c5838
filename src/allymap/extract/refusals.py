"""Conditional refusals: "X will not lift the ban until Y complies" is X rejecting Y (PLOVER REJECT)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from allymap.extract.flags import Flags, own_negation
from allymap.extract.items import lemma
from allymap.extract.ruledout import ruled_out

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.langdata import Trigger
    from allymap.extract.roles import Roles


def condition_clause(roles: Roles, pred: Token) -> Token | None:
    """The adverbial clause of `pred` opened by a word of cues "refusal" "conditions" ("until", "unless")."""
    words = roles.data.words("refusal", "conditions")
    for c in pred.children:
        if c.dep_ == "advcl" and c.i > pred.i and c.pos_ in ("VERB", "AUX"):
            if any(m.dep_ == "mark" and m.text.lower() in words for m in c.children if m.i < c.i):
                return c
    return None


def refusal_row(roles: Roles, pred: Token, row: Trigger) -> Trigger:
    """A negated act of yielding or meeting (cues "refusal" "types": lift sanctions, release, resume talks)
    held back until another party acts is a refusal of that party: the row read as REJECT, its target the
    condition clause's subject when the act names none ("will not lift the embargo until Y reforms": X
    rejects Y); so is refusing it ("refuses to lift the ban until Y ..."). A negated row with option
    negated_type=TYPE is read as that type, asserted ("did not accept X's proposal": REJECT). Any other
    row is returned as it is."""
    types = roles.data.words("refusal", "types")
    if _refusing(roles, pred, row, types):  # "refuses to lift the ban until Y complies": Y is refused
        return replace(row, frame={**row.frame, "until_subj": "target"})
    verb = refused_verb(roles, pred)
    out = verb is not None and ruled_out(
        verb, roles.data
    )  # "X said lifting sanctions is out of the question"
    if "negated_type" in row.options and verb is not None and (out or own_negation(verb, roles.data)):
        kept = {k: v for k, v in row.options.items() if k != "negated_type"}  # "did not accept X's offer"
        return replace(row, type=row.options["negated_type"], options={**kept, "refusal": ""})
    if row.kind != "event" or row.type not in types or verb is None:
        return row
    if not (out or own_negation(verb, roles.data)):
        return row
    if condition_clause(roles, verb) is None and (out or stated_refusal(roles, verb)):
        kept = {k: v for k, v in row.options.items() if k != "sym"}  # "X will not meet Y": X refuses Y
        return replace(row, type="REJECT", mode=None, options={**kept, "refusal": ""})
    if condition_clause(roles, verb) is None or _past(verb):
        return row  # "did not lift the ban until Y acted": it was lifted then, no refusal
    frame = {**row.frame, "until_subj": "target"}
    options = {k: v for k, v in row.options.items() if k not in ("sym", "absorb", "alone", "needs")}
    return replace(row, type="REJECT", mode=None, frame=frame, options={**options, "refusal": ""})


def _refusing(roles: Roles, pred: Token, row: Trigger, types: frozenset[str]) -> bool:
    """A refusal row (REJECT whose complement states what is refused) whose complement is an act of
    yielding or meeting with no other party of its own ("lift the ban", "resume talks"), held back until
    another party acts: the condition on either verb."""
    if row.type != "REJECT" or row.frame.get("xcomp") != "target" or own_negation(pred, roles.data):
        return False
    build = getattr(roles, "build", lambda _: None)
    for c in (c for c in pred.children if c.dep_ == "xcomp"):
        acts = [c, *(n for n in c.children if n.dep_ == "obj")]  # the verb, or the noun it supports
        if not any(r.type in types for t in acts for r in roles.view.rows.get(t.i, [])):
            continue
        if any((cand := build(t)) is not None and cand.target for t in acts):
            return False  # "refuses to lift the embargo on X until ...": X is refused
        return condition_clause(roles, pred) is not None or condition_clause(roles, c) is not None
    return False


def stated_refusal(roles: Roles, verb: Token) -> bool:
    """A negated act of yielding or meeting stated as the actor's own future (cues "refusal"
    "auxiliaries": "X will not lift the ban on Y", "X won't attend the talks"), or reported with one of
    the "reported_auxiliaries" under a speech verb ("X said it would not release them"): a refusal, not
    an act that did not happen ("did not lift")."""
    auxes = {lemma(c) for c in verb.children if c.dep_ == "aux"}
    if auxes & roles.data.words("refusal", "auxiliaries"):
        return True
    speech = roles.data.words("attribution", "speech_verbs")
    reported = verb.dep_ == "ccomp" and lemma(verb.head) in speech
    return reported and bool(auxes & roles.data.words("refusal", "reported_auxiliaries"))


def _past(verb: Token) -> bool:
    """A finite past verb or auxiliary ("did not", "never lifted")."""
    words = [verb, *(c for c in verb.children if c.dep_ == "aux")]
    return any({"Tense=Past", "VerbForm=Fin"} <= set(str(t.morph).split("|")) for t in words)


def refused_verb(roles: Roles, pred: Token) -> Token | None:
    """The verb a refusal negates: the trigger verb, or the support verb of a trigger noun ("will not
    resume talks")."""
    if roles.view.pos_of(pred)[1] == "VERB" or any(c.dep_ == "xcomp" for c in pred.children):
        return pred  # a verb, or a predicate adjective with its infinitive ("is not willing to meet X")
    light: Token | None = getattr(roles, "light_verb", lambda _: None)(pred)
    return light


def refused_flags(flags: Flags, row: Trigger) -> Flags:
    """A refusal is asserted, not negated; a condition ("unless Y complies") makes it no hypothesis."""
    modality = "intended" if flags.modality == "hypothetical" else flags.modality
    return Flags(False, modality, flags.alleged_by_speech) if "refusal" in row.options else flags


def until_subjects(roles: Roles, pred: Token) -> list[tuple[str, str]]:
    """The actors named as subject of the condition clause of a refusal row."""
    verb = refused_verb(roles, pred)
    clause = condition_clause(roles, verb) if verb is not None else None
    for c in pred.children:  # "refuses to lift the ban until Y complies": the complement's condition
        if clause is None and c.dep_ == "xcomp":
            clause = condition_clause(roles, c)
    if clause is None:
        return []
    return [
        a for it in roles.args_of(clause) if it.marker == "subj" and not it.nested for a in roles.resolve(it)
    ]
