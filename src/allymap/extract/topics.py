"""Topic phrases (marker=topic: a target only when no other phrase names one) and support-verb targets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allymap.extract.items import qualifies_object

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.args import SentenceView
    from allymap.extract.engine import SentenceExtractor
    from allymap.extract.items import Item
    from allymap.extract.langdata import Trigger
    from allymap.extract.roles import Actors

NAMED = frozenset({"target", "event", "both"})
# the markers of a support verb's own phrases that its noun's frame may read ("voiced criticism regarding X")
LIGHT_MARKERS = frozenset({"against", "on", "with", "near", "toward", "about"})
# the prepositions whose noun's owner is the act's party ("tariffs on X's steel", "about X's practices")
OWNED = frozenset({"on", "against", "toward", "about"})


def owned_topic(ex: SentenceExtractor, it: Item, frame: dict[str, str]) -> str | None:
    """The marker of the noun a possessive owns ("tariffs on X's steel", "about X's trade practices", "over
    X's detention of its fishermen") when that noun is the predicate's own target or topic phrase (or its
    support noun's: "imposed tariffs on X's steel"); else None (the owner of any other phrase is no party:
    "aid to Turkey in Syria's Idlib region")."""
    node = it.role_node
    if it.marker != "poss" or node is None or node.head.i == node.i:
        return None
    noun = node.head
    if noun.pos_ == "PROPN":
        return None  # "a ban on Sri Lanka's Tamil Tigers": the owner places a named party, no party itself
    if not (it.nested == 1 or (it.nested == 2 and noun.head.i in ex.view.consumed)):
        return None
    marker = ex.view.marker_of(noun)
    return marker if marker in OWNED and frame.get(marker) in ("target", "topic") else None


def topic_slots(ex: SentenceExtractor, pred: Token, slots: list[tuple[str, Item]]) -> list[tuple[str, Item]]:
    """The act's slots with its topic phrases as targets, or without them when another phrase is a target.
    A topic phrase is the act's own: on the predicate or on its support noun, or a possessive that
    `owned_topic` read, never a phrase of another noun ("a complaint about X's comments on Y": not Y)."""
    named = any(role in NAMED for role, _ in slots)
    return [
        ("target" if role == "topic" else role, it)
        for role, it in slots
        if role != "topic" or (not named and own_phrase(ex, pred, it))
    ]


def own_phrase(ex: SentenceExtractor, pred: Token, it: Item) -> bool:
    node = it.role_node
    if not it.nested or node is None or it.marker == "poss":
        return True
    noun = node.head  # the predicate, its support noun, or its object ("sanctioned Iran-linked banks")
    return noun.i == pred.i or noun.i in ex.view.consumed or (noun.dep_ == "obj" and noun.head.i == pred.i)


def nested_role(frame: dict[str, str], marker: str | None, named: bool) -> bool:
    """Does the act noun under this marker give the act's target its own agent? Through a target or event
    marker ("condemned X's sanctions"); through a topic marker only when no phrase named a target."""
    role = frame.get(marker or "")
    return marker != "of" and (role in ("event", "target") or (role == "topic" and not named))


def light_target(ex: SentenceExtractor, light: Token, row: Trigger, frame: dict[str, str]) -> Actors:
    """The target a support verb's own phrases give its noun: "to" ("a exprimé son soutien à X"), or the
    noun frame's target markers ("launched cyber warfare against X", "held talks with X"), or its topic
    ("voiced criticism regarding X", "lodged a complaint regarding X's conduct")."""
    found: Actors = []
    for it in ex.args_of(light) + ex.territory_of(light, row):
        owned = owned_topic(ex, it, frame)  # "lodged a complaint regarding X's conduct"
        marker = owned or it.marker
        if it.nested and not owned and not qualifies_object(it, light):
            continue  # "X's ambassador to the UN pledged support"
        if (marker == "to" and it.via != "place") or (
            marker in LIGHT_MARKERS and frame.get(marker or "") in ("target", "topic")
        ):
            found.extend(ex.resolve(it))
    return found


def phrase_marker(view: SentenceView, tok: Token) -> str | None:
    """The marker of a support verb's topic or aim phrase ("lodged a complaint regarding X's conduct"), which
    a row's `needs` may count for the verb's act noun; None for any other dependent."""
    return view.marker_of(tok) if tok.dep_ in ("obl:about", "obl:toward") else None
