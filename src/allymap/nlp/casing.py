"""Headline casing: a sentence set in title case ("Russia Attacks Ukrainian Ports") or in capitals gives
the small parsers a chain of proper nouns; the same words in running-text case parse as a clause. The
words outside the sentence's names are lower-cased before the parse, at the same length, so that every
offset stays an offset in the text."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
MIN_LONG = 2  # a headline has at least this many long words ...
LONG = 4  # ... of this many letters, all capitalised


def headline_case(text: str) -> bool:
    """Is every word of four letters or more capitalised (at least three of them; a sentence in
    capitals counts)? Running text always has some lower-case long word ("signed", "the deal")."""
    long = [w for w in _WORD.findall(text) if len(w) >= LONG and w.lower() != w.upper()]
    return len(long) >= MIN_LONG and all(w[0].isupper() for w in long)


def recase_headline(text: str, keep: Sequence[tuple[int, int]]) -> str:
    """`text` with the words outside the `keep` spans (names: offsets in `text`) in lower case, when it
    is a headline; words in mixed case ("McCain") and, unless the whole headline is in capitals,
    acronyms ("NATO") stay as they are. In a headline in capitals, a name's words of four letters or
    more are in title case ("JAPAN" as "Japan": the parser reads a word in capitals as an acronym, no
    subject); shorter ones stay ("EU", "UN"). Unchanged otherwise."""
    if not headline_case(text):
        return text
    capitals = not any(c.islower() for c in text)
    out = list(text)
    for m in _WORD.finditer(text):
        word = m.group()
        if any(start < m.end() and m.start() < end for start, end in keep):
            if capitals and len(word) >= LONG:
                out[m.start() + 1 : m.end()] = word[1:].lower()  # "JAPAN" as "Japan"; "EU" stays
            continue
        rest = word[1:]
        if not (capitals or (rest == rest.lower() and rest != rest.upper())):
            continue
        low = word.lower()
        if len(low) == len(word):
            out[m.start() : m.end()] = low
    return "".join(out)


def verb_after(text: str, start: int, end: int, endings: Collection[str]) -> bool:
    """In a line set in title case or in capitals, is the capitalised word right after the name at
    `start:end` a verb by its ending (`endings`, a language's: "France Attacks Germany")?"""
    after = re.match(r" ([^\W\d_][\w'’-]*)", text[end : end + 40])
    if not endings or not after or len(after.group(1)) < LONG or not after.group(1)[0].isupper():
        return False
    word = after.group(1).lower()
    if not any(word.endswith(e) for e in endings):
        return False
    first, last = text.rfind("\n", 0, start) + 1, text.find("\n", end)
    return headline_case(text[first : last if last >= 0 else len(text)])
