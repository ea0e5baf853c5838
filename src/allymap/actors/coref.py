"""Titles read in context: bare titles, former holders, institution words of the state naming them."""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from allymap.actors.kb import KnowledgeBase, fold, words
from allymap.records import Mention


@dataclass(frozen=True)
class _Office:
    offices: frozenset[str]  # the offices of the persons and titles it may refer to
    role: str


@dataclass(frozen=True)
class BareTitles:
    """The bare titles of one language (data/bare_titles.tsv) and how persons' offices are classed."""

    pattern: re.Pattern[str] | None  # article + bare title, on the text as written
    bare: dict[str, _Office]  # folded phrase -> office
    antecedent: dict[tuple[str, str], str]  # (folded phrase, role) -> office
    holder: tuple[tuple[str, re.Pattern[str]], ...]  # office, regex on an officeholders.tsv title

    @classmethod
    @functools.cache
    def load(cls, lang: str | None, data: Path | None = None) -> BareTitles:
        folder = data or Path(str(resources.files("allymap.actors") / "data"))
        articles: list[str] = []
        bare: dict[str, _Office] = {}
        antecedent: dict[tuple[str, str], str] = {}
        holder: list[tuple[str, re.Pattern[str]]] = []
        with (folder / "bare_titles.tsv").open(encoding="utf-8", newline="") as fh:
            lines = (line for line in fh if line.strip() and not line.startswith("#"))
            for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
                phrases = [p.strip() for p in (row["phrases"] or "").split("|") if p.strip()]
                place, office, role = row["place"], row["office"] or "", row["role"] or ""
                if place == "holder":
                    holder.append((office, re.compile(row["phrases"] or "")))
                elif row["lang"] != (lang or "en"):
                    continue
                elif place == "article":
                    articles += [fold(p) for p in phrases]
                elif place == "bare":
                    bare.update({_key(p): _Office(frozenset(office.split(",")), role) for p in phrases})
                elif place == "antecedent":
                    antecedent.update({(_key(p), role): office for p in phrases})
        pattern = None
        if articles and bare:
            arts = "|".join(sorted({_loose(a) for a in articles}, key=len, reverse=True))
            titles = "|".join(sorted({_loose(p) for p in bare}, key=len, reverse=True))
            # the article elided ("l'émir") or a word before the title; the title a whole word. Matched on
            # the text as written (accents and apostrophes loose, any case): folding every text costs more.
            pattern = re.compile(rf"\b(?:{arts})(?:(?<=['’])|\s+)({titles})(?![\w'’-])", re.IGNORECASE)
        return cls(pattern, bare, antecedent, tuple(holder))

    def office_of(self, mention: Mention) -> str | None:
        """The office a resolved person or title mention stands for, if it is one of the bare offices."""
        if mention.code is None or not mention.title:
            return None
        if mention.kind == "person":
            title = mention.title.lower()
            return next((office for office, rx in self.holder if rx.match(title)), None)
        if mention.kind in ("title", "demonym", "state", "org"):
            key = _key(mention.title)
            if key in self.bare and len(self.bare[key].offices) == 1:
                return next(iter(self.bare[key].offices))
            return self.antecedent.get((key, mention.role or ""))
        return None

    def resolve(
        self,
        text: str,
        mentions: list[Mention],
        doc: str,
        fillers: frozenset[str] = frozenset(),
        window: int = 1000,
    ) -> list[Mention]:
        """Mentions for the bare titles of `text`: the state (or organisation) of the persons and titles
        holding that office in the `window` characters before; ambiguous when they are of several."""
        if self.pattern is None:
            return []
        starts = sorted(m.start for m in mentions)
        covered = [(m.start, m.end) for m in mentions]
        out: list[Mention] = []
        for match in self.pattern.finditer(text):
            start, end = match.span(1)
            if any(s < end and start < e for s, e in covered) or self._qualified(text, end, starts, fillers):
                continue
            office = self.bare[_key(match.group(1))]
            holders: dict[str, Mention] = {}
            before = (m for m in mentions if start - window <= m.start and m.end <= match.start())
            for m in before:
                if self.office_of(m) in office.offices:
                    holders[str(m.code)] = m  # the nearest of each state wins
            if not holders:
                continue  # "le chancelier" with no chancellor named before: nobody we can tell
            span = (doc, start, end, text[start:end])
            if len(holders) > 1:
                codes = tuple(sorted(holders))
                note = "bare title: office-holders of several actors named before"
                out.append(Mention(*span, None, "title", office.role, candidates=codes, note=note))
                continue
            code, m = next(iter(holders.items()))
            note = f"bare title: refers to {m.text}"
            out.append(Mention(*span, code, "title", office.role, m.person, title=text[start:end], note=note))
        return out

    @staticmethod
    def _qualified(text: str, end: int, starts: list[int], fillers: frozenset[str]) -> bool:
        """Is the title followed by what makes it a different phrase: a name, a demonym or state (already a
        mention, or a capitalised word), a connector ("of", "de"), a hyphen ("president-elect") or a
        filler ("sortant", "adjoint")?"""
        rest = text[end : end + 40]
        if rest[:1] in ("-", "‐", "‑"):
            return True
        stripped = rest.lstrip(" \u00a0")
        at = end + len(rest) - len(stripped)
        if at in starts:
            return True
        word = re.match(r"[^\W\d_][\w'’]*", stripped)
        if word is None:
            return False
        first = word.group(0)
        connectors = ("de", "du", "des", "d'", "d’", "of", "for", "to", "à", "au", "aux", "auprès")
        return (
            first[:1].isupper()
            or fold(first) in connectors
            or fold(first).startswith(("d'", "d’"))
            or fold(first) in fillers
        )


