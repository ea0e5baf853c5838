"""The actor knowledge base: names per language, organisations and members, office-holders, all by date."""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

from allymap.nlp.casing import verb_after

APOSTROPHES = "’‘ʼ`´′"
HYPHENS = "‐‑‒–—−"
SPACES = "\u00a0\u202f\u2009\u2007\u200a\t\r\n"
FR_ENDINGS = (
    ("ien", ("ienne", "iens", "iennes")),
    ("en", ("enne", "ens", "ennes")),
    ("ais", ("aise", "aises")),
    ("ois", ("oise", "oises")),
)


def _fold_char(ch: str) -> str:
    if ch in APOSTROPHES:
        return "'"
    if ch in HYPHENS:
        return "-"
    if ch in SPACES:
        return " "
    low = ch.lower()
    if len(low) != 1:
        return ch
    base = unicodedata.normalize("NFD", low)[0]
    return base if len(base) == 1 and base.isalnum() == low.isalnum() else low


_FOLD = {i: _fold_char(chr(i)) for i in range(0x3000) if len(_fold_char(chr(i))) == 1}


def fold(text: str) -> str:
    """Lower case without accents, one apostrophe, one hyphen, one space; the same length as `text`, so an
    offset in the folded text is an offset in the original."""
    return text.translate(_FOLD)


_WORD = re.compile(r"[^\W_]+|[^\w\s'’`´\-‐‑–—]")  # a word, or a punctuation mark that ends a phrase


def words(text: str) -> list[tuple[str, int, int]]:
    """The folded words of `text` (and phrase-ending punctuation) with their offsets."""
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(fold(text))]


def parse_date(value: str | date | None) -> date | None:
    """An ISO date, or YYYY-MM / YYYY (their first day); None for empty or unreadable."""
    if value is None or isinstance(value, date):
        return value
    value = value.strip()
    parts = value.split("-")
    try:
        if len(parts) == 1 and value:
            return date(int(parts[0]), 1, 1)
        if len(parts) == 2:
            return date(int(parts[0]), int(parts[1]), 1)
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def inflect_fr(base: str) -> list[str]:
    """Every gender and number of a French demonym given as its masculine singular; a value listing its
    forms with | is taken as it is."""
    if "|" in base:
        return base.split("|")
    if base.endswith("e"):
        return [base, base + "s"]
    for ending, forms in FR_ENDINGS:
        if base.endswith(ending):
            return [base] + [base[: -len(ending)] + f for f in forms]
    return [base, base + "e", base + "s", base + "es"]


@dataclass(frozen=True)
class Entry:
    """One name of one actor: a state, capital, seat, organ, party, organisation, demonym or person; or of a
    place of a state (kind place: a city or subdivision, never a metonym for its government)."""

    name: str
    code: str
    kind: str  # state | capital | seat | organ | party | org | demonym | prefix | person | place | qualifier
    lang: str  # ISO 639-1, or * for any language
    role: str | None = None
    person: str | None = None  # canonical name of a person
    title: str | None = None  # the office held (persons)
    start: date | None = None
    end: date | None = None  # exclusive

    def valid_on(self, on: date | None) -> bool:
        """Does the name stand for `code` on `on`? Undated text sees only what holds today."""
        if on is None:
            return self.end is None
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


@dataclass(frozen=True)
class Resolution:
    """What a name stands for on a date."""

    code: str
    kind: str
    role: str | None
    person: str | None
    name: str  # the actor's canonical name (English)
    start: date | None = None
    end: date | None = None
    title: str | None = None


