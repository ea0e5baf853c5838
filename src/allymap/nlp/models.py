"""spaCy models loaded once per process, sentence splitting on newlines, parses mapped to document offsets."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from allymap.errors import AllymapError
from allymap.nlp.casing import recase_headline
from allymap.nlp.coordination import headline_names

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


class ModelMissing(AllymapError):
    """A spaCy model named by the language data is not installed."""

    code = "model-missing"


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document: `text == document_text[start:end]`."""

    index: int
    start: int
    end: int
    text: str
    line: int  # index of the line it sits on


@dataclass(frozen=True)
class Parsed:
    """A parsed sentence: token offsets in `doc` plus `sentence.start` are document offsets."""

    sentence: Sentence
    doc: Doc

    def offset(self, char: int) -> int:
        return self.sentence.start + char


@lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """Load a spaCy pipeline by package name, once per process."""
    import spacy

    try:
        return spacy.load(name)
    except OSError:
        raise ModelMissing(f"spaCy model {name!r} is not installed (pip install it)") from None


_SPLIT = re.compile(r"(?<=[.!?…])(\s?[»”\"])?\s+(?=[«“\"(\[]?[A-ZÀ-ÖØ-Þ0-9])")


def split_sentences(text: str, abbreviations: Iterable[str] = ()) -> list[Sentence]:
    """Split on newlines first (a sentence never runs across lines), then at sentence punctuation
    followed by a capital; an abbreviation or a single initial before the period does not end one."""
    abbrev = {a.lower() for a in abbreviations}
    sentences: list[Sentence] = []
    pos = 0
    for line_no, line in enumerate(text.split("\n")):
        line_start = pos
        pos += len(line) + 1
        cut = 0
        for match in _SPLIT.finditer(line):
            before = line[cut : match.start()].rstrip('»”"')
            last = before.rsplit(None, 1)[-1] if before.split() else ""
            word = last.rstrip(".").lstrip('(«“"')
            if word.lower() in abbrev or (len(word) == 1 and word.isalpha() and word.isupper()):
                continue
            end = match.end(1) if match.group(1) else match.start()
            _add(sentences, text, line_start + cut, line_start + end, line_no)
            cut = match.end()
        _add(sentences, text, line_start + cut, line_start + len(line), line_no)
    return sentences


def _add(out: list[Sentence], text: str, start: int, end: int, line: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(len(out), start, end, text[start:end], line))


def normalise_for_parse(
    text: str, replace: dict[str, str], scare_quotes: Sequence[Sequence[str]] = (), max_words: int = 3
) -> str:
    """Same-length substitutions that help the parser: characters (brackets, ellipses, apostrophes)
    and the quote marks around a few words ("ne veut pas « envahir » l'Ukraine"). Offsets in the
    result are offsets in the input."""
    table = {ord(k): v for k, v in replace.items() if len(k) == 1 and len(v) == 1}
    out = text.translate(table) if table else text
    for pair in scare_quotes:
        opening, closing = re.escape(pair[0]), re.escape(pair[1])
        word = rf"[^\s{closing}]+"
        pattern = re.compile(rf"{opening}(\s?{word}(?:\s{word}){{0,{max_words - 1}}}\s?){closing}")
        out = pattern.sub(lambda m: " " + m.group(1) + " ", out)
    return out


def parse_sentences(
    sentences: Sequence[Sentence],
    model: str,
    replace: dict[str, str] | None = None,
    batch_size: int = 64,
    scare_quotes: Sequence[Sequence[str]] = (),
    names: Sequence[Sequence[tuple[int, int]]] | None = None,
    actors: Sequence[Sequence[tuple[int, int, str]]] | None = None,
) -> list[Parsed]:
    """Parse the given sentences with one `nlp.pipe` call; the result keeps their order. With `names`
    (each sentence's name spans, offsets in the sentence), a headline is parsed in running-text case;
    with `actors` (each sentence's actor names: spans and codes), "A, B verb" reads "A & B verb" and
    "A B noun" "A-B noun" (nlp/coordination.py)."""
    if not sentences:
        return []
    nlp = load_model(model)
    texts = [normalise_for_parse(s.text, replace or {}, scare_quotes) for s in sentences]
    if names is not None:
        texts = [recase_headline(t, spans) for t, spans in zip(texts, names, strict=True)]
    if actors is not None:
        texts = [headline_names(t, spans) for t, spans in zip(texts, actors, strict=True)]
    # the engine reads parses, tags and lemmas; actors come from the gazetteer, so NER is not run
    off = [p for p in ("ner",) if p in nlp.pipe_names]
    lemmatize = fast_lemmatizer(model)
    if lemmatize is not None:
        off.append("lemmatizer")
    docs = nlp.pipe(texts, batch_size=batch_size, disable=off)
    if lemmatize is not None:
        docs = (lemmatize(doc) for doc in docs)
    return [Parsed(sentence, doc) for sentence, doc in zip(sentences, docs, strict=True)]


@lru_cache(maxsize=4)
def fast_lemmatizer(model: str) -> Callable[[Doc], Doc] | None:
    """The model's rule lemmatizer with the same tables and rules, but its word index held in sets:
    spaCy keeps each part of speech's known lemmas in a list (66,000 French nouns) and scans it for
    every word form it has not seen, which costs a quarter of a French parse. Same lemmas, a fraction
    of the time. None when the model has no rule lemmatizer last among the pipes the parse runs."""
    from spacy.lookups import Lookups
    from spacy.pipeline import Lemmatizer

    nlp = load_model(model)
    names = [p for p in nlp.pipe_names if p != "ner"]
    if not names or names[-1] != "lemmatizer":
        return None
    original = nlp.get_pipe("lemmatizer")
    if not isinstance(original, Lemmatizer) or original.mode != "rule":
        return None
    lookups = Lookups()
    for name in original.lookups.tables:
        table = original.lookups.get_table(name)
        if name == "lemma_index":
            index = lookups.add_table(name)
            for key, words in table.items():
                index[key] = frozenset(words)
        else:
            lookups.set_table(name, table)
    fast = type(original)(nlp.vocab, original.model, original.name, mode="rule", overwrite=original.overwrite)
    fast.lookups = lookups
    return fast
