"""Generate the library-derived actor tables: ISO 3166 states (pycountry) and their CLDR names in every
language (Babel). Curated tables (demonyms, capitals, organisations, office-holders) are edited by hand.

Run: .venv/bin/python scripts/gen_actors.py   (writes src/allymap/actors/data/states.tsv, cldr_names.tsv)
"""

from __future__ import annotations

import csv
from pathlib import Path

import pycountry
from babel import Locale, localedata

DATA = Path(__file__).resolve().parents[1] / "src" / "allymap" / "actors" / "data"


def main() -> None:
    countries = sorted(pycountry.countries, key=lambda c: c.alpha_3)
    en, fr = Locale("en"), Locale("fr")
    with (DATA / "states.tsv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["code", "alpha2", "name_en", "name_fr"])
        for c in countries:
            w.writerow(
                [
                    c.alpha_3,
                    c.alpha_2,
                    en.territories.get(c.alpha_2, c.name),
                    fr.territories.get(c.alpha_2, c.name),
                ]
            )
    langs = sorted(i for i in localedata.locale_identifiers() if "_" not in i and i != "root")
    rows: set[tuple[str, str, str]] = set()
    for lang in langs:
        try:
            territories = Locale.parse(lang).territories
        except Exception:  # noqa: BLE001 - a locale Babel cannot build is skipped
            continue
        for c in countries:
            name = territories.get(c.alpha_2)
            if name and len(name) > 1:
                rows.add((c.alpha_3, lang, name))
    with (DATA / "cldr_names.tsv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["code", "lang", "name"])
        for row in sorted(rows, key=lambda r: (r[1], r[0], r[2])):
            w.writerow(row)
    print(f"{len(countries)} states, {len(rows)} CLDR names in {len(langs)} languages")


if __name__ == "__main__":
    main()
