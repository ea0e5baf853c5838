"""The speaker's own state: "X said his country will not lift the ban" (a possessive country noun)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allymap.extract.items import Item, lemma

if TYPE_CHECKING:
    from allymap.extract.args import SentenceView


def own_state_items(view: SentenceView) -> list[Item]:
    """A noun of cues "anaphora" "own_state_nouns" ("country", "government") with a possessive pronoun,
    subject of the clause a speech verb reports ("Putin said his country will ..."): read as the subject
    pronoun of that clause, which `Roles` resolves to the speaker."""
    nouns = view.data.words("anaphora", "own_state_nouns")
    possessives: dict[str, str] = view.data.cue("anaphora", "possessives") or {}
    speech = view.data.words("attribution", "speech_verbs")
    out: list[Item] = []
    for tok in view.tokens:
        if tok.pos_ != "NOUN" or lemma(tok) not in nouns or tok.i in view.token_mention:
            continue
        if tok.dep_ != "nsubj" or tok.head.dep_ != "ccomp" or lemma(tok.head.head) not in speech:
            continue
        poss = [c for c in tok.children if c.dep_ == "det" and c.text.lower() in possessives]
        if len(poss) != 1 or len(list(tok.children)) != 1:
            continue  # "his own country", "his country's army": not the plain phrase
        a = view.base + poss[0].idx
        number = possessives[poss[0].text.lower()]
        out.append(Item(frozenset({poss[0].i, tok.i}), tok, "pronoun", number=number, start=a,
                        end=view.base + tok.idx + len(tok.text), confidence=0.8))  # fmt: skip
    return out
