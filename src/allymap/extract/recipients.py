"""Recipients a transfer names outside its own phrase: the state that seeks a person handed over ("extradited
a man wanted in X"), the beneficiary an aid noun is aimed at ("X's aid package was aimed at easing shortages
in Y")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allymap.extract.items import lemma
from allymap.extract.onesided import is_state
from allymap.extract.roles import dedupe_actors

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.engine import SentenceExtractor
    from allymap.extract.langdata import Trigger
    from allymap.extract.roles import Actors

# Row option sought (extradite, extradition): with no recipient of its own, a person extradited goes to the
# state that seeks them, named right on a participle qualifying that person ("a hacker wanted in X",
# "a general sought by X", "a banker convicted in X"; cues "sought" "participles") or on the act's own
# purpose infinitive ("extradited him to stand trial in X", "to face charges in X"; cues "sought"
# "purposes"), with one of the cue's markers (in, by) on that word or its object noun. Only states,
# capitals and organisations (a tribunal's organisation); deeper only as the place of the acts the person is
# wanted for, when the participle's phrase names no other actor ("wanted on suspicion of plotting attacks in
# X"); never the person's own nationality ("a Russian hacker": whoever seeks him is unsaid).
KINDS = frozenset({"state", "capital", "org"})
# An aid noun (PLOVER AID) with no recipient of its own, the passive subject of a verb of aiming (cues
# "aimed" "verbs": "X's aid package was aimed at / is intended to ...") or qualified by its participle ("an
# aid package aimed at ..."), goes to the one state or organisation its aim names within AIM_DEPTH words:
# "aimed at easing food shortages in Y", "intended to help Y rebuild", "aimed at Y's flood victims". A clause
# of the aim must be a help (a verb of cues "aimed" "relief", or a cooperation row): "aimed at countering Y's
# influence" names an adversary, not a recipient. Two different actors in the aim, or one further down, give
# nothing.
AIM_DEPTH = 3
AIM_LINKS = frozenset({
    "advcl", "xcomp", "ccomp", "obl", "obl:arg", "obj", "nmod", "nmod:poss", "poss", "nsubj", "compound",
    "conj", "amod", "flat", "flat:name",
})  # fmt: skip
COOPERATION = frozenset({"AID", "COOPERATE", "RETREAT"})


def named_recipient(ex: SentenceExtractor, pred: Token, row: Trigger, source: Actors) -> Actors:
    """The recipient a transfer's row finds outside its own phrase (`sought_by`, `aimed_at`), or nothing."""
    return sought_by(ex, pred, row, source) or aimed_at(ex, pred, row, source)


def aim_verb(ex: SentenceExtractor, pred: Token, row: Trigger) -> Token | None:
    """The verb of aiming whose subject an aid noun (or the noun it qualifies: "aid package") is, or that
    qualifies it as a participle; or the verb of movement whose subject it is (`arrival`)."""
    if row.type != "AID" or ex.view.pos_of(pred)[1] == "VERB":
        return None
    verbs = set((ex.data.cue("aimed") or {}).get("verbs", []))
    noun = pred.head if pred.dep_ == "compound" and pred.head.pos_ == "NOUN" else pred
    if noun.dep_ == "nsubj:pass" and lemma(noun.head) in verbs:
        return noun.head
    found = next((c for c in noun.children if c.dep_ == "acl" and c.i > noun.i and lemma(c) in verbs), None)
    return found if found is not None else arrival(ex, noun)


def arrival(ex: SentenceExtractor, noun: Token) -> Token | None:
    """ "Aid from X arrived in Y", "the first shipment of X's aid reached Y": the verb of movement (cues
    "purpose_movement" "verbs") whose active subject is the aid noun or the noun it is "of" (a shipment, a
    convoy: any noun, the aid noun's own phrase says whose aid it is)."""
    verbs = set((ex.data.cue("purpose_movement") or {}).get("verbs", []))
    if noun.dep_ == "nmod" and ex.view.marker_of(noun) == "of":
        noun = noun.head
    gov = noun.head
    if noun.dep_ != "nsubj" or gov.pos_ != "VERB" or lemma(gov) not in verbs or gov.i == noun.i:
        return None
    return gov


