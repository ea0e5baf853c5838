"""Which languages allymap reads and how far: the one table of language support (levels, models, data)."""

from __future__ import annotations

import functools
import importlib.util
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

FULL = "full"  # a parser model and trigger/cue data: events and stated relations by the rule engine
MENTIONS = "mentions"  # CLDR names only: actor mentions and co-occurrence relations (low confidence)
UNSUPPORTED = "unsupported"  # no names of states in the language: nothing is extracted

LEVELS: tuple[str, ...] = (FULL, MENTIONS, UNSUPPORTED)
# The registry extractor that reads a document of each level by default (None: none can).
EXTRACTOR_OF_LEVEL: dict[str, str | None] = {FULL: "rules", MENTIONS: "cooccurrence", UNSUPPORTED: None}
WHAT_OF_LEVEL: dict[str, str] = {
    FULL: "events and stated relations",
    MENTIONS: "actor mentions and co-occurrence relations (low confidence)",
    UNSUPPORTED: "nothing",
}
RULE_FILES: tuple[str, ...] = ("triggers.tsv", "cues.json")


@dataclass(frozen=True)
class LanguageSupport:
    """How far allymap reads one language, and why: its model, the data files it has, its level."""

    code: str  # ISO 639-1 (or the CLDR code when there is none)
    name: str
    level: str  # full | mentions | unsupported
    model: str | None  # the spaCy model its rule data names
    model_installed: bool
    rule_data: bool  # lang/<iso>/triggers.tsv and cues.json
    cldr_names: int  # state names in the knowledge base (CLDR and curated)
    stems: bool  # lang/<iso>/mentions.json: inflected forms of names are found too
    files: tuple[str, ...]  # the files of lang/<iso>/
    detectable: bool  # lingua can tell the language

    @property
    def extractor(self) -> str | None:
        """The registry name of the extractor that reads this language by default."""
        return EXTRACTOR_OF_LEVEL[self.level]

    @property
    def note(self) -> str:
        """Why the language is at its level (empty at full level)."""
        if self.level == FULL:
            return ""
        if self.rule_data and self.model and not self.model_installed:
            return f"parser model {self.model} is not installed"
        if self.level == MENTIONS:
            return "no parser model"
        return "no names of states in this language"

    def to_row(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "level": self.level,
            "extracts": WHAT_OF_LEVEL[self.level],
            "model": self.model or "",
            "installed": self.model_installed if self.model else None,
            "rule_data": self.rule_data,
            "cldr_names": self.cldr_names,
            "stems": self.stems,
            "files": list(self.files),
            "detectable": self.detectable,
            "note": self.note,
        }


def _lang_dir(code: str) -> Any:
    return resources.files("allymap.lang").joinpath(code)


@functools.cache
def _lang_files(code: str) -> tuple[str, ...]:
    folder = _lang_dir(code)
    try:
        if not folder.is_dir():
            return ()
        return tuple(sorted(p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith("_")))
    except (FileNotFoundError, NotADirectoryError, ValueError):
        return ()


def _model_of(code: str, files: tuple[str, ...]) -> str | None:
    if "cues.json" not in files:
        return None
    cues = json.loads(_lang_dir(code).joinpath("cues.json").read_text(encoding="utf-8"))
    model = cues.get("model")
    return model if isinstance(model, str) else None


def model_installed(model: str) -> bool:
    """Is the spaCy model package importable (without loading it)?"""
    try:
        return importlib.util.find_spec(model) is not None
    except (ImportError, ValueError):
        return False


@functools.cache
def _state_names() -> dict[str, int]:
    """Number of state names per language in the knowledge base (CLDR names and curated ones)."""
    from allymap.actors import KnowledgeBase

    counts: dict[str, int] = {}
    for entry in KnowledgeBase.load().entries:
        if entry.kind == "state" and entry.lang != "*":
            counts[entry.lang] = counts.get(entry.lang, 0) + 1
    return counts


@functools.cache
def _detectable() -> frozenset[str]:
    from lingua import Language

    return frozenset(str(lang.iso_code_639_1.name).lower() for lang in Language.all())


@functools.cache
def _name(code: str) -> str:
    import pycountry

    found = pycountry.languages.get(alpha_2=code) if len(code) == 2 else pycountry.languages.get(alpha_3=code)
    return str(found.name) if found is not None else code


@functools.lru_cache(maxsize=512)
def language(code: str | None) -> LanguageSupport:
    """The support of one language (an ISO 639-1 code; None or "" for a language that was not detected)."""
    code = (code or "").strip().lower()
    files = _lang_files(code) if code else ()
    model = _model_of(code, files) if code else None
    installed = bool(model) and model_installed(str(model))
    rule_data = all(f in files for f in RULE_FILES)
    names = _state_names().get(code, 0) if code else 0
    if rule_data and installed:
        level = FULL
    elif names:
        level = MENTIONS
    else:
        level = UNSUPPORTED
    return LanguageSupport(
        code=code or "?",
        name=_name(code) if code else "not detected",
        level=level,
        model=model,
        model_installed=installed,
        rule_data=rule_data,
        cldr_names=names,
        stems="mentions.json" in files,
        files=files,
        detectable=code in _detectable(),
    )


def languages(every: bool = False) -> list[LanguageSupport]:
    """The support table: languages with rule data first, then the languages lingua detects (with
    `every`, also every other language the knowledge base has state names in), by level then code."""
    folder = resources.files("allymap.lang")
    codes = {p.name for p in folder.iterdir() if p.is_dir() and len(p.name) in (2, 3)} - {"common"}
    codes |= _detectable()
    if every:
        codes |= set(_state_names())
    rows = [language(code) for code in codes]
    return sorted(rows, key=lambda r: (LEVELS.index(r.level), not r.rule_data, not r.files, r.code))


def fully_supported() -> list[str]:
    """Codes of the languages read at full level on this machine (model installed)."""
    return [r.code for r in languages() if r.level == FULL]


DEFAULT_LANG = "fr"  # the language a document whose language was not detected is read in


def warning(doc: str, support: LanguageSupport, detected: bool = True) -> str:
    """The one line said about a document read below full level, not read at all, or (`detected`
    False) read in the default language because its own could not be told."""
    if not detected:
        return (
            f"article {doc}: language not detected: read as {support.code} "
            f"at level {support.level} (give --lang to choose)"
        )
    if support.level == MENTIONS:
        reason = support.note
        return (
            f"article {doc}: language {support.code} has {reason}: "
            "co-occurrence relations only (low confidence)"
        )
    if support.level == UNSUPPORTED:
        return f"article {doc}: language {support.code} is not supported (no state names): nothing extracted"
    return ""
