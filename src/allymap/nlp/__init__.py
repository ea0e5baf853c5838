"""Language models and sentences: spaCy pipelines loaded once per process, offsets into the document."""

from allymap.nlp.models import (
    ModelMissing,
    Parsed,
    Sentence,
    load_model,
    normalise_for_parse,
    parse_sentences,
    split_sentences,
)

__all__ = [
    "ModelMissing",
    "Parsed",
    "Sentence",
    "load_model",
    "normalise_for_parse",
    "parse_sentences",
    "split_sentences",
]
