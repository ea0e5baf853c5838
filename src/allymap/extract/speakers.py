"""The speaker's own state: "X said his country will not lift the ban" (a possessive country noun), "'We
will retaliate', X says" (a first-person subject of the words quoted before the speech verb)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allymap.extract.items import Item, lemma
from allymap.extract.ownedagents import owned_agent_items

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
    return out + first_person_items(view) + owned_agent_items(view)


def first_person_items(view: SentenceView) -> list[Item]:
    """A pronoun of cues "anaphora" "speaker_pronouns" ("we", "I"), subject of the words a speech verb
    reports before it, whose own subject names an actor ("'We will retaliate', Iran tells the US"): read
    as a subject pronoun of that clause, which `Roles` resolves to the speaker; of the speaker's number
    ("we" is one state speaking). Not after the speech verb ("X says we must act": we may be anyone)."""
    words = view.data.words("anaphora", "speaker_pronouns")
    speech = view.data.words("attribution", "speech_verbs")
    out: list[Item] = []
    for tok in view.tokens:
        gov = tok.head.head
        if tok.pos_ != "PRON" or tok.text.lower() not in words or tok.dep_ != "nsubj":
            continue
        if tok.head.dep_ != "ccomp" or lemma(gov) not in speech or gov.i < tok.head.i:
            continue
        subj = [c for c in gov.children if c.dep_ == "nsubj"]
        if len(subj) != 1 or not any(t.i in view.token_mention for t in subj[0].subtree):
            continue
        number = "pl" if any(c.dep_ == "conj" for c in subj[0].children) else "sg"
        a = view.base + tok.idx
        out.append(
            Item(
                frozenset({tok.i}),
                tok,
                "pronoun",
                number=number,
                start=a,
                end=a + len(tok.text),
                confidence=0.8,
            )
        )
    return out
