"""Definite state anaphors: "the country" after one named state is that state ("Libyan authorities
suspended aid to the country's rebel groups": the rebels are Libya's)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from allymap.extract.items import lemma
from allymap.extract.onesided import is_state
from allymap.records import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from allymap.extract.langdata import LangData


def state_anaphors(
    doc: Doc, base: int, mentions: Sequence[Mention], data: LangData, earlier: set[str]
) -> list[Mention]:
    """Mentions for each singular noun of cues "anaphora" "same_state_nouns" ("country", "nation") with
    only a determiner of "same_state_determiners" ("the"; no adjective, number or complement: not "the
    neighbouring country", "the two countries", "the country of X"), written as an owner ("the country's
    rebels") or a place ("in the country"), when the mentions written before it in its sentence name
    exactly one state and no place of another, none of them qualifies a force that may act abroad (cues
    "anaphora" "abroad_heads": "US troops ... in the country"), and the sentences before it name no
    other state (`earlier`: the country may be the article's): the anaphor stands for that state, as
    its name would."""
    nouns = data.words("anaphora", "same_state_nouns")
    abroad = data.words("anaphora", "abroad_heads")
    dets = data.words("anaphora", "same_state_determiners")
    if not nouns or not dets:
        return []
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
        before = [m for m in mentions if m.code and m.end <= start]
        states = {str(m.code) for m in before if is_state(str(m.code))}
        if len(states) != 1 or not {c for c in earlier if is_state(c)} <= states:
            continue
        if any(_abroad(doc, base, m, abroad) for m in before):
            continue  # "US troops killed militants in the country": troops may act in another country
        code = states.pop()
        out.append(Mention(str(mentions[0].doc), start, start + len(tok.text), tok.text, code, "state"))
    return out


def _abroad(doc: Doc, base: int, m: Mention, heads: frozenset[str]) -> bool:
    """Does the mention qualify a noun of `heads` ("US troops", "Russia's military")?"""
    tok = next((t for t in doc if base + t.idx == m.start), None)
    while tok is not None and tok.dep_ in ("amod", "compound", "poss", "nmod:poss", "flat", "flat:name"):
        tok = tok.head
        if lemma(tok) in heads or tok.text.lower() in heads:
            return True
    return False