def aimed_at(ex: SentenceExtractor, pred: Token, row: Trigger, source: Actors) -> Actors:
    """The one actor an aid noun's aim names, or the state its movement reaches, or nothing."""
    verb = aim_verb(ex, pred, row)
    if verb is None:
        return []
    if lemma(verb) in set((ex.data.cue("purpose_movement") or {}).get("verbs", [])):
        markers = set((ex.data.cue("purpose_movement") or {}).get("markers", []))
        own = {c for c, _ in source}
        return [  # "arrived in Y", "reached Y": the state (or its capital) the aid reaches
            a
            for it in ex.args_of(verb)
            if it.via == "mention"
            and not it.nested
            and (it.marker in markers or it.marker == "obj")
            and set(it.kinds) <= {"state", "capital"}
            for a in ex.resolve(it)
            if a[0] not in own
        ]
    relief = set((ex.data.cue("aimed") or {}).get("relief", []))
    own = {c for c, _ in source}
    found: dict[int, Actors] = {}  # by coordination: "schools in Y and Z" is one group
    deep = False  # an actor named further down: whose aid it is, or whom it helps, is unclear
    stack = [(c, 1, -1) for c in verb.children if c.i > verb.i and c.dep_ in AIM_LINKS]
    while stack:
        tok, depth, group = stack.pop()
        if tok.dep_ not in AIM_LINKS:
            continue
        if depth > AIM_DEPTH:
            deep = deep or any(ex.item_at(t) is not None for t in tok.subtree)
            continue
        if tok.pos_ == "VERB":
            row_of = ex.choose_row(tok)
            if lemma(tok) not in relief and (row_of is None or row_of.type not in COOPERATION):
                return []  # "aimed at countering Y's influence": an adversary, not a recipient
        it = ex.item_at(tok)
        if it is not None and it.via == "mention":
            group = tok.i if group < 0 else group
            acts = [(c, t) for c, t in ex.resolve(it) if c not in own and (is_state(c) or "org" in it.kinds)]
            found.setdefault(group, []).extend(acts)
            stack.extend((c, depth, group) for c in tok.children if c.dep_ == "conj")
            continue
        stack.extend((c, depth + 1, -1) for c in tok.children)
    groups = [acts for acts in found.values() if acts]
    return dedupe_actors(groups[0]) if len(groups) == 1 and not deep else []


def sought_by(ex: SentenceExtractor, pred: Token, row: Trigger, source: Actors) -> Actors:
    """The states that seek the person the act hands over, or nothing."""
    if "sought" not in row.options:
        return []
    cue: dict[str, list[str]] = ex.data.cue("sought") or {}
    participles, purposes = set(cue.get("participles", [])), set(cue.get("purposes", []))
    markers = set(cue.get("markers", []))
    is_verb = ex.view.pos_of(pred)[1] == "VERB"
    patients = [
        c
        for c in pred.children
        if (c.dep_ == "obj" if is_verb else c.dep_ == "nmod" and ex.view.marker_of(c) == "of")
    ]
    words = [  # a reduced relative, whatever the tagger says of its form ("wanted" is often tagged finite)
        p
        for pat in patients
        for p in pat.children
        if p.dep_ == "acl" and lemma(p) in participles and not any(k.dep_ == "nsubj" for k in p.children)
    ]
    for c in pred.children:  # "extradited him to face charges in X"
        if c.dep_ in ("advcl", "xcomp") and lemma(c) in purposes and c.i > pred.i:
            if any(m.dep_ in ("aux", "mark") and m.i < c.i for m in c.children):
                words += [c, *(o for o in c.children if o.dep_ == "obj")]
    own = {c for c, _ in source}
    found: Actors = []
    for word in words:
        for it in ex.args_of(word):
            if it.via != "mention" or it.nested or it.marker not in markers or not set(it.kinds) <= KINDS:
                continue
            found.extend((c, t) for c, t in ex.resolve(it) if c not in own)
    if not found:
        found = [a for word in words if word.dep_ == "acl" for a in _crime_place(ex, word, own)]
    return dedupe_actors(found)


def _crime_place(ex: SentenceExtractor, word: Token, own: set[str]) -> Actors:
    """ "a militant wanted on suspicion of plotting attacks in X": the state where the acts the person is
    sought for took place, when it is the only actor the participle's phrase names (the territorial court
    asks for them); nothing when the phrase names anyone else ("the murder of a Russian diplomat in X")."""
    inside = {t.i for t in word.subtree}
    items = [it for it in ex.items if it.head.i in inside]
    acts = [(it, a) for it in items for a in ex.resolve(it) if a[0] not in own]
    if len({a[0] for _, a in acts}) != 1 or len(items) != len({id(it) for it, _ in acts}):
        return []
    placed = [a for it, a in acts if it.via == "mention" and it.marker == "in" and set(it.kinds) <= KINDS]
    return placed if len(placed) == len(acts) else []
