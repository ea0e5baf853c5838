"""Headline-grammar audit: invented headlines (acts x forms x state actors) through the rule extractor.

Each headline form is crossed with acts of the 16 PLOVER types; the table counts, per form, the headlines
with no event, with wrong roles or type, and with the wrong modality (a headline's present tense is an
asserted past act; its to-infinitive an intended one). Quiet headlines (no act) must give nothing.

    PYTHONPATH=src .venv/bin/python bench/audit_headlines.py [--show FORM] [--fails]
"""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import dataclass

from allymap.extract import RuleExtractor
from allymap.records import Document

PAIRS = [
    ("France", "FRA", "French", "Germany", "DEU", "German"),
    ("Japan", "JPN", "Japanese", "Egypt", "EGY", "Egyptian"),
    ("Turkey", "TUR", "Turkish", "Brazil", "BRA", "Brazilian"),
    ("the EU", "EU", "EU", "Turkey", "TUR", "Turkish"),
]


@dataclass(frozen=True)
class Act:
    type: str
    v3: str  # headline present, "{B}" the target, "{b}" its demonym
    inf: str  # bare infinitive phrase
    pas: str  # passive headline with the agent "{A}" ("German envoy expelled by {A}")
    noun: str = ""  # a noun stack ("{A} aid to {B}")
    visit: bool = False  # hosting a visitor: the visitor's state is the source (CONSULT, triggers.tsv)


ACTS = [
    Act("ASSAULT", "attacks {B}", "attack {B}", "{b} troops attacked by {A}", "{a} attack on {B}"),
    Act("ASSAULT", "bombs {b} rebels", "bomb {b} rebels", "{b} town bombed by {A}", "{a} air strikes on {B}"),
    Act("COERCE", "arrests {b} journalist", "arrest {b} journalist", "{b} journalist arrested by {A}"),
    Act(
        "COERCE",
        "seizes {b} tanker",
        "seize {b} tanker",
        "{b} tanker seized by {A}",
        "{a} seizure of {b} tanker",
    ),
    Act("SANCTION", "sanctions {B}", "sanction {B}", "{B} sanctioned by {A}", "{a} sanctions on {B}"),
    Act("SANCTION", "expels {b} diplomats", "expel {b} diplomats", "{b} diplomats expelled by {A}"),
    Act("SANCTION", "imposes sanctions on {B}", "impose sanctions on {B}", "sanctions imposed on {B} by {A}"),
    Act("SANCTION", "cuts aid to {B}", "cut aid to {B}", "aid to {B} cut by {A}"),
    Act(
        "MOBILIZE",
        "masses troops on {b} border",
        "mass troops on {b} border",
        "troops massed on {b} border by {A}",
    ),
    Act(
        "THREATEN",
        "threatens {B} with sanctions",
        "threaten {B} with sanctions",
        "{B} threatened with sanctions by {A}",
    ),
    Act("ACCUSE", "accuses {B} of spying", "accuse {B} of spying", "{B} accused of spying by {A}"),
    Act("ACCUSE", "condemns {B}", "condemn {B}", "{B} condemned by {A}", "{a} condemnation of {B}"),
    Act("REJECT", "rejects {b} proposal", "reject {b} proposal", "{b} proposal rejected by {A}"),
    Act("CONCEDE", "bows to {b} demands", "bow to {b} demands", "{b} demands met by {A}"),
    Act(
        "REQUEST", "urges {B} to end violence", "urge {B} to end violence", "{B} urged to end violence by {A}"
    ),
    Act(
        "REQUEST",
        "asks {B} for help",
        "ask {B} for help",
        "{B} asked for help by {A}",
        "{a} request for {b} help",
    ),
    Act(
        "COOPERATE",
        "invests in {B}",
        "invest in {B}",
        "{B} investment announced by {A}",
        "{a} investment in {B}",
    ),
    Act("AID", "sends aid to {B}", "send aid to {B}", "aid sent to {B} by {A}", "{a} aid to {B}"),
    Act(
        "AID",
        "gives {B} $10 million in aid",
        "give {B} $10 million in aid",
        "$10 million in aid given to {B} by {A}",
    ),
    Act(
        "RETREAT",
        "withdraws troops from {B}",
        "withdraw troops from {B}",
        "troops withdrawn from {B} by {A}",
        "{a} troop withdrawal from {B}",
    ),
    Act("RETREAT", "lifts sanctions on {B}", "lift sanctions on {B}", "sanctions on {B} lifted by {A}"),
    Act("RETREAT", "releases {b} prisoners", "release {b} prisoners", "{b} prisoners released by {A}"),
    Act(
        "AGREE",
        "signs trade deal with {B}",
        "sign trade deal with {B}",
        "trade deal with {B} signed by {A}",
        "{a}-{B} trade deal",
    ),
    Act(
        "CONSULT",
        "holds talks with {B}",
        "hold talks with {B}",
        "talks with {B} held by {A}",
        "{a}-{B} talks",
    ),
    Act("CONSULT", "hosts {b} president", "host {b} president", "{b} president hosted by {A}", visit=True),
    Act("SUPPORT", "praises {B}", "praise {B}", "{B} praised by {A}", "{a} praise for {B}"),
    Act("SUPPORT", "backs {b} bid", "back {b} bid", "{b} bid backed by {A}", "{a} backing for {B}"),
    Act("PROTEST", "protesters rally against {B}", "", ""),
]


