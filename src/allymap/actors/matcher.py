"""Gazetteer mention finder: an Aho-Corasick automaton over folded text, longest match, dated resolution."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import ahocorasick

from allymap.actors.kb import Entry, KnowledgeBase
from allymap.actors.normalize import fold, parse_date
from allymap.records import Mention

# Words before a demonym that make it a title ("le président russe") and the role they give.
TITLE_ROLES: dict[str, str] = {
    "president": "GOV",
    "presidente": "GOV",
    "premier": "GOV",
    "dirigeant": "GOV",
    "dirigeante": "GOV",
    "chef": "GOV",
    "gouvernement": "GOV",
    "responsable": "GOV",
    "responsables": "GOV",
    "officiel": "GOV",
    "officiels": "GOV",
    "autorites": "GOV",
    "porte-parole": "GOV",
    "leader": "GOV",
    "officials": "GOV",
    "official": "GOV",
    "government": "GOV",
    "authorities": "GOV",
    "prime": "GOV",
    "spokesman": "GOV",
    "ministre": "GOV",
    "minister": "GOV",
    "secretaire": "GOV",
    "secretary": "GOV",
    "diplomatie": "DIP",
    "diplomate": "DIP",
    "diplomates": "DIP",
    "diplomat": "DIP",
    "ambassadeur": "DIP",
    "ambassador": "DIP",
    "armee": "MIL",
    "militaire": "MIL",
    "militaires": "MIL",
    "army": "MIL",
    "military": "MIL",
    "forces": "MIL",
    "troupes": "MIL",
    "troops": "MIL",
    "renseignement": "INTEL",
    "intelligence": "INTEL",
    "industrie": "GOV",
}
# Place names that are also first names or surnames: not an actor next to another capitalised name.
PERSON_LIKE = frozenset(
    {
        "jordan",
        "chad",
        "georgia",
        "israel",
        "paris",
        "washington",
        "india",
        "kenya",
        "sydney",
        "victoria",
        "florence",
        "lincoln",
        "houston",
        "austin",
    }
)
US_STATE_CUES = re.compile(
    r"\b(Atlanta|governor|gouverneur|state of|État de|Etat de|US state|Savannah|"
    r"Peach State|senator|sénateur|Trump|Biden|Fulton)\b"
)
STOP_CAPS = frozenset(
    {
        "le",
        "la",
        "les",
        "l",
        "en",
        "au",
        "aux",
        "de",
        "du",
        "des",
        "et",
        "the",
        "in",
        "and",
        "of",
        "to",
        "a",
        "à",
        "pour",
        "par",
        "avec",
        "contre",
        "selon",
        "entre",
        "sur",
    }
)
_DATELINE = re.compile(r"\s*(,|–|—|-\s|\(|:)")
_WORD_BEFORE = re.compile(r"([\w'-]+)\s*$")
_WORD_AFTER = re.compile(r"^\s([A-ZÀ-ÖØ-Þ][\w-]+)")


@dataclass(frozen=True)
class _Cand:
    start: int
    end: int
    entries: tuple[Entry, ...]
    excluded: bool


class Gazetteer:
    """The names of one language, compiled once; `find(text)` gives Mention records."""

    def __init__(self, kb: KnowledgeBase, lang: str | None) -> None:
        self.kb = kb
        self.lang = lang
        automaton = ahocorasick.Automaton()
        groups: dict[str, list[Entry]] = {}
        for entry in kb.entries_for(lang):
            key = fold(entry.name)
            if len(key.strip()) < 2:
                continue
            groups.setdefault(key, []).append(entry)
        for key, entries in groups.items():
            automaton.add_word(key, (key, tuple(entries), False))
        for group in ("*", lang or "en"):
            for phrase in kb.exclusions.get(group, []):
                key = fold(phrase)
                prior = groups.get(key, [])
                automaton.add_word(key, (key, tuple(prior), True))
        automaton.make_automaton()
        self.automaton = automaton

    def candidates(self, text: str) -> list[_Cand]:
        folded = fold(text)
        found: list[_Cand] = []
        for end_index, (key, entries, excluded) in self.automaton.iter(folded):
            start, end = end_index - len(key) + 1, end_index + 1
            if start > 0 and (folded[start - 1].isalnum() or folded[start - 1] == "-" and not excluded):
                if folded[start - 1].isalnum():
                    continue
            if end < len(folded) and folded[end].isalnum():
                continue
            surface = text[start:end]
            if excluded:
                if surface[:1].isupper() or not surface[:1].isalpha():
                    found.append(_Cand(start, end, (), True))
                continue
            kept = tuple(e for e in entries if _case_ok(e, surface))
            if kept:
                found.append(_Cand(start, end, kept, False))
        found.sort(key=lambda c: (c.start, -(c.end - c.start)))
        chosen: list[_Cand] = []
        last_end = -1
        for cand in found:
            if cand.start >= last_end:
                chosen.append(cand)
                last_end = cand.end
        return [c for c in chosen if not c.excluded]

    def find(self, text: str, doc: str = "", on: date | None = None) -> list[Mention]:
        mentions = []
        for cand in self.candidates(text):
            mention = self._resolve(text, cand, doc, on)
            if mention is not None:
                mentions.append(mention)
        return mentions

    def _resolve(self, text: str, cand: _Cand, doc: str, on: date | None) -> Mention | None:
        surface = text[cand.start : cand.end]
        people = [e for e in cand.entries if e.kind == "person"]
        others = [e for e in cand.entries if e.kind != "person"]
        if people and not others:
            valid = [e for e in people if e.valid_on(on)]
            codes = sorted({e.code for e in valid})
            if len(codes) == 1:
                e = valid[0]
                return Mention(doc, cand.start, cand.end, surface, e.code, "person", e.role, e.person)
            if not codes:
                known = sorted({e.code for e in people})
                return Mention(
                    doc,
                    cand.start,
                    cand.end,
                    surface,
                    None,
                    "person",
                    person=people[0].person,
                    candidates=tuple(known),
                    note="holds no known office on this date",
                )
            return Mention(
                doc,
                cand.start,
                cand.end,
                surface,
                None,
                "person",
                candidates=tuple(codes),
                note="several office-holders of this name on this date",
            )
        entries = others or people
        codes = sorted({e.code for e in entries})
        kind = _best_kind(entries)
        role = next((e.role for e in entries if e.role), None)
        if len(codes) > 1:
            return Mention(
                doc,
                cand.start,
                cand.end,
                surface,
                None,
                kind,
                candidates=tuple(codes),
                note="name of several actors",
            )
        code = codes[0]
        if kind in ("state", "capital") and " " not in surface and _next_to_a_name(text, cand, surface):
            return None
        if kind == "capital" and _dateline(text, cand, surface):
            return None  # "JAKARTA, CNN –", "LONDRES –": where the story was written, not an actor
        if fold(surface) == "georgia" and US_STATE_CUES.search(
            text[max(0, cand.start - 300) : cand.end + 300]
        ):
            return Mention(
                doc,
                cand.start,
                cand.end,
                surface,
                None,
                kind,
                candidates=("GEO",),
                note="Georgia: the US state or the country",
            )
        if kind == "demonym":
            title_role = _title_before(text, cand.start)
            if title_role:
                return Mention(doc, cand.start, cand.end, surface, code, "title", title_role)
        return Mention(doc, cand.start, cand.end, surface, code, kind, role)


def _dateline(text: str, cand: _Cand, surface: str) -> bool:
    """A place opening a line before a dash or comma, in capitals ("LONDRES –") or on a short line of its
    own ("Jakarta, CNN Indonésie"): where the story was written."""
    head = text[max(0, cand.start - 3):cand.start]
    if not (cand.start == 0 or "\n" in head or not head.strip()) or not _DATELINE.match(text, cand.end):
        return False
    rest = text[cand.end:].split("\n", 1)[0]
    return surface.isupper() or len(rest.split()) <= 4


def _case_ok(entry: Entry, surface: str) -> bool:
    name = entry.name
    letters = [c for c in name if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) <= 6:
        return surface == name or surface.replace("’", "'") == name  # acronyms: exact case
    if entry.kind == "demonym":
        return True
    first = next((c for c in surface if c.isalpha()), "")
    return first.isupper() or not name[:1].isupper()


def _best_kind(entries: list[Entry]) -> str:
    order = ("state", "org", "party", "seat", "organ", "capital", "demonym", "person")
    kinds = {e.kind for e in entries}
    return next(k for k in order if k in kinds)


def _next_to_a_name(text: str, cand: _Cand, surface: str) -> bool:
    """A one-word place name beside another capitalised word that is part of a person's name."""
    after = _WORD_AFTER.match(text[cand.end : cand.end + 40])
    if fold(surface) in PERSON_LIKE and after and after.group(1).lower() not in STOP_CAPS:
        return True
    before = _WORD_BEFORE.search(text[max(0, cand.start - 40) : cand.start])
    if before and " " in text[max(0, cand.start - 2) : cand.start]:
        word = before.group(1)
        head = text[: cand.start - len(text[max(0, cand.start - 40) : cand.start]) + before.start(1)].rstrip()
        sentence_start = not head or head[-1] in '.!?:\n«"“'
        if (
            word[:1].isupper()
            and word.lower() not in STOP_CAPS
            and not sentence_start
            and fold(surface) in PERSON_LIKE
        ):
            return True
    return False


def _title_before(text: str, start: int) -> str | None:
    window = fold(text[max(0, start - 60) : start])
    words = re.findall(r"[\w-]+", window)[-5:]
    for word in reversed(words):
        if word in TITLE_ROLES:
            return TITLE_ROLES[word]
    return None


def as_date(on: date | str | None) -> date | None:
    return parse_date(on) if isinstance(on, str) else on
