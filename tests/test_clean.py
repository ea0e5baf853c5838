"""Cleaning: the seeds' boilerplate goes, their sentences stay; offsets map back; cleaning is idempotent."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from allymap.clean import CleanContext, clean
from allymap.ids import article_id
from allymap.ingest import read_inputs
from allymap.records import Article

# The boilerplate passages listed for the seeds (they come from the shipped seed texts).
BOILERPLATE = {
    "000_95394500cf6a1624": [
        "Nous construisons l’infrastructure de la liberté humaine",
        "Les sources de cet article incluent :",
        "Commentaires",
        "Enregistrer un commentaire",
    ],
    "003_71e05543cb8c0ba9": [
        "Nouvelles Du Monde",
        "PUBLICITÉ",
        "FAITES DÉFILER POUR REPRIMER LE CONTENU",
        "[Gambas:Video CNN]",
        "Stefan Yanev a révélé",
        "Réunion sur le maintien de l’équilibre",
        "Continuez à lire à la page suivante…",
        "LIRE LA PAGE SUIVANTE",
        "Facebook",
        "Twitter",
        "LinkedIn",
        "Pinterest",
        "Leave a Comment",
        "This site uses Akismet",
        "ADVERTISEMENT",
    ],
}


def seed_documents(seeds_dir: Path) -> dict[str, object]:
    return {a.doc: clean(a) for a in read_inputs([seeds_dir]) if isinstance(a, Article)}


def test_seed_boilerplate_removed_and_every_body_sentence_kept(seeds_dir: Path) -> None:
    for doc, document in seed_documents(seeds_dir).items():
        text = document.text  # type: ignore[attr-defined]
        for passage in BOILERPLATE[doc]:
            assert passage not in text, (doc, passage)
        original = document.original  # type: ignore[attr-defined]
        body_lines = [ln.strip() for ln in original.splitlines() if len(ln.split()) >= 8]
        for line in body_lines:
            if any(p in line for p in BOILERPLATE[doc]) or line == document.title:  # type: ignore[attr-defined]
                continue
            for sentence in re.split(r"(?<=[.!?])\s+", line):
                assert sentence in text, (doc, sentence)


def test_seed_dates_titles_language(seeds_dir: Path) -> None:
    docs = seed_documents(seeds_dir)
    first = docs["000_95394500cf6a1624"]
    assert first.published == "2024-06-24"  # type: ignore[attr-defined]
    assert first.lang == "fr"  # type: ignore[attr-defined]
    assert not first.text.startswith(first.title)  # type: ignore[attr-defined]


def test_byline_gives_the_date_when_metadata_lacks_it() -> None:
    text = "Un titre\n24/06/2024 // Cassie B.\nLa Russie a signé un traité avec la Corée du Nord.\n"
    document = clean(Article(article_id(text), "x", text, title="Un titre"))
    assert document.published == "2024-06-24"
    assert document.text == "La Russie a signé un traité avec la Corée du Nord."


def test_lines_repeated_across_an_ingest_are_boilerplate() -> None:
    arts = [
        Article(str(i), str(i), f"Le pays {i} a parlé.\nAbonnez-vous à notre lettre du soir\n", lang="fr")
        for i in range(4)
    ]
    context = CleanContext.from_articles(arts)
    assert all("lettre du soir" not in clean(a, context).text for a in arts)


def test_english_cues_and_promotion() -> None:
    text = (
        "Russia and China agreed to deepen cooperation, officials said on Monday.\nRead also: Five things\n"
        "Explore our platform at Example.io and shop now for free tools.\nADVERTISEMENT\n"
    )
    document = clean(Article(article_id(text), "e", text, lang="en"))
    assert document.text == "Russia and China agreed to deepen cooperation, officials said on Monday."
    assert {r.reason for r in document.removed} == {"related", "promotion", "advert"}


lines = st.lists(
    st.one_of(
        st.sampled_from(["PUBLICITÉ", "Facebook", "Lire aussi  x", "", "  ", "[Embed:x]", "Titre"]),
        st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60),
    ),
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(lines)
def test_clean_is_idempotent_and_offsets_map_back(parts: list[str]) -> None:
    text = "\n".join(parts)
    if not text.strip():
        return
    article = Article(article_id(text), "p", text, title="Titre", lang="fr")
    document = clean(article)
    for seg in document.segments:
        assert (
            document.text[seg.start : seg.start + seg.length]
            == text[seg.orig_start : seg.orig_start + seg.length]
        )
    for offset in range(len(document.text)):
        if document.text[offset : offset + 1] != "\n":
            assert 0 <= document.to_original(offset) <= len(text)
    again = clean(Article(article_id(document.text), "p", document.text, title="Titre", lang="fr"))
    assert again.text == document.text
