"""The LLM extractor: the versioned prompt, one cached request per text chunk, checked records → Events."""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from allymap.ids import digest
from allymap.llm import LLMError, LLMResponseError
from allymap.llm.client import ChatClient, Completion, LLMStats, ResponseCache, default_cache_dir
from allymap.llm.schema import EvidenceLocator, LLMRecord, parse_answer, validate_record
from allymap.records import Document, Event, Mention

PROMPT_VERSION = "p1"  # bump with every change to prompt.md: it is part of the cache key and the name
EXTRACTOR_NAME = "llm.v1"
URL_ENV = "ALLYMAP_LLM_URL"
MODEL_ENV = "ALLYMAP_LLM_MODEL"
_USER_MARK = "===== USER ====="


@dataclass(frozen=True)
class Prompt:
    """The system message (the EVENTS.md contract) and the user template of prompt.md."""

    version: str
    system: str
    user: str

    @property
    def digest(self) -> str:
        return digest(self.version, self.system, self.user)

    def messages(
        self, text: str, doc: str, lang: str | None, published: str | None, hints: str
    ) -> list[dict[str, str]]:
        values = {
            "doc": doc or "(unnamed)",
            "published": published or "unknown (give only dates the text states in full)",
            "lang": lang or "unknown",
            "hints": hints or "(none)",
            "text": text,
        }
        user = self.user
        for key in ("doc", "published", "lang", "hints"):
            user = user.replace("{{" + key + "}}", values[key])
        user = user.replace("{{text}}", values["text"])  # last: the text may contain braces
        return [{"role": "system", "content": self.system}, {"role": "user", "content": user}]


@lru_cache(maxsize=1)
def load_prompt() -> Prompt:
    """prompt.md, split at the user marker; its first line (an HTML comment) names the version."""
    raw = resources.files("allymap.llm").joinpath("prompt.md").read_text(encoding="utf-8")
    header, _, body = raw.partition("\n")
    if f"version {PROMPT_VERSION}." not in header:
        raise LLMError(f"prompt.md says {header.strip()!r}, the code expects version {PROMPT_VERSION}")
    system, mark, user = body.partition(_USER_MARK)
    if not mark:
        raise LLMError(f"prompt.md has no {_USER_MARK!r} line")
    return Prompt(PROMPT_VERSION, system.strip(), user.strip())


@dataclass(frozen=True)
class LLMExtraction:
    """What the extractor made of one document; the fields of `allymap.extract.Extraction`."""

    doc: str
    events: tuple[Event, ...]
    mentions: tuple[Mention, ...]
    sentences: int
    parsed: int


def chunks(text: str, max_chars: int) -> list[tuple[int, str]]:
    """(offset, piece) cuts of at most `max_chars`, at line ends, else sentence ends, else anywhere."""
    out: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > max_chars:
        window = text[start : start + max_chars]
        cut = window.rfind("\n") + 1
        if cut < max_chars // 3:
            cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! ")) + 2
            if cut < max_chars // 3:
                cut = max_chars
        out.append((start, window[:cut]))
        start += cut
    if text[start:].strip() or not out:
        out.append((start, text[start:]))
    return out


