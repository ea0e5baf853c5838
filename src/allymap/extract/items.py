"""An actor phrase of a parsed sentence (`Item`) and the lemma helpers the argument code shares."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from allymap.extract.langdata import LangData

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# mention kinds that may stand for a sub-state actor's country ("Turkish protesters")
COUNTRY_KINDS = frozenset({"state", "demonym", "capital", "title"})
PAIR_JOINS = frozenset({"-", "–", "—", "/"})  # punctuation joining a pair of names ("US-China talks")


@dataclass
class Item:
    """An actor phrase of the sentence. `codes` is empty until a pronoun or group is resolved."""

    tokens: frozenset[int]
    head: Token  # the phrase's highest token
    via: str  # mention | pronoun | possessive | group | relative
    codes: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    number: str | int = "sg"
    start: int = 0  # document offsets
    end: int = 0
    pred: Token | None = None  # the predicate it depends on
    role_node: Token | None = None  # the token whose dependency/preposition gives the role
    marker: str | None = None
    nested: int = 0  # how many non-proxy nouns lie between the phrase and its predicate
    confidence: float = 1.0
    members: list[Item] = field(default_factory=list)
    domestic: bool = False  # a sub-state actor (protesters, opposition...) coded at its country's level
    private: bool = False  # nationals as private people ("un Suisse", "des Russes"): no state's act
    company: bool = False  # a name that only qualifies one company ("US bank X", "the US company")
    forces: bool = False  # "its troops": an organisation owns none unless it speaks ("NATO said its jets")


LEMMA_FALLBACK = "allymap_lemma_fallback"  # Doc.user_data key: the language's lemma_fallback cues
ALLEGED_OWNERS = "allymap_alleged_owners"  # Doc.user_data key: actors a parse hook tied to an agent noun
# only with distance ("hackers linked to X": X's hackers, alleged); a set of token indices
LEMMA_CACHE = "allymap_lemma_cache"  # Doc.user_data key: lemma() per token index, set once the parse is final


def final_parse(doc: Doc) -> None:
    """Mark a parse as final (its parse hook has run; nothing rewrites its tokens any more): `lemma`
    then computes each token's lemma once."""
    doc.user_data[LEMMA_CACHE] = [None] * len(doc)


def lemma(tok: Token) -> str:
    """The lemma, lower-cased; a verb the lemmatizer left as written (French "aide", "indique") gets
    the infinitive its ending points to, by the language's `lemma_fallback` cues."""
    user_data = tok.doc.user_data
    cache = user_data.get(LEMMA_CACHE)
    if cache is None:
        return _lemma(tok, user_data)
    i = tok.i
    found = cache[i]
    if found is None:
        found = cache[i] = _lemma(tok, user_data)
    return found


def _lemma(tok: Token, user_data: dict[Any, Any]) -> str:
    lem = str(tok.lemma_).lower().replace("’", "'")
    rule = user_data.get(LEMMA_FALLBACK)
    if rule and tok.pos_ == rule.get("pos") and lem == tok.text.lower():
        if not lem.endswith(tuple(rule.get("keep", ()))):
            for end in rule.get("endings", ()):
                if lem.endswith(end) and len(lem) > len(end) + 2:
                    return str(lem[: -len(end)] + rule.get("infinitive", ""))
    return lem


def is_reflexive(tok: Token, data: LangData) -> bool:
    return any(
        c.dep_ == "expl:comp" or lemma(c) in data.words("anaphora", "reflexives") for c in tok.children
    )


def prefers_person(item: Item, data: LangData) -> bool:
    """Does the phrase refer to people acting for states: a person pronoun ("he"; cues "anaphora"
    "person_pronouns") or a counted group of people ("the two presidents": "person_groups"), whose
    antecedents are persons and titles, never the states of an earlier list?"""
    low = item.head.text.lower()
    if item.via == "group":
        return low in data.words("anaphora", "person_groups")
    return low in data.words("anaphora", "person_pronouns")


def qualifies_object(it: Item, light: Token) -> bool:
    """Is `it` a name qualifying an attack's object on the attack noun's support verb ("launched attacks on
    some four dozen U.S. banks", the phrase parsed on the verb)? The qualified noun stands for its state."""
    node = it.role_node
    if node is None or node.dep_ != "compound" or node.head.head.i != light.i:
        return False
    return it.marker in ("on", "against")


def agent_has(pred: Token, data: LangData, cls: str) -> bool:
    """Row option agent=CLASS: a word of that object class in the predicate's subject or passive agent
    ("the U.S. military is hitting X", "X was hit by U.S. jets")."""
    return any(
        cls in data.object_class(lemma(t))
        for c in pred.children
        if c.dep_ in ("nsubj", "obl:agent")
        for t in c.subtree
    )


