"""Gaps in the office-holder table: for each state the issue names and each quoted office, the periods
from 2000 to today that no dated term covers.

Run: .venv/bin/python bench/actors_gaps.py [--since 2000-01-01] [--min-days 60] [--codes USA,RUS]
Periods with no holder at all (a post abolished or vacant), each with its source, are listed in
bench/office_vacancies.tsv and count as covered.
An office is recognised from the free-text `title` column of officeholders.tsv (a term counts for every
office its title names: "foreign minister, prime minister from 2007" covers both, over the whole term).
"""

from __future__ import annotations

import argparse
import re
from datetime import date
from importlib import resources
from pathlib import Path

from allymap.actors.kb import _rows, parse_date

# The states: the G20, the P5, the states of the seeds, of the Russia-Ukraine war and of the
# Middle East conflicts.
G20 = "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA".split()
CONFLICTS = "UKR BLR PRK ISR PSE LBN SYR IRN IRQ YEM EGY JOR QAT ARE".split()
STATES = G20 + CONFLICTS
OFFICES = {
    "head of state": r"\b(president(?! of the (court|General))|king|emir|monarch|supreme leader"
    r"|head of state)\b(?!.*from)",
    "head of government": r"\b(prime minister|premier|chancellor(?! of the exchequer))\b",
    "foreign": r"\b(foreign minister|foreign secretary|secretary of state)\b",
    "defence": r"\b(defen[cs]e (minister|secretary)|secretary of defense|armed forces minister)\b",
    "spokesperson": r"\b(spokes(man|woman|person)|press secretary)\b",
    "security": r"\b(national security (adviser|advisor)|security council secretary|"
    r"secretary of the (supreme )?national security)",
    "intelligence": r"\b(intelligence|CIA|FSB|SVR|Mossad|MIT|Shin Bet|MSS|DGSE|MI6)\b",
}
# Offices a state does not have in this form (the president also heads the government) or whose holder is
# not quoted as the state's voice (a distant monarch, a governor-general).
NOT_AN_OFFICE = {
    "head of government": set("USA MEX BRA ARG IDN ZAF IRN SAU TUR".split()),
    "head of state": set("SAU AUS CAN JPN".split()),
}


VACANCIES = Path(__file__).with_name("office_vacancies.tsv")


def vacancies(since: date, today: date) -> dict[tuple[str, str], list[tuple[date, date]]]:
    """Sourced periods with no holder (bench/office_vacancies.tsv): counted as covered, not as gaps."""
    out: dict[tuple[str, str], list[tuple[date, date]]] = {}
    lines = [x for x in VACANCIES.read_text(encoding="utf-8").splitlines() if x and not x.startswith("#")]
    for line in lines[1:]:
        code, office, start, end, _reason, source = line.split("\t")
        assert office in OFFICES and source.startswith("http"), line
        span = (parse_date(start) or since, parse_date(end) or today)
        out.setdefault((code, office), []).append(span)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--since", default="2000-01-01")
    parser.add_argument("--min-days", type=int, default=60)
    parser.add_argument("--codes", default=",".join(STATES))
    args = parser.parse_args()
    since, today = date.fromisoformat(args.since), date.today()
    data = Path(str(resources.files("allymap.actors") / "data"))
    terms: dict[tuple[str, str], list[tuple[date, date]]] = {}
    for row in _rows(data, "officeholders.tsv"):
        start = parse_date(row["start"]) or since
        end = parse_date(row["end"]) or today
        for office, pattern in OFFICES.items():
            if re.search(pattern, row["title"], re.IGNORECASE if office != "intelligence" else 0):
                terms.setdefault((row["code"], office), []).append((start, end))
    for key, spans in vacancies(since, today).items():
        terms.setdefault(key, []).extend(spans)
    total = tracked = 0
    for code in args.codes.split(","):
        for office in OFFICES:
            if code in NOT_AN_OFFICE.get(office, ()):
                continue
            tracked += (today - since).days
            gaps = _gaps(sorted(terms.get((code, office), [])), since, today, args.min_days)
            if gaps:
                total += sum((b - a).days for a, b in gaps)
                shown = ", ".join(f"{a}..{b}" for a, b in gaps)
                print(f"{code}\t{office}\t{sum((b - a).days for a, b in gaps) // 365.25:.0f} y\t{shown}")
    share = total / max(1, tracked)
    print(f"# {total / 365.25:.0f} office-years uncovered of {tracked / 365.25:.0f} tracked ({share:.1%})")


def _gaps(spans: list[tuple[date, date]], since: date, until: date, min_days: int) -> list[tuple[date, date]]:
    out, cursor = [], since
    for start, end in spans:
        if start > cursor and (start - cursor).days >= min_days:
            out.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < until and (until - cursor).days >= min_days:
        out.append((cursor, until))
    return out


if __name__ == "__main__":
    main()
