"""Length-preserving text normalisation for matching names: case, accents, apostrophes, hyphens, spaces."""

from __future__ import annotations

import unicodedata
from datetime import date

APOSTROPHES = "’‘ʼ`´′"
HYPHENS = "‐‑‒–—−"
SPACES = "\u00a0\u202f\u2009\u2007\u200a"


def _fold_char(ch: str) -> str:
    if ch in APOSTROPHES:
        return "'"
    if ch in HYPHENS:
        return "-"
    if ch in SPACES or ch in "\t\r\n":
        return " "
    low = ch.lower()
    if len(low) != 1:
        low = ch
    decomposed = unicodedata.normalize("NFD", low)
    base = decomposed[0]
    return base if len(base) == 1 else low


_TABLE: dict[int, str] = {}


def fold(text: str) -> str:
    """Lower-case, accent-free, one form of apostrophe/hyphen/space; same length as `text`."""
    out = []
    for ch in text:
        code = ord(ch)
        mapped = _TABLE.get(code)
        if mapped is None:
            mapped = _fold_char(ch)
            if len(mapped) != 1:
                mapped = ch
            _TABLE[code] = mapped
        out.append(mapped)
    return "".join(out)


def strip_marks(text: str) -> str:
    """Apostrophes, hyphens and spaces folded, accents kept (for keys of names)."""
    return fold(text)


def parse_date(value: str | date | None) -> date | None:
    """ISO date, or YYYY-MM (first of the month), or YYYY; None for empty."""
    if value is None or isinstance(value, date):
        return value
    value = value.strip()
    if not value:
        return None
    parts = value.split("-")
    try:
        if len(parts) == 1:
            return date(int(parts[0]), 1, 1)
        if len(parts) == 2:
            return date(int(parts[0]), int(parts[1]), 1)
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
