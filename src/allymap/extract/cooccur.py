"""The "cooccurrence" extractor: for languages without a parser model, actors named in one sentence.

It does not pretend to read the sentence. Two or more different resolved actors in one sentence give
ONE record, flagged three ways: `kind` "relation" with `type` "COOCCUR" (not a PLOVER type, not a stated
relation), `extractor` "cooccurrence.v1", and `confidence` 0.15. The first actor named is the source and
the others the target, but the record is symmetric: the order means nothing. Mentions come from the
gazetteer on the CLDR (and curated) names of the language, plus their inflected forms where the language
has case endings (`lang/<iso>/mentions.json`, see allymap.actors.stems).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from allymap.extract.rules import Extraction, MentionFinder, default_finder
from allymap.nlp import Sentence
from allymap.records import COOCCURRENCE_EXTRACTOR, COOCCURRENCE_TYPE, Document, Event, Mention
from allymap.registry import extractors

CONFIDENCE = 0.15  # a co-occurrence says two actors are named together, not that they act on each other
# A sentence ends at . ! ? … (maybe with a closing quote) and a space before an upper-case letter of any
# script or a digit, or right after a CJK full stop; a line break always ends one.
_CUT = re.compile(r"(?<=[.!?…])([\"'»”’)]?)\s+|(?<=[。！？])(?=\S)")
_OPENERS = "\"'«“„(["


def split_any(text: str) -> list[Sentence]:
    """Sentences of a text in any script: lines, then sentence punctuation followed by a capital (an
    initial or a short title before the period, as in "Dr. J. Biden", does not end one)."""
    out: list[Sentence] = []
    pos = 0
    for line_no, line in enumerate(text.split("\n")):
        base = pos
        pos += len(line) + 1
        cut = 0
        for m in _CUT.finditer(line):
            if m.group(1) is not None:  # after . ! ? …
                nxt = line[m.end() :].lstrip(_OPENERS)[:1]
                before = line[cut : m.start()].split()
                word = before[-1].rstrip(".") if before else ""
                # a capital, a digit, or a letter of a script without case (Arabic, Chinese...)
                if not (nxt.isalnum() and not nxt.islower()) or _abbreviation(word):
                    continue
                end = m.start() + len(m.group(1))
            else:
                end = m.start()
            _add(out, text, base + cut, base + end, line_no)
            cut = m.end()
        _add(out, text, base + cut, base + len(line), line_no)
    return out


def _abbreviation(word: str) -> bool:
    """An initial ("A.") or a short title ("Dr.", "St.", "Mr.") does not end a sentence; "EU." does."""
    return word.isalpha() and (len(word) == 1 or (len(word) == 2 and word[0].isupper() and word[1].islower()))


def _add(out: list[Sentence], text: str, start: int, end: int, line: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(len(out), start, end, text[start:end], line))


class CooccurrenceExtractor:
    """Co-occurrence relations of one language: resolved actor mentions, grouped by sentence."""

    def __init__(self, lang: str | None = None, finder: MentionFinder | None = None, kb: Any = None) -> None:
        self.lang = lang
        self._finder = finder
        self.kb = kb

    @property
    def name(self) -> str:
        return COOCCURRENCE_EXTRACTOR

    def find_mentions(self, document: Document) -> list[Mention]:
        lang = self.lang or document.lang
        finder = self._finder or default_finder()
        kwargs: dict[str, Any] = {"doc": document.doc, "lang": lang, "on": document.published}
        if self.kb is not None:
            kwargs["kb"] = self.kb
        found = list(finder(document.text, **kwargs))
        if self._finder is None:  # the shipped gazetteer: add the inflected forms it cannot see
            from allymap.actors.stems import inflected_mentions

            found = inflected_mentions(document.text, document.doc, lang, found, self.kb)
        return found

    def __call__(self, document: Document) -> list[Event]:
        return list(self.extract(document).events)

    def extract(self, document: Document, mentions: Sequence[Mention] | None = None) -> Extraction:
        found = list(mentions) if mentions is not None else self.find_mentions(document)
        sentences = split_any(document.text)
        resolved = sorted((m for m in found if m.code and m.kind != "place"), key=lambda m: m.start)
        events: list[Event] = []
        i = 0
        for s in sentences:
            while i < len(resolved) and resolved[i].start < s.start:
                i += 1
            named: dict[str, str] = {}
            j = i
            while j < len(resolved) and resolved[j].end <= s.end:
                named.setdefault(str(resolved[j].code), resolved[j].text)
                j += 1
            if len(named) >= 2:
                events.append(self._record(document, s, named))
        return Extraction(document.doc, tuple(events), tuple(found), len(sentences), 0)

    def _record(self, document: Document, s: Sentence, named: dict[str, str]) -> Event:
        codes = list(named)
        return Event(
            doc=document.doc,
            kind="relation",
            type=COOCCURRENCE_TYPE,
            mode=None,
            source=(codes[0],),
            target=tuple(codes[1:]),
            source_text=(named[codes[0]],),
            target_text=tuple(named[c] for c in codes[1:]),
            symmetric=True,
            negated=False,
            modality="asserted",  # the sentence names them; whether it asserts an act is not known
            claimed_by=None,
            date=None,
            evidence=s.text,
            start=s.start,
            end=s.end,
            confidence=CONFIDENCE,
            extractor=COOCCURRENCE_EXTRACTOR,
            extra={"lang": self.lang or document.lang, "level": "mentions"},
        )


@extractors.register("cooccurrence")
def cooccurrence_extractor(lang: str | None = None, **kwargs: Any) -> CooccurrenceExtractor:
    """The registry's factory: `extractors.create("cooccurrence", lang="de")`."""
    return CooccurrenceExtractor(lang, kwargs.get("finder"), kwargs.get("kb"))
