"""Headline-grammar audit, second pass: telegraphic forms (actor coordination by comma, "X-Y"/"X Y" noun
stacks, colon attribution, abbreviated names, title case) x acts x pairs through the rule extractor.

A case is ok when one event has the act's type, every expected source among its sources (for a symmetric
act: every party among its sources and targets) and the target among its targets; colon forms also check
`claimed_by`. "X: Y must V" demands are measured, not expected (REQUEST is class 1, CAMEO 10 is class 3).

    PYTHONPATH=src .venv/bin/python bench/audit_headlines2.py [--show FORM|all]
"""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import dataclass

from allymap.extract import RuleExtractor
from allymap.records import Document

# name, code, demonym; the third state joins the first in coordinations
PAIRS = [
    (("US", "USA", "US"), ("Iran", "IRN", "Iranian"), ("UK", "GBR", "British")),
    (("UK", "GBR", "British"), ("Russia", "RUS", "Russian"), ("France", "FRA", "French")),
    (("S Korea", "KOR", "South Korean"), ("N Korea", "PRK", "North Korean"), ("Japan", "JPN", "Japanese")),
    (("Russia", "RUS", "Russian"), ("Ukraine", "UKR", "Ukrainian"), ("Belarus", "BLR", "Belarusian")),
    (("China", "CHN", "Chinese"), ("Japan", "JPN", "Japanese"), ("Russia", "RUS", "Russian")),
    (("India", "IND", "Indian"), ("Pakistan", "PAK", "Pakistani"), ("Afghanistan", "AFG", "Afghan")),
    (("U.S.", "USA", "U.S."), ("Lebanon", "LBN", "Lebanese"), ("Israel", "ISR", "Israeli")),
]


@dataclass(frozen=True)
class Act:
    type: str
    v3: str  # "{B}" the target, "{b}" its demonym
    vpl: str  # plural present
    quote: str = ""  # colon quote form: "{B}'s ..." judged by {A}


ACTS = [
    Act("ASSAULT", "attacks {B}", "attack {B}"),
    Act("ASSAULT", "launches air strikes on {B}", "launch air strikes on {B}"),
    Act("ASSAULT", "shells {b} positions", "shell {b} positions"),
    Act("COERCE", "seizes {b} tanker", "seize {b} tanker"),
    Act("SANCTION", "expels {b} diplomats", "expel {b} diplomats"),
    Act("SANCTION", "imposes sanctions on {B}", "impose sanctions on {B}"),
    Act("SANCTION", "bans {b} imports", "ban {b} imports"),
    Act("RETREAT", "lifts sanctions on {B}", "lift sanctions on {B}"),
    Act("RETREAT", "lifts travel ban on {B}", "lift travel ban on {B}"),
    Act("MOBILIZE", "masses troops on {b} border", "mass troops on {b} border"),
    Act("THREATEN", "threatens {B} with sanctions", "threaten {B} with sanctions"),
    Act("ACCUSE", "condemns {B}", "condemn {B}"),
    Act("ACCUSE", "slams {B} over arms sale", "slam {B} over arms sale"),
    Act("ACCUSE", "blames {B} for attack", "blame {B} for attack"),
    Act("REJECT", "rejects {b} proposal", "reject {b} proposal"),
    Act("REQUEST", "urges {B} to end violence", "urge {B} to end violence"),
    Act("SUPPORT", "praises {B}", "praise {B}"),
    Act("SUPPORT", "backs {b} bid", "back {b} bid"),
    Act("AID", "sends aid to {B}", "send aid to {B}"),
    Act("AGREE", "signs trade deal with {B}", "sign trade deal with {B}"),
    Act("CONSULT", "holds talks with {B}", "hold talks with {B}"),
]

# symmetric acts of two named parties {A}, {B} ({a}: demonym of A)
SYM = [
    ("AGREE", "{A}, {B} agree to share intelligence"),
    ("AGREE", "{A}, {B} sign trade deal"),
    ("CONSULT", "{A}, {B} hold talks"),
    ("CONSULT", "{A}, {B} leaders meet in Geneva"),
    ("AGREE", "{A}-{B} trade deal signed"),
    ("AGREE", "{A} {B} trade deal signed"),
    ("AGREE", "{A} {B} migrant deal signed"),
    ("CONSULT", "{A}-{B} talks held in Geneva"),
    ("CONSULT", "{A} {B} talks held in Geneva"),
    ("AGREE", "{A}-{B} deal reached"),
    ("CONSULT", "{A}-{B} talks open in Geneva"),
    ("AGREE", "{A} and {B} sign trade deal"),
]

