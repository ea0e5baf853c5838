"""Coordinated act nouns share their actors: "X's blockade and bombardment of Y" is X's bombardment of Y."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.args import SentenceView
    from allymap.extract.items import Item

# Universal Dependencies hang the dependents shared by a coordination on its first conjunct; parsers also
# hang them on the nearest one. For trigger nouns coordinated with each other ("the shelling and bombing
# of X", "X's attacks and threats against Y"), an actor phrase attached to one conjunct is also the other
# conjuncts' when the construction says it is shared:
#  - only bare conjuncts share: one with its own determiner, possessive or actor modifier starts a phrase
#    of its own ("X's sanctions and the Chinese attacks on Y": neither shares with the other);
#  - a modifier before the first conjunct (a possessive, an adjective, a compound: "X's", "Russian") is
#    shared with the later conjuncts;
#  - a complement after the last conjunct ("of Y", "against Y") is shared with a conjunct that has no
#    complement of its own ("the blockade of Y and attacks on Z": each keeps its own);
#  - a conjunct that already has an actor with the same marker keeps its own.
OWN_BEFORE = frozenset({"det", "poss", "nmod:poss"})
OWN_AFTER = frozenset({"nmod", "obl", "acl", "acl:relcl"})


def share_conjuncts(view: SentenceView, items: list[Item]) -> list[Item]:
    """Copies of the attached phrases for the coordinated trigger nouns that share them."""
    out: list[Item] = []
    for first in view.tokens:
        if not _act_noun(view, first) or first.dep_ == "conj":
            continue
        if any(c.i < first.i for c in first.conjuncts):
            continue
        group = [first]
        for c in sorted(first.conjuncts, key=lambda t: t.i):
            if not _act_noun(view, c) or _own_before(view, c):
                break  # "X's sanctions and the Chinese attacks on Y": a phrase of its own from here on
            group.append(c)
        if len(group) < 2:
            continue
        last = group[-1]
        for it in items:
            node = it.role_node
            if it.pred is None or it.nested or node is None or it.pred.i not in {c.i for c in group}:
                continue
            if node.i < first.i and it.pred.i == first.i and node.head.i == first.i:
                takers = group[1:]
            elif node.i > last.i and node.head.i in {c.i for c in group}:
                takers = [c for c in group if c.i != it.pred.i and not _own_after(c, group)]
            else:
                continue
            for c in takers:
                if any(o.pred is not None and o.pred.i == c.i and o.marker == it.marker for o in items + out):
                    continue
                out.append(replace(it, pred=c))
    return out


def _act_noun(view: SentenceView, tok: Token) -> bool:
    return tok.i in view.rows and view.pos_of(tok)[1] == "NOUN"


def _own_before(view: SentenceView, tok: Token) -> bool:
    """Has the conjunct its own article, possessive or actor before it?"""
    return any(k.i < tok.i and (k.dep_ in OWN_BEFORE or k.i in view.token_mention) for k in tok.children)


def _own_after(tok: Token, group: list[Token]) -> bool:
    """Has the conjunct a complement of its own, before the next conjunct (or any, for the last)?"""
    later = [c.i for c in group if c.i > tok.i]
    end = min(min(t.i for t in tok.doc[k].subtree) for k in later) if later else len(tok.doc)
    return any(k.dep_ in OWN_AFTER and tok.i < k.i < end for k in tok.children)
