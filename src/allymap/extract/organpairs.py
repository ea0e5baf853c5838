"""Verbal conflict between two organs or officeholders of one state ("parliament censured the government")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from allymap.extract.items import lemma

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.args import SentenceView
    from allymap.extract.items import Item
    from allymap.extract.langdata import LangData, Trigger

Actors = list[tuple[str, str]]


class Builder(Protocol):
    view: SentenceView
    data: LangData
    inferred: set[tuple[str, str]]
    items: list[Item]

    def domestic_actors(self) -> set[tuple[str, str]]: ...


def same_state_targets(b: Builder, pred: Token, row: Trigger, sides: dict[str, list[Item]], source: Actors,
                       target: Actors) -> Actors:  # fmt: skip
    """The targets kept when a side has the source's code: a sub-state actor's (a domestic record, issue
    5), or, for a verbal conflict (cues "sub_state" "organ_pair_types"), another organ or officeholder of
    the same state than the source's ("Kenya's Supreme Court rejected President X's decree": KEN, KEN),
    never the same one named twice, nor a denial of claims ("rejected the government's accusations")."""
    src_codes = {c for c, _ in source}
    domestic = b.domestic_actors()
    pair = organ_pair(b, pred, row, sides, target)
    return [
        (c, t)
        for c, t in target
        if c not in src_codes
        or (c, t) in domestic
        or any((c, s) in domestic for k, s in source if k == c)
        or c in pair
    ]


def organ_home(b: Builder, pred: Token, row: Trigger, pending: list[tuple[str, Item]], source: Actors,
               target: Actors, sides: dict[str, list[Item]]) -> None:  # fmt: skip
    """A bare organ with no country of its own ("the government", "the judiciary") in a verbal conflict
    with another organ or officeholder of one state, and no other actor named, is that state's
    ("Britain's parliament censured the government", "rejected the government's deal": GBR, GBR); in
    place, into source/target."""
    if not _conflict(b, pred, row):
        return
    owners = [it for it in b.items if not target and _owner_of_object(it, pred)]  # "the government's appeal"
    organs = b.data.words("sub_state", "domestic_organs") | b.data.words("sub_state", "organ_pair_nouns")
    civil = b.data.words("sub_state", "infer") - b.data.words("sub_state", "infer_armed")
    for role, it in pending + [("target", it) for it in owners]:
        own, other = (source, target) if role == "source" else (target, source)
        items = sides["target" if role == "source" else "source"]
        codes = {c for c, _ in other}
        bare = lemma(it.head)
        if own or len(codes) != 1 or not items or (it.domestic and not (it in owners and bare in civil)):
            continue  # a sub-state noun only as the owner ("the opposition's demands"): infer_home's
        keys = [_organ_key(b, x) for x in items]
        if (bare not in organs and not it.domestic) or any(k is None or _same(b, k, bare) for k in keys):
            continue
        if bare in b.data.words("sub_state", "any_state_organs") and any("person" in x.kinds for x in items):
            continue  # "X criticized the government": a person's government may be any state's
        code = next(iter(codes))
        named = {str(m.code) for m in b.view.mentions if m.code and m.kind != "place"}
        if named <= {code}:
            own.append((code, b.view.words(it.head)))
            b.inferred.add((code, b.view.words(it.head)))


def organ_pair(
    b: Builder, pred: Token, row: Trigger, sides: dict[str, list[Item]], target: Actors
) -> set[str]:
    """The codes both sides name only through distinct organs or officeholders of that state; a target
    named as the agent of a nested act ("rejected President X's request") is that act's."""
    if not _conflict(b, pred, row):
        return set()
    nested = {t.i for t in pred.subtree if t.i != pred.i and t.i in b.view.rows}
    src = _own(sides.get("source", []))
    tgt = _own(sides.get("target", []) or [it for it in b.items if _nested_agent(it, nested, target)])
    codes = {c for it in src + tgt for c in it.codes}
    if not src or not tgt or len(codes) != 1:
        return set()
    src_keys, tgt_keys = [_organ_key(b, it) for it in src], [_organ_key(b, it) for it in tgt]
    if None in src_keys or None in tgt_keys:
        return set()
    if any(_same(b, s, t) for s in src_keys for t in tgt_keys if s is not None and t is not None):
        return set()
    return codes


def _owner_of_object(it: Item, pred: Token) -> bool:
    """Is the item a bare noun with no country owning the predicate's object ("the government's deal")?"""
    obj = it.pred
    return (
        it.via == "substate"
        and obj is not None
        and obj.head.i == pred.i
        and obj.dep_ in ("obj", "dobj")
        and it.marker == "poss"
    )


def _nested_agent(it: Item, nested: set[int], target: Actors) -> bool:
    """Is the item a target named only as the agent of an act nested under the predicate?"""
    return (
        it.pred is not None
        and it.pred.i in nested
        and bool(set(zip(it.codes, it.texts, strict=False)) & set(target))
    )


def _own(items: list[Item]) -> list[Item]:
    """The side's items, less a title word of another item's person ("Israeli" in "Israeli Prime Minister
    X")."""
    return [
        it
        for it in items
        if not (
            it.kinds[:1] == ("title",)
            and it.role_node is not None
            and any(it.role_node.i in o.tokens for o in items if o is not it)
        )
    ]


def _conflict(b: Builder, pred: Token, row: Trigger) -> bool:
    """A verbal conflict of the listed types, not a denial of claims ("rejected the accusations")."""
    if row.type not in b.data.words("sub_state", "organ_pair_types"):
        return False
    claims = b.data.words("denied_claims", "nouns")
    return not any(c.dep_ in ("obj", "dobj") and lemma(c) in claims for c in pred.children)


def _organ_key(b: Builder, it: Item) -> str | None:
    """What names the item as one organ or officeholder of its state: a person's name, an organ's name,
    or the organ noun a state's name qualifies ("Kenya's Supreme Court": court); None for the state itself
    or anything else ("Kenya", "Kenya's critics")."""
    if len(set(it.codes)) != 1 or it.domestic or it.private or it.company:
        return None
    kind = it.kinds[0] if it.kinds else ""
    if kind in ("person", "organ") and it.via == "mention":
        return "=" + it.texts[0].lower()
    organs = b.data.words("sub_state", "domestic_organs") | b.data.words("sub_state", "organ_pair_nouns")
    node, stop = it.head, it.role_node
    for _ in range(4):  # "the Iraqi government's decision": the organ between name and role word
        if node.i not in it.tokens and lemma(node) in organs:
            return lemma(node)
        if stop is None or node.i == stop.i or node.head.i == node.i:
            break
        node = node.head
    if it.via == "substate" and lemma(it.head) in organs:
        return lemma(it.head)
    return None


def _same(b: Builder, one: str, other: str) -> bool:
    """May the two keys name one actor: equal, one name inside the other ("Putin", "Vladimir Putin"), or
    a person and an office one person holds (cues "sub_state" "offices": "Trump" and "the president")?"""
    if one == other or (one[0] == other[0] == "=" and (one[1:] in other or other[1:] in one)):
        return True
    offices = b.data.words("sub_state", "offices")
    return (one[0] == "=") != (other[0] == "=") and (one in offices or other in offices)
