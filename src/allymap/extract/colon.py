"""Headline colon attribution: "Iran: US sanctions 'economic terrorism'", "Turkey: Russia attacks Syria"
open with the name of who speaks; what follows the colon is its claim (EVENTS.md `claimed_by`)."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from allymap.nlp.models import Sentence
from allymap.records import Mention


def colon_speaker(
    text: str, sentence: Sentence, mentions: Sequence[Mention], kinds: Collection[str]
) -> tuple[tuple[int, int], list[str]] | None:
    """The span after the colon of a sentence that opens with one actor's name (of the `kinds`) and a
    colon, and that actor's code; None otherwise. Offsets in `text`."""
    lead = sorted((m for m in mentions if sentence.start <= m.start < sentence.end), key=lambda m: m.start)
    if not lead or lead[0].kind not in kinds:
        return None
    first, code = lead[0], lead[0].code
    if code is None:
        return None
    after = text[first.end : sentence.end].lstrip(" ")
    if text[sentence.start : first.start].strip() or not after.startswith(":"):
        return None
    colon = text.index(":", first.end)
    return (colon + 1, sentence.end), [code]
