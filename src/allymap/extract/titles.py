"""Words written before a name as its title or measure: relation nouns ("its ally Turkey") and compounds."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.langdata import Trigger

ARG_DEPS = frozenset({"nsubj", "nsubj:pass", "obj", "iobj", "obl", "obl:arg", "obl:agent", "nmod", "conj"})
TITLE_DEPS = frozenset({"appos", "compound", "flat", "flat:name"})


def relation_only(rows: dict[int, list[Trigger]], tok: Token) -> bool:
    """Is `tok` a noun whose trigger rows are all relations ("ally", "rival", "partner")?"""
    found = rows.get(tok.i)
    return found is not None and bool(found) and all(r.kind == "relation" for r in found)


def relation_title(rows: dict[int, list[Trigger]], par: Token, node: Token) -> bool:
    """A relation noun written before a name as its title ("condemned its ally Turkey", "will meet
    regional rival X's prime minister"): the name, hanging from the noun as an apposition, is the argument
    of the word the noun depends on; the relation itself is only described."""
    if node.i < par.i or node.dep_ not in TITLE_DEPS or not relation_only(rows, par):
        return False
    return par.dep_ in ARG_DEPS and par.head.i != par.i


def relation_title_marker(rows: dict[int, list[Trigger]], tok: Token) -> Token | None:
    """The relation noun a name right after it stands behind when the parser hung the name on the verb
    ("condemned its ally Turkey" read as "condemned its ally" + "Turkey"): that noun, whose dependency
    gives the name's role; else None."""
    if tok.i == 0 or tok.pos_ != "PROPN" or tok.dep_ not in ("obl", "obj", "dep", "npadvmod"):
        return None
    if any(c.dep_ == "case" for c in tok.children):
        return None
    before = tok.doc[min(t.i for t in tok.subtree) - 1]
    if before.head.i != tok.head.i or before.dep_ not in ("obj", "nsubj", "nsubj:pass"):
        return None
    return before if relation_only(rows, before) else None


def compound_marker(tok: Token) -> bool:
    """A name compounded with the noun it qualifies ("$5 million in U.S. aid to X", "a ban on EU
    imports"): the preposition written before the phrase is the noun's, not the name's."""
    head = tok.head
    if tok.dep_ not in ("compound", "nmod") or head.i == tok.i or head.i < tok.i:
        return False
    return head.pos_ in ("NOUN", "PROPN") and not any(c.dep_ in ("case", "mark") for c in tok.children)


def appos_title(proxy: frozenset[str], known: dict[int, int], par: Token, node: Token) -> bool:
    """ "X, a Turkish foreign ministry spokesman, said": a name the knowledge base does not know, with an
    apposition headed by a noun that stands for its state (cues "proxy_heads"), is that state's agent."""
    if node.dep_ != "appos" or node.i < par.i or par.pos_ != "PROPN" or par.i in known:
        return False
    return node.lemma_.lower() in proxy or node.text.lower() in proxy


def passive_support_author(consumed: set[int], node: Token) -> bool:
    """ "UN sanctions on X were lifted", "X's embargo was eased": the name compounded with (or owning) a
    support noun that is the subject of its passive verb is the verb's agent — only who imposed a measure
    lifts, extends or eases it."""
    par = node.head
    if par.i not in consumed or par.dep_ != "nsubj:pass" or par.i == node.i:
        return False
    return node.dep_ == "poss" or compound_marker(node)
