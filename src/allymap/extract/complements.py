"""The event an infinitival complement states, for a matrix verb or adjective that takes its target."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.engine import Candidate, SentenceExtractor
    from allymap.extract.langdata import Trigger
    from allymap.extract.roles import Actors


def complement_target(ex: SentenceExtractor, pred: Token, row: Trigger, exclude: set[str]) -> Actors:
    """The target of the event a verb's complement states ("refused to lift the ban on X"); with the
    row option xcomp_type=TYPE|..., only a complement of those types ("refused to attack X" is no
    refusal towards X). A complement verb that states no event of its own may carry a predicate noun
    it supports ("is ready to hold talks with X", "agreed to contribute support to X"). A domestic
    complement keeps its target when it names them ("threatened to arrest the strikers": the state's own
    people; not "agreed to release the four", whose target would be only the act's own word)."""
    types = set(row.options["xcomp_type"].split("|")) if "xcomp_type" in row.options else None
    for c in pred.children:
        if c.dep_ != "xcomp":
            continue
        for verb in (c, *_controlled_conjuncts(c)):  # "agreed to disarm and cooperate with X"
            for nested in _complement_events(ex, verb):
                if types is None or nested.row.type in types:  # "offered to host talks between X and Y"
                    sides = nested.source + nested.target if nested.symmetric else nested.target
                    home = {c for c, _ in nested.source} == {c for c, _ in nested.target} == exclude
                    words = {nested.trigger.text, nested.anchor_token.text}
                    if home and all(t in words for _, t in nested.target):
                        home = False  # "agreed to release the four": no one of its own people named
                    found = [(code, t) for code, t in sides if code not in exclude or home]
                    if nested.found_by:  # a side found by the fallback: so is the matrix verb's
                        ex.deep[pred.i] = nested.found_by
                    if found or not _controlled_conjuncts(c):
                        return found
    return []


def complement_fits(ex: SentenceExtractor, pred: Token, row: Trigger) -> bool:
    """Has the predicate an infinitival complement, stating an act of the row's xcomp_type types when it
    names them and the lemma has another row with its own xcomp types? A row whose complement is of other
    types then gives way to that row ("vowed to attack X": THREATEN; "vowed to hold talks with X": AGREE);
    a lemma's only row keeps its complement as before ("declined to comment" stays a candidate)."""
    comps = [c for c in pred.children if c.dep_ == "xcomp"]
    others = [r for r in ex.view.rows.get(pred.i, []) if r is not row and "xcomp_type" in r.options]
    if not comps or "xcomp_type" not in row.options or not others:
        return bool(comps)
    types = set(row.options["xcomp_type"].split("|"))
    return any(
        nested.row.type in types
        for c in comps
        for verb in (c, *_controlled_conjuncts(c))
        for nested in _complement_events(ex, verb)
    )


def _controlled_conjuncts(verb: Token) -> list[Token]:
    """The later verbs coordinated with an infinitival complement that have no subject of their own:
    the matrix verb governs them too ("agreed to lay down arms and cooperate with X")."""
    return [
        t
        for t in verb.conjuncts
        if t.i > verb.i and t.pos_ == "VERB" and not any(d.dep_.startswith("nsubj") for d in t.children)
    ]


def one_sided_complement(ex: SentenceExtractor, pred: Token, row: Trigger) -> bool:
    """Does the verb's complement state a one-sided act of the row's xcomp types, with no other party
    ("refused to step down", "declined to resign": a CONCEDE with an empty target)? With the row option
    lone_xcomp, the matrix verb's act (the refusal, PLOVER REJECT) then has no other party either."""
    if "lone_xcomp" not in row.options:
        return False
    types = set(row.options["xcomp_type"].split("|")) if "xcomp_type" in row.options else None
    for c in pred.children:
        if c.dep_ == "xcomp":
            for nested in _complement_events(ex, c):
                if (types is None or nested.row.type in types) and not nested.target:
                    return True
    return False


def _complement_events(ex: SentenceExtractor, verb: Token) -> list[Candidate]:
    """The candidate of the complement verb, else those of the predicate nouns it supports."""
    own = ex.build(verb) if verb.i in ex.view.rows else None
    if own is not None:
        return [own]
    if ex.view.pos_of(verb)[1] != "VERB":
        return []
    out: list[Candidate] = []
    for noun in verb.children:
        if noun.i not in ex.view.rows or noun.i in ex.view.consumed:
            continue
        light = ex.light_verb(noun)
        if light is None or light.i != verb.i:
            continue
        cand = ex.build(noun)
        if cand is not None:
            out.append(cand)
    return out
