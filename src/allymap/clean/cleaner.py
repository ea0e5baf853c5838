"""Clean an article: drop boilerplate lines, keep the title apart, find language and date, map offsets."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from allymap.clean.dates import byline_date
from allymap.clean.language import detect_language
from allymap.clean.rules import rules_for
from allymap.records import Article, Document, Removal, Segment

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_SENTENCE_END = re.compile(r"[.!?…»\"”:;)]\s*$")


def _norm(line: str) -> str:
    return _SPACES.sub(" ", line).strip()


@dataclass
class CleanContext:
    """What one ingest knows across its articles: lines repeated in many of them are boilerplate."""

    repeated: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def from_articles(cls, articles: Iterable[Article], min_articles: int = 3) -> CleanContext:
        counts: Counter[str] = Counter()
        for article in articles:
            lines = {_norm(ln).casefold() for ln in article.text.splitlines()}
            counts.update(ln for ln in lines if 0 < len(ln) <= 200)
        return cls(frozenset(ln for ln, n in counts.items() if n >= min_articles))


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) of each line of `text`, without its line break."""
    out = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        out.append((pos, line))
        pos += len(raw)
    return out


def clean(article: Article, context: CleanContext | None = None) -> Document:
    """The cleaned Document of an article. Every kept line is copied verbatim, so each offset of the
    cleaned text maps back into the original through `Document.segments`."""
    text = article.text
    lines = _lines(text)
    lang = article.lang or detect_language(text)
    rules = rules_for(lang)
    title = article.title
    title_key = _norm(title).casefold() if title else None
    published = article.published
    repeated = context.repeated if context else frozenset()
    first_title = next(
        (i for i, (_, ln) in enumerate(lines) if title_key and _norm(ln).casefold() == title_key), None
    )
    keep: list[tuple[int, str]] = []
    removed: list[Removal] = []
    for index, (offset, line) in enumerate(lines):
        norm = _norm(line)
        if not norm:
            continue
        reason = None
        folded = norm.casefold()
        if title_key and folded == title_key:
            reason = "title"
        elif first_title is not None and index < first_title and len(norm.split()) <= 6:
            reason = "site header"
        elif (found := byline_date(norm)) is not None:
            reason = "byline"
            published = published or found
        elif (cue := rules.reason(norm)) is not None:
            reason = cue
        elif folded in repeated:
            reason = "repeated across articles"
        elif rules.promo_score(norm) >= (3 if len(norm) > 200 else 2):
            reason = "promotion"
        elif _shouting(norm):
            reason = "all-caps line"
        if reason:
            removed.append(Removal(offset, offset + len(line), reason, line))
        else:
            keep.append((offset, line.rstrip()))
    parts: list[str] = []
    segments: list[Segment] = []
    pos = 0
    for offset, line in keep:
        stripped = line.lstrip()
        lead = len(line) - len(stripped)
        if parts:
            parts.append("\n")
            pos += 1
        segments.append(Segment(pos, offset + lead, len(stripped)))
        parts.append(stripped)
        pos += len(stripped)
    cleaned = "".join(parts)
    return Document(
        article_id=article.id,
        doc=article.doc,
        text=cleaned,
        original=text,
        title=title,
        lang=lang or (detect_language(cleaned) if cleaned else None),
        published=published,
        segments=tuple(segments),
        removed=tuple(removed),
        url=article.url,
        domain=article.domain,
    )


def _shouting(line: str) -> bool:
    """A short all-capitals line without sentence punctuation (an ad slot, a button)."""
    letters = [c for c in line if c.isalpha()]
    return (
        len(letters) >= 2
        and all(c.isupper() for c in letters)
        and len(line.split()) <= 6
        and not _SENTENCE_END.search(line)
    )
