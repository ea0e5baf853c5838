"""Who a request is addressed to when a for-clause names it ("X's call for Y to withdraw")."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.roles import Actors, Roles


def for_clause_subjects(roles: Roles, pred: Token) -> Actors:
    """The subjects of the verbal clauses a for-marker joins to `pred` (frame key for_subj: "called for
    Y to withdraw", "X's appeal for Y to negotiate"): the party asked to act."""
    out: Actors = []
    for c in pred.children:
        if c.dep_ not in ("advcl", "acl") or c.pos_ not in ("VERB", "AUX"):
            continue
        if roles.view.marker_of(c) != "for":
            continue
        for it in roles.args_of(c):
            if it.marker == "subj" and not it.nested:
                out.extend(roles.resolve(it))
    return out
