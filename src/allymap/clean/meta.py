"""Article metadata from text: language (lingua, built once per process), ISO dates, language codes."""

from __future__ import annotations

import functools
import re
from datetime import date
from typing import Any

# The language detector reads this much of an article's prose: on 2,212 articles of ../shared/corpus in six
# languages, 500 characters give the same answers as 1,000 or 3,000 (all right) at 0.9 ms an article,
# against 1.4 ms at 1,000 and 4-7 ms at 3,000 (docs/measurements/issue2.md).
SAMPLE_CHARS = 500
MIN_SAMPLE_CHARS = 20

_ISO = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[T ].*)?$")
_ISO_MONTH = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})$")
_YEAR = re.compile(r"^(?P<y>\d{4})$")
_DMY = re.compile(r"^(?P<a>\d{1,2})[-/.](?P<b>\d{1,2})[-/.](?P<y>\d{4})(?:[T ,].*)?$")
_YMD = re.compile(r"^(?P<y>\d{4})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})(?:[T ,].*)?$")


@functools.cache
def _detector() -> Any:
    """The lingua detector, built on first use (once per process)."""
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


def language_sample(text: str, limit: int = SAMPLE_CHARS) -> str:
    """Up to `limit` characters of the text's prose lines (lines of five words or more), else its start."""
    parts: list[str] = []
    size = 0
    for line in text.splitlines():
        if len(line.split()) >= 5:
            parts.append(line.strip())
            size += len(parts[-1]) + 1
            if size >= limit:
                break
    sample = " ".join(parts) if parts else text
    return sample[:limit].strip()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it cannot be told."""
    sample = language_sample(text)
    if len(sample) < MIN_SAMPLE_CHARS:
        return None
    language = _detector().detect_language_of(sample)
    if language is None:
        return None
    return str(language.iso_code_639_1.name).lower()


@functools.lru_cache(maxsize=256)
def normalize_lang(value: Any) -> str | None:
    """An ISO 639-1 code for a language tag or name as inputs write it ("fr", "fr-FR", "FRA", "French"),
    or None when it is not a known language."""
    if not isinstance(value, str) or not value.strip():
        return None
    import pycountry

    tag = value.strip().replace("_", "-").split("-")[0].lower()
    try:
        found = pycountry.languages.get(alpha_2=tag) if len(tag) == 2 else pycountry.languages.lookup(tag)
    except LookupError:
        return None
    code = getattr(found, "alpha_2", None) if found is not None else None
    return str(code) if code else None


def _valid(y: int, m: int, d: int | None = None) -> str | None:
    try:
        if d is None:
            date(y, m, 1)
            return f"{y:04d}-{m:02d}"
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def iso_date(value: Any, lang: str | None = None) -> str | None:
    """An ISO date (YYYY-MM-DD, or YYYY-MM / YYYY when the input only says that much) for a date as inputs
    write it: ISO (with or without a time), D-M-YYYY (day first unless the month would be over 12),
    YYYY/M/D, or words ("24 juin 2024", "June 24, 2024", "Mon, 24 Jun 2024 10:00:00 GMT"). None when it
    is not a date."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 80:
        return None
    if m := _ISO.match(text):
        return _valid(int(m["y"]), int(m["m"]), int(m["d"]))
    if m := _ISO_MONTH.match(text):
        return _valid(int(m["y"]), int(m["m"]))
    if m := _YEAR.match(text):
        return m["y"] if 1000 <= int(m["y"]) <= 2999 else None
    if m := _DMY.match(text):
        a, b = int(m["a"]), int(m["b"])
        day, month = (b, a) if b > 12 >= a else (a, b)
        return _valid(int(m["y"]), month, day)
    if m := _YMD.match(text):
        return _valid(int(m["y"]), int(m["m"]), int(m["d"]))
    if not re.search(r"\d{4}", text) or not re.search(r"[^\W\d_]{3,}", text):
        return None  # words without a year are not a publication date
    return _parse_words(text, lang)


@functools.lru_cache(maxsize=4096)
def _parse_words(text: str, lang: str | None) -> str | None:
    """A date written with a month name, through dateparser (day precision when a day is written)."""
    import dateparser

    languages = [lang] if lang else None
    settings: dict[str, Any] = {"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"}
    for parts in (["day", "month", "year"], ["month", "year"]):
        try:
            found = dateparser.parse(text, languages=languages, settings={**settings, "REQUIRE_PARTS": parts})
        except (ValueError, LookupError, OverflowError):
            found = None
        if found is not None:
            if len(parts) == 3:
                return found.date().isoformat()
            return f"{found.year:04d}-{found.month:02d}"
    return None


# A date at the start of a byline: numeric (24/06/2024, 2024-06-24) or in words (24 juin 2024, June 24,
# 2024, lundi 24 juin 2024). What may stand before it (publié le, updated) is language data.
DATE_PHRASE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{4}"
    r"|\d{4}-\d{2}-\d{2}"
    r"|(?:[^\W\d_]{3,12}\.?,?\s+)?\d{1,2}(?:er|st|nd|rd|th|\.)?\s+[^\W\d_]{3,12}\.?,?\s+\d{4}"
    r"|(?:[^\W\d_]{3,12},?\s+)?[^\W\d_]{3,12}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})"
)
# What may follow the date on a byline line: a time, then a separator and a short name or place.
BYLINE_REST = (
    r"(?:\s*(?:,|à|at|um|alle|-|–)?\s*\d{1,2}\s*[:hH]\s*\d{2}(?:\s*(?:am|pm|[A-Z]{2,4}))?)?"
    r"(?:\s*(?://|/|\||-|–|—|,|·|•|par\b|by\b|von\b|di\b)\s*.{0,60})?"
)


def byline_regex(prefixes: list[str]) -> re.Pattern[str]:
    """The regex of a dated byline line, given the language's words that may open one ("publié le")."""
    opening = "|".join(f"(?:{p})" for p in prefixes) if prefixes else "(?!)"
    return re.compile(
        rf"^(?:(?:{opening})\s*:?\s+)?(?P<date>{DATE_PHRASE})(?P<rest>{BYLINE_REST})\s*$", re.IGNORECASE
    )


def _name_like(rest: str) -> bool:
    """What follows the date on a byline is a name, a place or an outlet: a few words, mostly capitalised
    ("// Cassie B.", "par Jean Dupont", "| Paris"), never the rest of a sentence."""
    words = re.findall(r"[^\W\d_][\w'’.-]*", rest)
    if len(words) > 6:
        return False
    lower = sum(1 for w in words if w[0].islower())
    return lower <= len(words) // 3


def byline_date(line: str, regex: re.Pattern[str], lang: str | None = None) -> str | None:
    """The ISO date of a dated byline ("24/06/2024 // Cassie B.", "Publié le 24 juin 2024 à 10h30"), or
    None for any other line (a sentence that opens with a date is no byline)."""
    if len(line) > 160:
        return None
    match = regex.match(line)
    if match is None or not _name_like(_after_separator(match["rest"])):
        return None
    found = iso_date(match["date"].rstrip(",. "), lang)
    return found if found and len(found) == 10 else None


def _after_separator(rest: str) -> str:
    """The words of a byline after its date, time and separator."""
    return re.sub(
        r"^\s*(?:(?:,|à|at|um|alle|-|–)?\s*\d{1,2}\s*[:hH]\s*\d{2}(?:\s*(?:am|pm|[A-Z]{2,4}))?)?"
        r"\s*(?://|/|\||-|–|—|,|·|•|par\b|by\b|von\b|di\b)?",
        "",
        rest,
    )
