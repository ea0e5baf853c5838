"""Mention finding: one Aho-Corasick automaton per language over case-, accent- and punctuation-folded text
(whole words, leftmost-longest, exclusions, exact case for acronyms, hyphenated compounds), compiled once per
process, and `find_mentions` with its optional spaCy coverage pass (ner=True)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import ahocorasick

from allymap.actors.dated import DatedSpan, redate
from allymap.actors.kb import HYPHENS, Entry, KnowledgeBase, fold, parse_date
from allymap.records import Mention

# spaCy's entity labels that `ner=True` reports as unresolved mentions (fr: PER, en: PERSON, GPE, NORP).
NER_LABELS = frozenset({"PER", "PERSON", "ORG", "LOC", "GPE", "NORP"})
_WIDE = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "THAI", "LAO", "KHMER", "MYANMAR", "TIBETAN")


def _norm_char(ch: str) -> str:
    folded = fold(ch)
    return folded if folded.isalnum() else " "


# Letters folded, everything that is not a letter or a digit a space: a name is found as " name " in
# " text ", so the automaton itself keeps to word boundaries ("Iran" not in "Irani", "US" not in "bus").
_NORM = {i: _norm_char(chr(i)) for i in range(0x3000)}


def normalise(text: str) -> str:
    """`fold`, and every character that is not a letter or a digit turned into a space (same length)."""
    return text.translate(_NORM)


def _unspaced(name: str) -> bool:
    """Is the name written in a script without spaces between words (Chinese, Japanese, Thai...)?"""
    return any(unicodedata.name(c, "").startswith(_WIDE) for c in name if c.isalpha())


@dataclass(frozen=True)
class Cand:
    """A name found in the text before resolution: its span and the entries it may stand for."""

    start: int
    end: int
    entries: tuple[Entry, ...]
    excluded: bool = False

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(e.kind for e in self.entries)


@dataclass(frozen=True)
class _Key:
    length: int
    entries: tuple[Entry, ...]
    exclusions: tuple[str, ...]  # the excluded phrases as written, if the key is an exclusion
    spaced: bool  # matched as " key " (whole words); False for scripts written without spaces


class Gazetteer:
    """The names of one language compiled into one automaton; `find(text)` gives resolved Mentions."""

    def __init__(self, kb: KnowledgeBase, lang: str | None) -> None:
        from allymap.actors.context import Resolver

        self.kb = kb
        self.lang = lang
        self.resolver = Resolver(kb, lang)
        groups: dict[str, list[Entry]] = {}
        for entry in kb.entries_for(lang):
            name = entry.name[:-1] if entry.kind == "prefix" else entry.name
            key = normalise(name).strip()
            if len(key.replace(" ", "")) < 2 and not _unspaced(key):
                continue
            groups.setdefault(key, []).append(entry)
        excluded: dict[str, list[str]] = {}
        for group in ("*", lang or "en"):
            for phrase in kb.exclusions.get(group, []):
                excluded.setdefault(normalise(phrase).strip(), []).append(phrase)
        automaton = ahocorasick.Automaton()
        for key in set(groups) | set(excluded):
            spaced = not _unspaced(key)
            value = _Key(len(key), tuple(groups.get(key, ())), tuple(excluded.get(key, ())), spaced)
            automaton.add_word(f" {key} " if spaced else key, value)
        automaton.make_automaton()
        self.automaton = automaton

    def find(
        self, text: str, doc: str = "", on: date | None = None, dates: Sequence[DatedSpan] = ()
    ) -> list[Mention]:
        """Every actor mention of `text`, resolved as of `on`, in text order; a person out of office then
        but in office on the date of the `dates` span naming them resolves as of that date (actors/dated.py);
        bare titles ("le chef de l'État") stand for the office-holder named just before (actors/coref.py)."""
        from allymap.actors.coref import resolve_bare_titles

        cands = self.candidates(text)
        mentions = redate(self.resolver, text, cands, self.resolver.resolve(text, cands, doc, on), dates, doc)
        return resolve_bare_titles(text, mentions, doc, self.lang, self.kb.rules_for(self.lang).fillers)

    def candidates(self, text: str) -> list[Cand]:
        """Names found in `text`: whole words, leftmost-longest, exclusions applied, case checked."""
        norm = " " + normalise(text) + " "
        found: list[Cand] = []
        for end_index, key in self.automaton.iter(norm):
            # `norm` has one leading space; a spaced key ends on the space after the name
            end = end_index - 1 if key.spaced else end_index
            start = end - key.length
            surface = text[start:end]
            if any(_case_ok(phrase, surface) for phrase in key.exclusions):
                found.append(Cand(start, end, (), True))
                continue
            kept = tuple(e for e in key.entries if _case_ok(e.name, surface, e.kind))
            if kept:
                after = text[end : end + 1]
                if after and after in ".+" and any(e.name.endswith(after) for e in kept):
                    end += 1  # "U.S." and "BRICS+" keep their last sign
                found.append(Cand(start, end, kept))
        found.sort(key=lambda c: (c.start, -c.end))
        chosen: list[Cand] = []
        last_end = -1
        for cand in found:
            if cand.start >= last_end:
                chosen.append(cand)
                last_end = cand.end
        return self._compounds(text, [c for c in chosen if not c.excluded])

    def _compounds(self, text: str, cands: list[Cand]) -> list[Cand]:
        """Hyphenated compounds: "sino-russe" is CHN + RUS, "Iran-Irak" IRN + IRQ, but "sud-américain",
        "pro-russe" and "Indo-Pacifique" name no state; shouted lines drop short acronyms ("UN HOMME")."""
        out: list[Cand] = []
        shouting: dict[int, bool] = {}
        for i, cand in enumerate(cands):
            nxt = cands[i + 1] if i + 1 < len(cands) else None
            joined = cand.end < len(text) and _is_hyphen(text[cand.end])
            if "prefix" in cand.kinds:
                follows = nxt is not None and joined and nxt.start == cand.end + 1
                if follows and nxt is not None and nxt.kinds & {"demonym", "prefix"}:
                    out.append(
                        Cand(cand.start, cand.end, tuple(e for e in cand.entries if e.kind == "prefix"))
                    )
                    continue
                rest = tuple(e for e in cand.entries if e.kind != "prefix")
                if not rest:
                    continue
                cand = Cand(cand.start, cand.end, rest)
            if cand.start > 1 and _is_hyphen(text[cand.start - 1]) and text[cand.start - 2].isalnum():
                if not out or out[-1].end != cand.start - 1:
                    continue
            if cand.end - cand.start <= 3 and _shouted(text, cand.start, shouting):
                continue
            out.append(cand)
        return out


def _is_hyphen(ch: str) -> bool:
    return ch == "-" or ch in HYPHENS


def _shouted(text: str, at: int, cache: dict[int, bool]) -> bool:
    """Is the line around `at` written in capitals (a headline), where "US" and "UN" may be words?"""
    line_start = text.rfind("\n", 0, at) + 1
    if line_start not in cache:
        line_end = text.find("\n", at)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        letters = [c for c in line if c.isalpha()]
        cache[line_start] = len(line.split()) >= 3 and sum(c.isupper() for c in letters) >= 0.7 * len(letters)
    return cache[line_start]


def _case_ok(name: str, surface: str, kind: str = "") -> bool:
    """Acronyms (capitals, up to 6 letters) and names of up to 3 letters need their exact case ("US" is not
    "us", "Xi" is not "XI"); elsewhere every capitalised word of the name must be capitalised in the text
    ("La Réunion" is not "la réunion"). Demonyms match in any case."""
    if kind == "demonym":
        return True
    letters = [c for c in name if c.isalnum()]
    if len(letters) <= 3 or (all(c.isupper() or c.isdigit() for c in letters) and len(letters) <= 6):
        return [c for c in surface if c.isalnum()] == letters
    if len(name) != len(surface):
        return True
    for i, ch in enumerate(name):
        if ch.isupper() and (i == 0 or not name[i - 1].isalnum()) and not surface[i].isupper():
            return False
    return True


class _Compiled:
    """Per-process cache of compiled gazetteers, keyed by knowledge base and language."""

    def __init__(self) -> None:
        self._by_key: dict[tuple[int, str | None], tuple[KnowledgeBase, Gazetteer]] = {}

    def get(self, kb: KnowledgeBase, lang: str | None) -> Gazetteer:
        key = (id(kb), lang)
        held = self._by_key.get(key)
        if held is None or held[0] is not kb:
            held = (kb, Gazetteer(kb, lang))
            self._by_key[key] = held
        return held[1]


_COMPILED = _Compiled()


def gazetteer(lang: str | None = "fr", kb: KnowledgeBase | None = None) -> Gazetteer:
    """The compiled gazetteer of a language (built once per process and knowledge base)."""
    return _COMPILED.get(kb or KnowledgeBase.load(), lang)


def find_mentions(
    text: str,
    doc: str = "",
    lang: str | None = "fr",
    on: date | str | None = None,
    kb: KnowledgeBase | None = None,
    ner: bool = False,
    dates: Sequence[DatedSpan] = (),
) -> list[Mention]:
    """Every actor mention in `text` (states, capitals and seats of power, organs, parties, organisations,
    demonyms, office-holders, titles), resolved as of `on` and sorted by offset. Ambiguous and unknown
    names stay unresolved (code None) with candidates and a note. `dates`: (start, end, date) spans of text
    about events of that date ("In 2010, ..."): a person there with no actor on `on` is resolved again as
    of that date. With `ner`, the PERSON/ORG/LOC entities of spaCy's model for `lang` that overlap no
    gazetteer mention are added as unresolved `ner` mentions."""
    mentions = gazetteer(lang, kb).find(text, doc, parse_date(on), dates)
    if ner:
        mentions = sorted(mentions + unknown_entities(text, doc, lang, mentions), key=lambda m: m.start)
    return mentions


def unknown_entities(text: str, doc: str, lang: str | None, known: list[Mention]) -> list[Mention]:
    """spaCy PERSON/ORG/LOC entities that overlap no known mention, as unresolved `ner` mentions (one
    line at a time; nothing when the language has no model installed)."""
    from allymap.nlp.models import ModelMissing, load_model

    model = ner_model(lang or "fr")
    if model is None:
        return []
    try:
        nlp = load_model(model)
    except ModelMissing:
        return []
    covered = sorted((m.start, m.end) for m in known)
    out: list[Mention] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            for ent in nlp(line).ents:
                if ent.label_ not in NER_LABELS:
                    continue
                s, e = offset + ent.start_char, offset + ent.end_char
                if any(s < ke and ks < e for ks, ke in covered):
                    continue
                out.append(Mention(doc, s, e, ent.text, None, "ner", note=f"unknown {ent.label_}"))
        offset += len(line) + 1
    return out


def ner_model(lang: str) -> str | None:
    """The spaCy model the language data names (`lang/<iso>/cues.json`), or None for a language without."""
    import json
    from importlib import resources

    try:
        cues = resources.files("allymap.lang") / lang / "cues.json"
        model = json.loads(cues.read_text(encoding="utf-8")).get("model")
    except (FileNotFoundError, ModuleNotFoundError, NotADirectoryError, ValueError):
        return None
    return model if isinstance(model, str) else None
