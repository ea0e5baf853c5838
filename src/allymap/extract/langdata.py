"""Per-language extraction data read from `allymap/lang/<iso>/`: triggers.tsv and cues.json."""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from allymap.errors import UnknownName

_MISSING = object()

DEFAULT_FRAMES: dict[str, str] = {
    "VERB": "subj=source obj=target to=target with=target against=target between=both",
    "NOUN": "of=source poss=source to=target with=target against=target between=both by=source",
    "ADJ": "of=target",
}


@dataclass(frozen=True)
class Trigger:
    """One row of triggers.tsv: a lemma (optionally with its support noun) and what it means."""

    lemma: str
    pos: str
    kind: str
    type: str
    mode: str | None
    frame: dict[str, str]
    options: dict[str, str]
    support: str | None = None  # "signer+accord": the object/oblique noun the verb needs

    @property
    def symmetric(self) -> bool:
        return "sym" in self.options

    @property
    def absorbs(self) -> bool:
        return "absorb" in self.options

    def needs(self) -> list[str]:
        value = self.options.get("needs")
        return value.split("|") if value else []


@dataclass(frozen=True)
class LangData:
    """Everything the rule engine knows about one language."""

    lang: str
    model: str
    extractor: str
    triggers: dict[tuple[str, str], list[Trigger]]
    supported: dict[str, list[Trigger]]  # support noun -> verb triggers needing it
    cues: dict[str, Any]
    cue_prefixes: frozenset[str] = field(default_factory=frozenset)
    _word_sets: dict[tuple[str, ...], frozenset[str]] = field(
        default_factory=dict, repr=False, compare=False
    )  # words() memo: the cues never change once loaded
    _cue_memo: dict[tuple[str, ...], Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def cue(self, *path: str) -> Any:
        found = self._cue_memo.get(path, _MISSING)
        if found is not _MISSING:
            return found
        value: Any = self.cues
        whole = True
        for key in path:
            whole = whole and isinstance(value, dict) and key in value
            value = value.get(key, {}) if isinstance(value, dict) else {}
        if whole:  # a missing cue stays a new {} on every call, as before
            self._cue_memo[path] = value
        return value

    def words(self, *path: str) -> frozenset[str]:
        found = self._word_sets.get(path)
        if found is None:
            value = self.cue(*path)
            found = self._word_sets[path] = frozenset(value) if isinstance(value, list) else frozenset()
        return found

    def marker(self, word: str) -> str | None:
        markers: dict[str, str] = self.cue("markers")
        return markers.get(word.lower().replace("’", "'"))

    def parse_hook(self) -> Any:
        """The language's optional parse hook (cues "parse_hook": "module:function"), called on each
        parsed sentence as `hook(doc, cues)` before the engine reads it; None without one."""
        spec = self.cues.get("parse_hook")
        if not spec:
            return None
        module, _, name = str(spec).partition(":")
        return getattr(importlib.import_module(module), name)

    def lookup(self, lemma: str, pos: str) -> list[Trigger]:
        return self.triggers.get((lemma, pos), [])

    def object_class(self, lemma: str) -> set[str]:
        classes: dict[str, list[str]] = self.cue("object_classes")
        low = lemma.lower()
        return {name for name, words in classes.items() if low in words}

    def has_cue(self, text: str) -> bool:
        """A cheap lemma-free test: does any word of the text start like a trigger or relation word?"""
        for word in text.lower().replace("’", "'").split():
            word = word.strip('.,;:!?«»“”"()[]').split("'")[-1]
            if len(word) >= 4 and word[:4] in self.cue_prefixes:
                return True
        return False


def _parse_frame(text: str, pos: str) -> dict[str, str]:
    if text in ("", "-"):
        text = DEFAULT_FRAMES.get(pos, "")
    frame: dict[str, str] = {}
    for pair in text.split():
        marker, _, role = pair.partition("=")
        frame[marker] = role
    return frame


def _parse_options(text: str) -> dict[str, str]:
    options: dict[str, str] = {}
    for item in text.split(","):
        item = item.strip()
        if item:
            key, _, value = item.partition("=")
            options[key] = value
    return options


def parse_triggers(text: str) -> list[Trigger]:
    """Rows of a triggers.tsv file (comments and the header skipped)."""
    rows: list[Trigger] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("lemma\t"):
            continue
        cols = line.split("\t") + [""] * 7
        lemma, pos, kind, type_, mode, frame, options = (c.strip() for c in cols[:7])
        verb, _, support = lemma.partition("+")
        rows.append(
            Trigger(
                lemma=verb,
                pos=pos,
                kind=kind,
                type=type_,
                mode=None if mode in ("", "-") else mode,
                frame=_parse_frame(frame, pos),
                options=_parse_options(options),
                support=support or None,
            )
        )
    return rows


def _read(lang: str, name: str) -> str:
    try:
        return resources.files("allymap.lang").joinpath(lang, name).read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        raise UnknownName(f"no extraction data for language {lang!r} ({name} missing)") from None


@lru_cache(maxsize=8)
def load_lang(lang: str) -> LangData:
    """The extraction data of a language folder, read once per process."""
    cues = json.loads(_read(lang, "cues.json"))
    rows = parse_triggers(_read(lang, "triggers.tsv"))
    triggers: dict[tuple[str, str], list[Trigger]] = {}
    supported: dict[str, list[Trigger]] = {}
    prefixes: set[str] = set()
    for row in rows:
        if row.support:
            supported.setdefault(row.support, []).append(row)
            prefixes.add(row.support[:4].lower())
        else:
            triggers.setdefault((row.lemma, row.pos), []).append(row)
        prefixes.add(row.lemma.split()[-1].split("'")[-1][:4].lower())
    for word in cues.get("selection", {}).get("extra_cues", []):
        prefixes.add(word[:4].lower())
    return LangData(
        lang=lang,
        model=cues["model"],
        extractor=cues.get("extractor", f"rules.{lang}.v1"),
        triggers=triggers,
        supported=supported,
        cues=cues,
        cue_prefixes=frozenset(p for p in prefixes if len(p) >= 4),
    )
