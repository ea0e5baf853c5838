"""Topic phrases (a row's marker=topic): "sanctions regarding X", "complained about X's trade practices"
name the act's target only when no other phrase of the act names one ("talks with Y regarding X": Y)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.engine import SentenceExtractor
    from allymap.extract.items import Item

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
    return node.head.i == pred.i or node.head.i in ex.view.consumed


def nested_role(frame: dict[str, str], marker: str | None, named: bool) -> bool:
    """Does the act noun under this marker give the act's target its own agent? Through a target or event
    marker ("condemned X's sanctions"); through a topic marker only when no phrase named a target."""
    role = frame.get(marker or "")
    return marker != "of" and (role in ("event", "target") or (role == "topic" and not named))