@dataclass(frozen=True)
class LangRules:
    """The word lists of one language that the mention finder reads (titles.tsv, context.tsv)."""

    titles: dict[str, str] = field(default_factory=dict)  # folded phrase -> role
    complements: dict[str, str] = field(default_factory=dict)
    fillers: frozenset[str] = frozenset()
    connectors: frozenset[str] = frozenset()
    possessives: frozenset[str] = frozenset()
    order: str = "before"  # where a title stands from its demonym
    function_words: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()
    language_words: frozenset[str] = frozenset()
    place_before: frozenset[str] = frozenset()  # "jeux olympiques de": the capital after it is a place
    place_after: frozenset[str] = frozenset()  # "Olympics": the capital before it is a place
    to_org: frozenset[str] = frozenset()  # "UN ambassador X": an envoy to the organisation, not its own
    place_words: frozenset[str] = frozenset()  # "Oblast", "Region": a capitalised word a place may take
    no_actor_after: frozenset[str] = frozenset()  # "stock exchange", "-based": the name before is no actor
    no_actor_nouns: frozenset[str] = frozenset()  # "exchange": the same after a determiner ("the London")
    no_actor_determiners: frozenset[str] = frozenset()  # "the", "a": the determiners those need
    no_actor_unless: frozenset[str] = frozenset()  # "of", "regulator": after the phrase, the name stays
    person_after: frozenset[str] = frozenset()  # "who": a name before it is a person's ("Jordan, who")
    former: frozenset[str] = frozenset()  # "ancien", "former": the title names a past holder, not the state
    headline_verb_endings: frozenset[str] = frozenset()  # "-s": "France Attacks", a headline's verb

    def name_after(self, text: str, start: int, end: int) -> re.Match[str] | None:
        """The capitalised word right after the name at `start:end`; none when it is the verb of a line in
        title case or capitals, by its ending (rule headline_verb_endings: "France Attacks Germany")."""
        after = re.match(r" ([A-ZÀ-ÖØ-Þ][\w'’-]*)", text[end : end + 40])
        return None if after and verb_after(text, start, end, self.headline_verb_endings) else after


@dataclass(frozen=True)
class Cue:
    """Context words that leave a name unresolved ("Georgia" near "Atlanta"), or without which it stays
    unresolved (`needed`: English "Georgia" is the country only near "Tbilisi", "Georgian", ...)."""

    names: frozenset[str]  # folded
    pattern: re.Pattern[str]
    note: str
    lang: str = "*"
    needed: bool = False  # True: the name resolves only when the words occur ("Georgia" near "Tbilisi")


def _rows(data: Path, filename: str) -> Iterator[dict[str, str]]:
    with (data / filename).open(encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if not line.startswith("#") and line.strip())
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            yield {k: (v or "").strip() for k, v in row.items()}


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


