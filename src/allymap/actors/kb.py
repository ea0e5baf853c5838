"""The actor knowledge base: states, names per language, organisations and members, office-holders by date."""

from __future__ import annotations

import csv
import functools
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

from allymap.actors.normalize import parse_date, strip_marks

DATA = Path(str(resources.files("allymap.actors") / "data"))
FR_ENDINGS = (
    ("ien", ("ienne", "iens", "iennes")),
    ("en", ("enne", "ens", "ennes")),
    ("ais", ("aise", "aises")),
    ("ois", ("oise", "oises")),
    ("e", ("es",)),
)


@dataclass(frozen=True)
class Entry:
    """One name of one actor: a state, capital, seat, organ, party, organisation, demonym or person."""

    name: str
    code: str
    kind: str
    lang: str  # ISO 639-1, or * for any language
    role: str | None = None
    person: str | None = None  # canonical name of a person
    title: str | None = None
    start: date | None = None
    end: date | None = None

    def valid_on(self, on: date | None) -> bool:
        if on is None:
            return self.end is None  # undated text: only current office-holders
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


def _rows(filename: str) -> Iterator[dict[str, str]]:
    with (DATA / filename).open(encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t")


def inflect_fr(base: str) -> list[str]:
    """Every gender and number of a French demonym given as its masculine singular (or listed with |)."""
    if "|" in base:
        return base.split("|")
    for ending, forms in FR_ENDINGS:
        if base.endswith(ending):
            if ending == "e":
                return [base, base + "s"]
            return [base] + [base[: -len(ending)] + f for f in forms]
    return [base, base + "e", base + "s", base + "es"]


class KnowledgeBase:
    """Names of actors in many languages, resolved as of a date. Build it with `KnowledgeBase.load()`."""

    def __init__(
        self,
        entries: list[Entry],
        members: dict[str, list[tuple[str, date | None, date | None]]],
        names: dict[str, str],
        exclusions: dict[str, list[str]],
    ) -> None:
        self.entries = entries
        self._members = members
        self._names = names
        self.exclusions = exclusions
        self._by_key: dict[str, list[Entry]] = defaultdict(list)
        for entry in entries:
            self._by_key[self.key(entry.name)].append(entry)

    @staticmethod
    def key(name: str) -> str:
        return " ".join(strip_marks(name).casefold().split())

    @classmethod
    @functools.cache
    def load(cls) -> KnowledgeBase:
        """The shipped knowledge base, read once per process."""
        entries: list[Entry] = []
        names: dict[str, str] = {}
        for row in _rows("states.tsv"):
            names[row["code"]] = row["name_en"]
            names[f"fr:{row['code']}"] = row["name_fr"]
        for row in _rows("cldr_names.tsv"):
            entries.append(Entry(row["name"], row["code"], "state", row["lang"]))
        for row in _rows("curated_names.tsv"):
            for name in row["names"].split("|"):
                entries.append(Entry(name, row["code"], row["kind"], row["lang"], row["role"] or None))
                if row["kind"] == "org" and row["code"] not in names:
                    names[row["code"]] = row["code"]
        for row in _rows("capitals.tsv"):
            for lang in ("en", "fr"):
                for name in row[lang].split("|"):
                    entries.append(Entry(name, row["code"], "capital", lang, "GOV"))
        for row in _rows("demonyms.tsv"):
            for form in inflect_fr(row["fr"]):
                entries.append(Entry(form, row["code"], "demonym", "fr"))
            for form in row["en"].split("|"):
                entries.append(Entry(form, row["code"], "demonym", "en"))
        for row in _rows("officeholders.tsv"):
            variants = row["names"].split("|")
            for name in variants:
                entries.append(
                    Entry(
                        name,
                        row["code"],
                        "person",
                        "*",
                        row["role"],
                        variants[0],
                        row["title"],
                        parse_date(row["start"]),
                        parse_date(row["end"]),
                    )
                )
        members: dict[str, list[tuple[str, date | None, date | None]]] = defaultdict(list)
        for row in _rows("memberships.tsv"):
            members[row["org"]].append((row["member"], parse_date(row["start"]), parse_date(row["end"])))
        exclusions: dict[str, list[str]] = defaultdict(list)
        for row in _rows("exclusions.tsv"):
            exclusions[row["lang"]].extend(p for p in row["phrase"].split("|") if p)
        return cls(entries, dict(members), names, dict(exclusions))

    def entries_for(self, lang: str | None) -> list[Entry]:
        """The entries a text in `lang` may mention: its own names plus language-neutral ones
        (and English names, which news in any language quotes)."""
        wanted = {"*", lang or "en"}
        return [e for e in self.entries if e.lang in wanted]

    def lookup(self, name: str, on: date | str | None = None, lang: str | None = None) -> list[Resolution]:
        """Every actor `name` stands for on `on` (all of them: more than one means ambiguous)."""
        when = parse_date(on) if isinstance(on, str) else on
        found: dict[tuple[str, str | None, str | None], Resolution] = {}
        for entry in self._by_key.get(self.key(name), []):
            if lang and entry.lang not in ("*", lang) and entry.kind != "state":
                continue
            if entry.kind == "person" and not entry.valid_on(when):
                continue
            res = Resolution(
                entry.code,
                entry.kind,
                entry.role,
                entry.person,
                self.name(entry.code, "en"),
                entry.start,
                entry.end,
                entry.title,
            )
            found.setdefault((res.code, res.person, res.role), res)
        return list(found.values())

    def members(self, org_code: str, on: date | str | None = None) -> set[str]:
        """Member states of an organisation on a date (today's members when undated)."""
        when = parse_date(on) if isinstance(on, str) else on
        out = set()
        for code, start, end in self._members.get(org_code, []):
            if when is None:
                if end is None:
                    out.add(code)
            elif (start is None or start <= when) and (end is None or when < end):
                out.add(code)
        return out

    def organisations(self) -> list[str]:
        return sorted({e.code for e in self.entries if e.kind == "org"})

    def name(self, code: str, lang: str = "fr") -> str:
        """The display name of an actor code in a language (falls back to English, then the code)."""
        return self._names.get(f"{lang}:{code}") or self._names.get(code) or code