def cases() -> list[tuple[str, str, str, str, str, str]]:
    """(form, headline, type, source, target, modality) for each act, form and pair."""
    out = []
    for an, ac, ad, bn, bc, bd in PAIRS:
        for act in ACTS:

            def f(t: str, an: str = an, ad: str = ad, bn: str = bn, bd: str = bd) -> str:
                a = ad if an != "the EU" else "EU"
                return t.format(A=an, B=bn, a=a, b=bd)

            cap = an[0].upper() + an[1:]
            if act.type == "PROTEST":
                out.append(("present", f"{ad} protesters rally against {bn}", act.type, ac, bc, "asserted"))
                continue
            rows = [
                ("present", f"{cap} {f(act.v3)}", "asserted"),
                ("to-inf", f"{cap} to {f(act.inf)}", "intended"),
                ("passive", f(act.pas)[0].upper() + f(act.pas)[1:], "asserted"),
                ("colon-claim", f"{bn}: {an} {f(act.v3)}", "asserted"),
                ("says", f"{bn} says {an} {f(act.v3)}", "asserted"),
                ("as-clause", f"{cap} {f(act.v3)} as tensions rise", "asserted"),
                ("after-clause", f"{cap} {f(act.v3)} after talks collapse", "asserted"),
                ("amid", f"{cap} {f(act.v3)} amid row over trade", "asserted"),
                ("date", f"{cap} {f(act.v3)} on Monday", "asserted"),
                ("title", " ".join(w[0].upper() + w[1:] for w in f"{cap} {f(act.v3)}".split()), "asserted"),
                ("caps", f"{cap} {f(act.v3)}".upper(), "asserted"),
                ("quote-end", f"'We will {f(act.inf)}', {an} says", "intended"),
            ]
            if act.noun:
                n = f(act.noun)
                rows.append(("noun-stack", n[0].upper() + n[1:] + " announced", "asserted"))
            for form, text, mod in rows:
                out.append((form, text, act.type, bc if act.visit else ac, ac if act.visit else bc, mod))
    return out


QUIET = [
    "France beats Germany in World Cup semi-final",
    "Japan to host Olympic Games in 2030",
    "Egypt hosts 10,000 tourists in record summer",
    "Brazil floods worsen as rains continue",
    "Turkey: Inflation hits 80 percent",
    "Germany says economy will grow",
    "France Wins Eurovision Song Contest",
    "GERMANY ELECTS NEW CHANCELLOR",
    "Japan ready for typhoon season",
    "France open to new ideas on pensions",
    "EU to review fishing quotas",
    "Egypt unveils new capital amid economic woes",
    "Japan's Nikkei rises after Wall Street rally",
    "Turkey faces Germany in Euro 2024 opener",
    "Brazil attacks inflation with rate hike",
    "France's Macron visits school in Marseille",
    "'We will win', Germany coach says",
    "EU migrant numbers fall",
    "Japan aid worker wins prize",
    "Germany Turkey match postponed",
    "Jordan Times Condemns Israel",  # a newspaper, not Jordan
    "Washington Post Criticizes Russia",
    "Chad Johnson Praises Kenya",
    "Paris Hilton Visits London",
    "Plans to attack inflation unveiled",
]


def run(ex: RuleExtractor, text: str) -> list:
    doc = Document("audit", "h", text, text, None, "en", "2023-05-10")
    return [e for e in ex.extract(doc).events if e.kind == "event"]


def verdict(evs: list, typ: str, src: str, tgt: str, mod: str, form: str) -> str:
    if not evs:
        return "no-event"
    good = [e for e in evs if e.type == typ and src in e.source and tgt in e.target]
    if form == "passive" and not good:
        good = [e for e in evs if e.type == typ and tgt in e.target and src in e.source]
    if not good:
        return "wrong-roles/type"
    if not any(e.modality == mod for e in good):
        return "wrong-modality"
    if any(e.negated for e in good):
        return "negated"
    return "ok"


def show(e) -> str:  # noqa: ANN001
    return f"{e.type} {'+'.join(e.source)}>{'+'.join(e.target)} {e.modality}{' NEG' if e.negated else ''}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", default="", help="print the failures of this form (all: every form)")
    ap.add_argument("--quiet", action="store_true", help="print the quiet headlines' records")
    args = ap.parse_args()
    ex = RuleExtractor("en")
    table: dict[str, Counter] = {}
    for form, text, typ, src, tgt, mod in cases():
        evs = run(ex, text)
        v = verdict(evs, typ, src, tgt, mod, form)
        table.setdefault(form, Counter())[v] += 1
        if v != "ok" and args.show in (form, "all"):
            print(f"{form:12} {v:16} {typ:9} {text!r}: {[show(e) for e in evs]}")
    cols = ["ok", "no-event", "wrong-roles/type", "wrong-modality", "negated"]
    print(f"{'form':14}" + "".join(f"{c:>18}" for c in cols))
    for form, c in table.items():
        print(f"{form:14}" + "".join(f"{c[k]:>18}" for k in cols))
    loud = 0
    for text in QUIET:
        evs = run(ex, text)
        loud += bool(evs)
        if evs or args.quiet:
            print(f"QUIET? {text!r}: {[show(e) for e in evs]}")
    print(f"quiet headlines with a record: {loud}/{len(QUIET)}")


if __name__ == "__main__":
    main()
