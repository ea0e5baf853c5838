"""Clean an article: score each line as boilerplate or body, keep the body verbatim with a map back."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from allymap.clean.meta import detect_language, iso_date, normalize_lang
from allymap.clean.rules import Cue, LangRules, rules_for
from allymap.records import Article, Document, Removal, Segment

_SPACES = re.compile(r"[\s\u00a0\u202f\u200b]+")
# A sentence ends with one of these (closing quotes and brackets after a full stop included).
_TERMINAL = re.compile(r"[.!?…;。！？»\"”’)\]]\s*$")

# A line removed with a score at least this high; weak signals score 1 or 2 (see `_weak_reason`).
THRESHOLD = 2
REPEAT_MAX_CHARS = 200  # a line longer than this is never counted as repeated boilerplate
GLUED_MIN_CHARS = 200  # a line opening with a link cue and longer than this holds a paragraph too
# Where two texts were run together without a space: a small letter or a closing mark, then a capital.
_SITE_SUFFIX = re.compile(r"\s+[-|–—:]\s+[^.!?]{1,40}")
_SITE_PREFIX = re.compile(r"[^.!?]{1,40}\s+[-|–—:]\s+")
_SEAM = re.compile(r"[a-zà-ÿ.!?»”)][A-ZÀ-ÖØ-Þ«“]")
HEAD_LINES = 5  # the title must stand within the first lines for the lines above it to be a site header


def normalize_line(line: str) -> str:
    """A line stripped, with every run of white space (NBSP, narrow NBSP included) made one space."""
    return _SPACES.sub(" ", line).strip()


@dataclass(frozen=True)
class CleanContext:
    """What one ingest knows across its articles: lines repeated in `min_articles` of them or more
    (case-folded, space-normalised) are boilerplate of the site or the feed."""

    repeated: frozenset[str] = field(default_factory=frozenset)
    min_articles: int = 3

    @classmethod
    def from_articles(cls, articles: Iterable[Article], min_articles: int = 3) -> CleanContext:
        counts: Counter[str] = Counter()
        for article in articles:
            keys = {normalize_line(ln).casefold() for ln in article.text.splitlines()}
            counts.update(k for k in keys if 0 < len(k) <= REPEAT_MAX_CHARS)
        return cls(frozenset(k for k, n in counts.items() if n >= min_articles), min_articles)


@dataclass
class _Line:
    """One non-blank line of the original and what the cleaner found out about it."""

    offset: int
    raw: str  # without its line break
    norm: str
    key: str  # norm, case-folded
    words: int
    prose: bool
    fragment: bool
    reason: str | None = None
    definitive: bool = False
    cut: int = 0  # characters removed from the start of a kept line (a glued link title)
    cut_reason: str = ""

    @property
    def removed(self) -> bool:
        return self.reason is not None


def _shape(offset: int, raw: str) -> _Line:
    norm = normalize_line(raw)
    words = len(norm.split())
    ends = _TERMINAL.search(norm) is not None
    prose = (ends and (words >= 8 or len(norm) >= 60)) or words >= 20 or len(norm) >= 150
    fragment = not ends and words <= 5 and len(norm) <= 40
    return _Line(offset, raw, norm, norm.casefold(), words, prose, fragment)


def split_lines(text: str) -> list[_Line]:
    """The non-blank lines of `text` with their offsets (any Unicode line break ends a line)."""
    out = []
    pos = 0
    for chunk in text.splitlines(keepends=True):
        raw = chunk.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        if raw.strip():
            out.append(_shape(pos, raw))
        pos += len(chunk)
    return out


def _shouting(line: _Line) -> bool:
    """A short line in capitals only, without sentence punctuation (an ad slot, a button, a kicker)."""
    letters = [c for c in line.norm if c.isalpha()]
    return len(letters) >= 2 and line.words <= 8 and all(c.isupper() for c in letters) and not line.prose


def _definitive(
    lines: list[_Line], rules: LangRules, title_key: str | None, repeated: frozenset[str]
) -> str | None:
    """Mark lines that are boilerplate by themselves; returns the date of a byline, if one is found."""
    first_title = next((i for i, ln in enumerate(lines) if _is_title(ln.key, title_key)), None)
    if first_title is not None and first_title >= HEAD_LINES:
        first_title = None  # a title repeated far down does not make a header of what stands above it
    found: str | None = None
    for index, line in enumerate(lines):
        reason = None
        if _is_title(line.key, title_key):
            reason = "title"
        elif first_title is not None and index < first_title and line.words <= 6:
            reason = "site header"
        elif (date := rules.byline_date(line.norm)) is not None:
            reason = "byline"
            found = found or date
        elif (cue := rules.cue(line.norm)) is not None:
            if cue.kind == "prefix" and len(line.norm) > GLUED_MIN_CHARS:
                _cut_glued(line, cue)  # a link title run into the paragraph after it
                continue
            reason = cue.reason
        elif rules.is_promotion(line.norm, prose=line.prose):
            reason = "promotion"
        elif line.key in repeated and not line.prose:
            reason = "repeated across articles"
        if reason:
            line.reason, line.definitive = reason, True
    return found


def _is_title(key: str, title_key: str | None) -> bool:
    """The line is the title, alone or with the site's name ("Title - Site", "Site | Title")."""
    if not title_key or title_key not in key:
        return False
    if key == title_key:
        return True
    before, _, after = key.partition(title_key)
    return bool(
        (not before and _SITE_SUFFIX.fullmatch(after)) or (not after and _SITE_PREFIX.fullmatch(before))
    )


