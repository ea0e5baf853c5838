"""Content-hash ids: the same content always gets the same id, so upserts are idempotent."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from allymap.records import Event


def digest(*parts: str, size: int = 16) -> str:
    """A short, stable hex digest of the given strings."""
    h = hashlib.blake2b(digest_size=size)
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()


def article_id(text: str) -> str:
    """An article is identified by its text, whitespace-normalised."""
    return digest(" ".join(text.split()))


def event_id(event: Event) -> str:
    """An event is identified by where it stands and what it says."""
    key = json.dumps(
        [
            event.doc,
            event.kind,
            event.type,
            sorted(event.source),
            sorted(event.target),
            event.negated,
            event.modality,
            event.start,
            event.end,
        ],
        ensure_ascii=False,
    )
    return digest(key)