def _key(phrase: str) -> str:
    return " ".join(fold(phrase).split())


_LOOSE = {"e": "eéèêë", "a": "aàâä", "i": "iîï", "o": "oôö", "u": "uùûü", "c": "cç", "'": "'’"}


def _loose(phrase: str) -> str:
    """A folded phrase as a regular expression matching it as written: any accent on a vowel ("État",
    "Etat"), either apostrophe, any run of spaces (case is left to re.IGNORECASE)."""
    out = []
    for ch in fold(phrase):
        if ch == " ":
            out.append(r"\s+")
        elif ch in _LOOSE:
            out.append(f"[{_LOOSE[ch]}]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def resolve_bare_titles(
    text: str, mentions: list[Mention], doc: str, lang: str | None, fillers: frozenset[str] = frozenset()
) -> list[Mention]:
    """`mentions` with the bare titles of `text` added, in text order (see BareTitles.resolve)."""
    found = BareTitles.load(lang).resolve(text, mentions, doc, fillers)
    if not found:
        return mentions
    return sorted(mentions + found, key=lambda m: (m.start, m.end))


_ARTICLES = frozenset({"l", "le", "la", "les", "the", "a", "an", "un", "une"})


def is_former(text: str, mention: Mention, phrase: str, tail: int, former: frozenset[str]) -> bool:
    """Does a word such as "ancien" or "former" qualify the title `phrase` of `mention` ("l'ancien président
    américain", "the former US president", "Russia's former president")? Then the name stands for no actor."""
    if not former:
        return False
    after = text.find(phrase, mention.end, tail) if phrase else -1
    if after >= 0:
        start, end = mention.start, after + len(phrase)
    else:
        before = text.rfind(phrase, max(0, mention.start - 90), mention.start) if phrase else -1
        start, end = (before, mention.end) if before >= 0 else (mention.start, mention.end)
    inside = {w for w, _, _ in words(text[start:end])}
    preceding = [w for w, _, _ in words(text[max(0, start - 24) : start])]
    while preceding and preceding[-1] in _ARTICLES:
        preceding.pop()
    return bool(inside & former) or bool(preceding and preceding[-1] in former)


_NAME_WORD = re.compile(r"[A-Z][a-z]+")


def _inside_longer_name(m: Mention, text: str, mentions: list[Mention]) -> bool:
    """Is the one-word organ name the last word of a longer name ("Libya's General National Congress", "the
    Pan Africanist Congress"): two capitalised words right before it that no mention covers?"""
    if not text or " " in m.text:
        return False
    before = text[max(0, m.start - 40) : m.start].split(" ")[-3:]
    if len(before) != 3 or before[-1] != "":
        return False
    names = [w for w in before[:2] if _NAME_WORD.fullmatch(w) and w.lower() not in _ARTICLES]
    start = m.start - len(before[0]) - len(before[1]) - 2
    return len(names) == 2 and not any(o.start < m.start and o.end > start for o in mentions if o is not m)


def foreign_organs(mentions: list[Mention], titles: dict[int, tuple[str, int]], text: str = "") -> set[int]:
    """Indices of organ mentions named by a generic institution word ("Congress", "Senate") that is the
    title of another state's mention ("the Brazilian Congress", "Nigeria's Senate", "the Senate of
    Nigeria"), also where it opens a longer title ("Nigeria's Senate President", "the Nigerian Senate
    delegation"): that state's, not the state whose organ the word is alone (the US); and such a word that
    ends a longer name ("General National Congress"); and so is the same word bare elsewhere in the text.
    `titles` maps a mention's index to its title phrase and where the title ends."""
    dropped = {
        j for j, m in enumerate(mentions) if m.kind == "organ" and _inside_longer_name(m, text, mentions)
    }
    foreign: set[str] = set()
    for i, (phrase, tail) in titles.items():
        owner = mentions[i]
        word = KnowledgeBase.key(phrase)
        for j, m in enumerate(mentions):
            name = KnowledgeBase.key(m.text)
            if m.kind != "organ" or m.code == owner.code or not (word == name or word.startswith(name + " ")):
                continue
            after = owner.end <= m.start and m.end <= tail
            if word != name and not after:
                continue  # a longer title is read after its owner only
            before = m.end <= owner.start and owner.start - m.end <= 12  # "the Senate of Nigeria"
            if after or before:
                dropped.add(j)
                foreign.add(name)
    # the same word bare elsewhere in the text names the same body ("Nigeria's Senate ... the Senate")
    return dropped | {
        j for j, m in enumerate(mentions) if m.kind == "organ" and KnowledgeBase.key(m.text) in foreign
    }
