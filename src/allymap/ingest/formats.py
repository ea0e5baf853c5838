"""Input formats to Article: bytes decoded (UTF-8, or cp1252 when certain), plain text, HTML, JSON lines."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from allymap.clean.meta import iso_date, normalize_lang
from allymap.errors import InputError
from allymap.ids import article_id
from allymap.records import Article

SNIFF_BYTES = 65536  # how much of a file the binary check reads
TITLE_MAX_CHARS = 200
TITLE_MAX_WORDS = 30

# Non-ASCII characters a cp1252 text in a Western European language is made of, besides letters.
_WESTERN_MARKS = set("«»“”‘’„‚–—…€£°§©®™·•¡¿ªº±×÷¼½¾\u00a0")
# Two or three characters that UTF-8 bytes become when they are read as cp1252: mixed encodings.
_MOJIBAKE = re.compile(
    "[ÃÂ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a"
    "\u20ac\u2122]|â€"
)


def decode_bytes(data: bytes) -> str:
    """The text of `data`: UTF-8 (BOM dropped), UTF-16 with a BOM, or cp1252 when that is certain (every
    non-ASCII character a Western letter or typographic mark, letters inside words, no mojibake).
    ValueError with a short reason when it is binary or of an encoding that cannot be told."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ValueError("not text: a UTF-16 byte-order mark but no UTF-16 text") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    sample = data[:SNIFF_BYTES]
    if b"\x00" in sample:
        raise ValueError("binary file (NUL bytes), not text")
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if sample and controls > 2 and controls / len(sample) > 0.005:
        raise ValueError("binary file (control characters), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        where = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise ValueError(f"not UTF-8 ({where}) and not cp1252") from None
    if not _certain_cp1252(text):
        raise ValueError(f"not UTF-8 ({where}), and no certain single-byte encoding")
    return text


def _certain_cp1252(text: str) -> bool:
    """cp1252 is certain when the text reads like a Western language: its non-ASCII characters are Latin
    letters standing inside words, or usual typographic marks, and nothing looks like UTF-8 misread."""
    if _MOJIBAKE.search(text):
        return False
    odd = letters = 0
    for i, ch in enumerate(text):
        if ord(ch) < 128:
            continue
        if ch in _WESTERN_MARKS:
            continue
        if not (ch.isalpha() and "LATIN" in unicodedata.name(ch, "")):
            odd += 1
            continue
        letters += 1
        near = text[max(0, i - 1) : i] + text[i + 1 : i + 2]
        if not any(c.isalpha() for c in near):
            odd += 1  # a lone accented letter between spaces or digits: not a word
    non_ascii = sum(1 for ch in text if ord(ch) >= 128)
    if non_ascii == 0 or odd > max(1, non_ascii // 50):
        return False
    # In a Western language an accented letter is one of a word's letters, not most of them (a Cyrillic
    # or Greek single-byte text read as cp1252 turns whole words into accented Latin letters).
    words = re.findall(r"[^\W\d_]{3,}", text)
    accented = sum(1 for w in words if sum(ord(c) >= 128 for c in w) * 2 > len(w))
    return accented <= max(1, len(words) // 20)


def title_like(line: str) -> bool:
    """A line that can be a headline: short, not a sentence ending in a full stop, colon or comma."""
    line = line.strip()
    return (
        0 < len(line) <= TITLE_MAX_CHARS
        and len(line.split()) <= TITLE_MAX_WORDS
        and not line.endswith((".", ":", ";", ","))
        and any(ch.isalpha() for ch in line)
    )


def guess_title(text: str) -> str | None:
    """The title of a plain-text article: a title-like line that the first lines repeat (aggregators
    print it twice, under a site name), else the first line when it is title-like and more text follows."""
    head = [ln.strip() for ln in text.splitlines() if ln.strip()][:8]
    if len(head) < 2:
        return None
    for line in head[:4]:
        if title_like(line) and len(line.split()) >= 3 and head.count(line) >= 2:
            return line
    return head[0] if title_like(head[0]) else None


def metadata(meta: Mapping[str, Any], lang: str | None = None) -> dict[str, str | None]:
    """The Article fields of a metadata record (sidecar meta.json entry, JSONL object, HTML metadata):
    strings, the date made ISO, the language an ISO 639-1 code."""

    def text(*keys: str) -> str | None:
        for key in keys:
            value = meta.get(key)
            if value not in (None, "") and not isinstance(value, dict | list):
                return str(value).strip() or None
        return None

    language = normalize_lang(text("lang", "language")) or lang
    published = text("published", "date", "pubdate", "published_at")
    return {
        "title": text("title", "headline"),
        "url": text("url", "link"),
        "domain": text("domain", "hostname") or _domain(text("url", "link")),
        "published": iso_date(published, language) if published else None,
        "lang": language,
    }


def _domain(url: str | None) -> str | None:
    if not url:
        return None
    match = re.match(r"^[a-z][a-z0-9+.-]*://(?:[^@/]*@)?(?:www\.)?([^/:?#]+)", url, re.IGNORECASE)
    return match.group(1).lower() if match else None


def text_article(text: str, doc: str, origin: str, meta: Mapping[str, Any]) -> Article | InputError:
    """The Article of a plain text (a .txt file, stdin); its title from `meta`, else its first lines."""
    if not text.strip():
        return InputError("no text (only white space)", origin)
    fields = metadata(meta)
    return Article(
        id=article_id(text),
        doc=doc,
        text=text,
        title=fields["title"] or guess_title(text),
        url=fields["url"],
        domain=fields["domain"],
        published=fields["published"],
        lang=fields["lang"],
        origin=origin,
    )


def html_article(html: str, doc: str, origin: str, meta: Mapping[str, Any]) -> Article | InputError:
    """The main content of an HTML page (trafilatura) with its title, date, URL and language from the
    page's metadata (a sidecar entry wins); an InputError when no main content is found (broken HTML)."""
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(
            html, include_comments=False, include_tables=False, with_metadata=True
        )
    except Exception as exc:  # noqa: BLE001 - trafilatura raises many kinds on broken markup
        return InputError(f"broken HTML ({type(exc).__name__})", origin)
    if extracted is None:
        return InputError("broken HTML: no main content found", origin)
    data = extracted if isinstance(extracted, dict) else extracted.as_dict()
    text = (data.get("text") or "").strip()
    if len(text) < 20:
        return InputError("broken HTML: no main content found", origin)
    page = metadata(data)
    own = metadata(meta)
    return Article(
        id=article_id(text),
        doc=doc,
        text=text,
        title=own["title"] or page["title"],
        url=own["url"] or page["url"],
        domain=own["domain"] or page["domain"],
        published=own["published"] or page["published"],
        lang=own["lang"] or page["lang"],
        origin=origin,
    )


def looks_like_html(text: str) -> bool:
    """A text that is an HTML page although its file name does not say so."""
    head = text[:1000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


def jsonl_article(line: str, origin: str, number: int, stem: str) -> Article | InputError:
    """The Article of one JSONL line; an InputError naming the line when it is not a JSON object with a
    text. Without an `id`, the document is called `<file stem>:<line>`."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(f"not JSON ({exc.msg} at column {exc.colno})", origin, number)
    return record_article(obj, f"{stem}:{number}", origin, number)


def record_article(obj: Any, doc: str, origin: str, number: int | None = None) -> Article | InputError:
    """The Article of a JSON record (`id`, `text`, optional `title`, `url`, `domain`, `published`,
    `lang`); `doc` names it when it has no `id`."""
    if not isinstance(obj, dict):
        return InputError("not a JSON object", origin, number)
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return InputError("no `text` field (or an empty one)", origin, number)
    fields = metadata(obj)
    ident = obj.get("id")
    return Article(
        id=article_id(text),
        doc=str(ident) if ident not in (None, "") else doc,
        text=text,
        title=fields["title"],
        url=fields["url"],
        domain=fields["domain"],
        published=fields["published"],
        lang=fields["lang"],
        origin=origin if number is None else f"{origin}:{number}",
    )
