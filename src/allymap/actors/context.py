"""Resolution of found names in their context: dates, ambiguity, personal names, cues, datelines, titles
("le président russe", "US officials", "le secrétaire général de l'OTAN") and persons named by a title."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from allymap.actors.coref import foreign_organs, is_former
from allymap.actors.kb import Entry, KnowledgeBase, fold
from allymap.actors.kb import words as _words
from allymap.actors.matcher import Cand, _is_hyphen, _shouted
from allymap.records import Mention

_KIND_ORDER = (
    "state", "org", "party", "seat", "organ", "capital", "place", "demonym", "prefix", "qualifier", "person"
)  # fmt: skip
_NAME_PART = r"(?:(?:al|el|ben|bin|ibn|abu|abou|von|van|der|de|da|di|du|dos|le|la|Al|El|Ben|Bin)[-\s])?"
_NAME = re.compile(
    rf"\s*,?\s*({_NAME_PART}[A-ZÀ-ÖØ-Þ][\w'’.-]*(?:\s+{_NAME_PART}[A-ZÀ-ÖØ-Þ](?:\.(?=\s+[A-ZÀ-ÖØ-Þ])|[\w'’-]*)){{1,3}})"
    r"(?![\w'’-])"
)  # a middle initial is part of the name ("President George W. Bush", "Secretary John F. Kelly")
_DATELINE = re.compile(r"\s*(?:,|\(|[-—–]\s)")
_AGENCY = re.compile(
    r"\s*[,(]?\s*(?:\d|AFP|Reuters|AP\b|dpa|DPA|Xinhua|Interfax|TASS|Tass|Belga|Anadolu|CNN)"
)
_ADJECTIVAL = frozenset({"demonym", "prefix", "state", "org", "seat", "capital", "organ", "party"})


def _phrases(keys: dict[str, str] | frozenset[str]) -> dict[tuple[str, ...], str]:
    items = keys.items() if isinstance(keys, dict) else ((k, "") for k in keys)
    return {tuple(w for w, _, _ in _words(k)): v for k, v in items}


@dataclass(frozen=True)
class _Title:
    role: str
    phrase: str  # as written
    adjacent: bool  # the name modifies the title directly ("président russe", "US officials")
    tail: int  # where a person's name may follow


_IDLE = "holds no known office on this date"
_LIST_NAME = r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)?"
_LISTED = re.compile(rf"(?:(?:,|,? and|,? or) {_LIST_NAME})+(?= [a-z])")  # ", Brussels and Paris" (exchanges)
_LIST_BEFORE = re.compile(rf"(?:{_LIST_NAME}(?:,|,? and|,? or) )+$")  # "Amsterdam, Brussels and " (Paris)


class Resolver:
    """Turns the gazetteer's candidates into Mentions as of a date, using the language's word lists."""

    def __init__(self, kb: KnowledgeBase, lang: str | None) -> None:
        self.kb = kb
        self.lang = lang or "en"
        self.rules = rules = kb.rules_for(lang)
        self.titles = _phrases(rules.titles)
        self.complements = _phrases(rules.complements)
        self.fillers = set(_phrases(rules.fillers))
        self.connectors = set(_phrases(rules.connectors))
        self.possessives = set(_phrases(rules.possessives))
        self.language_words = set(_phrases(rules.language_words))
        self.place_before = set(_phrases(rules.place_before))
        self.place_after = set(_phrases(rules.place_after))
        self.place_words = frozenset(KnowledgeBase.key(w) for w in rules.place_words)
        self.hyphen_after = {w[1:] for w in rules.no_actor_after if w.startswith("-")}
        self.no_actor_after = set(_phrases(frozenset(w for w in rules.no_actor_after if w[0] != "-")))
        self.related = _related_cues(self.lang)
        self._by_start: dict[int, Cand] = {}
        self.longest = max((len(p) for p in self.titles), default=1)
        self.not_names = rules.function_words | rules.honorifics
        self.honorifics = rules.honorifics
        self.title_words = {w for p in self.titles for w in p}

    def resolve(self, text: str, cands: list[Cand], doc: str, on: date | None) -> list[Mention]:
        cands = self._not_related(text, cands)
        starts = {c.start for c in cands if c.kinds != {"qualifier"}}  # "Virginia" alone names nothing
        self._by_start = {c.start: c for c in cands}
        mentions: list[Mention] = []
        tails: dict[int, _Title] = {}
        for cand in cands:
            mention = self._one(text, cand, doc, on, starts)
            if mention is None:
                continue
            if mention.code and mention.kind in _ADJECTIVAL:
                title = self._title(text, mention)
                former = self.rules.former
                if title is not None and is_former(text, mention, title.phrase, title.tail, former):
                    note = f"a former {title.phrase}: no actor"
                    mention = replace(mention, code=None, candidates=(mention.code,), note=note)
                    title = None
                if title is not None:
                    tails[len(mentions)] = title
                    mention = replace(
                        mention,
                        kind="title"
                        if title.adjacent and mention.kind in ("demonym", "state")
                        else mention.kind,
                        role=mention.role if title.role == "GOV" and mention.role else title.role,
                        title=title.phrase,
                    )
            mentions.append(mention)
        self._coordinate(text, mentions, tails)
        dropped = foreign_organs(mentions, {i: (t.phrase, t.tail) for i, t in tails.items()}, text)
        if dropped:  # indices shift: keep the titles on the mentions that remain
            tails = {i - sum(1 for j in dropped if j < i): t for i, t in tails.items() if i not in dropped}
            mentions = [m for j, m in enumerate(mentions) if j not in dropped]
        # A known person out of office on this date stands for the title that names them ("l'ambassadeur
        # français Jérôme Bonnafont" in 2022, years after his term as Élysée spokesman).
        idle = {m.start: m for m in mentions if m.kind == "person" and m.code is None and m.note == _IDLE}
        ordered = sorted(starts)
        free = starts - idle.keys()
        named = [self._named(text, mentions[i], t, free, ordered) for i, t in tails.items()]
        replaced = {id(idle[m.start]) for m in named if m is not None and m.start in idle}
        kept = [m for m in mentions if id(m) not in replaced]
        return sorted(kept + [m for m in named if m is not None], key=lambda m: (m.start, m.end))

    def _not_related(self, text: str, cands: list[Cand]) -> list[Cand]:
        """Names on a line that links to another article ("Lire aussi ...", "Read more: ..."; the cleaner's
        "related" cues) are that article's, not this one's."""
        if not self.related:
            return cands
        lines: dict[int, bool] = {}
        out = []
        for cand in cands:
            start = text.rfind("\n", 0, cand.start) + 1
            if start not in lines:
                end = text.find("\n", start)
                line = text[start : end if end >= 0 else len(text)].strip()
                lines[start] = any(cue.matches(line) for cue in self.related)
            if not lines[start]:
                out.append(cand)
        return out

    # -- one name ------------------------------------------------------------------------------------------
    def _one(self, text: str, cand: Cand, doc: str, on: date | None, starts: set[int]) -> Mention | None:
        surface = text[cand.start : cand.end]
        others = [e for e in cand.entries if e.kind != "person"]
        if not others:
            return self.person(text, cand, doc, surface, on)
        valid = [e for e in others if not (e.start or e.end) or e.valid_on(on)]
        kind = _best_kind(valid or others)
        shown = "demonym" if kind == "prefix" else kind
        if not valid:
            codes = tuple(sorted({e.code for e in others}))
            note = "not this actor's name on this date"
            return Mention(doc, cand.start, cand.end, surface, None, shown, candidates=codes, note=note)
        folded = fold(surface)
        if folded in self.kb.person_like:
            one_word = " " not in surface
            if self._in_a_name(text, cand, starts) if one_word else self._before_a_name(text, cand, starts):
                return None  # "Jordan Bardella", "Paris Hilton"; "the West Coast"
        if kind == "capital" and (self._dateline(text, cand) or self._place(text, cand)):
            return None
        if self._no_actor_after(text, cand, kind):
            return None  # "the London exchange", "a UK-based firm"
        if kind in ("place", "capital") and self._a_person(text, cand):
            return None  # "Palermo, who has done interviews": someone of that name
        if kind == "qualifier" or (kind == "place" and self._not_a_place(text, cand, starts)):
            return None  # "KHARKIV, Ukraine (AP) -", "the University of Texas", "Indiana Jones"
        if kind == "demonym" and (self._language(text, cand) or self._in_an_organisation(text, cand, starts)):
            return None
        codes = tuple(sorted({e.code for e in valid}))
        for cue in self.kb.cues:
            if folded not in cue.names or cue.lang not in ("*", self.lang):
                continue
            if bool(cue.pattern.search(text[max(0, cand.start - 300) : cand.end + 300])) != cue.needed:
                return Mention(
                    doc, cand.start, cand.end, surface, None, shown, candidates=codes, note=cue.note
                )
        if kind == "place" and len(codes) == 1 and self._namesake(text, cand, codes[0]):
            note = "a namesake in the state named after it"
            return Mention(doc, cand.start, cand.end, surface, None, shown, candidates=codes, note=note)
        if len(codes) > 1:
            note = "name of several places" if kind == "place" else "name of several actors"
            return Mention(doc, cand.start, cand.end, surface, None, shown, candidates=codes, note=note)
        role = next((e.role for e in valid if e.role), None)
        return Mention(doc, cand.start, cand.end, surface, codes[0], shown, role)

    def person(self, text: str, cand: Cand, doc: str, surface: str, on: date | None) -> Mention | None:
        people = cand.entries
        if " " not in surface and (
            self._after_a_first_name(text, cand.start) or self._before_a_name(text, cand)
        ):
            return None  # "Hunter Biden", "Kim Kardashian": someone else of that name
        valid = [e for e in people if e.valid_on(on)]
        codes = tuple(sorted({e.code for e in valid}))
        span = (doc, cand.start, cand.end, surface)
        if not codes:
            known = tuple(sorted({e.code for e in people}))
            person = people[0].person if len({e.person for e in people}) == 1 else None
            note = _IDLE
            return Mention(*span, None, "person", person=person, candidates=known, note=note)
        if len(codes) > 1:
            note = "several office-holders of this name on this date"
            return Mention(*span, None, "person", candidates=codes, note=note)
        first = valid[0]
        if len({e.person for e in valid}) > 1:
            return Mention(
                *span, first.code, "person", first.role, note="several office-holders of this name"
            )
        return Mention(*span, first.code, "person", first.role, first.person, title=first.title)

    def _in_a_name(self, text: str, cand: Cand, starts: set[int]) -> bool:
        """Is a one-word place name part of a personal or company name ("Jordan Bardella", "Paris Hilton")?"""
        return self._before_a_name(text, cand, starts) or self._after_a_first_name(text, cand.start)

    def _before_a_name(self, text: str, cand: Cand, starts: set[int] | None = None) -> bool:
        """Is the word right after the name capitalised, and neither a known name, a title nor a function
        word ("Kim Kardashian", "Trump Tower"; not "Biden Administration", "France Macron")?"""
        after = self.rules.name_after(text, cand.start, cand.end)  # none: "France Attacks Germany"
        if not after or after.group(1) in self.not_names or fold(after.group(1)) in self.title_words:
            return False
        return starts is None or cand.end + 1 not in starts

    def _after_a_first_name(self, text: str, start: int) -> bool:
        """Is the word right before `start` capitalised, and neither a title, honorific nor function word?"""
        before = re.search(r"([A-ZÀ-ÖØ-Þ][\w'’.-]*) $", text[max(0, start - 40) : start])
        if not before:
            return False
        word = before.group(1)
        return word not in self.not_names and fold(word).strip(".") not in self.title_words

    def _a_person(self, text: str, cand: Cand) -> bool:
        """Is the name followed by a relative pronoun only a person takes ("Jordan, who ...")?"""
        words = _words(text[cand.end : cand.end + 12])
        if words and words[0][0] == ",":
            words = words[1:]
        return bool(words) and words[0][0] in self.rules.person_after

    def _not_a_place(self, text: str, cand: Cand, starts: set[int]) -> bool:
        """A place's name used otherwise: a dateline ("KHARKIV, Ukraine (AP) -"), an institution
        ("the University of Texas"), a word of a hyphenated compound ("la fièvre Crimée-Congo",
        "Bruxelles-Strasbourg"), capitals outside a headline ("CAIR", a Council's acronym, is no "Čair")
        or a part of a longer name."""
        if self._dateline(text, cand) or self._place(text, cand):
            return True
        before, after = text[max(0, cand.start - 2) : cand.start], text[cand.end : cand.end + 2]
        if (len(before) == 2 and _is_hyphen(before[1]) and before[0].isalpha()) or (
            len(after) == 2 and _is_hyphen(after[0]) and after[1].isalpha()
        ):
            return True
        surface = text[cand.start : cand.end]
        if surface.isupper() and not _shouted(text, cand.start, {}):
            return True
        return self._in_a_longer_name(text, cand, starts)

    def _in_a_longer_name(self, text: str, cand: Cand, starts: set[int]) -> bool:
        """Is a place's name part of a longer name: a capitalised word right after it ("Indiana Jones",
        "Los Angeles Times", "Vladimir Poutine") that is neither a function word, a title nor a word of places
        ("Kharkiv Oblast", "Borno State"; "Ohio State University" is a name), or right before it ("Michael
        Jackson", "Dr Bella d'Abrera") that is an honorific or a first name, or else a word that neither opens
        its sentence ("Near Kharkiv") nor is a function word, a title or a known name ("Russian-occupied")?"""
        after = re.match(r" ([A-ZÀ-ÖØ-Þ][\w'’-]*)( [A-ZÀ-ÖØ-Þ][\w'’-]*)?", text[cand.end : cand.end + 60])
        if after:
            word = after.group(1)
            if fold(word) in self.place_words:
                if after.group(2) and after.group(2).strip() not in self.not_names:
                    return True  # "Ohio State University", "New York State Supreme Court"
            elif word not in self.not_names and fold(word) not in self.title_words:
                return True
        before = re.search(
            r"(^|[^\w'’.-])([A-ZÀ-ÖØ-Þ][\w'’.-]*) $", text[max(0, cand.start - 40) : cand.start]
        )
        if not before:
            return False
        word = before.group(2)
        if word.endswith(".") and word not in self.honorifics:
            return False  # "... Oblast. Borno": the place opens its sentence
        if word in self.honorifics or word in self.kb.first_names:
            return True  # "Dr Bella", "Christian Saint-Étienne"
        word_start = cand.start - len(word) - 1
        if any(word_start <= s < cand.start for s in starts):
            return False  # "Russian-occupied Kherson": a known name
        opening = text[:word_start].rstrip(" \t\"“«'(")
        if not opening or opening[-1] in ".!?:\n":
            return False  # the first word of a sentence
        return word not in self.not_names and fold(word).strip(".") not in self.title_words

    def _namesake(self, text: str, cand: Cand, code: str) -> bool:
        """ "Alexandria, Virginia", "London, Ontario": a place followed by a comma and the name of a
        first-level subdivision of another state (kind qualifier) is its namesake there; not in a list
        ("Kharkiv, Borno and Kirkuk")."""
        after = re.match(r", ?", text[cand.end : cand.end + 2])
        if not after:
            return False
        nxt = self._by_start.get(cand.end + after.end())
        if nxt is None or not any(e.kind == "qualifier" and e.code != code for e in nxt.entries):
            return False
        return not re.match(r",? (?:and|et|or|ou) ", text[nxt.end : nxt.end + 6])

    def _in_an_organisation(self, text: str, cand: Cand, starts: set[int]) -> bool:
        """English: a capitalised demonym opening a name of several capitalised words that has no title
        among them ("American Civil Liberties Union", "Canadian Jewish Political Affairs Committee"; not
        "Afghan National Army", "Chinese Foreign Ministry", "Iranian Revolutionary Guards")."""
        if self.rules.order != "after" or not text[cand.start].isupper():
            return False
        words = re.match(r"((?: [A-Z][\w'’-]*){2,5})", text[cand.end : cand.end + 80])
        if not words or cand.end + 1 in starts:
            return False
        tokens = words.group(1).split()
        return not any(fold(t) in self.title_words or t in self.not_names for t in tokens)

    def _dateline(self, text: str, cand: Cand) -> bool:
        """A capital opening a line before a comma, a bracket or a dash, written in capitals or on a short
        line of its own, names where the story was filed ("WASHINGTON (Reuters) -", "LONDRES –", "Jakarta,
        CNN Indonésie"), not an actor."""
        if cand.start > 0 and text[cand.start - 1] != "\n":
            return False
        line_end = text.find("\n", cand.end)
        rest = text[cand.end : line_end if line_end >= 0 else len(text)]
        if not _DATELINE.match(rest):
            return False
        return text[cand.start : cand.end].isupper() or len(rest.split()) <= 4 or bool(_AGENCY.match(rest))

    def _place(self, text: str, cand: Cand) -> bool:
        """A capital named as a place, not as a government: "les Jeux olympiques de Pékin", "the Beijing
        Olympics", "l'université de Téhéran" (the words are in context.tsv, rules place_before/after)."""
        before = [w for w, _, _ in _words(text[max(0, cand.start - 40) : cand.start])]
        if any(tuple(before[-n:]) in self.place_before for n in range(1, min(5, len(before)) + 1)):
            return True
        after = [w for w, _, _ in _words(text[cand.end : cand.end + 40])]
        return any(tuple(after[:n]) in self.place_after for n in range(1, min(4, len(after)) + 1))

    def _no_actor_after(self, text: str, cand: Cand, kind: str) -> bool:
        """A market named after its city or country ("the Irish stock exchange", "the Amsterdam, Brussels
        and Paris exchanges"; not "a Russian exchange of prisoners") or where a company is based ("a
        UK-based firm", "US-listed"): no actor (context.tsv, rules no_actor_after, no_actor_noun; a word
        that is also a verb counts only after a determiner and no state's name: "the London exchange", not
        "the UK and France exchange views")."""
        hyphened = re.match(r"[-‐‑]([a-z]+)\b", fold(text[cand.end : cand.end + 20]))
        if hyphened:
            return hyphened.group(1) in self.hyphen_after
        listed = _LISTED.match(rest := text[cand.end : cand.end + 120])  # "the Amsterdam, ... exchanges"
        after = [w for w, _, _ in _words(rest[listed.end() if listed else 0 :][:40])]
        for n in range(1, min(3, len(after)) + 1):
            if after[n : n + 1] and after[n] in self.rules.no_actor_unless:
                continue  # "a Russian exchange of prisoners", "the US stock market regulator"
            if tuple(after[:n]) in self.no_actor_after:
                return True
            if n == 1 and after[0] in self.rules.no_actor_nouns and kind != "state":
                before = _words(_LIST_BEFORE.sub("", text[max(0, cand.start - 120) : cand.start]))
                if before and before[-1][0] in self.rules.no_actor_determiners:
                    return True
        return False

    def _language(self, text: str, cand: Cand) -> bool:
        """ "traduit en russe", "written in Russian.": the language, not the state."""
        words = _words(text[max(0, cand.start - 30) : cand.start])
        if not any(tuple(w for w, _, _ in words[-n:]) in self.language_words for n in (1, 2)):
            return False
        if self.rules.order == "after":  # English: only "in Russian" at the end of a clause
            return not re.match(r"\s*[\w-]", text[cand.end : cand.end + 3])
        return text[cand.start].islower()

    # -- titles --------------------------------------------------------------------------------------------
    def _title(self, text: str, mention: Mention) -> _Title | None:
        """The title a name is part of: adjacent ("président russe"; English "Russian president", "US
        officials"), through a connector ("secrétaire général de l'OTAN") or a possessive ("Russia's
        president")."""
        before = _words(text[max(0, mention.start - 90) : mention.start])
        offset = max(0, mention.start - 90)
        n_conn = 0 if mention.kind in ("demonym", "prefix") else self._suffix(before, self.connectors)
        if n_conn:
            found = self._title_before(text, before[:-n_conn], offset)
            if found:
                return _Title(found[0], found[1], False, mention.end)
        if self.rules.order == "before" and mention.kind in ("demonym", "prefix"):
            found = self._title_before(text, before, offset)
            if found:
                return _Title(self._complement(text, mention.end) or found[0], found[1], True, mention.end)
        if self.rules.order == "after":
            after = _words(text[mention.end : mention.end + 90])
            possessive = bool(after) and (after[0][0],) in self.possessives and text[mention.end] in "'’"
            rest = after[1:] if possessive else after
            rest = rest[self._prefix(rest, self.fillers) :]
            n, found_roles = 0, []
            while True:  # "Air Force spokesman", "Foreign Ministry spokesperson": a chain of titles
                k = self._prefix(rest[n:], set(self.titles), longest=True)
                if not k:
                    break
                found_roles.append(self.titles[tuple(w for w, _, _ in rest[n : n + k])])
                n += k
            if n:
                phrase_end = mention.end + rest[n - 1][2]
                phrase = text[mention.end + rest[0][1] : phrase_end]
                role = next((r for r in found_roles if r != "GOV"), "GOV")
                return _Title(role, phrase, not possessive, phrase_end)
        return None

    def _title_before(
        self, text: str, words: list[tuple[str, int, int]], offset: int
    ) -> tuple[str, str] | None:
        while words:
            n_fill = self._suffix(words, self.fillers)
            if not n_fill:
                break
            words = words[:-n_fill]
        n = self._suffix(words, set(self.titles))
        if not n:
            return None
        phrase = text[offset + words[-n][1] : offset + words[-1][2]]
        return self.titles[tuple(w for w, _, _ in words[-n:])], phrase

    def _complement(self, text: str, end: int) -> str | None:
        """The role a complement gives a generic title: "ministre russe des Affaires étrangères" is DIP."""
        after = _words(text[end : end + 60])
        n = self._prefix(after, set(self.complements), longest=True)
        return self.complements[tuple(w for w, _, _ in after[:n])] if n else None

    def _suffix(self, words: list[tuple[str, int, int]], phrases: set[tuple[str, ...]] | dict) -> int:
        for n in range(min(self.longest, len(words)), 0, -1):
            if tuple(w for w, _, _ in words[-n:]) in phrases:
                return n
        return 0

    def _prefix(
        self, words: list[tuple[str, int, int]], phrases: set[tuple[str, ...]], longest: bool = False
    ) -> int:
        total = 0
        while True:
            n = next(
                (
                    k
                    for k in range(min(self.longest, len(words) - total), 0, -1)
                    if tuple(w for w, _, _ in words[total : total + k]) in phrases
                ),
                0,
            )
            if not n:
                return total
            total += n
            if longest:
                return total

    def _coordinate(self, text: str, mentions: list[Mention], tails: dict[int, _Title]) -> None:
        """ "des responsables américains et sud-coréens", "US and South Korean officials": a title
        shared by coordinated demonyms (forward in French word order, backward in English)."""
        order = range(1, len(mentions)) if self.rules.order == "before" else range(len(mentions) - 2, -1, -1)
        for i in order:
            j = i - 1 if self.rules.order == "before" else i + 1
            src, dst = mentions[j], mentions[i]
            if src.kind != "title" or dst.kind not in ("demonym", "state") or not dst.code:
                continue
            left, right = (src, dst) if j < i else (dst, src)
            if re.fullmatch(r"\s*(?:,|et|and|ou|or|&)\s*", text[left.end : right.start]):
                mentions[i] = replace(dst, kind="title", role=src.role, title=src.title)

    def _named(
        self, text: str, mention: Mention, title: _Title, starts: set[int], ordered: list[int]
    ) -> Mention | None:
        """A person named right after a title ("le ministre iranien des Affaires étrangères, Abbas Araghchi")
        resolves to the title's actor even when the knowledge base does not know them."""
        tail = title.tail
        if self.rules.order == "before":
            after = _words(text[tail : tail + 60])
            n = self._prefix(after, set(self.complements), longest=True)
            tail += after[n - 1][2] if n else 0
        match = _NAME.match(text, tail)
        if not match or not mention.code or match.start(1) in starts:
            return None
        start, end = match.span(1)
        while (h := re.match(r"(\S+)\s+(?=\S+\s+\S)", text[start:end])) and h.group(1) in self.honorifics:
            start += h.end()  # "Prime Minister Dr Abiy Ahmed": the name after the honorific
        if start in starts:
            return None
        if mention.kind == "org" and self.kb.key(title.phrase) in self.rules.to_org:
            return None  # "former U.N. Ambassador John Bolton": an envoy to the UN, of an unsaid state
        i = bisect.bisect_right(ordered, start)
        if i < len(ordered) and ordered[i] < end:  # a known name inside: the unknown one stops before it
            end = text.rfind(" ", start, ordered[i])
        name = text[start:end].strip()
        tokens = name.split()
        if len(tokens) < 2 or any(t in self.not_names for t in tokens):
            return None
        return Mention(
            mention.doc,
            start,
            start + len(name),
            name,
            mention.code,
            "person",
            mention.role,
            name,
            note="named by its title",
            title=title.phrase,
        )


def _related_cues(lang: str) -> tuple[Any, ...]:
    from allymap.clean.rules import rules_for

    return tuple(cue for cue in rules_for(lang).cues if cue.reason == "related")


def _best_kind(entries: list[Entry]) -> str:
    kinds = {e.kind for e in entries}
    return next(k for k in _KIND_ORDER if k in kinds)
