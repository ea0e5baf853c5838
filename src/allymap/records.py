"""Frozen records that cross every stage boundary: Article, Document, Mention, Event."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Field order of an event record, exactly as ../shared/EVENTS.md lists it (plus the content-hash id).
EVENT_FIELDS: tuple[str, ...] = (
    "id",
    "doc",
    "kind",
    "type",
    "mode",
    "source",
    "target",
    "source_text",
    "target_text",
    "symmetric",
    "negated",
    "modality",
    "claimed_by",
    "date",
    "evidence",
    "start",
    "end",
    "confidence",
)

MODALITIES: tuple[str, ...] = ("asserted", "alleged", "possible", "intended", "hypothetical")

# A co-occurrence record (languages without a parser model): kind "relation" with this type, which is
# neither a PLOVER type nor a stated relation; the graph leaves such records out unless told otherwise.
COOCCURRENCE_TYPE = "COOCCUR"
COOCCURRENCE_EXTRACTOR = "cooccurrence.v1"


def is_cooccurrence(event: Event) -> bool:
    """Is the record a co-occurrence (two actors named in one sentence), not an extracted act?"""
    return event.type == COOCCURRENCE_TYPE or event.extractor.startswith("cooccurrence")


@dataclass(frozen=True)
class Article:
    """One input article as read, before cleaning. `id` is a hash of its text."""

    id: str
    doc: str  # file stem, or the `id` field of a JSONL line
    text: str
    title: str | None = None
    url: str | None = None
    domain: str | None = None
    published: str | None = None  # ISO date when the input says it
    lang: str | None = None  # ISO 639-1 when the input says it
    origin: str = ""  # path (and line) it came from, for messages


@dataclass(frozen=True)
class Segment:
    """A run of cleaned text copied verbatim from the original: clean[start:start+length] ==
    original[orig_start:orig_start+length]."""

    start: int
    orig_start: int
    length: int


@dataclass(frozen=True)
class Removal:
    """A passage of the original text that cleaning removed, and why."""

    orig_start: int
    orig_end: int
    reason: str
    text: str


@dataclass(frozen=True)
class Document:
    """A cleaned article: the text every later offset points into, with a map back to the original."""

    article_id: str
    doc: str
    text: str
    original: str
    title: str | None
    lang: str | None
    published: str | None
    segments: tuple[Segment, ...] = ()
    removed: tuple[Removal, ...] = ()
    url: str | None = None
    domain: str | None = None
    origin: str = ""  # path (and line) the article came from

    def to_original(self, offset: int) -> int:
        """Map an offset in the cleaned text back to the original text."""
        for seg in self.segments:
            if seg.start <= offset <= seg.start + seg.length:
                return seg.orig_start + (offset - seg.start)
        raise ValueError(f"offset {offset} is outside the cleaned text of {self.doc}")


@dataclass(frozen=True)
class Mention:
    """A name in a document and the actor it resolves to (on the given date), if any."""

    doc: str
    start: int
    end: int
    text: str
    code: str | None  # actor code (ISO3 or organisation code); None when unresolved or ambiguous
    kind: str  # state | org | capital | seat | demonym | party | person | title | place | ner
    role: str | None = None  # GOV, MIL, ...
    person: str | None = None  # the person or organ named, where one is
    candidates: tuple[str, ...] = ()  # the codes an ambiguous mention could be
    note: str | None = None  # why it is unresolved or ambiguous
    title: str | None = None  # the office that names it ("président", "secrétaire général"), where one does

    @property
    def resolved(self) -> bool:
        return self.code is not None


@dataclass(frozen=True)
class Event:
    """One extracted event or stated relation: the record of ../shared/EVENTS.md."""

    doc: str
    kind: str  # event | relation
    type: str
    mode: str | None
    source: tuple[str, ...]
    target: tuple[str, ...]
    source_text: tuple[str, ...]
    target_text: tuple[str, ...]
    symmetric: bool
    negated: bool
    modality: str
    claimed_by: tuple[str, ...] | None
    date: str | None
    evidence: str
    start: int
    end: int
    confidence: float
    extractor: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def id(self) -> str:
        from allymap.ids import event_id

        return event_id(self)

    def to_record(self) -> dict[str, Any]:
        """The EVENTS.md record, fields in contract order."""
        values: dict[str, Any] = {
            "id": self.id,
            "doc": self.doc,
            "kind": self.kind,
            "type": self.type,
            "mode": self.mode,
            "source": list(self.source),
            "target": list(self.target),
            "source_text": list(self.source_text),
            "target_text": list(self.target_text),
            "symmetric": self.symmetric,
            "negated": self.negated,
            "modality": self.modality,
            "claimed_by": list(self.claimed_by) if self.claimed_by is not None else None,
            "date": self.date,
            "evidence": self.evidence,
            "start": self.start,
            "end": self.end,
            "confidence": round(self.confidence, 3),
        }
        return {k: values[k] for k in EVENT_FIELDS}

    @classmethod
    def from_record(cls, rec: dict[str, Any], extractor: str = "") -> Event:
        claimed = rec.get("claimed_by")
        return cls(
            doc=rec["doc"],
            kind=rec.get("kind", "event"),
            type=rec["type"],
            mode=rec.get("mode"),
            source=tuple(rec.get("source") or ()),
            target=tuple(rec.get("target") or ()),
            source_text=tuple(rec.get("source_text") or ()),
            target_text=tuple(rec.get("target_text") or ()),
            symmetric=bool(rec.get("symmetric", False)),
            negated=bool(rec.get("negated", False)),
            modality=rec.get("modality") or "asserted",
            claimed_by=tuple(claimed) if claimed is not None else None,
            date=rec.get("date"),
            evidence=rec.get("evidence", ""),
            start=int(rec.get("start") or 0),
            end=int(rec.get("end") or 0),
            confidence=float(rec.get("confidence") or 0.0),
            extractor=extractor,
        )
