"""Boilerplate cues read from the language data (lang/<iso>/boilerplate.tsv, promo.tsv), compiled once."""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

LANG_DIR = Path(str(resources.files("allymap") / "lang"))


@dataclass(frozen=True)
class Cue:
    kind: str  # line | prefix | contains
    reason: str
    regex: re.Pattern[str]

    def matches(self, line: str) -> bool:
        if self.kind == "line":
            return self.regex.fullmatch(line) is not None
        if self.kind == "prefix":
            return self.regex.match(line) is not None
        return self.regex.search(line) is not None


@dataclass(frozen=True)
class LangRules:
    cues: tuple[Cue, ...]
    promo: tuple[tuple[int, re.Pattern[str]], ...]

    def reason(self, line: str) -> str | None:
        """Why a (stripped, space-normalised) line is boilerplate, or None."""
        for cue in self.cues:
            if cue.matches(line):
                return cue.reason
        return None

    def promo_score(self, paragraph: str) -> int:
        return sum(weight for weight, rx in self.promo if rx.search(paragraph))


def _read(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t"))


def _compile(kind: str, pattern: str) -> re.Pattern[str]:
    if kind == "prefix":
        return re.compile(re.escape(pattern).replace(r"\ ", r"\s+"), re.IGNORECASE)
    return re.compile(pattern, re.IGNORECASE)


@functools.cache
def rules_for(lang: str | None) -> LangRules:
    """Cues of the common set, plus the language's own (French and English when the language is unknown)."""
    langs = ["common"] + ([lang] if lang else ["fr", "en"])
    cues: list[Cue] = []
    promo: list[tuple[int, re.Pattern[str]]] = []
    for code in langs:
        for row in _read(LANG_DIR / code / "boilerplate.tsv"):
            cues.append(Cue(row["kind"], row["reason"], _compile(row["kind"], row["pattern"])))
        for row in _read(LANG_DIR / code / "promo.tsv"):
            promo.append((int(row["weight"]), re.compile(row["pattern"], re.IGNORECASE)))
    if lang and not promo:  # a language without promotion cues borrows the English ones
        for row in _read(LANG_DIR / "en" / "promo.tsv"):
            promo.append((int(row["weight"]), re.compile(row["pattern"], re.IGNORECASE)))
    return LangRules(tuple(cues), tuple(promo))
