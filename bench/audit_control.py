"""Audit of control, raising, aspectual and modal predicates over an act, on invented sentences.

Crosses about 75 predicates ("X is willing to V", "X refused to V", "X must V", "X urged Y to V", "X said it
would V", "X accused Y of V-ing" ...) with 20 acts spread over the PLOVER types ("attack Germany", "provide
aid to Germany", "hold talks with Germany" ...), France the subject (Japan the controller of object control),
and tabulates by predicate the sentences whose records miss what the predicate says: no record, wrong type or
source, an asserted act under a predicate of intention, possibility, obligation or distance, an act not
negated under a predicate of failure or refusal (a REJECT is a refusal's own reading). No corpus sentence.

    .venv/bin/python bench/audit_control.py [--show PREDICATE] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from typing import Any

from allymap.extract import RuleExtractor
from allymap.records import Document, Mention

NAMES = {
    "France": ("FRA", "state"),
    "Germany": ("DEU", "state"),
    "Japan": ("JPN", "state"),
    "Brazil": ("BRA", "state"),
    "Egypt": ("EGY", "state"),
    "Turkey": ("TUR", "state"),
    "German": ("DEU", "demonym"),
}
PATTERN = re.compile(r"(?<![\w-])(" + "|".join(sorted(NAMES, key=len, reverse=True)) + r")(?![\w-])")

# key, base form, gerund, past
ACTS = [
    ("attack", "attack Germany", "attacking Germany", "attacked Germany"),
    ("shell", "shell German positions", "shelling German positions", "shelled German positions"),
    (
        "sanction",
        "impose sanctions on Germany",
        "imposing sanctions on Germany",
        "imposed sanctions on Germany",
    ),
    ("aid", "provide aid to Germany", "providing aid to Germany", "provided aid to Germany"),
    ("supply", "supply weapons to Germany", "supplying weapons to Germany", "supplied weapons to Germany"),
    ("meet", "hold talks with Germany", "holding talks with Germany", "held talks with Germany"),
    ("visit", "visit Germany", "visiting Germany", "visited Germany"),
    ("criticize", "criticize Germany", "criticizing Germany", "criticized Germany"),
    ("threaten", "threaten Germany", "threatening Germany", "threatened Germany"),
    (
        "recognize",
        "recognize the independence of Germany",
        "recognizing the independence of Germany",
        "recognized the independence of Germany",
    ),
    (
        "withdraw",
        "withdraw troops from Germany",
        "withdrawing troops from Germany",
        "withdrew troops from Germany",
    ),
    (
        "sign",
        "sign an agreement with Germany",
        "signing an agreement with Germany",
        "signed an agreement with Germany",
    ),
    ("condemn", "condemn Germany", "condemning Germany", "condemned Germany"),
    ("expel", "expel German diplomats", "expelling German diplomats", "expelled German diplomats"),
    (
        "mediate",
        "mediate between Germany and Egypt",
        "mediating between Germany and Egypt",
        "mediated between Germany and Egypt",
    ),
    ("support", "support Germany", "supporting Germany", "supported Germany"),
    ("deploy", "deploy troops to Germany", "deploying troops to Germany", "deployed troops to Germany"),
    ("lift", "lift sanctions on Germany", "lifting sanctions on Germany", "lifted sanctions on Germany"),
    ("cooperate", "cooperate with Germany", "cooperating with Germany", "cooperated with Germany"),
    ("blockade", "blockade Germany", "blockading Germany", "blockaded Germany"),
]

# key, template ({V} base, {G} gerund, {P} past, {G0} capitalised gerund), what the predicate says of the act
PREDICATES = [
    ("plain", "France {P}.", "asserted"),
    *[
        (w, f"France is {w} to {{V}}.", "intent")
        for w in ("willing", "ready", "prepared", "eager", "determined")
    ],
    ("keen", "France is keen to {V}.", "intent"),
    ("able", "France is able to {V}.", "possible"),
    ("unable", "France is unable to {V}.", "neg"),
    ("reluctant", "France is reluctant to {V}.", "nonassert"),
    ("unwilling", "France is unwilling to {V}.", "neg"),
    ("not-willing", "France is not willing to {V}.", "neg"),
    ("must-be-ready", "France must be ready to {V}.", "nonassert"),
    *[
        (w, f"France {w} to {{V}}.", "intent")
        for w in (
            "offered",
            "agreed",
            "promised",
            "pledged",
            "vowed",
            "planned",
            "plans",
            "decided",
            "intends",
        )
    ],
    *[
        (w, f"France {w} to {{V}}.", "intent")
        for w in ("hopes", "seeks", "sought", "tried", "attempted", "wants")
    ],
    ("threatened", "France threatened to {V}.", "threat"),
    *[(w, f"France {w} to {{V}}.", "neg") for w in ("failed", "refused", "declined")],
    *[(w, f"France {w} to {{V}}.", "asserted") for w in ("continued", "began")],
    *[(f"{w}-ing", f"France {w} {{G}}.", "asserted") for w in ("began", "resumed", "continued")],
    ("stopped-ing", "France stopped {G}.", "neg"),
    ("not-continue", "France did not continue to {V}.", "neg"),
    ("has-yet", "France has yet to {V}.", "neg"),
    ("is-yet", "France is yet to {V}.", "neg"),
    *[(f"is-{w}", f"France is {w} to {{V}}.", "intent") for w in ("set", "due", "about", "going", "poised")],
    ("is-expected", "France is expected to {V}.", "nonassert"),
    ("is-likely", "France is likely to {V}.", "possible"),
    ("appears", "France appears to {V}.", "nonassert"),
    ("seems", "France seems to have {P}.", "nonassert"),
    *[(w, f"France {w} {{V}}.", "nonassert") for w in ("must", "should", "would")],
    *[(w, f"France {w} {{V}}.", "possible") for w in ("could", "may", "might")],
    ("will", "France will {V}.", "intent"),
    ("will-not", "France will not {V}.", "neg"),
    ("will-not-until", "France will not {V} until Brazil changes its policy.", "neg"),
    ("said-would", "France said it would {V}.", "nonassert"),
    ("said-that-would", "France said that it would {V}.", "nonassert"),
    ("said-will", "France said it will {V}.", "intent"),
    ("said-not-would", "France said it would not {V}.", "neg"),
    ("ruled-out", "France ruled out {G}.", "neg"),
    ("out-of-question", "{G0} is out of the question, France said.", "neg"),
    ("prevented", "Brazil prevented France from {G}.", "neg"),
    *[
        (w, f"France {w.replace('-', ' ')} Japan to {{V}}.", "obj")
        for w in ("urged", "called-on", "asked", "pressed", "encouraged")
    ],
    ("allowed", "France allowed Japan to {V}.", "objimpl"),
    ("forced", "France forced Japan to {V}.", "objimpl"),
    ("accused-of", "France accused Japan of {G}.", "accuse"),
]
TURNED = {"AGREE", "THREATEN", "REJECT"}  # a predicate read as its own act ("willing to meet": AGREE)


def _finder(text: str, doc: str = "", lang: str = "en", on: Any = None, kb: Any = None) -> list[Mention]:
    return [
        Mention(doc, m.start(), m.end(), m.group(1), *NAMES[m.group(1)], None) for m in PATTERN.finditer(text)
    ]


def _fault(kind: str, recs: list[dict[str, Any]], want: str | None) -> str | None:
    """What the records miss of what the predicate says, or None."""
    src = "JPN" if kind in ("obj", "objimpl", "accuse") else "FRA"
    if not recs:
        return "no record"
    if kind == "obj" and not any(r["type"] == "REQUEST" and r["target"] == ["JPN"] for r in recs):
        return "no request"
    if kind == "accuse" and not any(r["type"] == "ACCUSE" and r["target"] == ["JPN"] for r in recs):
        return "no accusation"
    act = [r for r in recs if r["type"] == want and r["source"] == [src]]
    act = act or [r for r in recs if r["source"] == [src] and r["type"] in TURNED]
    if not act:
        return "wrong type or source"
    r = act[0]
    modality, negated, turned = r["modality"], r["negated"], r["type"] in TURNED and r["type"] != want
    if kind == "asserted" and (modality != "asserted" or negated):
        return f"not asserted ({modality})"
    if kind in ("intent", "nonassert", "obj", "accuse") and modality == "asserted" and not negated:
        if (turned and kind == "nonassert") or (r["type"] in TURNED and kind == "intent"):
            return None  # "is willing to meet X", "is willing to sign an agreement": the AGREE of an intent
        return "asserted"
    if kind == "possible" and modality != "possible":
        return f"modality {modality}"
    if kind == "neg" and not negated and r["type"] != "REJECT":
        return f"not negated ({modality})"
    return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", default="", help="print every sentence of this predicate")
    ap.add_argument("--json", default="", help="write every sentence and its records to this file")
    args = ap.parse_args()
    ex = RuleExtractor("en", finder=_finder)
    plain: dict[str, str | None] = {}
    faults: dict[str, Counter[str]] = defaultdict(Counter)
    rows = []
    for pkey, template, kind in PREDICATES:
        for akey, base, gerund, past in ACTS:
            text = template.format(V=base, G=gerund, P=past, G0=gerund[0].upper() + gerund[1:])
            doc = Document("audit", f"{pkey}-{akey}", text, text, None, "en", "2023-05-10")
            recs = [e.to_record() for e in ex.extract(doc).events]
            if pkey == "plain":
                plain[akey] = recs[0]["type"] if recs else None
            fault = _fault(kind, recs, plain.get(akey))
            if fault:
                faults[pkey][fault] += 1
            shown = [
                f"{r['type']} {','.join(r['source'])}>{','.join(r['target'])} {r['modality']}"
                + (" negated" if r["negated"] else "")
                for r in recs
            ]
            rows.append({"predicate": pkey, "act": akey, "text": text, "records": shown, "fault": fault})
            if pkey == args.show:
                print(f"{text:70s} {' | '.join(shown) or '-'}{'   <- ' + fault if fault else ''}")
    print(f"{'predicate':16s} faults")
    for pkey, _, _ in PREDICATES:
        if faults[pkey]:
            print(f"{pkey:16s} {sum(faults[pkey].values()):2d}/{len(ACTS)}  {dict(faults[pkey])}")
    print(f"total: {sum(sum(c.values()) for c in faults.values())} of {len(rows)} sentences")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(rows, f, indent=1)


if __name__ == "__main__":
    main()