class KnowledgeBase:
    """Names of actors in many languages, resolved as of a date. Build it with `KnowledgeBase.load()`."""

    def __init__(
        self,
        entries: list[Entry],
        members: dict[str, list[tuple[str, date | None, date | None]]],
        names: dict[str, str],
        exclusions: dict[str, list[str]],
        rules: dict[str, LangRules] | None = None,
        person_like: frozenset[str] = frozenset(),
        cues: tuple[Cue, ...] = (),
        first_names: frozenset[str] = frozenset(),
    ) -> None:
        self.entries = entries
        self._members = members
        self._names = names
        self.exclusions = exclusions
        self.rules = rules or {}
        self.person_like = person_like
        self.cues = cues
        self.first_names = first_names  # common first names (first_names.tsv): a place after one is a surname
        self._by_key: dict[str, list[Entry]] = defaultdict(list)
        for entry in entries:
            self._by_key[self.key(entry.name)].append(entry)

    @staticmethod
    def key(name: str) -> str:
        return " ".join(fold(name).split())

    @classmethod
    @functools.cache
    def load(cls, data: Path | None = None) -> KnowledgeBase:
        """The shipped knowledge base (or the one in the folder `data`), read once per process."""
        return cls.read(data or Path(str(resources.files("allymap.actors") / "data")))

    @classmethod
    def read(cls, data: Path) -> KnowledgeBase:
        """Read the TSV tables of a knowledge-base folder (see data/README.md)."""
        entries: list[Entry] = []
        names: dict[str, str] = {}
        for row in _rows(data, "states.tsv"):
            names[row["code"]] = row["name_en"]
            names[f"fr:{row['code']}"] = row["name_fr"]
        for row in _rows(data, "organisations.tsv"):
            names[row["code"]] = row["name_en"]
            names[f"fr:{row['code']}"] = row["name_fr"]
        for row in _rows(data, "cldr_names.tsv"):
            entries.append(Entry(row["name"], row["code"], "state", row["lang"]))
        for row in _rows(data, "curated_names.tsv"):
            start, end = parse_date(row["start"]), parse_date(row["end"])
            for name in _split(row["names"]):
                entries.append(
                    Entry(
                        name,
                        row["code"],
                        row["kind"],
                        row["lang"],
                        row["role"] or None,
                        None,
                        None,
                        start,
                        end,
                    )
                )
        for row in _rows(data, "capitals.tsv"):
            for lang in ("en", "fr"):
                entries += [Entry(n, row["code"], "capital", lang, "GOV") for n in _split(row[lang])]
        if (data / "places.tsv").exists():  # generated (scripts/gen_places.py): never a government
            for row in _rows(data, "places.tsv"):
                for lang in ("en", "fr"):  # kind qualifier: no mention ("Virginia" is a first name too)
                    entries += [Entry(n, row["code"], row["kind"], lang) for n in _split(row[lang])]
        for row in _rows(data, "demonyms.tsv"):
            if row["fr"]:
                entries += [Entry(f, row["code"], "demonym", "fr") for f in inflect_fr(row["fr"])]
            entries += [Entry(f, row["code"], "demonym", "en") for f in _split(row["en"])]
            entries += [Entry(p + "-", row["code"], "prefix", "*") for p in _split(row["prefix"])]
        for row in _rows(data, "officeholders.tsv"):
            variants = _split(row["names"])
            start, end = parse_date(row["start"]), parse_date(row["end"])
            for name in variants:
                entries.append(
                    Entry(
                        name, row["code"], "person", "*", row["role"], variants[0], row["title"], start, end
                    )
                )
        members: dict[str, list[tuple[str, date | None, date | None]]] = defaultdict(list)
        for row in _rows(data, "memberships.tsv"):
            members[row["org"]].append((row["member"], parse_date(row["start"]), parse_date(row["end"])))
        exclusions: dict[str, list[str]] = defaultdict(list)
        for row in _rows(data, "exclusions.tsv"):
            exclusions[row["lang"]].extend(_split(row["phrase"]))
        rules, person_like, cues = _read_rules(data)
        first = (
            frozenset(r["name"] for r in _rows(data, "first_names.tsv"))
            if (data / "first_names.tsv").exists()
            else frozenset()
        )
        return cls(entries, dict(members), names, dict(exclusions), rules, person_like, cues, first)

    def entries_for(self, lang: str | None) -> list[Entry]:
        """The entries a text in `lang` may mention: its own names and the language-neutral ones."""
        wanted = {"*", lang or "en"}
        return [e for e in self.entries if e.lang in wanted]

    def rules_for(self, lang: str | None) -> LangRules:
        return self.rules.get(lang or "en") or self.rules.get("en") or LangRules()

    def lookup(self, name: str, on: date | str | None = None, lang: str | None = None) -> list[Resolution]:
        """Every actor `name` stands for on `on` (more than one code means the name is ambiguous). A person
        resolves only within a term; undated, only today's office-holders do."""
        when = parse_date(on)
        found: dict[tuple[str, str | None, str | None], Resolution] = {}
        for entry in self._by_key.get(self.key(name), []):
            if lang and entry.lang not in ("*", lang) and entry.kind != "state":
                continue
            if (entry.start or entry.end) and not entry.valid_on(when):
                continue
            kind = "demonym" if entry.kind == "prefix" else entry.kind
            res = Resolution(
                entry.code,
                kind,
                entry.role,
                entry.person,
                self.name(entry.code, "en"),
                entry.start,
                entry.end,
                entry.title,
            )
            found.setdefault((res.code, res.person, res.role), res)
        return sorted(found.values(), key=lambda r: (r.code, r.start or date.min))

    def members(self, org_code: str, on: date | str | None = None) -> set[str]:
        """Member states of an organisation on a date (today's members when undated)."""
        when = parse_date(on)
        out = set()
        for code, start, end in self._members.get(org_code, []):
            if when is None:
                if end is None:
                    out.add(code)
            elif (start is None or start <= when) and (end is None or when < end):
                out.add(code)
        return out

    def organisations(self) -> list[str]:
        """Codes of every organisation and non-state group."""
        return sorted({e.code for e in self.entries if e.kind == "org"} | set(self._members))

    def name(self, code: str, lang: str = "fr") -> str:
        """The display name of an actor code in a language (falls back to English, then the code)."""
        return self._names.get(f"{lang}:{code}") or self._names.get(code) or code


