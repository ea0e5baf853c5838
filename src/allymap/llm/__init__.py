"""The optional LLM extractor (issue #5), registered as "llm" in `allymap.registry.extractors`.

Importing this package only registers the factory: httpx and pydantic (the `llm` extra) are imported
when an extractor is made, so `allymap` works without them and says how to install them when asked.

    from allymap.registry import extractors
    ex = extractors.create("llm", base_url="http://127.0.0.1:8080/v1", model="qwen2.5-7b-instruct")
    events = ex.extract(text, doc="a1", lang="fr", published="2024-06-24")
"""

from __future__ import annotations

import importlib
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

from allymap.errors import AllymapError
from allymap.registry import extractors

if TYPE_CHECKING:
    from allymap.llm.client import LLMStats
    from allymap.llm.extractor import EXTRACTOR_NAME, PROMPT_VERSION, LLMExtraction, LLMExtractor


# -- errors: each one line, naming the endpoint or document it concerns ---------------------------------
class LLMError(AllymapError):
    """Anything the LLM extractor cannot do: missing extra, bad settings, a server that fails."""

    code = "llm"


class LLMUnavailable(LLMError):
    """The server could not be reached (connection refused, unknown host) after the retries."""

    code = "llm-unreachable"


class LLMTimeout(LLMError):
    """The server did not answer within the timeout, on every attempt."""

    code = "llm-timeout"


class LLMHTTPError(LLMError):
    """The server answered with an HTTP error status (after the retries for 429 and 5xx)."""

    code = "llm-http"

    def __init__(self, reason: str, status: int, path: str | None = None) -> None:
        self.status = status
        super().__init__(reason, path)


class LLMResponseError(LLMError):
    """The answer is not the JSON object asked for (not JSON, or not the expected shape)."""

    code = "llm-bad-answer"


# Names served from allymap.llm.extractor / .client on first access (they need the `llm` extra).
_LAZY = {
    "LLMExtractor": "allymap.llm.extractor",
    "LLMExtraction": "allymap.llm.extractor",
    "PROMPT_VERSION": "allymap.llm.extractor",
    "EXTRACTOR_NAME": "allymap.llm.extractor",
    "LLMStats": "allymap.llm.client",
}


def require_extra() -> None:
    """Raise a one-line LLMError naming the extra when httpx or pydantic is missing."""
    missing = [name for name in ("httpx", "pydantic") if find_spec(name) is None]
    if missing:
        raise LLMError(
            f"the LLM extractor needs {' and '.join(missing)}: pip install 'allymap[llm]'", "allymap.llm"
        )


@extractors.register("llm")
def llm_extractor(
    base_url: str | None = None,
    model: str | None = None,
    api_key: str | None = None,
    timeout: float = 60.0,
    max_retries: int = 2,
    cache_dir: str | Path | None = None,
    **options: Any,
) -> LLMExtractor:
    """The registry's factory: `extractors.create("llm", base_url=..., model=...)`. `api_key` defaults
    to $ALLYMAP_LLM_API_KEY, `base_url`/`model` to $ALLYMAP_LLM_URL/$ALLYMAP_LLM_MODEL; `options` go to
    `LLMExtractor` (cache, lang, finder, kb, hints, backoff, max_chars, strict, json_mode, max_tokens)."""
    require_extra()
    from allymap.llm.extractor import LLMExtractor

    return LLMExtractor(base_url, model, api_key, timeout, max_retries, cache_dir, **options)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        require_extra()
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'allymap.llm' has no attribute {name!r}")


__all__ = [
    "EXTRACTOR_NAME",
    "PROMPT_VERSION",
    "LLMError",
    "LLMExtraction",
    "LLMExtractor",
    "LLMHTTPError",
    "LLMResponseError",
    "LLMStats",
    "LLMTimeout",
    "LLMUnavailable",
    "llm_extractor",
    "require_extra",
]
