"""Mentions inside a finite clause of their own, or describing the act's subject, that the act is not part
of: no party to a one-sided act."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.args import SentenceView

CLAUSES = ("advcl", "acl:relcl")


def detached_mentions(view: SentenceView, acts: tuple[Token | None, ...]) -> set[int]:
    """Mention indices inside an adverbial or relative clause with a subject of its own that holds none of
    the act's tokens, outside that subject ("... arrested its director as he was leaving for X", "...
    clashed with police after the court freed a man exiled in X"): a place or a party of another act says
    nothing of the act's sides. The clause's own subject may ("declared a ceasefire as Y shelled a town")."""
    toks = [t for t in acts if t is not None]
    subjects = {c.i for t in toks for c in t.children if c.dep_ == "nsubj"}
    out: set[int] = set()
    for ti, mi in view.token_mention.items():
        node = view.doc[ti]
        for _ in range(12):
            if any(node.i == t.i for t in toks):
                break  # the act's own clause (or one it governs with the act inside)
            if node.dep_ == "appos" and node.pos_ == "NOUN" and _under(node.head, subjects):
                out.add(mi)  # "X, the affiliate of Y, released ...": what the subject is, not a side
                break
            if node.dep_ in CLAUSES and node.head.i != node.i and _has_subject(node):
                acting = any(
                    ti in {k.i for k in c.subtree} for c in node.children if c.dep_.startswith("nsubj")
                )
                if any(node.i in {a.i for a in t.ancestors} for t in toks):
                    break
                if not acting:  # the clause's own actor may be a side ("as Y shelled the town"): climb on
                    out.add(mi)
                    break
            if node.head.i == node.i:
                break
            node = node.head
    return out


def _under(tok: Token, heads: set[int]) -> bool:
    return tok.i in heads or any(a.i in heads for a in tok.ancestors)


def _has_subject(verb: Token) -> bool:
    return any(c.dep_.startswith("nsubj") for c in verb.children)
