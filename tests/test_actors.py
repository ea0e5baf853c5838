"""Actors: the seeds' mentions (golden), the knowledge base's tables, dated resolution, memberships, CLI."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from allymap.actors import KnowledgeBase, find_mentions, inflect_fr
from allymap.actors.kb import _rows

GOLDEN = Path(__file__).parent / "golden" / "actors_seeds.tsv"
BOILERPLATE = Path(__file__).parent / "golden" / "actors_seeds_boilerplate.json"
DATA = Path(__file__).resolve().parents[1] / "src" / "allymap" / "actors" / "data"
ORGS_OF_EVENTS_MD = (
    "NATO EU UN BRICS SCO CSTO ASEAN AU G7 G20 OPEC IAEA WHO ICC EAEU GCC ARAB_LEAGUE OSCE WTO IMF".split()
)


def codes(text: str, on: str | None = "2024-06-24", lang: str = "fr") -> list[tuple[str, str | None]]:
    return [(m.text, m.code) for m in find_mentions(text, "t", lang, on)]


def seed_texts(seeds_dir: Path) -> dict[str, tuple[str, str, str]]:
    """doc -> (body with boilerplate lines blanked, boilerplate lines alone, publication date)."""
    passages = json.loads(BOILERPLATE.read_text(encoding="utf-8"))
    meta = json.loads((seeds_dir / "meta.json").read_text(encoding="utf-8"))
    out = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        is_boiler = [any(p in line for p in passages[path.stem]) for line in lines]
        body = "\n".join(" " * len(ln) if b else ln for ln, b in zip(lines, is_boiler, strict=True))
        boiler = "\n".join(ln if b else " " * len(ln) for ln, b in zip(lines, is_boiler, strict=True))
        out[path.stem] = (body, boiler, meta[path.stem]["published"])
    return out


# -- the seeds -------------------------------------------------------------------------------------------
def test_seed_mentions_match_the_golden_file(seeds_dir: Path) -> None:
    with GOLDEN.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t"))
    expected = [
        (r["doc"], int(r["start"]), int(r["end"]), r["text"], r["code"], r["kind"], r["role"]) for r in rows
    ]
    found = []
    for doc, (body, _, published) in seed_texts(seeds_dir).items():
        for m in find_mentions(body, doc, "fr", published):
            assert body[m.start : m.end] == m.text
            found.append((doc, m.start, m.end, m.text, m.code or "", m.kind, m.role or ""))
    assert found == expected
    # every one resolves but one: "Sue Mi Terry, ancienne responsable de la Maison Blanche" is a former
    # official, who speaks for no state
    assert len(expected) >= 60 and [r[3] for r in expected if not r[4]] == ["Maison Blanche"]
    assert {"Vladimir Poutine", "Kim Jong Un", "Jens Stoltenberg", "Antony Blinken", "John Kirby", "Xi"} <= {
        r[3] for r in expected
    }


def test_boilerplate_lines_alone_resolve_nothing(seeds_dir: Path) -> None:
    for doc, (_, boiler, published) in seed_texts(seeds_dir).items():
        assert [m for m in find_mentions(boiler, doc, "fr", published) if m.code] == []


@pytest.mark.shared
def test_boilerplate_passages_are_those_of_the_gold(shared: Path) -> None:
    gold = json.loads((shared / "gold" / "seeds-meta.json").read_text(encoding="utf-8"))
    ours = json.loads(BOILERPLATE.read_text(encoding="utf-8"))
    assert ours == {doc: m["boilerplate"] for doc, m in gold.items()}


# -- dated resolution ------------------------------------------------------------------------------------
def test_office_holders_resolve_by_date() -> None:
    assert codes("Stoltenberg a parlé", on="2024-09-30") == [("Stoltenberg", "NATO")]
    after = find_mentions("Stoltenberg a parlé", "t", "fr", "2024-10-02")[0]
    assert after.code is None and "NATO" in after.candidates and after.note
    assert codes("Stoltenberg a parlé", on="2010-01-01") == [("Stoltenberg", "NOR")]
    assert codes("Rutte a parlé", on="2024-10-02") == [("Rutte", "NATO")]
    assert codes("Rutte a parlé", on="2020-01-01") == [("Rutte", "NLD")]
    assert codes("Biden a parlé", on="2024-03-01") == [("Biden", "USA")]
    assert codes("Biden a parlé", on="2014-03-01") == [("Biden", "USA")]  # vice-president
    assert codes("Trump a parlé", on="2018-05-01") == [("Trump", "USA")]
    assert codes("Trump a parlé", on="2025-05-01") == [("Trump", "USA")]
    unresolved = find_mentions("Trump a parlé", "t", "fr", "2022-05-01")[0]
    assert unresolved.code is None and unresolved.candidates == ("USA",) and unresolved.note
    assert codes("John Kirby", on="2022-11-03") == [("John Kirby", "USA")]
    assert codes("Kim et Xi Jinping", on="2022-11-03") == [("Kim", "PRK"), ("Xi Jinping", "CHN")]
    assert codes("Poutine", on="2010-06-01") == [("Poutine", "RUS")]  # prime minister then
    assert codes("Putin met Blinken", on="2023-01-01", lang="en") == [("Putin", "RUS"), ("Blinken", "USA")]


def test_undated_text_sees_todays_office_holders() -> None:
    assert codes("Macron et Lavrov", on=None) == [("Macron", "FRA"), ("Lavrov", "RUS")]
    assert find_mentions("Biden", "t", "en", None)[0].code is None


def test_person_fields() -> None:
    m = find_mentions("Sergueï Lavrov", "t", "fr", "2024-01-01")[0]
    assert (m.code, m.kind, m.role, m.person, m.title) == (
        "RUS",
        "person",
        "DIP",
        "Sergueï Lavrov",
        "foreign minister",
    )


def test_lookup() -> None:
    kb = KnowledgeBase.load()
    assert KnowledgeBase.load() is kb  # cached per process
    assert {r.code for r in kb.lookup("Corée du Nord")} == {"PRK"}
    assert {r.code for r in kb.lookup("Nordkorea")} == {"PRK"}  # German, from CLDR
    assert {r.code for r in kb.lookup("Coreia do Norte")} == {"PRK"}  # Portuguese
    assert {r.code for r in kb.lookup("Stoltenberg", on="2020-01-01")} == {"NATO"}
    assert {r.code for r in kb.lookup("Stoltenberg", on=date(2007, 1, 1))} == {"NOR"}
    assert {r.code for r in kb.lookup("Corée")} == {"PRK", "KOR"}  # ambiguous: both reported
    res = kb.lookup("Rutte", on="2025-01-01")[0]
    assert (res.code, res.kind, res.role, res.person, res.name) == (
        "NATO",
        "person",
        "GOV",
        "Mark Rutte",
        "NATO",
    )
    assert res.start == date(2024, 10, 1) and res.end is None
    assert kb.lookup("Nobody Atall") == []
    assert {r.code for r in kb.lookup("PCC")} == {"CHN"}
    assert {r.code for r in kb.lookup("Parti du travail de Corée")} == {"PRK"}


def test_names() -> None:
    kb = KnowledgeBase.load()
    assert kb.name("PRK", "fr") == "Corée du Nord" and kb.name("PRK", "en") == "North Korea"
    assert kb.name("NATO", "fr") == "OTAN" and kb.name("NATO", "en") == "NATO"
    assert kb.name("XKX", "fr") == "Kosovo" and kb.name("ZZZ") == "ZZZ"


# -- memberships -----------------------------------------------------------------------------------------
def test_memberships_by_date() -> None:
    kb = KnowledgeBase.load()
    assert "IRN" in kb.members("BRICS", "2024-06-24") and "IRN" not in kb.members("BRICS", "2023-06-01")
    assert "IDN" in kb.members("BRICS", "2025-01-06") and "IDN" not in kb.members("BRICS", "2025-01-05")
    assert "ZAF" in kb.members("BRICS", "2011-06-01") and "ZAF" not in kb.members("BRICS", "2010-06-01")
    assert "SWE" in kb.members("NATO", "2024-03-07") and "SWE" not in kb.members("NATO", "2024-03-06")
    assert "FIN" in kb.members("NATO", "2023-04-04") and "FIN" not in kb.members("NATO", "2023-04-03")
    assert "GBR" in kb.members("EU", "2020-01-30") and "GBR" not in kb.members("EU", "2020-02-01")
    assert "RUS" in kb.members("G8", "2010-01-01") and kb.members("G8") == set()
    assert "UZB" in kb.members("CSTO", "2010-01-01") and "UZB" not in kb.members("CSTO")
    assert "SYR" not in kb.members("ARAB_LEAGUE", "2015-01-01") and "SYR" in kb.members("ARAB_LEAGUE")
    assert len(kb.members("NATO")) == 32 and len(kb.members("EU")) == 27 and len(kb.members("AU")) == 55
    assert kb.members("G7") == {"CAN", "FRA", "DEU", "ITA", "JPN", "GBR", "USA"}
    assert {"BLR", "IRN", "IND"} <= kb.members("SCO") and "TLS" in kb.members("ASEAN")
    assert kb.members("E3", "2024-01-01") == {"FRA", "DEU", "GBR"} and kb.members("E3", "2002-01-01") == set()
    assert kb.members("WEST") == set()  # a bloc without a member list


# -- the tables themselves -------------------------------------------------------------------------------
def test_tables_are_consistent() -> None:
    states = {r["code"] for r in _rows(DATA, "states.tsv")}
    orgs = {r["code"] for r in _rows(DATA, "organisations.tsv")}
    assert len(states) >= 249 and not states & orgs
    assert set(ORGS_OF_EVENTS_MD) <= orgs
    for table in ("curated_names.tsv", "officeholders.tsv", "capitals.tsv", "demonyms.tsv"):
        for row in _rows(DATA, table):
            assert row["code"] in states | orgs, (table, row)
    for row in _rows(DATA, "memberships.tsv"):
        assert row["org"] in orgs and row["member"] in states, row
    kb = KnowledgeBase.load()
    for entry in kb.entries:
        if entry.start and entry.end:
            assert entry.start < entry.end, entry
    roles = {e.role for e in kb.entries if e.role}
    assert roles <= {"GOV", "MIL", "INTEL", "DIP", "PARTY", "LEG", "JUD", "MEDIA"}


def test_heads_of_government_and_foreign_ministers_cover_2000_to_2026() -> None:
    kb = KnowledgeBase.load()
    people = [e for e in kb.entries if e.kind == "person"]
    g20_p5_conflicts = (
        "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA UKR BLR PRK ISR PSE LBN"
        " SYR IRN IRQ YEM EGY JOR QAT ARE"
    )
    for code in g20_p5_conflicts.split():
        for year in range(2000, 2027):
            if (code, year) == ("IRQ", 2003):  # Coalition Provisional Authority, 2003-04-09 to 2004-06-28
                continue
            on = date(year, 7, 1) if year < 2026 else date(2026, 1, 1)
            assert any(e.code == code and e.role == "GOV" and e.valid_on(on) for e in people), (code, on)
    for code in "CHN FRA DEU GBR RUS USA IRN TUR UKR".split():
        for year in range(2004, 2026):
            on = date(year, 7, 1)
            assert any(e.code == code and e.role in ("DIP", "GOV") and e.valid_on(on) for e in people), (
                code,
                on,
            )
    for org, on in (
        ("NATO", "2010-01-01"),
        ("UN", "2010-01-01"),
        ("NATO", "2025-01-01"),
        ("UN", "2025-01-01"),
    ):
        assert any(
            e.code == org and e.title == "secretary general" and e.valid_on(date.fromisoformat(on))
            for e in people
        )


def test_foreign_and_defence_ministers_cover_2000_to_2025() -> None:
    people = [e for e in KnowledgeBase.load().entries if e.kind == "person"]

    def held(code: str, role: str, year: int) -> bool:
        return any(e.code == code and e.role == role and e.valid_on(date(year, 7, 1)) for e in people)

    # On 1 July of these years the head of government held the foreign ministry himself (Israel 2013 and
    # 2015) or the post was vacant (Mexico 2023).
    own_minister = {("ISR", 2013), ("ISR", 2015), ("MEX", 2023)}
    g20_and_conflicts = (
        "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA UKR ISR IRN PRK SYR LBN"
        " QAT ARE"
    )
    for code in g20_and_conflicts.split():
        missing = [y for y in range(2000, 2026) if (code, y) not in own_minister and not held(code, "DIP", y)]
        assert not missing, (code, missing)
    defence = (
        "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA UKR BLR PRK ISR SYR IRN"
        " EGY ARE"
    )
    for code in defence.split():
        missing = [y for y in range(2000, 2026) if not held(code, "MIL", y)]
        assert not missing, (code, missing)


def test_no_person_name_stands_for_two_actors_on_one_day() -> None:
    """A name in office for two codes at once is reported ambiguous, never guessed: only the listed ones."""
    people = [e for e in KnowledgeBase.load().entries if e.kind == "person"]
    by_name: dict[str, list[Any]] = {}
    for e in people:
        by_name.setdefault(e.name.lower(), []).append(e)
    shared = set()
    for name, entries in by_name.items():
        for a in entries:
            for b in entries:
                if a.code < b.code:
                    start = max(a.start or date.min, b.start or date.min)
                    if start < min(a.end or date.max, b.end or date.max):
                        shared.add((name, a.code, b.code))
    # "King Abdullah" was the king of Jordan and, 2005-2015, of Saudi Arabia.
    assert shared == {("king abdullah", "JOR", "SAU"), ("roi abdallah", "JOR", "SAU")}


def test_french_demonyms_inflect_by_rule() -> None:
    assert inflect_fr("nord-coréen") == ["nord-coréen", "nord-coréenne", "nord-coréens", "nord-coréennes"]
    assert inflect_fr("américain") == ["américain", "américaine", "américains", "américaines"]
    assert inflect_fr("iranien") == ["iranien", "iranienne", "iraniens", "iraniennes"]
    assert inflect_fr("chinois") == ["chinois", "chinoise", "chinoises"]
    assert inflect_fr("russe") == ["russe", "russes"]
    assert inflect_fr("turc|turque|turcs|turques") == ["turc", "turque", "turcs", "turques"]
    bases = [r["fr"] for r in _rows(DATA, "demonyms.tsv") if r["fr"] and "|" not in r["fr"]]
    assert len(bases) >= 80
    kb = KnowledgeBase.load()
    for form in ("russes", "nord-coréennes", "sud-coréenne", "ukrainiens", "chinoise", "iraniennes"):
        assert kb.lookup(form), form
    for form in ("North Korean", "Americans", "Iranian", "Ukrainians"):
        assert kb.lookup(form, lang="en"), form


def test_every_un_member_and_observer_has_french_and_english_demonyms() -> None:
    un_members = {r["code"] for r in _rows(DATA, "capitals.tsv")}
    wanted = un_members | {"VAT", "PSE", "XKX", "TWN"}
    assert len(un_members) >= 193
    rows = list(_rows(DATA, "demonyms.tsv"))
    french = {r["code"] for r in rows if r["fr"]}
    english = {r["code"] for r in rows if r["en"]}
    assert not wanted - french, sorted(wanted - french)
    assert not wanted - english - {"VAT"}, sorted(wanted - english)  # "Vatican" is the name and the adjective
    kb = KnowledgeBase.load()
    for form, code in (
        ("ivoiriennes", "CIV"),
        ("togolaises", "TGO"),
        ("sierra-léonais", "SLE"),
        ("papouanes-néo-guinéennes", "PNG"),
        ("monégasques", "MCO"),
        ("swazies", "SWZ"),
        ("vaticane", "VAT"),
    ):
        assert {r.code for r in kb.lookup(form, lang="fr")} == {code}, form
    for form, code in (("Costa Ricans", "CRI"), ("I-Kiribati", "KIR"), ("Sammarinese", "SMR")):
        assert {r.code for r in kb.lookup(form, lang="en")} == {code}, form
    assert {r.code for r in kb.lookup("Dominican", lang="en")} == {"DMA", "DOM"}


# -- CLI and api -----------------------------------------------------------------------------------------
def test_cli_actor_and_actors(seeds_dir: Path) -> None:
    from typer.testing import CliRunner

    from allymap.cli.main import app

    runner = CliRunner()
    result = runner.invoke(app, ["actor", "Stoltenberg", "--on", "2024-09-30", "--format", "jsonl"])
    assert result.exit_code == 0 and json.loads(result.output)["code"] == "NATO"
    assert runner.invoke(app, ["actor", "Nobody Atall"]).exit_code == 1
    assert "NOR" in runner.invoke(app, ["actor", "Stoltenberg", "--on", "2010-01-01"]).output
    listing = runner.invoke(app, ["actors", str(seeds_dir / "000_95394500cf6a1624.txt"), "--format", "jsonl"])
    assert listing.exit_code == 0
    rows = [json.loads(line) for line in listing.output.splitlines()]
    assert ("Jens Stoltenberg", "NATO") in {(r["text"], r["code"]) for r in rows}
    assert {"text", "start", "end", "code", "kind", "role", "person", "title", "note"} <= set(rows[0])
    piped = runner.invoke(
        app, ["actors", "-", "--on", "2024-06-24", "--format", "csv"], input="Le Kremlin et l'OTAN."
    )
    assert piped.exit_code == 0 and "RUS" in piped.output and "NATO" in piped.output
    table = runner.invoke(app, ["actors", "-", "--lang", "fr"], input="Poutine à Pyongyang.")
    assert table.exit_code == 0 and "PRK" in table.output


def test_api() -> None:
    from allymap import api

    found = api.actors("Le président russe Vladimir Poutine à Pyongyang", on="2024-06-19", lang="fr")
    assert [(m.text, m.code) for m in found] == [
        ("russe", "RUS"),
        ("Vladimir Poutine", "RUS"),
        ("Pyongyang", "PRK"),
    ]
    assert [r.code for r in api.actor("Rutte", on="2024-10-02")] == ["NATO"]
    long_text = "La Russie et la Chine ont signé. " * 300  # too long to be a file name: read as text
    assert len(api.actors(long_text, on="2024-01-01", lang="fr")) == 600


def test_a_longer_group_name_hides_the_army_inside_it() -> None:
    """ "Sudan People's Liberation Army in Opposition" is a South Sudanese armed group, not China's
    People's Liberation Army (curly apostrophe as the news writes it)."""
    text = "Fighters of the Sudan People’s Liberation Army in Opposition crossed the river."
    found = find_mentions(text, lang="en")
    assert [m.code for m in found if m.code] == ["SPLM_IO"]


