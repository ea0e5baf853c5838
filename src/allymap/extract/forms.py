"""Which words may carry a trigger before any parse: every lemma the model's lemmatizer could give a
word form, under any part of speech, checked against the trigger lexicon of the language."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from allymap.extract.langdata import LangData, load_lang

_PARTS = re.compile(r"[^\w]+")
_STRIP = '.,;:!?«»“”"()[]…'


class TriggerForms:
    """A lemma-free test that is never stricter than the rule engine: a word passes when one of the
    lemmas the lemmatizer could give it (the form itself, an exception, a suffix rule of any part of
    speech, the lookup table, the language's lemma fallback, a plural "s" dropped) is a trigger lemma,
    or when it starts like one of the language's extra selection cues."""

    def __init__(
        self,
        lemmas: Iterable[str],
        rules: Iterable[tuple[str, str]] = (),
        exceptions: Sequence[Mapping[str, Sequence[str]]] = (),
        lookup: Mapping[str, Any] | None = None,
        fallback: Mapping[str, Any] | None = None,
        extra: Iterable[str] = (),
        cache_size: int = 200_000,
    ) -> None:
        self.lemmas = frozenset(lemmas)
        self.rules: dict[int, dict[str, list[str]]] = {}  # suffix length -> suffix -> replacements
        for old, new in sorted(set(rules)):
            self.rules.setdefault(len(old), {}).setdefault(old, []).append(new)
        self.exceptions = tuple(exceptions)
        self.lookup = lookup or {}
        self.fallback = dict(fallback or {})
        self.extra = tuple(w.lower() for w in extra)
        self.cache_size = cache_size
        self._seen: dict[str, bool] = {}

    def candidates(self, word: str) -> set[str]:
        """Every lemma the lemmatizer could give `word`, lower-cased as the engine reads lemmas."""
        low = word.lower()
        found = {word, low}
        for form in (word, low):
            hit = self.lookup.get(form)
            if hit:
                found.add(hit if isinstance(hit, str) else hit[0])
        for table in self.exceptions:
            found.update(table.get(low, ()))
        for size, by_suffix in self.rules.items():
            if size <= len(low):
                for new in by_suffix.get(low[len(low) - size :], ()):
                    found.add(low[: len(low) - size] + new)
        out: set[str] = set()
        ending = str(self.fallback.get("infinitive", ""))
        for lem in found:
            lem = lem.lower().replace("’", "'")
            out.update((lem, lem.rstrip("s")))
            for end in self.fallback.get("endings", ()):
                if lem.endswith(end):
                    out.add(lem[: -len(end)] + ending)
        return out

    def word(self, word: str) -> bool:
        known = self._seen.get(word)
        if known is None:
            low = word.lower()
            known = (bool(self.extra) and low.startswith(self.extra)) or bool(
                self.candidates(word) & self.lemmas
            )
            if len(self._seen) >= self.cache_size:
                self._seen.clear()  # bounded memory on an endless stream
            self._seen[word] = known
        return known

    def __call__(self, text: str) -> bool:
        """Does any word of the text (or any part of a word split at apostrophes and hyphens, as the
        tokenizer may split it) pass?"""
        for raw in text.replace("’", "'").split():
            word = raw.strip(_STRIP)
            if not word:
                continue
            if self.word(word):
                return True
            parts = _PARTS.split(word)
            if len(parts) > 1 and any(p and self.word(p) for p in parts):
                return True
        return False


def trigger_lemmas(data: LangData) -> set[str]:
    """The lemmas of the trigger lexicon, support verbs included (a multiword lemma by its last word)."""
    lemmas = {lem for lem, _ in data.triggers}
    lemmas |= {row.lemma for rows in data.supported.values() for row in rows}
    return lemmas | {lem.split()[-1] for lem in lemmas if lem.split()}


@lru_cache(maxsize=8)
def trigger_test(lang: str) -> Callable[[str], bool]:
    """The language's pre-parse cue test: trigger forms through the parse model's rule lemmatizer
    tables, or the cheap prefix test (`LangData.has_cue`) when the model has no rule lemmatizer."""
    from spacy.pipeline import Lemmatizer

    from allymap.nlp.models import ModelMissing, load_model

    data = load_lang(lang)
    try:
        nlp = load_model(data.model)
    except ModelMissing:  # the parse will say so if a sentence needs it
        return data.has_cue
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode != "rule":
        return data.has_cue
    lookups = lemmatizer.lookups

    def table(name: str) -> Mapping[Any, Any]:
        return lookups.get_table(name) if name in lookups.tables else {}

    return TriggerForms(
        trigger_lemmas(data),
        rules=[(str(old), str(new)) for rules in table("lemma_rules").values() for old, new in rules],
        exceptions=[dict(v) for v in table("lemma_exc").values()],
        lookup=table("lemma_lookup"),
        fallback=data.cue("lemma_fallback") or None,
        extra=data.cue("selection", "extra_cues") or (),
    )