@dataclass
class _RulesBuilder:
    titles: dict[str, str] = field(default_factory=dict)
    complements: dict[str, str] = field(default_factory=dict)
    bags: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    order: str = "before"

    def build(self) -> LangRules:
        return LangRules(
            titles=self.titles,
            complements=self.complements,
            fillers=frozenset(self.bags["filler"]),
            connectors=frozenset(self.bags["connector"]),
            possessives=frozenset(self.bags["possessive"]),
            order=self.order,
            function_words=frozenset(self.bags["function_words"]),
            honorifics=frozenset(self.bags["honorifics"]),
            language_words=frozenset(self.bags["language"]),
            place_before=frozenset(self.bags["place_before"]),
            place_after=frozenset(self.bags["place_after"]),
            to_org=frozenset(self.bags["to_org"]),
            place_words=frozenset(self.bags["place_words"]),
            no_actor_after=frozenset(self.bags["no_actor_after"]),
            no_actor_nouns=frozenset(self.bags["no_actor_noun"]),
            no_actor_determiners=frozenset(self.bags["no_actor_determiners"]),
            no_actor_unless=frozenset(self.bags["no_actor_unless"]),
            former=frozenset(self.bags["former"]),
            person_after=frozenset(self.bags["person_after"]),
            headline_verb_endings=frozenset(self.bags["headline_verb_endings"]),
        )


_FOLDED_BAGS = (
    "language place_before place_after place_words person_after no_actor_after no_actor_noun".split()
)
_VALUE_BAGS = {"no_actor_after": "no_actor_unless", "no_actor_noun": "no_actor_determiners"}


def _read_rules(data: Path) -> tuple[dict[str, LangRules], frozenset[str], tuple[Cue, ...]]:
    """titles.tsv and context.tsv: one LangRules per language, the person-like names and the cues."""
    parts: dict[str, _RulesBuilder] = defaultdict(_RulesBuilder)
    for row in _rows(data, "titles.tsv"):
        part, phrases, place = parts[row["lang"]], _split(row["phrases"]), row["place"]
        if place == "title":
            part.titles.update({KnowledgeBase.key(p): row["role"] for p in phrases})
        elif place == "complement":
            part.complements.update({KnowledgeBase.key(p): row["role"] for p in phrases})
        elif place == "order":
            part.order = phrases[0]
        else:
            part.bags[place].update(KnowledgeBase.key(p) for p in phrases)
    person_like: set[str] = set()
    cues: list[Cue] = []
    for row in _rows(data, "context.tsv"):
        values = _split(row["name"])
        if row["rule"] == "person_like":
            person_like.update(fold(v) for v in values)
        elif row["rule"] in ("cue", "needs"):
            names = frozenset(fold(v) for v in values)
            pattern = re.compile(row["value"])
            cues.append(Cue(names, pattern, row["note"], row["lang"], row["rule"] == "needs"))
        elif row["rule"] in _FOLDED_BAGS:
            parts[row["lang"]].bags[row["rule"]].update(KnowledgeBase.key(v) for v in values)
            extra = _VALUE_BAGS.get(row["rule"])  # "no_actor_after": the words that cancel it, ...
            if extra:
                parts[row["lang"]].bags[extra].update(fold(v) for v in _split(row["value"]))
        else:  # function_words, honorifics: compared as written
            parts[row["lang"]].bags[row["rule"]].update(values)
    return {lang: part.build() for lang, part in parts.items()}, frozenset(person_like), tuple(cues)