class LLMExtractor:
    """PLOVER records of a text from any OpenAI-compatible chat-completions server (vLLM, llama.cpp,
    Ollama, ...): the same Events as the rule extractor, with offsets found in the text, never trusted."""

    def __init__(
        self,
        base_url: str | None = None,
        model: str | None = None,
        api_key: str | None = None,
        timeout: float = 60.0,
        max_retries: int = 2,
        cache_dir: str | Path | None = None,
        *,
        cache: bool = True,
        lang: str | None = None,
        finder: Callable[..., list[Mention]] | None = None,
        kb: Any = None,
        hints: bool = True,
        backoff: float = 0.5,
        max_chars: int = 12000,
        max_hints: int = 60,
        strict: bool = False,
        json_mode: bool = True,
        max_tokens: int | None = None,
        stats: LLMStats | None = None,
    ) -> None:
        url = base_url or os.environ.get(URL_ENV)
        if not url:
            raise LLMError(f"no LLM server: pass base_url (e.g. http://127.0.0.1:8080/v1) or set {URL_ENV}")
        self.stats = stats if stats is not None else LLMStats()
        self.model = model or os.environ.get(MODEL_ENV) or "default"
        self.client = ChatClient(
            url,
            self.model,
            api_key=api_key,
            timeout=timeout,
            max_retries=max_retries,
            backoff=backoff,
            json_mode=json_mode,
            max_tokens=max_tokens,
            stats=self.stats,
        )
        self.cache = ResponseCache(cache_dir or default_cache_dir()) if cache else None
        self.prompt = load_prompt()
        self.lang = lang
        self._finder = finder
        self.kb = kb
        self.hints = hints
        self.max_chars = max(500, max_chars)
        self.max_hints = max_hints
        self.strict = strict

    @property
    def name(self) -> str:
        return f"{EXTRACTOR_NAME}.{PROMPT_VERSION}"

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> LLMExtractor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the rule extractor's document interface -------------------------------------------------------
    def __call__(self, document: Document) -> list[Event]:
        return list(self.extract_document(document).events)

    def extract_document(
        self, document: Document, mentions: Sequence[Mention] | None = None
    ) -> LLMExtraction:
        """Like `RuleExtractor.extract`: mentions from the actor finder (as hints) unless given."""
        lang = document.lang or self.lang
        found = list(mentions) if mentions is not None else self._mentions(document, lang)
        events = self.extract(document.text, document.doc, lang, document.published, found)
        lines = sum(1 for line in document.text.splitlines() if line.strip())
        return LLMExtraction(document.doc, tuple(events), tuple(found), lines, lines)

    def _mentions(self, document: Document, lang: str | None) -> list[Mention]:
        if not self.hints:
            return []
        finder = self._finder
        if finder is None:
            finder = getattr(importlib.import_module("allymap.actors"), "find_mentions", None)
            if finder is None:
                return []
            self._finder = finder
        kwargs: dict[str, Any] = {"doc": document.doc, "lang": lang or "fr", "on": document.published}
        if self.kb is not None:
            kwargs["kb"] = self.kb
        return list(finder(document.text, **kwargs))

    # -- the text interface ------------------------------------------------------------------------------
    def extract(
        self,
        text: str,
        doc: str = "",
        lang: str | None = None,
        published: str | None = None,
        mentions: Sequence[Mention] = (),
    ) -> list[Event]:
        """Events and relations of `text`. Bad records are dropped and counted in `stats`; a bad answer
        is counted and skipped (raised when `strict`); an unreachable or failing server raises LLMError."""
        if not isinstance(text, str):
            raise TypeError("LLMExtractor.extract takes a text: use extract_document(document)")
        self.stats.documents += 1
        lang = lang or self.lang
        out: dict[str, Event] = {}
        for offset, piece in chunks(text, self.max_chars):
            near = [m for m in mentions if offset <= m.start and m.end <= offset + len(piece)]
            try:
                raws = self._records(piece, doc, lang, published, near)
            except LLMResponseError as exc:
                self.stats.errors += 1
                self.stats.note(f"{doc or '<text>'}: {exc.reason}")
                if self.strict:
                    raise
                continue
            except LLMError:
                self.stats.errors += 1
                raise
            locator = EvidenceLocator(piece)
            for i, raw in enumerate(raws):
                event = self._event(raw, i, locator, offset, text, doc, near)
                if event is not None and event.id not in out:
                    out[event.id] = event
        self.stats.records += len(out)
        return sorted(out.values(), key=lambda e: (e.start, e.end, e.type))

    def _hints(self, mentions: Sequence[Mention]) -> str:
        lines: list[str] = []
        seen: set[tuple[str, str]] = set()
        for m in mentions:
            if m.code is None or m.kind == "place" or (m.text, m.code) in seen:  # a place is no actor
                continue
            seen.add((m.text, m.code))
            lines.append(f"- «{m.text}» → {m.code} ({m.kind})")
            if len(lines) >= self.max_hints:
                break
        return "\n".join(lines)

    def _records(
        self, text: str, doc: str, lang: str | None, published: str | None, mentions: Sequence[Mention]
    ) -> list[Any]:
        hints = self._hints(mentions)
        key = ResponseCache.key(
            PROMPT_VERSION, self.prompt.digest, self.model, digest(text), lang or "", published or "", hints
        )
        where = doc or None
        if self.cache is not None:
            cached = self.cache.get(key)
            if cached is not None:
                try:
                    records = parse_answer(cached.content, where)
                except LLMResponseError:
                    pass  # an entry this code cannot read: ask again
                else:
                    self.stats.cache_hits += 1
                    return records
        completion = self.client.complete(self.prompt.messages(text, doc, lang, published, hints))
        records = self._parse(completion, where)
        if self.cache is not None:
            meta = {"prompt": PROMPT_VERSION, "model": self.model, "doc": doc, "lang": lang}
            self.cache.put(key, completion, {**meta, "published": published})
        return records

    @staticmethod
    def _parse(completion: Completion, where: str | None) -> list[Any]:
        try:
            return parse_answer(completion.content, where)
        except LLMResponseError as exc:
            if completion.finish_reason == "length":
                raise LLMResponseError(f"{exc.reason} (cut short: raise max_tokens)", where) from None
            raise

    def _event(
        self,
        raw: Any,
        index: int,
        locator: EvidenceLocator,
        offset: int,
        text: str,
        doc: str,
        mentions: Sequence[Mention],
    ) -> Event | None:
        where = f"{doc or '<text>'}: record {index + 1}"
        record, reason = validate_record(raw)
        if record is None:
            self.stats.dropped_invalid += 1
            self.stats.note(f"{where} dropped: {reason}")
            return None
        span = locator.find(record.evidence)
        if span is None:
            self.stats.dropped_evidence += 1
            self.stats.note(f"{where} dropped: evidence not in the text: {record.evidence[:60]!r}")
            return None
        start, end = span[0] + offset, span[1] + offset
        return Event(
            doc=doc,
            kind=record.kind,
            type=record.type,
            mode=record.mode,
            source=_unique(record.source),
            target=_unique(record.target),
            source_text=tuple(record.source_text) or _texts(mentions, record.source, start, end),
            target_text=tuple(record.target_text) or _texts(mentions, record.target, start, end),
            symmetric=record.symmetric,
            negated=record.negated,
            modality=record.modality,
            claimed_by=_unique(record.claimed_by) if record.claimed_by else None,
            date=record.date if record.kind == "event" else None,
            evidence=text[start:end],
            start=start,
            end=end,
            confidence=round(record.confidence, 3),
            extractor=self.name,
            extra={"model": self.model, "prompt": PROMPT_VERSION},
        )


def _unique(items: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _texts(mentions: Sequence[Mention], codes: Sequence[str], start: int, end: int) -> tuple[str, ...]:
    """The mentions inside the evidence that resolve to the record's actors (when the model gave none)."""
    return _unique([m.text for m in mentions if m.code in codes and start <= m.start and m.end <= end])


def make(**kwargs: Any) -> LLMExtractor:
    """The registry factory's body (see `allymap.llm`)."""
    return LLMExtractor(**kwargs)


__all__ = ["EXTRACTOR_NAME", "PROMPT_VERSION", "LLMExtraction", "LLMExtractor", "LLMRecord", "chunks"]
