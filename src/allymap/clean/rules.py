"""Boilerplate cues as data (lang/common and lang/<iso>/boilerplate.tsv), compiled once per language."""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from allymap.clean.meta import byline_date, byline_regex

# Row kinds of a boilerplate.tsv file (columns: kind, reason, weight, pattern; `#` starts a comment):
#   line      the whole line matches the regex: boilerplate, removed for `reason`
#   prefix    the line starts with the words of `pattern` (spaces match any white space, NBSP included)
#   contains  the line contains a match of the regex somewhere
#   promo     a cue of promotional text; `reason` is its group (action, self, commerce, link), `weight` its
#             score. A line is promotion when its score reaches the threshold with two groups or more.
#   hint      a weak cue: adds `weight` to a short line's boilerplate score, never removes prose alone
#   byline    words that may open a dated byline before its date ("publié le", "updated")
DEFINITIVE = ("line", "prefix", "contains")
KINDS = (*DEFINITIVE, "promo", "hint", "byline")


def lang_dir() -> Path:
    """The folder of per-language data shipped with the package."""
    return Path(str(resources.files("allymap") / "lang"))


@dataclass(frozen=True)
class Cue:
    """One compiled row of a boilerplate.tsv file."""

    kind: str
    reason: str
    weight: int
    regex: re.Pattern[str]

    def matches(self, line: str) -> bool:
        if self.kind == "line":
            return self.regex.fullmatch(line) is not None
        if self.kind == "prefix":
            return self.regex.match(line) is not None
        return self.regex.search(line) is not None


@dataclass(frozen=True)
class LangRules:
    """Every cue that applies to one language: the language-neutral set plus the language's own."""

    lang: str | None
    cues: tuple[Cue, ...]
    promo: tuple[Cue, ...]
    hints: tuple[Cue, ...]
    byline: re.Pattern[str]
    promo_short: int = 2  # promotion score a line of up to `long_line` characters needs
    promo_long: int = 3  # ... and a longer one
    long_line: int = 200

    def reason(self, line: str) -> str | None:
        """Why a (stripped, space-normalised) line is boilerplate by a definitive cue, or None."""
        cue = self.cue(line)
        return cue.reason if cue else None

    def cue(self, line: str) -> Cue | None:
        """The first definitive cue a (stripped, space-normalised) line matches."""
        for cue in self.cues:
            if cue.matches(line):
                return cue
        return None

    def promo_score(self, line: str) -> int:
        """The promotion score of a line: the weights of the cues it contains, each cue once."""
        return sum(cue.weight for cue in self.promo if cue.regex.search(line))

    def is_promotion(self, line: str, prose: bool = False) -> bool:
        """A call to buy, join or visit: promotion cues of two groups or more scoring `promo_short`, one of
        them a call to act or the site speaking of itself. A sentence or a long line needs `promo_long`
        and the site speaking of itself ("our platform"): news about a shop is no advertisement."""
        hits = [cue for cue in self.promo if cue.regex.search(line)]
        groups = {cue.reason for cue in hits}
        if len(groups) < 2:
            return False
        if prose or len(line) > self.long_line:
            return "self" in groups and sum(cue.weight for cue in hits) >= self.promo_long
        return bool(groups & {"action", "self"}) and sum(cue.weight for cue in hits) >= self.promo_short

    def hint(self, line: str) -> tuple[int, str | None]:
        """The weak-cue score of a line and the reason of its strongest cue."""
        score, reason, best = 0, None, 0
        for cue in self.hints:
            if cue.regex.search(line):
                score += cue.weight
                if cue.weight > best:
                    best, reason = cue.weight, cue.reason
        return score, reason

    def byline_date(self, line: str) -> str | None:
        """The ISO date of a dated byline line, or None."""
        if not any(ch.isdigit() for ch in line[:40]):
            return None
        return byline_date(line, self.byline, self.lang)


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of one boilerplate.tsv file ([] when the language has none)."""
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        lines = (ln for ln in fh if ln.strip() and not ln.startswith("#"))
        rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    for number, row in enumerate(rows, 2):
        if row.get("kind") not in KINDS or not row.get("pattern"):
            raise ValueError(f"{path}:{number}: a row needs a kind among {', '.join(KINDS)} and a pattern")
    return rows


def compile_pattern(kind: str, pattern: str) -> re.Pattern[str]:
    """A cue's regex: `prefix` rows are words (any white space between them), the others regexes."""
    if kind == "prefix":
        words = [re.escape(w) for w in pattern.split()]
        return re.compile(r"\s+".join(words) + r"(?![^\W_])", re.IGNORECASE)
    return re.compile(pattern, re.IGNORECASE)


@functools.cache
def rules_for(lang: str | None, base: str | None = None) -> LangRules:
    """The rules of a language: the common set plus the language's folder (French and English together
    when the language is unknown). A language without promotion or byline data borrows the English ones.
    `base` is another data folder (tests); by default the package's `lang/`."""
    root = Path(base) if base else lang_dir()
    rows = read_rows(root / "common" / "boilerplate.tsv")
    for code in [lang] if lang else ["fr", "en"]:
        own = read_rows(root / code / "boilerplate.tsv")
        rows += own
        for borrowed in ("promo", "byline"):
            if code != "en" and not any(r["kind"] == borrowed for r in own):
                rows += [r for r in read_rows(root / "en" / "boilerplate.tsv") if r["kind"] == borrowed]
    cues: list[Cue] = []
    promo: list[Cue] = []
    hints: list[Cue] = []
    prefixes: list[str] = []
    for row in rows:
        kind = row["kind"]
        if kind == "byline":
            prefixes.append(row["pattern"])
            continue
        cue = Cue(kind, row["reason"], int(row.get("weight") or 0), compile_pattern(kind, row["pattern"]))
        if kind in DEFINITIVE:
            cues.append(cue)
        elif kind == "promo":
            promo.append(cue)
        else:
            hints.append(cue)
    return LangRules(lang, tuple(cues), tuple(promo), tuple(hints), byline_regex(prefixes))
