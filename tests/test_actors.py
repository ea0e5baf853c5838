"""Actors: the seeds' mentions (golden), dated resolution, titles, false friends, memberships."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from allymap.actors import KnowledgeBase, find_mentions
from allymap.clean import clean
from allymap.ingest import read_inputs
from allymap.records import Article

GOLDEN = Path(__file__).parent / "golden" / "actors_seeds.tsv"


def codes(text: str, on: str | None = "2024-06-24", lang: str = "fr") -> list[tuple[str, str | None]]:
    return [(m.text, m.code) for m in find_mentions(text, "t", lang, on)]


def test_seed_mentions_match_the_golden_file(seeds_dir: Path) -> None:
    with GOLDEN.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t"))
    expected = [(r["doc"], r["text"], r["code"]) for r in rows]
    found = []
    for article in read_inputs([seeds_dir]):
        assert isinstance(article, Article)
        document = clean(article)
        found += [
            (document.doc, m.text, m.code or "")
            for m in find_mentions(document.text, document.doc, "fr", document.published)
        ]
    assert found == expected
    assert len(expected) >= 60


def test_boilerplate_alone_resolves_nothing() -> None:
    boilerplate = (
        "Nouvelles Du Monde\nPUBLICITÉ\nLire aussi  Stefan Yanev a révélé ce qui pourrait se passer\n"
        "Lire aussi  Réunion sur le maintien de l’équilibre et la pérennisation du secteur maraîcher "
        "primeur à Agadir\nFacebook\nTwitter\nLeave a Comment\nCommentaires\nEnregistrer un commentaire"
    )
    assert [c for c in codes(boilerplate) if c[1]] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("l’Iran et l'Ukraine, la Chine et d’Ukraine", ["IRN", "UKR", "CHN", "UKR"]),
        ("aux États-Unis comme aux Etats‑Unis", ["USA", "USA"]),
        ("la Corée du Nord et la Corée du Sud", ["PRK", "KOR"]),
        ("le dirigeant nord-coréen et les responsables américains", ["PRK", "USA"]),
        ("Moscou, le Kremlin, la Maison Blanche et le Pentagone", ["RUS", "RUS", "USA", "USA"]),
        ("le PCC et l’OTAN, puis les BRICS+ et l'ONU", ["CHN", "NATO", "BRICS", "UN"]),
        ("la Turquie, la Türkiye", ["TUR", "TUR"]),
    ],
)
def test_french_forms(text: str, expected: list[str]) -> None:
    assert [c for _, c in codes(text)] == expected


def test_dated_office_holders() -> None:
    assert codes("Stoltenberg a parlé", on="2024-09-30") == [("Stoltenberg", "NATO")]
    assert codes("Stoltenberg a parlé", on="2024-10-02")[0][1] is None
    assert codes("Rutte a parlé", on="2024-10-02") == [("Rutte", "NATO")]
    assert codes("Rutte a parlé", on="2020-01-01") == [("Rutte", "NLD")]
    assert codes("Biden a parlé", on="2024-03-01") == [("Biden", "USA")]
    assert codes("Trump a parlé", on="2018-05-01") == [("Trump", "USA")]
    assert codes("Trump a parlé", on="2025-05-01") == [("Trump", "USA")]
    unresolved = find_mentions("Trump a parlé", "t", "fr", "2022-05-01")[0]
    assert unresolved.code is None and unresolved.candidates == ("USA",) and unresolved.note


def test_titles_give_roles() -> None:
    mentions = find_mentions("le ministre russe de la Défense et le secrétaire d'État américain", "t", "fr")
    assert [(m.code, m.kind, m.role) for m in mentions] == [("RUS", "title", "GOV"), ("USA", "title", "GOV")]
    pentagon = find_mentions("un responsable du Pentagone", "t", "fr")[0]
    assert (pentagon.code, pentagon.role) == ("USA", "MIL")


def test_false_friends() -> None:
    assert [c for c in codes("Let us go: US officials met.", lang="en") if c[1]] == [("US", "USA")]
    assert codes("Air France et la Banque de France recrutent") == []
    assert codes("Jordan Bardella a parlé avec Michael Jordan") == []
    georgia = find_mentions("The governor of Georgia spoke in Atlanta.", "t", "en", "2024-01-01")[0]
    assert georgia.code is None and georgia.note
    assert codes("Georgia and Armenia signed a deal in Tbilisi.", lang="en")[0] == ("Georgia", "GEO")
    assert codes("la Turquie et la dinde") == [("Turquie", "TUR")]


def test_english_forms() -> None:
    found = [
        c for _, c in codes("North Korean troops, the White House and Beijing; NATO and the EU.", lang="en")
    ]
    assert found == ["PRK", "USA", "CHN", "NATO", "EU"]


def test_memberships_by_date() -> None:
    kb = KnowledgeBase.load()
    assert "IRN" in kb.members("BRICS", "2024-06-24") and "IRN" not in kb.members("BRICS", "2023-06-01")
    assert "SWE" in kb.members("NATO", "2024-03-07") and "SWE" not in kb.members("NATO", "2024-03-06")
    assert "GBR" not in kb.members("EU", "2021-01-01") and "GBR" in kb.members("EU", "2019-01-01")
    assert {"USA", "FRA", "TUR"} <= kb.members("NATO", "2024-06-24")


def test_lookup_and_cldr_names_in_other_languages() -> None:
    kb = KnowledgeBase.load()
    assert {r.code for r in kb.lookup("Corée du Nord")} == {"PRK"}
    assert {r.code for r in kb.lookup("Nordkorea")} == {"PRK"}  # German, from CLDR
    assert {r.code for r in kb.lookup("Stoltenberg", on="2020-01-01")} == {"NATO"}
    assert kb.name("PRK", "fr") == "Corée du Nord"
    assert [c for _, c in codes("Россия и КНДР", lang="ru")] == ["RUS", "PRK"]


def test_cli_actor_and_actors(seeds_dir: Path) -> None:
    import json

    from typer.testing import CliRunner

    from allymap.cli.main import app

    runner = CliRunner()
    result = runner.invoke(app, ["actor", "Stoltenberg", "--on", "2024-09-30", "--format", "jsonl"])
    assert result.exit_code == 0 and json.loads(result.output)["code"] == "NATO"
    assert runner.invoke(app, ["actor", "Nobody Atall"]).exit_code == 1
    listing = runner.invoke(app, ["actors", str(seeds_dir / "000_95394500cf6a1624.txt"), "--format", "jsonl"])
    assert listing.exit_code == 0
    rows = [json.loads(line) for line in listing.output.splitlines()]
    assert ("Jens Stoltenberg", "NATO") in {(r["text"], r["code"]) for r in rows}


def test_capitals_of_every_un_state_and_datelines() -> None:
    assert [c for _, c in codes("Des délégués de Nairobi, d'Addis-Abeba et de Katmandou")] == [
        "KEN",
        "ETH",
        "NPL",
    ]
    assert [c for _, c in codes("Officials in Canberra and Ulaanbaatar", lang="en")] == ["AUS", "MNG"]
    assert codes("LONDRES – Tenter de régler le conflit maintenant ne fera rien") == []
    assert codes("Jakarta, CNN Indonésie\nLe texte commence ici.") == []
    assert [c for _, c in codes("Moscou, le Kremlin et Pékin ont répondu.")] == ["RUS", "RUS", "CHN"]
