"""Fallback: the missing target of a matched trigger row, found deeper in the trigger's own phrase."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allymap.extract.reduced import role_marker
from allymap.extract.roles import dedupe_actors

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.engine import SentenceExtractor
    from allymap.extract.flags import Flags
    from allymap.extract.items import Item
    from allymap.extract.langdata import Trigger
    from allymap.extract.roles import Actors

# A language-neutral fallback over Universal Dependencies relations; the engine calls it last, when a
# trigger row matched (lemma, guards, options), its frame found the source but no target, and no one-sided
# reading applies. The target may sit deeper in the trigger's own phrase than the frame's slots reach: the
# parser hung a prepositional phrase on the object noun instead of the verb, or the actor is one level
# down in the slot's phrase (an of-phrase, a locative, a possessive, a compound, a coordination):
# "returned the statue to the Republic of X", "pledged support for the rebuilding of schools in X",
# "attacked a base in X's north-west", "returned the archives to the museums of X and Y".
#  - The walk enters only a direct dependent that the frame gives the target (its marker maps to target,
#    event or both) or an object (where misattached phrases hang); a dependent the frame refused as a
#    whole stays refused: only actors at least one level below it are read.
#  - It descends only through SAFE relations: objects, obliques, nominal modifiers, possessives,
#    compounds, conjuncts, flat names; never into clausal complements, relative, adverbial or adnominal
#    clauses, parataxis, appositions, nor across quotation marks.
#  - It reads at most MAX_DEPTH levels below the trigger: the deeper an actor, the looser its link to the
#    act ("a ban on the study of X's history" bans no dealings with X).
#  - At most one of-link on the way ("the ministry of a province of X" is a part of a part of X), and
#    never the possessor of a proper name ("X's <name>": whether a person acts for X is the actor
#    tables' call, with their offices and dates).
#  - It stops at an actor phrase (what lies inside it is that phrase's own; only its conjuncts are read),
#    at another predicate (a trigger word or a verb: its actors are its own) and at the trigger's own
#    support noun ("violated the sanctions on X": the frame reads what hangs from it).
#  - Named actors only (no pronouns); places only for rows acting on territory (ASSAULT, place, territory);
#    actors of the source are skipped.
#  - Exactly one actor, or one coordinated group, is taken; several different ones give nothing.
# The record keeps the trigger's negation, modality and attribution (computed for the trigger as usual)
# and gets the row's confidence times FACTOR; `Event.extra["found_by"]` says FOUND_BY.
# Only where the trigger is the sentence's main assertion (main_assertion): the guess is made for an act
# the sentence itself states (as done or not done), never for one it reports, claims, wishes, fears or
# supposes. Without this guard the walk fired in a statement sentence ("X claimed that they had attacked
# the airport of Y") and on a conditioned act ("warned of action if Y does not withdraw from ...").
# Tried and left out (development quarters): the same walk for a missing source (subject, by-phrase; with
# the guard it found nothing), verbal acts (a record in a statement sentence), one level more or a
# number not counted as a level ("$5 million in aid to ...": no change), and the content of a neutral
# verb of saying ("said that X shelled a base in Y": one covered sentence on quarter B, none on A; a
# reported clause is the speaker's assertion, not the sentence's, and statement sentences are its home).
SAFE = frozenset({
    "obj", "iobj", "obl", "obl:arg", "obl:mod", "obl:agent", "nmod", "nmod:poss", "poss", "compound", "conj",
    "flat", "flat:name",
})  # fmt: skip
# Only material acts: what hangs in the phrase of a verbal act (a statement of support, an accusation, a
# rejection, a request) is more often its topic than its addressee ("rejected the allegations as an attempt
# by X", "voiced support for talks on X"); a material act's phrase holds its patient ("returned the statue
# to the museums of X", "delivered supplies for schools in X"). Verbal acts were tried and dropped: on the
# development quarters they added records in statement sentences (class 0) and no covered sentence.
MATERIAL = frozenset({"COOPERATE", "AID", "RETREAT", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})
# A purpose clause is entered only between cooperation acts: "sent troops to fight rebels in X" states no
# act towards X by the sender that the fallback may guess.
COOPERATION = frozenset({"COOPERATE", "AID", "RETREAT"})
FACTOR = 0.6
MAX_DEPTH = 3  # the trigger's dependent, a noun below it, the actor: "the base in X's region", not deeper
FOUND_BY = "subtree"
QUOTES = frozenset({'"', "“", "”", "``", "''", "«", "»"})
TARGET_ROLES = frozenset({"target", "event", "both"})
# The links by which the trigger's clause may hang on the way up to the root: a coordinated clause shares
# the root's assertion ("landed troops and shelled a port of X"), a bare infinitive its governor's
# ("began to shell a base of X"; a verb of intention or request gives it its modality, checked apart).
MAIN_LINKS = frozenset({"conj", "xcomp"})


def _quoted(pred: Token, tok: Token) -> bool:
    """Is a quotation mark opened (and not closed) between the trigger and `tok`?"""
    lo, hi = sorted((pred.i, tok.i))
    return sum(pred.doc[k].text in QUOTES for k in range(lo + 1, hi)) % 2 == 1


def _group(tok: Token) -> int:
    """The first conjunct of the coordination `tok` belongs to (itself when none)."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok.i


