"""Definite state anaphors: "the country" after one named state is that state ("Libyan authorities
suspended aid to the country's rebel groups": the rebels are Libya's)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from allymap.extract.items import lemma
from allymap.records import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from allymap.extract.langdata import LangData


def state_anaphors(doc: Doc, base: int, mentions: Sequence[Mention], data: LangData) -> list[Mention]:
    """Mentions for each singular noun of cues "anaphora" "same_state_nouns" ("country", "nation") with
    only a determiner of "same_state_determiners" ("the"; no adjective, number or complement: not "the
    neighbouring country", "the two countries", "the country of X"), written as an owner ("the country's
    rebels") or a place ("in the country"), when the mentions written before it
    in its sentence name exactly one state and no place of another: the anaphor stands for that state,
    as its name would. Nothing is guessed from an earlier sentence."""
    nouns = data.words("anaphora", "same_state_nouns")
    dets = data.words("anaphora", "same_state_determiners")
    if not nouns or not dets:
        return []
    from allymap.extract.onesided import is_state  # onesided imports the argument code: no cycle

    out: list[Mention] = []
    for tok in doc:
        if tok.pos_ != "NOUN" or lemma(tok) not in nouns or tok.text.lower() not in nouns:
            continue  # "countries" is plural: "the two countries" are a group (args.items)
        kids = [c for c in tok.children if c.dep_ not in ("case", "punct")]
        if len(kids) != 1 or kids[0].dep_ != "det" or kids[0].text.lower() not in dets:
            continue
        owner = tok.dep_ in ("poss", "nmod:poss")
        if not owner and not any(c.dep_ == "case" and data.marker(c.text) == "in" for c in tok.children):
            continue  # an owner or a place only: "the country" as a party itself is left to the pronouns
        start = base + tok.idx
        if any(m.start <= start < m.end for m in mentions):
            continue
        before = {str(m.code) for m in mentions if m.code and m.end <= start}
        states = {c for c in before if is_state(c)}
        if len(states) != 1:
            continue
        code = states.pop()
        out.append(Mention(str(mentions[0].doc), start, start + len(tok.text), tok.text, code, "state"))
    return out
