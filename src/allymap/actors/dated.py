"""Office-holders out of office on the publication date, resolved as of the dated sentence naming them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from allymap.actors.kb import words
from allymap.records import Mention

if TYPE_CHECKING:
    from allymap.actors.context import Resolver
    from allymap.actors.matcher import Cand

DatedSpan = tuple[int, int, date]  # (start, end, date): text whose events happened on that date


def date_at(offset: int, dates: Sequence[DatedSpan]) -> date | None:
    """The date of the dated span holding `offset`, if any."""
    return next((day for start, end, day in dates if start <= offset < end), None)


def redate(
    resolver: Resolver,
    text: str,
    cands: Sequence[Cand],
    mentions: list[Mention],
    dates: Sequence[DatedSpan],
    doc: str = "",
) -> list[Mention]:
    """`mentions` with each person left without an actor on the publication date (out of office, or
    several office-holders of that name) resolved again as of its span's date ("In 2010, Obama met
    Sarkozy" in an article of 2018); a person resolved on the publication date keeps that resolution, and
    one called former ("former President Obama") stays unresolved."""
    if not dates:
        return mentions
    by_span = {(c.start, c.end): c for c in cands}
    out: list[Mention] = []
    for mention in mentions:
        cand = by_span.get((mention.start, mention.end))
        day = date_at(mention.start, dates)
        if (
            mention.kind == "person"
            and mention.code is None
            and day is not None
            and cand is not None
            and all(e.kind == "person" for e in cand.entries)
            and not _former(text, mention.start, resolver.rules.former)
        ):
            again = resolver.person(text, cand, doc, mention.text, day)
            if again is not None and again.code is not None:
                mention = again
        out.append(mention)
    return out


def _former(text: str, start: int, former: frozenset[str]) -> bool:
    """Does a word such as "former" or "ancien" stand before the name, in its phrase ("Former French
    President Nicolas Sarkozy", "l'ancien président Sarkozy")?"""
    before = words(text[max(0, start - 60) : start])
    while before and before[-1][0].isalnum():
        if before.pop()[0] in former:
            return True
    return False