def _opens(ex: SentenceExtractor, pred: Token, frame: dict[str, str], child: Token) -> bool:
    """May the walk enter this direct dependent of the trigger?"""
    if child.dep_ not in SAFE:
        return False
    is_verb = ex.view.pos_of(pred)[1] == "VERB"
    passive = is_verb and ex._passive(pred)
    marker = role_marker(ex.view.marker_of(child), passive, is_verb, frame)
    if marker is not None and frame.get(marker) in TARGET_ROLES:
        return True
    return child.dep_ in ("obj", "iobj") and marker != "subj"


def _aims(ex: SentenceExtractor, pred: Token, row: Trigger) -> list[Token]:
    """The to-infinitive purpose clauses of a cooperation act that state a cooperation act themselves
    ("sent troops to distribute food in X", "deployed a team to assist the victims in X"): the aim's
    recipient or place is the act's; the aim verb counts as one level (its subject is never read)."""
    if row.type not in COOPERATION:
        return []
    out = []
    for c in pred.children:
        if c.dep_ not in ("advcl", "xcomp") or c.i < pred.i or _quoted(pred, c):
            continue
        if not any(m.dep_ in ("aux", "mark") and m.i < c.i for m in c.children):
            continue
        aim = ex.choose_row(c)
        if aim is not None and aim.type in COOPERATION and ex.view.pos_of(c)[1] == "VERB":
            out.append(c)
    return out


def deep_side(
    ex: SentenceExtractor, pred: Token, row: Trigger, frame: dict[str, str], source: Actors
) -> Actors:
    """The one actor (or coordinated group) below the trigger's direct dependents, else nothing."""
    if row.type not in MATERIAL:
        return []
    taken = {c for c, _ in source}
    pool = [it for it in ex.items if it.via == "mention" and it.codes]
    if row.type == "ASSAULT" or "place" in row.options or "territory" in row.options:
        pool += ex.view.place_items()  # a place stands for its state only where the row acts on territory
    at: dict[int, Item] = {}
    for it in pool:
        for i in it.tokens:
            at.setdefault(i, it)
        if it.role_node is not None:
            at.setdefault(it.role_node.i, it)
    found: list[tuple[Item, Token]] = []
    stack = [(c, 1, 0) for c in pred.children if _opens(ex, pred, frame, c)]
    stack += [(c, 2, 0) for aim in _aims(ex, pred, row) for c in aim.children if c.dep_ in SAFE]
    while stack:
        tok, depth, ofs = stack.pop()
        ofs += ex.view.marker_of(tok) == "of"
        if (depth > 1 and tok.dep_ not in SAFE) or depth > MAX_DEPTH or ofs > 1 or _quoted(pred, tok):
            continue
        hit = at.get(tok.i)
        if any(t.dep_ == "poss" and t.head.pos_ == "PROPN" for t in (tok, hit.head if hit else tok)):
            continue  # "X's <name>": whether that person acts for X is for the actor tables to say
        if hit is not None:
            if depth > 1:  # a direct dependent is the frame's: a slot it refused stays refused
                found.append((hit, tok))
            stack.extend((c, depth, ofs) for c in tok.children if c.dep_ == "conj")  # "of X and Y"
            continue  # an actor phrase: what lies inside it is its own
        if ex.view.is_predicate(tok) or tok.i in ex.view.consumed:
            continue  # another predicate's phrase, or the trigger's own support noun: the frame's
        stack.extend((c, depth + 1, ofs) for c in tok.children)
    found = [(it, tok) for it, tok in found if set(it.codes) - taken]
    if len({_group(tok) for _, tok in found}) > 1 and len({it.codes for it, _ in found}) > 1:
        return []  # several different actors: no guess
    out: Actors = []
    for it, _ in sorted(found, key=lambda f: f[1].i):
        out.extend((c, t) for c, t in ex.resolve(it) if c not in taken)
    return dedupe_actors(out)


def _absorbed(ex: SentenceExtractor, anchor: Token) -> bool:
    """Is the trigger the infinitive a governing trigger row takes as its event ("X is ready to return
    the statue to the museums of Y": AGREE; "threatened to shell a base in Y": THREATEN)? The record is
    that row's, asserted on its own; the act itself is only intended."""
    rows = ex.view.rows.get(anchor.head.i, [])
    return anchor.dep_ == "xcomp" and any(r.frame.get("xcomp") == "target" for r in rows)


def main_assertion(ex: SentenceExtractor, anchor: Token, flags: Flags) -> bool:
    """May the fallback guess for this trigger? Only when it is the sentence's main assertion: stated as
    done or not done (modality asserted, not reported at a distance), or the infinitive a governing
    trigger row absorbs; and its clause reaches the root through coordinations and bare infinitives only,
    never as the content of another predicate: a statement or claim ("claimed that they had attacked"),
    an attitude ("expressed hope that ..."), a condition ("if Y does not withdraw from ..."), a relative
    or adverbial clause, or a noun's complement ("voiced concern over the shelling of ...")."""
    if flags.alleged_by_speech:
        return False
    if flags.modality != "asserted" and not _absorbed(ex, anchor):
        return False
    cur = anchor
    while cur.head.i != cur.i:
        if cur.dep_ not in MAIN_LINKS:
            return False
        cur = cur.head
    return True


def fallback(
    ex: SentenceExtractor,
    pred: Token,
    anchor: Token,
    row: Trigger,
    frame: dict[str, str],
    source: Actors,
    flags: Flags,
) -> Actors:
    """The target the fallback finds for a matched row with a source and no target (marking the predicate
    in `ex.deep`), or nothing when the trigger is not the sentence's main assertion."""
    if not main_assertion(ex, anchor, flags):
        return []
    deep = deep_side(ex, pred, row, frame, source)
    if deep:
        ex.deep[pred.i] = FOUND_BY
    return deep