def qualified_patients(ex: Any, pred: Token, row: Any) -> list[Item]:
    """An attack's object noun qualified by a name or demonym stands for that actor ("struck Ukrainian power
    plants", "attacked two Saudi oil-pumping stations", "hit Hamas positions"): the name as the object.
    Only for an attack the sentence states, not one a statement or claim reports, and only for a noun of
    the object classes of things a state has or fields ("seizable", "military", "attackable"): "attacked
    British imperialists" names people, not Britain."""
    if row.type != "ASSAULT":
        return []
    is_verb = ex.view.pos_of(pred)[1] == "VERB"
    items: list[Item] = ex.items
    data: LangData = ex.data
    cur = pred
    while cur.head.i != cur.i:  # not the content of a statement ("claimed that they had attacked the X N")
        if cur.dep_ == "ccomp" and cur.head.i < cur.i:
            return []
        cur = cur.head
    out = []
    for it in items:
        node = it.role_node
        if it.pred is None or it.pred.i != pred.i or it.via != "mention" or it.nested != 1 or node is None:
            continue
        noun = node.head
        if not data.object_class(lemma(noun)) & {"seizable", "military", "attackable"}:
            continue
        if node.dep_ not in ("amod", "compound") or noun.head.i != pred.i:
            continue
        if is_verb and noun.dep_ in ("obj", "nsubj:pass"):
            out.append(
                replace(it, role_node=noun, marker="obj" if noun.dep_ == "obj" else "subj_pass", nested=0)
            )
        marker = None if is_verb or noun.dep_ != "nmod" else ex.view.marker_of(noun)
        if marker is not None and row.frame.get(marker) == "target":  # "an attack on Ukrainian power plants"
            out.append(replace(it, role_node=noun, marker=marker, nested=0))
    return out


def compounded(it: Item, pred: Token, frame: dict[str, str] | None = None) -> str | None:
    """The marker of an actor named in a compound with the trigger noun: "compound" ("an EU request", "a
    U.S. call": the frame's compound key), or "between" for one of a hyphenated pair of names when the
    frame reads it ("the Israel-Hamas ceasefire" is the ceasefire between Israel and Hamas). A capital or a
    place so compounded is where the act happens ("the Berlin blockade", "the Tokyo talks"), not who does
    it; None for any other actor."""
    node = it.role_node
    if it.marker is not None or node is None or node.dep_ != "compound":
        return None
    if node.head.i != pred.i:  # "France" in "the France-Germany agreement"
        mate = paired_name(node, pred)
        if mate is None or mate.i in it.tokens:
            return None
        node, pair = mate, True
    else:  # "Germany" in "the France-Germany agreement" (not one name written with a hyphen)
        pair = any(paired_name(c, pred) is not None for c in node.children if c.i not in it.tokens)
    if node.head.i != pred.i or set(it.kinds) & {"capital", "place"}:
        return None
    return "between" if pair and frame is not None and "between" in frame else "compound"


def paired_name(node: Token, pred: Token) -> Token | None:
    """The name a hyphenated first name of a pair compounds with the trigger noun through ("France" in
    "the France-Germany agreement", "US" in "US-China talks"); None for any other compound."""
    mate = node.head
    if mate.dep_ != "compound" or mate.head.i != pred.i or mate.i < node.i or mate.pos_ != node.pos_:
        return None
    between = [node.doc[k] for k in range(node.i + 1, mate.i)]  # the join, and the two names' own words
    joined = any(t.text in PAIR_JOINS for t in between)  # "US-North Korea", "South Korea-Japan"
    own = all(t.text in PAIR_JOINS or (t.head.i == mate.i and t.pos_ == mate.pos_) for t in between)
    return mate if joined and own else None


def paired_sides(ex: Any, pred: Token) -> set[str]:
    """A noun qualified by two different actors' names or adjectives ("the Japan-Brazil deal", "the
    Japanese-Brazilian deal") names two sides, as a plural subject does: the `needs` marker "plural"."""
    if ex.view.pos_of(pred)[1] == "VERB":
        return set()
    sides = {
        code
        for it in ex.args_of(pred)
        if it.via == "mention" and (it.marker == "amod" or compounded(it, pred))
        for code in it.codes
    }
    return {"plural"} if len(sides) >= 2 else set()


def has_thing(view: Any, pred: Token, cls: str) -> bool:
    """Row option thing=CLASS: a word of that object class in the predicate's object phrase, actors
    included ("deployed troops"); a noun's object is its of-phrase ("the boarding of a tanker")."""
    data: LangData = view.data
    return any(
        cls in data.object_class(lemma(t)) | data.object_class(t.text.lower())
        for c in pred.children
        if c.dep_ in ("obj", "nsubj:pass")
        or (c.dep_ == "nmod" and c.i > pred.i and view.marker_of(c) == "of")
        for t in c.subtree
    )
