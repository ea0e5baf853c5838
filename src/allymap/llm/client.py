"""An OpenAI-compatible chat-completions client: bounded retries and time, counts, an on-disk cache."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx

from allymap.ids import digest
from allymap.llm import LLMError, LLMHTTPError, LLMResponseError, LLMTimeout, LLMUnavailable

API_KEY_ENV = "ALLYMAP_LLM_API_KEY"
CACHE_ENV = "ALLYMAP_LLM_CACHE"
RETRY_STATUSES = frozenset({408, 409, 425, 429, 500, 502, 503, 504})


@dataclass
class LLMStats:
    """What the LLM extractor did: requests sent, answers reused, records kept and dropped, failures."""

    documents: int = 0
    requests: int = 0
    cache_hits: int = 0
    records: int = 0
    dropped_invalid: int = 0
    dropped_evidence: int = 0
    retries: int = 0
    errors: int = 0
    problems: list[str] = field(default_factory=list)  # one line per dropped record or failed answer

    MAX_PROBLEMS = 200

    def note(self, line: str) -> None:
        if len(self.problems) < self.MAX_PROBLEMS:
            self.problems.append(line)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def summary(self) -> str:
        return (
            f"{self.documents} documents, {self.requests} requests, {self.cache_hits} cache hits, "
            f"{self.records} records kept, {self.dropped_invalid} invalid and {self.dropped_evidence} "
            f"without evidence in the text dropped, {self.retries} retries, {self.errors} errors"
        )


@dataclass(frozen=True)
class Completion:
    """The text of a reply and why the model stopped (\"length\" means it was cut short)."""

    content: str
    finish_reason: str | None = None


def default_cache_dir() -> Path:
    """$ALLYMAP_LLM_CACHE, else $XDG_CACHE_HOME/allymap/llm, else ~/.cache/allymap/llm."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "allymap" / "llm"


class ResponseCache:
    """Replies on disk, one JSON file per key; unreadable entries count as misses."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)

    @staticmethod
    def key(*parts: str) -> str:
        return digest(*parts, size=20)

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> Completion | None:
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            return Completion(str(data["content"]), data.get("finish_reason"))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, completion: Completion, meta: dict[str, Any]) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            record = {**meta, "content": completion.content, "finish_reason": completion.finish_reason}
            tmp.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, path)
        except OSError:
            pass  # a cache that cannot be written only costs a request next time


class _Deadline(Exception):
    """The body kept trickling in past the attempt's time budget."""


