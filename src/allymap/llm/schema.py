"""What a model's answer must look like: JSON found in the reply, records checked, evidence located."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date as Date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from allymap.llm import LLMResponseError

EVENT_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "REQUEST",
    "COOPERATE",
    "AID",
    "RETREAT",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
RELATION_TYPES: tuple[str, ...] = ("ALLY", "PARTNER", "MEMBER", "ADVERSARY")

ActorCode = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Z][A-Z_]{1,15}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
_MODE = re.compile(r"^[a-z][a-z_]{0,23}$")


class LLMRecord(BaseModel):
    """One record as the model writes it (no doc, offsets or id: the extractor adds those)."""

    model_config = ConfigDict(extra="ignore")

    kind: Literal["event", "relation"] = "event"
    type: str
    mode: str | None = None
    source: list[ActorCode] = Field(min_length=1, max_length=12)
    target: list[ActorCode] = Field(min_length=1, max_length=12)
    source_text: list[Text] = Field(default_factory=list)
    target_text: list[Text] = Field(default_factory=list)
    symmetric: bool = False
    negated: bool = False
    modality: Literal["asserted", "alleged", "possible", "intended", "hypothetical"] = "asserted"
    claimed_by: list[Text] | None = None
    date: str | None = None
    evidence: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=2000)]
    confidence: float = Field(default=0.7, ge=0.0, le=1.0)

    @model_validator(mode="before")
    @classmethod
    def _tidy(cls, data: Any) -> Any:
        """Forgive the harmless: label case, an empty mode/claimant/date, a missing kind."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        for key in ("type", "kind", "modality", "mode"):
            value = data.get(key)
            if isinstance(value, str):
                value = value.strip()
                data[key] = value.upper() if key == "type" else value.lower()
        for key in ("mode", "date"):
            if data.get(key) in ("", "null", "none"):
                data[key] = None
        if data.get("claimed_by") == []:
            data["claimed_by"] = None
        if "kind" not in data and data.get("type") in RELATION_TYPES:
            data["kind"] = "relation"
        return data

    @model_validator(mode="after")
    def _check(self) -> LLMRecord:
        allowed = RELATION_TYPES if self.kind == "relation" else EVENT_TYPES
        if self.type not in allowed:
            raise ValueError(f"type {self.type!r} is not a {self.kind} type ({', '.join(allowed)})")
        if set(self.source) == set(self.target):
            raise ValueError("source and target are the same actors")
        if self.mode is not None and not _MODE.fullmatch(self.mode):
            raise ValueError(f"mode {self.mode!r} is not a lower-case word")
        if self.date is not None:
            if not _DATE.fullmatch(self.date):
                raise ValueError(f"date {self.date!r} is not YYYY-MM-DD, YYYY-MM or null")
            try:
                Date.fromisoformat(self.date if len(self.date) == 10 else self.date + "-01")
            except ValueError:
                raise ValueError(f"date {self.date!r} does not exist") from None
        return self


def validate_record(raw: Any) -> tuple[LLMRecord | None, str | None]:
    """(the record, None) when valid, else (None, a one-line reason)."""
    if not isinstance(raw, dict):
        return None, f"a record is a {type(raw).__name__}, not an object"
    try:
        return LLMRecord.model_validate(raw), None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "record"
        return None, f"{where}: {first.get('msg', 'invalid')}"


# -- finding the JSON object in a reply ----------------------------------------------------------------
_THINK = re.compile(r"<think>.*?</think>", re.S | re.I)
_FENCE = re.compile(r"```[a-zA-Z0-9_-]*\s*\n?(.*?)```", re.S)


def parse_answer(content: str, where: str | None = None) -> list[Any]:
    """The `records` list of a reply: code fences and reasoning stripped, the first JSON object found.
    Raises LLMResponseError (one line) when there is no JSON object or it has no records list."""
    text = _THINK.sub("", content).strip()
    candidates = [m.group(1) for m in _FENCE.finditer(text)] + [text]
    for candidate in candidates:
        found = _first_json(candidate)
        if found is None:
            continue
        if isinstance(found, list):
            return found
        records = found.get("records")
        if isinstance(records, list):
            return records
        if records is None and not found:
            return []
        keys = ", ".join(sorted(found)[:5]) or "none"
        raise LLMResponseError(f"the answer's JSON object has no 'records' list (keys: {keys})", where)
    snippet = " ".join(text.split())[:60]
    raise LLMResponseError(f"the answer is not JSON: {snippet!r}", where)


def _first_json(text: str) -> dict[str, Any] | list[Any] | None:
    text = text.strip()
    try:
        whole = json.loads(text)
    except ValueError:
        pass
    else:
        return whole if isinstance(whole, dict | list) else None
    decoder = json.JSONDecoder()
    for match in re.finditer(r"\{", text):
        try:
            value, _ = decoder.raw_decode(text, match.start())
        except ValueError:
            continue
        if isinstance(value, dict):
            return value
    return None


# -- locating evidence in the text ---------------------------------------------------------------------
_APOSTROPHES = "\u2019\u2018\u02bc\u2032`\u00b4"
_QUOTES = "\u00ab\u00bb\u201c\u201d\u201e"
_DASHES = "\u2010\u2011\u2012\u2013\u2014"
_TRIM = " \t\n\"'.,;:\u2026" + _QUOTES


def _fold(char: str, lower: bool) -> str:
    if char.isspace():
        return " "
    if char in _APOSTROPHES:
        return "'"
    if char in _QUOTES:
        return '"'
    if char in _DASHES:
        return "-"
    if lower:
        low = char.lower()
        return low if len(low) == 1 else char
    return char


@dataclass(frozen=True)
class _Folded:
    text: str
    offsets: tuple[int, ...]  # original offset of each folded character


def _folded(text: str, lower: bool) -> _Folded:
    """Whitespace runs collapsed to one space, apostrophes/quotes/dashes unified, with an offset map."""
    out: list[str] = []
    offsets: list[int] = []
    for i, char in enumerate(text):
        c = _fold(char, lower)
        if c == " " and out and out[-1] == " ":
            continue
        out.append(c)
        offsets.append(i)
    return _Folded("".join(out), tuple(offsets))


class EvidenceLocator:
    """Where a quoted span stands in the text, whatever its whitespace, apostrophes and case."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._exact = _folded(text, lower=False)
        self._lower = _folded(text, lower=True)

    def find(self, evidence: str) -> tuple[int, int] | None:
        """(start, end) of the evidence in the text, or None when the text does not contain it."""
        tries = [evidence.strip(), evidence.strip(_TRIM)]
        for folded, lower in ((self._exact, False), (self._lower, True)):
            for candidate in tries:
                needle = _folded(candidate, lower).text.strip()
                if len(needle) < 3:
                    continue
                at = folded.text.find(needle)
                if at >= 0:
                    start = folded.offsets[at]
                    end = folded.offsets[at + len(needle) - 1] + 1
                    return start, end
        return None