def _cut_glued(line: _Line, cue: Cue) -> None:
    """A long line opening with a link cue ("Lire aussi ...") whose title runs into the next paragraph
    without a break ("... à ParisDevant le parc"): the title goes, the paragraph stays. Without such a
    seam the line is kept whole: better a stray link title than a lost paragraph."""
    lead = len(line.raw) - len(line.raw.lstrip())
    opening = cue.regex.match(line.raw, lead)
    start = opening.end() if opening else lead
    seam = _SEAM.search(line.raw, start, start + GLUED_MIN_CHARS)
    if seam is not None:
        line.cut, line.cut_reason = seam.start() + 1, cue.reason
        line.prose = True


def _weak(lines: list[_Line], rules: LangRules, repeated: frozenset[str]) -> None:
    """Score the remaining lines on weak signals (shape, position, repetition, weak cues); a line that
    reaches THRESHOLD goes. A prose line starts one point down, so shape and position never remove it."""
    for line in lines:
        if line.removed or not line.prose:
            continue
        hint, hint_reason = rules.hint(line.norm)
        score = hint - 1 + (2 if line.key in repeated else 0)
        if score >= THRESHOLD:
            line.reason = "repeated across articles" if line.key in repeated else hint_reason or "hint"
    kept_prose = [i for i, ln in enumerate(lines) if ln.prose and not ln.removed]
    last_prose = kept_prose[-1] if kept_prose else len(lines)
    counts = Counter(ln.key for ln in lines if not ln.definitive)
    for index, line in enumerate(lines):
        if line.removed or line.prose:
            continue
        signals: list[tuple[int, str]] = []
        hint, hint_reason = rules.hint(line.norm)
        if hint:
            signals.append((hint, hint_reason or "hint"))
        if counts[line.key] >= 2 and line.words <= 15 and not line.norm.endswith(","):
            signals.append((2, "repeated in article"))
        if _shouting(line) and not _heading(lines, index):
            signals.append((1, "all-caps line"))
        if line.fragment and index > last_prose:
            signals.append((1, "footer"))
        if _between_removed(lines, index):
            signals.append((1, "boilerplate block"))
        if line.fragment:
            signals.append((1, "fragment"))
        if sum(weight for weight, _ in signals) >= THRESHOLD:
            line.reason = max(signals, key=lambda s: s[0])[1]


def _heading(lines: list[_Line], index: int) -> bool:
    """A line between two kept paragraphs of prose: a sub-heading (ads in capitals there have cues)."""
    return 0 < index < len(lines) - 1 and all(
        ln.prose and not ln.removed for ln in (lines[index - 1], lines[index + 1])
    )


def _between_removed(lines: list[_Line], index: int) -> bool:
    """The line above was removed as boilerplate by itself, and so was the line below (or the text ends
    here): a line inside a block of boilerplate."""
    above = index > 0 and lines[index - 1].definitive
    below = index == len(lines) - 1 or lines[index + 1].definitive
    return above and below


def clean(article: Article, context: CleanContext | None = None) -> Document:
    """The cleaned Document of an article. Boilerplate lines go (each recorded as a Removal with its
    reason); every kept line is copied verbatim (minus the white space around it), one per paragraph,
    so each offset of the cleaned text maps back into the original through `Document.segments`."""
    text = article.text
    lines = split_lines(text)
    lang = normalize_lang(article.lang) or detect_language(text)
    rules = rules_for(lang)
    title = normalize_line(article.title) if article.title else None
    repeated = context.repeated if context else frozenset()
    byline = _definitive(lines, rules, title.casefold() if title else None, repeated)
    _weak(lines, rules, repeated)
    published = (iso_date(article.published, lang) if article.published else None) or byline

    parts: list[str] = []
    segments: list[Segment] = []
    removed: list[Removal] = []
    pos = 0
    for line in lines:
        if line.reason is not None:
            removed.append(Removal(line.offset, line.offset + len(line.raw), line.reason, line.raw))
            continue
        if line.cut:
            removed.append(
                Removal(line.offset, line.offset + line.cut, line.cut_reason, line.raw[: line.cut])
            )
        rest = line.raw[line.cut :]
        body = rest.strip()
        lead = line.cut + len(rest) - len(rest.lstrip())
        if parts:
            parts.append("\n")
            pos += 1
        segments.append(Segment(pos, line.offset + lead, len(body)))
        parts.append(body)
        pos += len(body)
    return Document(
        article_id=article.id,
        doc=article.doc,
        text="".join(parts),
        original=text,
        title=title or None,
        lang=lang,
        published=published,
        segments=tuple(segments),
        removed=tuple(removed),
        url=article.url,
        domain=article.domain,
        origin=article.origin,
    )