# colon quote: "{A}: {B}'s act 'verdict'" is {A} accusing {B} (CAMEO 111 criticize or denounce)
QUOTES = [
    "{A}: {B} sanctions 'economic terrorism'",
    "{A}: {B}'s missile test 'a provocation'",
    "{A}: {B} strikes 'act of war'",
    "{A}: {B}'s move 'unacceptable'",
]


def title(s: str) -> str:
    return " ".join(w[0].upper() + w[1:] for w in s.split())


def cases() -> list[tuple[str, str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...] | None]]:
    """(form, headline, type, sources, targets, claimed_by or None when not checked)."""
    out: list[tuple[str, str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...] | None]] = []
    for (an, ac, _ad), (bn, bc, bd), (cn, cc, _cd) in PAIRS:
        for act in ACTS:
            v3 = act.v3.format(B=bn, b=bd)
            vpl = act.vpl.format(B=bn, b=bd)
            rows: list[tuple[str, str, tuple[str, ...], tuple[str, ...] | None]] = [
                ("present", f"{an} {v3}", (ac,), None),
                ("comma", f"{an}, {cn} {vpl}", (ac, cc), None),
                ("and", f"{an} and {cn} {vpl}", (ac, cc), None),
                ("title", title(f"{an} {v3}"), (ac,), None),
                ("colon-claim", f"{cn}: {an} {v3}", (ac,), (cc,)),
                (
                    "the-article",
                    f"The {an} {v3}" if an in ("US", "UK", "U.S.") else f"{an} {v3}",
                    (ac,),
                    None,
                ),
            ]
            for form, text, src, claim in rows:
                out.append((form, text, act.type, src, (bc,), claim))
        for typ, t in SYM:
            out.append(("sym", t.format(A=an, B=bn), typ, (ac, bc), (), None))
        for q in QUOTES:
            out.append(("colon-quote", q.format(A=an, B=bn), "ACCUSE", (ac,), (bc,), None))
    return out


DEMANDS = [
    "{A}: {B} must lift sanctions",
    "{A}: {B} must withdraw troops",
    "{A}: {B} must stop attacks",
]


def run(ex: RuleExtractor, text: str) -> list:
    doc = Document("audit", "h", text, text, None, "en", "2018-05-10")
    return [e for e in ex.extract(doc).events if e.kind == "event"]


def verdict(
    evs: list, typ: str, src: tuple[str, ...], tgt: tuple[str, ...], claim: tuple[str, ...] | None
) -> str:
    if not evs:
        return "no-event"
    if not tgt:  # symmetric
        good = [e for e in evs if e.type == typ and set(src) <= set(e.source) | set(e.target)]
    else:
        good = [e for e in evs if e.type == typ and set(src) <= set(e.source) and set(tgt) <= set(e.target)]
    if not good:
        part = [e for e in evs if e.type == typ and set(src) & set(e.source) and set(tgt) <= set(e.target)]
        return "partial-source" if part else "wrong-roles/type"
    if claim is not None and not any(set(claim) <= set(e.claimed_by or ()) for e in good):
        return "no-claimed_by"
    return "ok"


def show(e) -> str:  # noqa: ANN001
    claim = f" by {'+'.join(e.claimed_by)}" if e.claimed_by else ""
    return f"{e.type} {'+'.join(e.source)}>{'+'.join(e.target)} {e.modality}{claim}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", default="", help="print the failures of this form (all: every form)")
    args = ap.parse_args()
    ex = RuleExtractor("en")
    table: dict[str, Counter] = {}
    for form, text, typ, src, tgt, claim in cases():
        evs = run(ex, text)
        v = verdict(evs, typ, src, tgt, claim)
        table.setdefault(form, Counter())[v] += 1
        if v != "ok" and args.show in (form, "all"):
            print(f"{form:12} {v:16} {typ:9} {text!r}: {[show(e) for e in evs]}")
    cols = ["ok", "no-event", "wrong-roles/type", "partial-source", "no-claimed_by"]
    print(f"{'form':14}" + "".join(f"{c:>17}" for c in cols))
    for form, c in table.items():
        print(f"{form:14}" + "".join(f"{c[k]:>17}" for k in cols))
    for (an, _, _), (bn, _, _), _ in PAIRS:
        for d in DEMANDS:
            text = d.format(A=an, B=bn)
            print(f"DEMAND {text!r}: {[show(e) for e in run(ex, text)]}")


if __name__ == "__main__":
    main()
