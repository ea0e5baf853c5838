"""The state an act happens in, as the act's target when no party is named (row option `place`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.roles import Actors, Roles

PLACE_KINDS = frozenset({"state", "capital"})  # a demonym qualifies ("Syrian towns"), it places nothing


def place_target(roles: Roles, preds: list[Token], exclude: set[str]) -> Actors:
    """The state named by a place phrase of the act — a marker of cues "place_markers" ("in X", "around
    X", "in X's northern province") on the predicate, its support verb or inside one of their own
    phrases ("attacked a base in X", "agreed to a ceasefire in X"), never inside the subject ("troops in
    X attacked ...") nor inside another actor's phrase — when it is no state of the source."""
    view = roles.view
    wanted = set(roles.data.words("place_markers"))
    heads = {p.i for p in preds}
    out: Actors = []
    for it in roles.items:
        if it.via != "mention" or it.domestic or it.pred is None or it.pred.i not in heads:
            continue
        if not it.kinds or it.kinds[0] not in PLACE_KINDS or set(it.codes) & exclude:
            continue
        node, placed = it.head, False
        for _ in range(12):
            if node.i in heads:
                break
            if view.marker_of(node) in wanted:
                placed = True
            nxt = node.head
            if nxt.i == node.i:
                break
            if nxt.i in heads and node.dep_.startswith("nsubj"):
                placed = False  # "troops in X attacked ...": the subject's place
                break
            other = roles.item_at(nxt)
            if other is not None and other is not it and other.via == "mention":
                placed = False  # "the embassy of Y in X": inside another actor's phrase
                break
            node = nxt
        if placed and node.i in heads:
            out.extend(roles.resolve(it))
    return out
