"""Date expressions of a sentence resolved against the publication date (dateparser underneath), and the
absolute dates (written with their year) that office-holders named in a sentence are resolved on."""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any


@dataclass(frozen=True)
class DateMention:
    """A date expression found in a text, with its resolved value (`YYYY-MM-DD` or `YYYY-MM`)."""

    start: int
    end: int
    text: str
    value: str | None


def parse_published(published: str | None) -> tuple[date | None, str]:
    """The publication date and its precision ("day", "month", "year" or "none")."""
    if not published:
        return None, "none"
    text = published.strip()[:10]
    for fmt, precision in (("%Y-%m-%d", "day"), ("%Y-%m", "month"), ("%Y", "year")):
        try:
            parsed = datetime.strptime(text[: len(datetime(2000, 1, 1).strftime(fmt))], fmt)
        except ValueError:
            continue
        if precision == "month":
            last = calendar.monthrange(parsed.year, parsed.month)[1]
            return date(parsed.year, parsed.month, last), precision
        if precision == "year":
            return date(parsed.year, 12, 31), precision
        return parsed.date(), precision
    return None, "none"


_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


@lru_cache(maxsize=64)
def _parser(lang: str, base: date) -> Any:
    from dateparser.date import DateDataParser

    settings = {
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "past",
        "DATE_ORDER": "DMY",
    }
    return DateDataParser(languages=[lang], settings=settings)


@lru_cache(maxsize=32)
def _compiled(patterns: tuple[str, ...]) -> list[re.Pattern[str]]:
    return [re.compile(p, re.IGNORECASE) for p in patterns]


class DateResolver:
    """Finds date expressions with the language's patterns and resolves them against a base date."""

    def __init__(self, lang: str, cues: dict[str, Any], published: str | None) -> None:
        self.lang = lang
        self.patterns = _compiled(tuple(cues.get("patterns", [])))
        self.skip = tuple(p.lower() for p in cues.get("skip_prefixes", []))
        self.weekdays = tuple(w.lower() for w in cues.get("weekday_words", []))
        self.strip = sorted((p.lower() for p in cues.get("strip_prefixes", [])), key=len, reverse=True)
        self.years = _compiled(tuple(cues.get("year_patterns", [])))
        self.openers = frozenset(w.lower() for w in cues.get("aside_openers", []))
        self.base, self.precision = parse_published(published)

    def find(self, text: str, offset: int = 0) -> list[DateMention]:
        """Date expressions of `text` (offsets shifted by `offset`), longest first where they overlap."""
        found = sorted(
            ((m.start(), m.end()) for pattern in self.patterns for m in pattern.finditer(text)),
            key=lambda span: (span[0] - span[1], span[0]),
        )
        spans: list[tuple[int, int]] = []
        for start, end in found:
            if not any(start < e and s < end for s, e in spans):
                spans.append((start, end))
        out: list[DateMention] = []
        for s, e in sorted(spans):
            phrase = text[s:e]
            if phrase.lower().startswith(self.skip):
                continue
            out.append(DateMention(offset + s, offset + e, phrase, self.resolve(phrase)))
        return out

    def absolute(self, text: str, offset: int = 0) -> list[tuple[int, date]]:
        """The dates of `text` written with their year ("5 March 2010", "March 2010", "in 2010"), not after
        the publication date, as (offset, date): a day as it is, a month by its 15th, a year by 1 July (the
        middle of the period; "Tuesday", "last year" and "5 March" are relative and not given)."""
        if self.base is None:
            return []
        out: list[tuple[int, date]] = []
        written = self.find(text, offset)
        for found in written:
            if found.value and _YEAR.search(found.text):
                day = found.value if len(found.value) == 10 else found.value + "-15"
                out.append((found.start, date.fromisoformat(day)))
        taken = [(m.start, m.end) for m in written]
        for pattern in self.years:
            for m in pattern.finditer(text):
                start, end = offset + m.start(), offset + m.end()
                year = int(m.group(1))
                if year <= self.base.year and not any(s < end and start < e for s, e in taken):
                    out.append((start, date(year, 7, 1)))
        return sorted(out)

    def aside(self, text: str, at: int) -> tuple[int, int] | None:
        """The aside of `text` holding offset `at`, from its comma to the next comma (or the end), when the
        word after that comma opens one (cue "aside_openers": "who", "qui")."""
        comma = text.rfind(",", 0, at)
        opener = re.match(r"\s*([^\W\d_]+)", text[comma + 1 : at]) if comma >= 0 else None
        if opener is None or opener.group(1).lower() not in self.openers:
            return None
        close = text.find(",", at)
        return comma, close if close >= 0 else len(text)

    def resolve(self, phrase: str) -> str | None:
        """`YYYY-MM-DD`, `YYYY-MM`, or None when the phrase cannot be placed (no usable base date)."""
        if self.base is None:
            return None
        low = phrase.lower().strip()
        bare_weekday = low in self.weekdays
        if bare_weekday and self.precision != "day":
            return None  # "mercredi" in an article dated only by month: which Wednesday is unknown
        # strip leading prepositions ("en février", "début mars") dateparser may not know
        cleaned = phrase.strip()
        for prefix in self.strip:
            if cleaned.lower().startswith(prefix + " ") or (
                prefix.endswith("-") and cleaned.lower().startswith(prefix)
            ):
                cleaned = cleaned[len(prefix) :].strip()
                break
        cleaned = cleaned.replace("(", " ").replace(")", " ")
        try:
            data = _parser(self.lang, self.base).get_date_data(cleaned)
        except Exception:  # dateparser raises a variety of errors on odd input
            data = None
        if data is None or data.date_obj is None:
            return self._numeric(cleaned)
        found = data.date_obj.date()
        if found > self.base:
            return None
        if data.period == "month":
            return f"{found.year:04d}-{found.month:02d}"
        if data.period == "day":
            return found.isoformat()
        return None

    def _numeric(self, phrase: str) -> str | None:
        m = re.search(r"(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?", phrase)
        if not m or self.base is None:
            return None
        day, month = int(m.group(1)), int(m.group(2))
        year = int(m.group(3)) if m.group(3) else self.base.year
        if year < 100:
            year += 2000
        try:
            found = date(year, month, day)
        except ValueError:
            return None
        if not m.group(3) and found > self.base:
            found = date(year - 1, month, day)
        return found.isoformat()


def dated_spans(
    sentences: Sequence[tuple[int, int, str]], resolver: DateResolver
) -> list[tuple[int, int, date]]:
    """(start, end, date) for each stretch of a sentence `(start, end, text)` nearest to one of its
    absolute dates: an office-holder named there is resolved as of that date. A date in an aside opened by
    a comma and a word of cue "aside_openers" (", who was president in 2010,") dates the aside alone; its
    spans come first."""
    asides: list[tuple[int, int, date]] = []
    out: list[tuple[int, int, date]] = []
    for start, end, text in sentences:
        found: list[tuple[int, date]] = []
        for at, day in resolver.absolute(text, start):
            aside = resolver.aside(text, at - start)
            if aside is None:
                found.append((at, day))
            else:
                asides.append((start + aside[0], start + aside[1], day))
        for i, (at, day) in enumerate(found):
            lo = start if i == 0 else (found[i - 1][0] + at) // 2
            hi = end if i == len(found) - 1 else (at + found[i + 1][0]) // 2
            out.append((lo, hi, day))
    return asides + out
