"""Decode bytes as text: UTF-8, or cp1252/latin-1 only when that is certain; reject binary data."""

from __future__ import annotations

import re

# Letters a cp1252 French, English, German, Spanish or Italian text is made of.
_LATIN_TEXT = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿŒœŠšŽžŸ0-9\s.,;:!?'\"()«»“”‘’\-–—…/%&€$@#*+=\[\]]")


def decode_bytes(data: bytes) -> str:
    """The text of `data`; ValueError with a short reason when it is binary or of unknown encoding."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:65536]:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            try:
                return data.decode("utf-16")
            except UnicodeDecodeError:
                pass
        raise ValueError("binary file (NUL bytes), not text")
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if sample and controls / len(sample) > 0.01:
        raise ValueError("binary file (control bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise ValueError(
            f"not UTF-8 (byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start}) and not cp1252"
        ) from None
    letters = sum(1 for ch in text if _LATIN_TEXT.match(ch))
    high = sum(1 for b in data if b >= 0x80)
    if letters / max(1, len(text)) >= 0.97 and high / max(1, len(data)) < 0.2:
        return text
    raise ValueError(
        f"not UTF-8 (byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start}) "
        "and no certain single-byte encoding"
    )