@pytest.mark.parametrize(
    ("text", "lang", "want"),
    [
        # international organisations and NGOs the news quotes as actors (issue 5): own codes, never ISO
        # codes; UN programmes, funds and offices are organs of the UN
        # non-governmental organisations are not actors (their reports are claims about states)
        ("Human Rights Watch and Amnesty International criticised the new law.", "en", []),
        ("The UN refugee agency and the World Food Programme appealed for funds.", "en", ["UN", "UN"]),
        ("L'Unicef et le Programme alimentaire mondial ont lancé un appel.", "fr", ["UN", "UN"]),
        ("The OPCW and Interpol opened inquiries.", "en", ["OPCW", "INTERPOL"]),
        ("The AU and Ecowas suspended the junta.", "en", ["AU", "ECOWAS"]),
        ("The TPLF and the ONLF rejected the offer.", "en", ["TPLF", "ONLF"]),
        ("The Southeast Asian bloc met in Jakarta.", "en", ["ASEAN", "IDN"]),
        # a national society and the bare movement name are none of them; "amnesty" is a word
        ("The American Red Cross sent volunteers.", "en", []),
        ("Critics called it an illegal amnesty.", "en", []),
        ("Nous allons au marché.", "fr", []),
    ],
)
def test_international_organisations_and_groups(text: str, lang: str, want: list[str]) -> None:
    found = [str(m.code) for m in find_mentions(text, lang=lang, on="2018-01-01") if m.code]
    assert found == want


@pytest.mark.parametrize(
    ("text", "lang", "want"),
    [
        # former states keep their ISO 3166-1 codes of the time; West Germany continues as Germany
        ("The Soviet Union invaded Afghanistan in 1979.", "en", ["SUN", "AFG"]),
        ("Soviet troops left Kabul in 1989.", "en", ["SUN", "AFG"]),
        ("L'URSS et la Yougoslavie ont rompu en 1948.", "fr", ["SUN", "YUG"]),
        ("East Germany and West Germany signed the treaty.", "en", ["DDR", "DEU"]),
        ("Czechoslovakia split into the Czech Republic and Slovakia.", "en", ["CSK", "CZE", "SVK"]),
        ("NATO bombed Serbia and Montenegro.", "en", ["NATO", "SCG"]),
        # the successors' names and capitals stay theirs; "former Soviet", "post-Soviet" are no mentions
        ("Moscow courted former Soviet republics and post-Soviet states.", "en", ["RUS"]),
        ("Les anciennes républiques soviétiques et l'ex-Yougoslavie.", "fr", []),
    ],
)
def test_former_states(text: str, lang: str, want: list[str]) -> None:
    assert [m.code for m in find_mentions(text, lang=lang) if m.code] == want
