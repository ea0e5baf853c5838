"""Who a request is addressed to when a clause names it ("X's call for Y to go", "demanded that Y go")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allymap.extract.refusals import until_subjects

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.roles import Actors, Roles


def clause_subjects(roles: Roles, pred: Token, frame: dict[str, str]) -> Actors:
    """The subjects of the verbal clauses of `pred` that its frame names: for_subj, a clause joined by
    "for" ("called for Y to withdraw", "X's appeal for Y to negotiate"); that_subj, a complement clause
    ("demanded that Y withdraw"): the party asked to act; a clause of a support noun folded into `pred`
    counts as the verb's own ("gave permission for Y to enter")."""
    if "until_subj" in frame:  # "will not lift the ban until Y complies": Y is refused
        return until_subjects(roles, pred)
    out: Actors = []
    nouns = [n for n in pred.children if n.i in roles.view.consumed]  # "gave permission for Y to enter"
    for c in [*pred.children, *(k for n in nouns for k in n.children)]:
        if c.pos_ not in ("VERB", "AUX"):
            continue
        joined = c.dep_ in ("advcl", "acl") and roles.view.marker_of(c) == "for"
        if not (joined and "for_subj" in frame) and not (c.dep_ == "ccomp" and "that_subj" in frame):
            continue
        for it in roles.args_of(c):
            if it.marker == "subj" and not it.nested:
                out.extend(roles.resolve(it))
    return out
