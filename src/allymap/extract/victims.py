"""Whom a state's act on its own people is done to (row option victim=CLASS|CLASS): people, not things."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from allymap.extract.items import lemma

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.items import Item
    from allymap.extract.langdata import LangData, Trigger


def _classes(tok: Token, data: LangData) -> set[str]:
    return data.object_class(lemma(tok)) | data.object_class(tok.text.lower())


def names_victim(tok: Token, row: Trigger, data: LangData, organ: bool) -> bool:
    """May the noun be the target words of the row's domestic record? Without option victim=CLASS|CLASS,
    yes. With it: when the act is a state organ's own (`organ`: police, prosecutors, an agency), any noun
    ("prosecutors are suing a printer maker", "is investigating a collision"); else only a head noun of
    one of the option's classes or a name ("investigated three officials", "sued two men", "a lawsuit
    against former President X"; not "Kenya investigated 400 contracts", "a firm is permitted to sue")."""
    want = row.options.get("victim")
    if not want or organ:
        return True
    return bool(set(want.split("|")) & _classes(tok, data)) or tok.pos_ == "PROPN"


def unnamed_ok(row: Trigger, organ: bool, preds: Iterable[Token], data: LangData) -> bool:
    """A domestic act that names no victim by a noun ("launched an investigation", "released the four"):
    a record (target words the act's own) unless the row needs a victim (option victim=...) and its doer
    is no state organ ("an investigation by X's regulator", "is permitted to sue", "the US agreed to
    release the four"); a number of them is named ("release three of the hostages")."""
    if organ or not row.options.get("victim"):
        return True
    return any(
        c.pos_ == "NUM" and any(n.pos_ == "NOUN" and names_victim(n, row, data, False) for n in c.subtree)
        for p in preds
        for c in p.children
        if c.dep_ == "obj"
    )


def organ_source(
    items: Iterable[Item], source: Iterable[tuple[str, str]], organ: Callable[[Token], bool]
) -> bool:
    """Is the one actor named through one of its state's organs (cues "sub_state" "domestic_organs":
    police, authorities, the government, an agency or service), not the bare state or a demonym?"""
    pairs = set(source)
    found = [it for it in items if set(zip(it.codes, it.texts, strict=False)) & pairs]
    return bool(found) and all(
        any(n is not None and organ(n) for n in (it.head, it.role_node)) for it in found
    )


def no_person(patient: Token, verb: Token, row: Trigger, data: LangData) -> bool:
    """Is the undergoer of a passive act with no agent a thing: a pronoun of cues "unsaid_agent" "things"
    ("it"), a noun of the row's excluded object classes (obj=!A|B), itself or the noun its relative
    clause qualifies, or, for a row with option victim=..., no victim ("a practice was outlawed")?"""
    if patient.lower_ in data.words("unsaid_agent", "things"):
        return True
    if not names_victim(patient, row, data, False):
        return True
    want = row.options.get("obj", "")
    if not want.startswith("!"):
        return False
    nouns = (patient, verb.head) if verb.dep_ == "acl:relcl" else (patient,)
    return any(set(want[1:].split("|")) & data.object_class(lemma(n)) for n in nouns)
