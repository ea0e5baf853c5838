"""Inflected state names (Russian, Polish, German cases): a stem index read from lang/<iso>/mentions.json."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources

from allymap.actors.kb import KnowledgeBase, fold
from allymap.records import Mention

_WORD = re.compile(r"\w+")
KINDS = frozenset({"state", "org", "seat", "capital"})  # names of these kinds in the language are declined
_JOINER = re.compile(r"^[\s\-‐‑‒–—]{1,2}$")  # what may stand between two words of one name


@dataclass(frozen=True)
class Inflection:
    """A language's case endings: a text word is a name word when it is the name's stem plus one of
    `endings` (or nothing). The stem is the name minus the longest of `strip` (Russian "Россия" →
    "Росс", then "России", "Россию", "Россией"), kept when at least `min_stem` letters remain and
    the name has at least `min_name` letters ("Мали" is not stripped, so "Малой" is not Mali)."""

    endings: frozenset[str]
    strip: tuple[str, ...]  # longest first
    min_stem: int = 3
    min_name: int = 5
    keep: frozenset[str] = frozenset()  # names never stripped (their stem is a common word)

    @property
    def longest(self) -> int:
        return max((len(e) for e in self.endings), default=0)

    def stem(self, word: str) -> str:
        if len(word) < self.min_name or word in self.keep:
            return word
        for ending in self.strip:
            if word.endswith(ending) and len(word) - len(ending) >= self.min_stem:
                return word[: -len(ending)]
        return word

    def stems_of(self, word: str) -> list[str]:
        """Every stem a text word may be: itself, and itself minus each ending it has."""
        out = [word]
        for n in range(1, min(self.longest, len(word) - self.min_stem) + 1):
            if word[-n:] in self.endings:
                out.append(word[:-n])
        return out


@functools.cache
def inflection(lang: str | None) -> Inflection | None:
    """The inflection data of a language (lang/<iso>/mentions.json "inflection"), None without."""
    if not lang:
        return None
    try:
        path = resources.files("allymap.lang").joinpath(lang, "mentions.json")
        data = json.loads(path.read_text(encoding="utf-8")).get("inflection")
    except (FileNotFoundError, NotADirectoryError, ModuleNotFoundError, ValueError):
        return None
    if not data:
        return None
    endings = frozenset(fold(e) for e in data.get("endings", []))
    strip = tuple(sorted({fold(e) for e in data.get("strip", [])}, key=len, reverse=True))
    keep = frozenset(fold(k) for k in data.get("keep", []))
    return Inflection(endings, strip, int(data.get("min_stem", 3)), int(data.get("min_name", 5)), keep)


class StemIndex:
    """The names of states, organisations, seats and capitals written in one language, by the stem of
    their first word."""

    def __init__(self, kb: KnowledgeBase, lang: str, rules: Inflection) -> None:
        self.rules = rules
        names: dict[tuple[str, ...], dict[str, str]] = {}
        for entry in kb.entries_for(lang):
            if entry.kind not in KINDS or entry.lang != lang or not entry.name[:1].isupper():
                continue
            words = _WORD.findall(fold(entry.name))
            if words and len(words) <= 4:
                names.setdefault(tuple(rules.stem(w) for w in words), {})[entry.code] = entry.kind
        self.by_first: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], str]]] = {}
        for key, codes in sorted(names.items(), key=lambda kv: -len(kv[0])):  # longest names first
            kinds = set(codes.values())
            kind = kinds.pop() if len(kinds) == 1 else "state"
            self.by_first.setdefault(key[0], []).append((key, tuple(sorted(codes)), kind))

    def find(self, text: str, doc: str = "", taken: list[tuple[int, int]] | None = None) -> list[Mention]:
        """State names of `text` in an inflected form, outside the spans already `taken`."""
        folded = fold(text)
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(folded)]
        stems = [set(self.rules.stems_of(w)) for _, _, w in words]
        busy = sorted(taken or [])
        out: list[Mention] = []
        i = 0
        while i < len(words):
            hit = self._match(text, words, stems, i)
            if hit is None:
                i += 1
                continue
            n, codes, kind = hit
            start, end = words[i][0], words[i + n - 1][1]
            if not any(s < end and start < e for s, e in busy):
                code = codes[0] if len(codes) == 1 else None
                out.append(
                    Mention(
                        doc,
                        start,
                        end,
                        text[start:end],
                        code,
                        kind,
                        candidates=codes if code is None else (),
                        note="inflected name" if code else "inflected name of several states",
                    )
                )
            i += n
        return out

    def _match(
        self, text: str, words: list[tuple[int, int, str]], stems: list[set[str]], i: int
    ) -> tuple[int, tuple[str, ...], str] | None:
        if not text[words[i][0]].isupper():
            return None
        for first in stems[i]:
            for key, codes, kind in self.by_first.get(first, ()):
                n = len(key)
                if i + n > len(words):
                    continue
                if all(
                    key[k] in stems[i + k] and _JOINER.match(text[words[i + k - 1][1] : words[i + k][0]])
                    for k in range(1, n)
                ):
                    return n, codes, kind
        return None


@functools.cache
def _index(kb_id: int, lang: str) -> StemIndex | None:
    rules = inflection(lang)
    kb = _KBS.get(kb_id)
    if rules is None or kb is None:
        return None
    return StemIndex(kb, lang, rules)


_KBS: dict[int, KnowledgeBase] = {}


def stem_index(lang: str | None, kb: KnowledgeBase | None = None) -> StemIndex | None:
    """The stem index of a language (built once per process and knowledge base), None without data."""
    if not lang:
        return None
    kb = kb or KnowledgeBase.load()
    _KBS.setdefault(id(kb), kb)
    return _index(id(kb), lang)


def inflected_mentions(
    text: str, doc: str, lang: str | None, known: list[Mention], kb: KnowledgeBase | None = None
) -> list[Mention]:
    """The gazetteer's mentions plus state names it missed because they are inflected ("Россией",
    "Stanów Zjednoczonych", "Russlands"), in text order."""
    index = stem_index(lang, kb)
    if index is None:
        return list(known)
    extra = index.find(text, doc, [(m.start, m.end) for m in known])
    return sorted([*known, *extra], key=lambda m: m.start) if extra else list(known)
