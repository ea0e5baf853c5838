"""A state's organ or agent named by a possessive pronoun ("India said its forces killed ...", "X shelled
Y and its army shelled Z"): the phrase is read as a pronoun that stands for the state it refers to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allymap.extract.items import Item, lemma

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.args import SentenceView


POSS_DEPS = frozenset({"det", "nmod:poss", "poss"})  # how the parse may hang "its" on its noun
# relations by which a phrase is a verb's own argument
VERB_DEPS = frozenset({"nsubj", "nsubj:pass", "obj", "iobj", "obl", "obl:agent", "obl:arg"})


def owned_agent_items(view: SentenceView) -> list[Item]:
    """A noun of cues "anaphora" "owned_agents" (forces, army, jets, ministry, ambassador...) whose
    determiner is a pronoun of "agent_possessives" ("its", "their"), neither a named actor nor a
    trigger itself ("its attack on X" is the possessive's own act): a pronoun of that number whose
    words are the whole phrase ("its air force", "their special forces"). `Roles` resolves it as it
    does "it"/"they" (so too a thing of "owned_targets", as an act's object: "X said Y shelled its
    positions"): the speaker of the clause it is the subject of, else the most salient actor
    (a subject first); one of "state_forces" never an organisation named before ("the EU criticized
    Russia after its troops ..."), though one that speaks may own them ("NATO said its jets ...")."""
    nouns = view.data.words("anaphora", "owned_agents")
    possessives: dict[str, str] = view.data.cue("anaphora", "agent_possessives") or {}
    forces = view.data.words("anaphora", "state_forces")
    things = view.data.words("anaphora", "owned_targets")
    own = view.data.words("anaphora", "own_agent_verbs")
    out: list[Item] = []
    for tok in view.tokens:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.i in view.token_mention or tok.i in view.rows:
            continue
        thing = lemma(tok) in things or tok.text.lower() in things
        if (lemma(tok) not in nouns and tok.text.lower() not in nouns and not thing) or not _on_verb(tok):
            continue
        if thing and tok.dep_ not in ("obj", "obl", "nsubj:pass", "conj"):
            continue  # "its positions" stand for a state only as what an act is done to
        if not thing and tok.dep_ == "obj" and lemma(tok.head) in own:
            continue  # "sent its foreign minister to X": the sender's own, the act's instrument
        if tok.dep_ == "conj" and tok.head.i in view.token_mention:
            continue  # "Japan and its forces attacked X": the named state and its own, Japan alone
        poss = [c for c in tok.children if c.dep_ in POSS_DEPS and _possessive(c, possessives)]
        if len(poss) != 1:
            continue
        mods = [c for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i]
        if any(m.i in view.token_mention for m in mods):
            continue  # "its US allies": a named actor qualifies the noun
        words = {poss[0].i, tok.i} | {m.i for m in mods}
        start = view.base + poss[0].idx
        number = possessives[poss[0].text.lower()]
        item = Item(frozenset(words), tok, "pronoun", number=number, start=start,
                    end=view.base + tok.idx + len(tok.text), confidence=0.75)  # fmt: skip
        item.forces = lemma(tok) in forces or tok.text.lower() in forces
        out.append(item)
    return out


def _on_verb(tok: Token) -> bool:
    """Is the phrase an argument of a verb (through coordination, or a count: "three of its soldiers")?
    Not a noun's complement ("violations by its troops": the noun's act is left to its own rules)."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ == "nmod" and tok.head.pos_ in ("NUM", "PRON"):
        tok = tok.head
    return tok.dep_ in VERB_DEPS and tok.head.pos_ in ("VERB", "AUX")


def _possessive(tok: Token, possessives: dict[str, str]) -> bool:
    return tok.text.lower() in possessives and tok.i < tok.head.i
