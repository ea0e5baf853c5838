"""A tiny test-only mention finder, so the extraction engine is tested apart from the actors stage."""

from __future__ import annotations

import re
from typing import Any

from allymap.records import Mention

_NAMES: dict[str, tuple[str, str]] = {
    # states
    "Russie": ("RUS", "state"),
    "Chine": ("CHN", "state"),
    "Corée du Nord": ("PRK", "state"),
    "Corée du Sud": ("KOR", "state"),
    "États-Unis": ("USA", "state"),
    "Iran": ("IRN", "state"),
    "Ukraine": ("UKR", "state"),
    "France": ("FRA", "state"),
    "Allemagne": ("DEU", "state"),
    "Japon": ("JPN", "state"),
    "Inde": ("IND", "state"),
    "Turquie": ("TUR", "state"),
    "Syrie": ("SYR", "state"),
    "Israël": ("ISR", "state"),
    "Biélorussie": ("BLR", "state"),
    "Pologne": ("POL", "state"),
    "Royaume-Uni": ("GBR", "state"),
    "Cuba": ("CUB", "state"),
    "Venezuela": ("VEN", "state"),
    "Brésil": ("BRA", "state"),
    "Arabie saoudite": ("SAU", "state"),
    "Mali": ("MLI", "state"),
    "Algérie": ("DZA", "state"),
    "Maroc": ("MAR", "state"),
    # capitals and seats
    "Moscou": ("RUS", "capital"),
    "Pékin": ("CHN", "capital"),
    "Pyongyang": ("PRK", "capital"),
    "Séoul": ("KOR", "capital"),
    "Washington": ("USA", "capital"),
    "Téhéran": ("IRN", "capital"),
    "Kiev": ("UKR", "capital"),
    "Paris": ("FRA", "capital"),
    "Berlin": ("DEU", "capital"),
    "Tokyo": ("JPN", "capital"),
    "Ankara": ("TUR", "capital"),
    "Minsk": ("BLR", "capital"),
    "Pentagone": ("USA", "seat"),
    "Maison Blanche": ("USA", "seat"),
    "Kremlin": ("RUS", "seat"),
    "Élysée": ("FRA", "seat"),
    "Alger": ("DZA", "capital"),
    "Damas": ("SYR", "capital"),
    "Varsovie": ("POL", "capital"),
    "Londres": ("GBR", "capital"),
    "Rabat": ("MAR", "capital"),
    # organisations and parties
    "OTAN": ("NATO", "org"),
    "BRICS": ("BRICS", "org"),
    "Union européenne": ("EU", "org"),
    "UE": ("EU", "org"),
    "ONU": ("UN", "org"),
    "PCC": ("CHN", "party"),
    "CIA": ("USA", "party"),
    "G7": ("G7", "org"),
    "OCS": ("SCO", "org"),
    # persons (2022-2024)
    "Vladimir Poutine": ("RUS", "person"),
    "Poutine": ("RUS", "person"),
    "Kim Jong Un": ("PRK", "person"),
    "Kim": ("PRK", "person"),
    "Xi Jinping": ("CHN", "person"),
    "Xi": ("CHN", "person"),
    "John Kirby": ("USA", "person"),
    "Kirby": ("USA", "person"),
    "Joe Biden": ("USA", "person"),
    "Biden": ("USA", "person"),
    "Antony Blinken": ("USA", "person"),
    "Jens Stoltenberg": ("NATO", "person"),
    "Emmanuel Macron": ("FRA", "person"),
    "Macron": ("FRA", "person"),
    "Volodymyr Zelensky": ("UKR", "person"),
    "Zelensky": ("UKR", "person"),
    "Sergueï Lavrov": ("RUS", "person"),
    "Lavrov": ("RUS", "person"),
    "Loukachenko": ("BLR", "person"),
    "Scholz": ("DEU", "person"),
    "Erdogan": ("TUR", "person"),
    "Olaf Scholz": ("DEU", "person"),
}
_DEMONYMS: dict[str, str] = {
    "russe": "RUS",
    "chinois": "CHN",
    "nord-coréen": "PRK",
    "sud-coréen": "KOR",
    "américain": "USA",
    "iranien": "IRN",
    "ukrainien": "UKR",
    "français": "FRA",
    "allemand": "DEU",
    "japonais": "JPN",
    "turc": "TUR",
    "biélorusse": "BLR",
    "polonais": "POL",
    "britannique": "GBR",
    "syrien": "SYR",
}


def _demonym_forms() -> dict[str, str]:
    forms: dict[str, str] = {}
    for base, code in _DEMONYMS.items():
        stems = {base, base + "e", base + "s", base + "es"}
        if base.endswith("s"):
            stems = {base, base + "e", base + "es"}
        if base.endswith("e"):
            stems = {base, base + "s"}
        if base.endswith("ien") or base.endswith("éen"):
            stems |= {base + "ne", base + "nes"}
        if base == "turc":
            stems = {"turc", "turque", "turcs", "turques"}
        for f in stems:
            forms[f] = code
            forms[f[0].upper() + f[1:]] = code
    return forms


_ALL: dict[str, tuple[str, str]] = {**_NAMES, **{f: (c, "demonym") for f, c in _demonym_forms().items()}}
_PATTERN = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(n) for n in sorted(_ALL, key=len, reverse=True)) + r")(?![\w-])"
)


def tiny_mentions(
    text: str,
    doc: str = "",
    lang: str = "fr",
    on: Any = None,
    kb: Any = None,
    extra: dict[str, tuple[str, ...]] | None = None,
) -> list[Mention]:
    """Longest-match mentions of a few dozen actors (test use only: no dates, no ambiguity); an extra name
    may give a role after its code and kind ("Congress": ("USA", "organ", "LEG"))."""
    names: dict[str, tuple[str, ...]] = {**_ALL, **(extra or {})}
    pattern = (
        _PATTERN
        if not extra
        else re.compile(
            r"(?<![\w-])("
            + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
            + r")(?![\w-])"
        )
    )
    out: list[Mention] = []
    for m in pattern.finditer(text):
        code, kind, *role = names[m.group(1)]
        out.append(Mention(doc, m.start(), m.end(), m.group(1), code, kind, role[0] if role else None))
    return out


def test_tiny_mentions_finds_longest_names() -> None:
    found = tiny_mentions("La Corée du Nord et des responsables sud-coréens à Moscou.")
    assert [(m.text, m.code) for m in found] == [
        ("Corée du Nord", "PRK"),
        ("sud-coréens", "KOR"),
        ("Moscou", "RUS"),
    ]
