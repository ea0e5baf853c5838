"""Audit of CAMEO 08 yield (PLOVER CONCEDE/RETREAT) and its intent forms (035, AGREE), on invented sentences.

Two matrices: access (CAMEO 086, 0861-0863: allowing inspectors, peacekeepers, monitors, agencies or a
state's forces to enter, visit, inspect, deliver or use a facility; receiving them; granting them access or
permission; opening airspace or ports to them), crossing ten allower/party pairs with about thirty forms
(active, double object, passive, "agreed to", "decided to", negated, refused, headlines), plus sentences
where a verb of permission permits no access ("allowed prices to rise"); and the other yield rows (sanctions,
embargo, restrictions, travel ban, blockade, curfew, state of emergency, release, return, withdrawal, border
reopened) crossed with twenty forms. A sentence passes when a record of an accepted type has the allower (or
yielder) as source and the party as target. No corpus sentence.

    .venv/bin/python bench/audit_yield.py [--show]
"""

from __future__ import annotations

import argparse
from collections import defaultdict

from allymap.extract import RuleExtractor
from allymap.records import Document

R, A = "RETREAT", "AGREE"
# allower, code, party, party code, kind, permitted act, place
PAIRS = [
    ("Syria", "SYR", "UN inspectors", "UN", "person", "visit the site", "the site"),
    ("Iran", "IRN", "IAEA inspectors", "IAEA", "person", "inspect the plant", "the plant"),
    ("Sudan", "SDN", "UN peacekeepers", "UN", "person", "enter Darfur", "Darfur"),
    ("Georgia", "GEO", "EU monitors", "EU", "person", "patrol the border", "the border area"),
    ("Belarus", "BLR", "OSCE observers", "OSCE", "person", "monitor the election", "polling stations"),
    ("Myanmar", "MMR", "UN investigators", "UN", "person", "visit Rakhine state", "Rakhine state"),
    ("Ethiopia", "ETH", "the WFP", "UN", "org", "deliver food", "the region"),
    ("Yemen", "YEM", "the United Nations", "UN", "org", "deliver aid", "the port"),
    ("Turkey", "TUR", "U.S. planes", "USA", "craft", "use its air bases", "its air bases"),
    ("Egypt", "EGY", "Russian warships", "RUS", "craft", "dock at its ports", "its ports"),
]
ACCESS = [  # form, template, accepted types, party kinds (empty: all)
    ("allow", "{A} allowed {X} to {V}.", R, ()),
    ("permit", "{A} permitted {X} to {V}.", R, ()),
    ("let", "{A} let {X} {V}.", R, ()),
    ("authorize", "{A} authorized {X} to {V}.", R, ()),
    ("allow_access", "{A} allowed {X} access to {P}.", R, ()),
    ("grant_access", "{A} granted {X} access to {P}.", R, ()),
    ("grant_access_to", "{A} granted access to {X}.", R, ()),
    ("grant_permission", "{A} granted {X} permission to {V}.", R, ()),
    ("gave_permission", "{A} gave permission for {X} to {V}.", R, ()),
    ("gave_approval", "{A} gave approval for {X} to {V}.", R, ()),
    ("approve_entry", "{A} approved the entry of {X}.", R, ()),
    ("grant_visas", "{A} granted visas to {X}.", R, ("person",)),
    ("accept", "{A} accepted {X}.", R, ("person",)),
    ("receive", "{A} received {X}.", R, ("person",)),
    ("admit", "{A} admitted {X}.", R, ("person",)),
    ("welcome", "{A} welcomed {X}.", R, ("person",)),
    ("accept_deployment", "{A} accepted the deployment of {X}.", R, ("person",)),
    ("agree_deployment", "{A} agreed to the deployment of {X}.", A, ("person",)),
    ("open_airspace", "{A} opened its airspace to {X}.", R, ("craft", "org")),
    ("open_ports", "{A} opened its ports to {X}.", R, ("craft",)),
    ("made_available", "{A} made its airport available to {X}.", R, ("craft", "org")),
    ("passive_by", "{X} were allowed to {V} by {A}.", R, ()),
    ("passive_access_by", "{X} were granted access to {P} by {A}.", R, ()),
    ("agree_allow", "{A} agreed to allow {X} to {V}.", A, ()),
    ("agree_let", "{A} agreed to let {X} {V}.", A, ()),
    ("agree_grant", "{A} agreed to grant {X} access to {P}.", A, ()),
    ("agree_accept", "{A} agreed to accept {X}.", A, ("person",)),
    ("decide_allow", "{A} decided to allow {X} to {V}.", R + "|" + A, ()),
    ("neg_allow", "{A} did not allow {X} to {V}.", R + "|REJECT", ()),
    ("refuse_allow", "{A} refused to allow {X} to {V}.", "REJECT", ()),
    ("head_allows", "{A} allows {X} to {V}", R, ()),
    ("head_grants", "{A} grants {X} access to {P}", R, ()),
    ("head_to_allow", "{A} to allow {X} to {V}", R + "|" + A, ()),
]
QUIET = [
    "{A} allowed prices to rise.",
    "{A} allowed the deadline to pass.",
    "{A} allowed its currency to weaken.",
    "{A} let the agreement expire.",
    "{A} allowed its citizens to travel abroad.",
    "{A} allowed women to drive.",
    "{A} permitted the sale of alcohol.",
    "{A} accepted the proposal.",
    "{A} received a letter.",
]
# yielder, code, base, past, object naming the party, party code
YIELD = [
    ("lift_sanctions", "Japan", "JPN", "lift", "lifted", "sanctions on Iran", "IRN"),
    ("ease_sanctions", "The EU", "EU", "ease", "eased", "sanctions on Russia", "RUS"),
    ("lift_embargo", "The United States", "USA", "lift", "lifted", "the embargo on Cuba", "CUB"),
    ("ease_restrictions", "China", "CHN", "ease", "eased", "restrictions on Japanese imports", "JPN"),
    ("lift_travel_ban", "Kuwait", "KWT", "lift", "lifted", "the travel ban on Lebanon", "LBN"),
    ("lift_blockade", "Saudi Arabia", "SAU", "lift", "lifted", "the blockade of Qatar", "QAT"),
    ("ease_blockade", "Israel", "ISR", "ease", "eased", "the blockade on Gaza", "PSE"),
    ("lift_curfew", "India", "IND", "lift", "lifted", "the curfew in Srinagar", "IND"),
    ("lift_emergency", "Turkey", "TUR", "lift", "lifted", "the state of emergency", "TUR"),
    ("end_emergency", "Ethiopia", "ETH", "end", "ended", "the state of emergency", "ETH"),
    ("release_prisoners", "Iran", "IRN", "release", "released", "three American prisoners", "USA"),
    ("return_ship", "Russia", "RUS", "return", "returned", "the seized ships to Ukraine", "UKR"),
    ("withdraw_troops", "Russia", "RUS", "withdraw", "withdrew", "its troops from Syria", "SYR"),
    ("reopen_border", "Pakistan", "PAK", "reopen", "reopened", "its border with Afghanistan", "AFG"),
]
FORMS = [
    ("past", "{A} {past} {O}.", R),
    ("perfect", "{A} has {past} {O}.", R),
    ("head_present", "{A} {pres} {O}", R),
    ("head_to", "{A} to {base} {O}", R + "|" + A),
    ("agree", "{A} agreed to {base} {O}.", A),
    ("will", "{A} will {base} {O}.", A),
    ("said_would", "{A} said it would {base} {O}.", A),
    ("decided", "{A} decided to {base} {O}.", R + "|" + A),
    ("neg", "{A} did not {base} {O}.", R + "|REJECT"),
    ("refuse", "{A} refused to {base} {O}.", "REJECT"),
    ("partially", "{A} partially {past} {O}.", R),
    ("on_day", "{A} on Friday {past} {O}.", R),
    ("decision_noun", "{A}'s decision to {base} {O} surprised analysts.", R + "|" + A),
    ("announce_plan", "{A} announced plans to {base} {O}.", R + "|" + A),
    ("ready", "{A} is ready to {base} {O}.", A),
    ("offer", "{A} offered to {base} {O}.", A),
    ("promise", "{A} promised to {base} {O}.", R + "|" + A),
    ("begin", "{A} began to {base} {O}.", R),
    ("after", "After talks, {A} {past} {O}.", R),
    ("and_coord", "{A} {past} {O} and praised the talks.", R),
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="print each failing sentence and its records")
    args = ap.parse_args()
    ex = RuleExtractor("en")

    def records(s: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
        doc = Document("audit", "x", s, s, None, "en", "2018-01-01")
        return [(e.type, e.source, e.target) for e in ex.extract(doc).events if e.kind == "event"]

    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    fails: list[tuple[str, str, list[tuple[str, tuple[str, ...], tuple[str, ...]]]]] = []

    def check(key: str, s: str, types: str, src: str, tgt: str) -> None:
        got = records(s)
        ok = any(t in types.split("|") and src in so and tgt in ta for t, so, ta in got)
        tally[key][0] += ok
        tally[key][1] += 1
        if not ok:
            fails.append((key, s, got))

    for name, tpl, types, kinds in ACCESS:
        for a, ac, x, xc, kind, v, p in PAIRS:
            if not kinds or kind in kinds:
                check("access " + name, tpl.format(A=a, X=x, V=v, P=p), types, ac, xc)
    for tpl in QUIET:
        for a, *_ in PAIRS[:5]:
            s = tpl.format(A=a)
            got = records(s)
            tally["quiet"][0] += not got
            tally["quiet"][1] += 1
            if got:
                fails.append(("quiet", s, got))
    for _, a, ac, base, past, obj, bc in YIELD:
        pres = base + ("es" if base.endswith(("sh", "ch", "s")) else "s")
        for name, tpl, types in FORMS:
            check("yield " + name, tpl.format(A=a, past=past, base=base, pres=pres, O=obj), types, ac, bc)
    for key, (good, n) in tally.items():
        print(f"{key:28} {good:3}/{n}")
    for part in ("access", "yield"):
        good = sum(v[0] for k, v in tally.items() if k.startswith(part))
        print(f"{part.upper():28} {good:3}/{sum(v[1] for k, v in tally.items() if k.startswith(part))}")
    if args.show:
        for key, s, got in fails:
            print(f"{key}: {s}  ->  {got}")


if __name__ == "__main__":
    main()
