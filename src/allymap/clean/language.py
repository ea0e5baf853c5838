"""Language detection with lingua, the detector built once per process."""

from __future__ import annotations

import functools
from typing import Any


@functools.cache
def _detector() -> Any:
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it cannot be told."""
    sample = text[:3000].strip()
    if len(sample) < 20:
        return None
    language = _detector().detect_language_of(sample)
    if language is None:
        return None
    return str(language.iso_code_639_1.name).lower()
