"""Parties that hold no state power: one named or singled-out company, and nationals as private people."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from allymap.extract.items import Item, lemma
from allymap.extract.langdata import LangData

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.args import SentenceView

Actors = list[tuple[str, str]]


def company_phrase(view: SentenceView, head: Token) -> bool:
    """Does a name only qualify one company (cues "nonstate")? "US bank Wells Fargo", "UK banking group
    Barclays" (a company noun right before a name that is no actor), "the US company", "a new Indian
    budget airline" (a singular company noun with a determiner that singles one out). "US banks",
    "Russian firms" and "two Russian banks" stay their state (the country's industry)."""
    nouns = view.data.words("nonstate", "company_nouns")
    if not nouns or head.dep_ not in ("compound", "amod", "nmod"):
        return False
    noun = head.head
    while noun.dep_ in ("compound", "amod") and noun.head.i > noun.i and lemma(noun) not in nouns:
        noun = noun.head  # "UK banking group": past the other modifiers of the phrase
    if noun.i <= head.i:
        return False
    if noun.text.lower() not in nouns:  # "UK banking group Barclays", not "the Haitian group Veye Yo"
        business = view.data.words("nonstate", "business_words")
        if noun.text.lower() not in view.data.words("nonstate", "named_nouns") or not any(
            view.doc[k].text.lower() in business for k in range(head.i + 1, noun.i)
        ):
            return False
    if any(view.doc[k].pos_ in ("PUNCT", "CCONJ", "ADP") for k in range(head.i + 1, noun.i)):
        return False  # "the UK and a US firm", "Britain, a bank": not one phrase
    after = view.doc[noun.i + 1] if noun.i + 1 < len(view.doc) else None
    named = (
        after is not None
        and after.text[:1].isupper()
        and after.pos_ == "PROPN"
        and after.i not in view.token_mention
        and after.text.lower() not in view.data.words("dates", "weekday_words")
    )
    if named:
        return True  # "US bank Wells Fargo"
    singular = view.data.words("nonstate", "singular_determiners")
    return noun.text.lower() in nouns and any(
        c.dep_ == "det" and c.text.lower() in singular for c in noun.children
    )


def _private(item: Item, data: LangData) -> bool:
    """A people's name as private persons ("the Spaniard", "an American": `Item.private`) or a sub-state
    phrase of private people ("British tourists", "tourists ..., those Americans")."""
    if item.private:
        return True
    private = data.words("nonstate", "private_nouns")
    head = item.head
    return item.domestic and (
        lemma(head) in private or (head.i != head.head.i and lemma(head.head) in private)
    )


def _only(items: Sequence[Item], actors: Actors, test: Callable[[Item], bool]) -> bool:
    found = [it for it in items if set(zip(it.codes, it.texts, strict=False)) & set(actors)]
    return bool(found) and all(test(it) for it in found)


def nonstate_party(items: Sequence[Item], data: LangData, kind: str, source: Actors, target: Actors) -> bool:
    """Is a side of a candidate no state's party (cues "nonstate")? A company or private people do not
    act for their state: no record with one of them as the only source ("US bank X held talks with
    Y", "the Spaniard donated", "British tourists visited Cuba"), unless at home and named by a plain
    people's name ("des Russes ont manifesté à Moscou"). A company as the only target of a cooperative
    act is a deal between firms ("agreed with an Indian airline"); as the target of a state's conflict
    act ("sanctions on a Russian bank") it stays its state's."""
    if not data.words("nonstate", "company_nouns"):
        return False

    def company(it: Item) -> bool:
        return it.company

    def either(it: Item) -> bool:
        return it.company or _private(it, data)

    if source and _only(items, source, either):
        abroad = {c for c, _ in target} - {c for c, _ in source}
        home = _only(items, source, lambda it: it.private and not it.company)
        if abroad or not target or not home:
            return True
    return bool(target) and kind in data.words("nonstate", "cooperation") and _only(items, target, company)