class ChatClient:
    """POST {base_url}/chat/completions, retrying 429/5xx/timeouts/refused connections a bounded number
    of times with exponential backoff, never waiting much longer than (max_retries + 1) * 2 * timeout."""

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str | None = None,
        timeout: float = 60.0,
        max_retries: int = 2,
        backoff: float = 0.5,
        max_backoff: float = 8.0,
        temperature: float = 0.0,
        max_tokens: int | None = None,
        json_mode: bool = True,
        stats: LLMStats | None = None,
    ) -> None:
        if not base_url or not base_url.startswith(("http://", "https://")):
            raise LLMError(f"the LLM base URL must start with http:// or https:// (got {base_url!r})")
        if timeout <= 0 or max_retries < 0:
            raise LLMError("the LLM timeout must be positive and max_retries at least 0")
        base = base_url.rstrip("/")
        self.url = base if base.endswith("/chat/completions") else base + "/chat/completions"
        self.model = model
        self.api_key = api_key if api_key is not None else os.environ.get(API_KEY_ENV) or None
        self.timeout = float(timeout)
        self.max_retries = int(max_retries)
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.temperature = temperature
        self.max_tokens = max_tokens
        self.json_mode = json_mode
        self.stats = stats if stats is not None else LLMStats()
        self._http: httpx.Client | None = None

    def _client(self) -> httpx.Client:
        if self._http is None:
            headers = {"Accept": "application/json"}
            if self.api_key:
                headers["Authorization"] = f"Bearer {self.api_key}"
            timeout = httpx.Timeout(self.timeout, connect=min(self.timeout, 10.0))
            self._http = httpx.Client(timeout=timeout, headers=headers, trust_env=False)
        return self._http

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    def body(self, messages: Sequence[dict[str, str]]) -> dict[str, Any]:
        body: dict[str, Any] = {"model": self.model, "messages": list(messages)}
        body["temperature"] = self.temperature
        if self.max_tokens:
            body["max_tokens"] = self.max_tokens
        if self.json_mode:
            body["response_format"] = {"type": "json_object"}
        return body

    def complete(self, messages: Sequence[dict[str, str]]) -> Completion:
        """The model's reply. Raises LLMUnavailable, LLMTimeout, LLMHTTPError or LLMResponseError."""
        attempt = 0
        while True:
            body = self.body(messages)
            wait = self._delay(attempt)
            try:
                status, payload, retry_after = self._post(body)
            except (httpx.TimeoutException, _Deadline):
                failure: LLMError = LLMTimeout(
                    f"no answer within {self.timeout:g} s after {attempt + 1} attempt(s)", self.url
                )
            except httpx.ConnectError as exc:
                failure = LLMUnavailable(f"cannot connect ({_short(exc)}); is the server running?", self.url)
            except httpx.TransportError as exc:
                failure = LLMUnavailable(f"the connection failed ({_short(exc)})", self.url)
            else:
                if status == 200:
                    return self._completion(payload)
                if status == 400 and "response_format" in body:
                    self.json_mode = False  # maybe a server without JSON mode: ask once more without it
                    continue
                detail = _error_detail(payload)
                failure = LLMHTTPError(
                    f"HTTP {status} after {attempt + 1} attempt(s): {detail}", status, self.url
                )
                if status not in RETRY_STATUSES:
                    raise failure
                if retry_after is not None:
                    wait = min(max(retry_after, wait), self.max_backoff)
            if attempt >= self.max_retries:
                raise failure
            attempt += 1
            self.stats.retries += 1
            time.sleep(wait)

    def _delay(self, attempt: int) -> float:
        return float(min(self.backoff * (2**attempt), self.max_backoff))

    def _post(self, body: dict[str, Any]) -> tuple[int, str, float | None]:
        self.stats.requests += 1
        deadline = time.monotonic() + self.timeout
        chunks: list[bytes] = []
        with self._client().stream("POST", self.url, json=body) as response:
            for chunk in response.iter_bytes():
                chunks.append(chunk)
                if time.monotonic() > deadline:
                    raise _Deadline()
            text = b"".join(chunks).decode(response.encoding or "utf-8", errors="replace")
            return response.status_code, text, _retry_after(response.headers.get("retry-after"))

    def _completion(self, payload: str) -> Completion:
        try:
            data = json.loads(payload)
        except ValueError:
            raise LLMResponseError(
                f"the server's reply is not a chat completion: {_snippet(payload)!r}", self.url
            ) from None
        choices = data.get("choices") if isinstance(data, dict) else None
        if not choices or not isinstance(choices, list) or not isinstance(choices[0], dict):
            raise LLMResponseError(f"the reply has no choices: {_error_detail(payload)}", self.url)
        message = choices[0].get("message") or {}
        content = message.get("content") if isinstance(message, dict) else None
        if isinstance(content, list):  # content parts
            content = "".join(p.get("text", "") for p in content if isinstance(p, dict))
        if not isinstance(content, str):
            raise LLMResponseError("the reply's message has no text content", self.url)
        reason = choices[0].get("finish_reason")
        return Completion(content, reason if isinstance(reason, str) else None)


def _retry_after(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


def _snippet(text: str, size: int = 80) -> str:
    return " ".join(text.split())[:size]


def _short(exc: Exception) -> str:
    return _snippet(str(exc), 60) or type(exc).__name__


def _error_detail(payload: str) -> str:
    """The `error.message` of an OpenAI-style error body, else the start of the body."""
    try:
        data = json.loads(payload)
    except ValueError:
        return _snippet(payload) or "empty body"
    if isinstance(data, dict):
        error = data.get("error")
        if isinstance(error, dict) and error.get("message"):
            return _snippet(str(error["message"]))
        if isinstance(error, str):
            return _snippet(error)
    return _snippet(payload) or "empty body"
