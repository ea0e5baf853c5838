"""Verb-form audit: each two-party verb row of the English triggers in 18 grammatical forms, failures by form.

For every event row of src/allymap/lang/en/triggers.tsv whose verb takes a named target (object or a
marker phrase), an invented sentence with state actors (France acting on Germany) is written in each form
of FORMS; a form fails when no record of the row's type joins FRA to DEU (a symmetric record either way),
when its modality or negation is not the form's (EVENTS.md: "will" intended, "could" possible, "did not"
negated), or when a record of the row's type names a party the sentence does not give it. Rows whose plain
active past gives no such record are counted apart (the row itself, not the form). No corpus sentence.

    PYTHONPATH=src .venv/bin/python bench/audit_forms.py [--forms a,b] [--show FORM] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from allymap.extract import RuleExtractor  # noqa: F401  (registers "rules")
from allymap.records import Document
from allymap.registry import extractors

TRIGGERS = Path(__file__).resolve().parents[1] / "src" / "allymap" / "lang" / "en" / "triggers.tsv"
CUES = TRIGGERS.with_name("cues.json")

IRREGULAR = {  # lemma: (past, past participle)
    "break": ("broke", "broken"),
    "blow": ("blew", "blown"),
    "build": ("built", "built"),
    "cut": ("cut", "cut"),
    "fight": ("fought", "fought"),
    "fly": ("flew", "flown"),
    "forgive": ("forgave", "forgiven"),
    "give": ("gave", "given"),
    "go": ("went", "gone"),
    "hit": ("hit", "hit"),
    "hold": ("held", "held"),
    "lay": ("laid", "laid"),
    "lend": ("lent", "lent"),
    "let": ("let", "let"),
    "make": ("made", "made"),
    "meet": ("met", "met"),
    "put": ("put", "put"),
    "seek": ("sought", "sought"),
    "sell": ("sold", "sold"),
    "send": ("sent", "sent"),
    "shoot": ("shot", "shot"),
    "shut": ("shut", "shut"),
    "sink": ("sank", "sunk"),
    "sit": ("sat", "sat"),
    "speak": ("spoke", "spoken"),
    "strike": ("struck", "struck"),
    "take": ("took", "taken"),
    "write": ("wrote", "written"),
    "freeze": ("froze", "frozen"),
    "unfreeze": ("unfroze", "unfrozen"),
    "withdraw": ("withdrew", "withdrawn"),
    "bail": ("bailed", "bailed"),
    "pay": ("paid", "paid"),
    "lash": ("lashed", "lashed"),
    "overrun": ("overran", "overrun"),
    "stab": ("stabbed", "stabbed"),
}
DOUBLE = set(
    (
        "ban kidnap step stop scrap slap stab swap pin gun ship airdrop commit admit equip plan "
        "travel compel rebut cancel control transfer repel propel patrol format occur refer confer "
    ).split()
)
MASS = set(
    (
        "aid assistance funding support help cooperation consensus agreement asylum fire peace "
        "blame credit tribute revenge retaliation access intelligence information evidence data "
        "water dialogue membership accession independence sovereignty understanding partnership "
        "mediation permission force war "
    ).split()
)
PARTICLES = {"down", "off", "up", "out", "back", "on", "over", "away", "in"}
PLURAL_NOUNS = set(
    (
        "tie relation sanction restriction tariff need view operation hour refugee migrant seeker "
        "demand talk weapon diplomat envoy inspector hostage difference negotiation export import "
        "asset fund reprisal atrocity force action "
    ).split()
)
PREP_ORDER = ["with", "against", "on", "to", "of", "from", "for", "in", "toward", "during"]
PREP_WORD = {"during": "at"}
STATES = ("France", "FRA", "French", "Germany", "DEU", "German")
THIRD = ("Japan", "JPN")


def inflect(lemma: str) -> dict[str, str]:
    """Past, participle, third person and gerund of an English verb (the heads the triggers use)."""
    if lemma in IRREGULAR:
        past, pp = IRREGULAR[lemma]
    elif lemma in DOUBLE:
        past = pp = lemma + lemma[-1] + "ed"
    elif lemma.endswith("e"):
        past = pp = lemma + "d"
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        past = pp = lemma[:-1] + "ied"
    else:
        past = pp = lemma + "ed"
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    if lemma in DOUBLE:
        ing = lemma + lemma[-1] + "ing"
    elif lemma.endswith("ie"):
        ing = lemma[:-2] + "ying"
    elif lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")):
        ing = lemma[:-1] + "ing"
    else:
        ing = lemma + "ing"
    return {"base": lemma, "past": past, "pp": pp, "third": third, "ing": ing}


@dataclass(frozen=True)
class Row:
    line: int
    lemma: str
    type: str
    mode: str
    frame: str
    options: str
    verb: str
    particle: str  # "down" of step+down
    noun: str  # the object phrase the row requires ("sanctions", "aid"), or ""
    prep: str  # "" when the target is the object


def _class_word(classes: dict[str, list[str]], name: str) -> str:
    words = classes.get(name, [])
    plural = [w for w in words if w.endswith("s") and " " not in w]
    return (plural or words or [""])[0]


def rows(classes: dict[str, list[str]]) -> list[Row]:
    out: list[Row] = []
    for i, line in enumerate(TRIGGERS.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#") or not line.strip():
            continue
        cols = line.split("\t") + [""] * 7
        lemma, pos, kind, typ, mode, frame, options = cols[:7]
        if pos != "VERB" or kind != "event" or "skip" in options.split(","):
            continue
        keys = dict(k.split("=", 1) for k in frame.split() if "=" in k)
        opts = dict((o.split("=", 1) + [""])[:2] for o in options.split(",") if o)
        if "needs" in opts and "xcomp" in opts["needs"] and "obj" not in keys:
            continue
        if "solo" in opts:
            continue
        verb, _, second = lemma.partition("+")
        particle = second if second in PARTICLES else ""
        noun = ""
        if second and not particle:
            noun = second + "s" if second in PLURAL_NOUNS else second if second in MASS else "the " + second
            noun = noun.replace("atrocitys", "atrocities")
        for cls_opt in ("thing", "obj"):
            val = opts.get(cls_opt, "")
            if val and not val.startswith("!") and val not in ("event",) and not noun:
                noun = _class_word(classes, val.split("|")[0])
        if keys.get("obj") == "target" and not noun and keys.get("subj") == "source":
            prep = ""
        else:
            prep = next((p for p in PREP_ORDER if keys.get(p) == "target"), "")
            if not prep:
                continue
            if keys.get("obj") == "target" and noun:
                prep = prep  # object noun plus marker target ("granted asylum to X")
        if keys.get("subj") != "source":
            continue
        if prep and not noun and ("obj=!" in options or "needs=obj" in options):
            noun = "aid" if typ == "AID" else "troops" if typ in ("RETREAT", "SANCTION") else ""
        out.append(Row(i, lemma, typ, mode, frame, options, verb, particle, noun, prep))
    return out


def tail(row: Row, target: str) -> str:
    """What follows the verb in the active: particle, object noun, the target (object or marker)."""
    parts = [row.particle] if row.particle else []
    if row.prep:
        if row.noun:
            parts.append(row.noun)
        parts += [PREP_WORD.get(row.prep, row.prep), target]
    else:
        parts.append(target)
    return " ".join(p for p in parts if p)


def forms(row: Row) -> dict[str, tuple[str, dict[str, Any]]]:
    """Form name: (sentence, what the row's record must be)."""
    f = inflect(row.verb)
    t = tail(row, "Germany")
    asserted = {"modality": "asserted", "negated": False}
    armed = row.type in ("ASSAULT", "FIGHT")
    who = "troops" if armed or row.type == "COERCE" else "officials"
    opts = dict((o.split("=", 1) + [""])[:2] for o in row.options.split(",") if o)
    # a row read as another type when negated ("did not accept X's offer": REJECT, asserted)
    negated = {**asserted, "type": opts["negated_type"]} if "negated_type" in opts else {"negated": True}
    out: dict[str, tuple[str, dict[str, Any]]] = {
        "active_past": (f"France {f['past']} {t}.", asserted),
        "present_perfect": (f"France has {f['pp']} {t}.", asserted),
        "progressive": (f"France is {f['ing']} {t}.", asserted),
        "future_will": (f"France will {f['base']} {t}.", {"modality": "intended", "negated": False}),
        "modal_could": (f"France could {f['base']} {t}.", {"modality": "possible", "negated": False}),
        "negated_did_not": (f"France did not {f['base']} {t}.", negated),
        "relative_clause": (
            f"France, which {f['past']} {t} last week, said on Monday it wanted calm.",
            asserted,
        ),
        "relative_on_object": (
            f"Japan mentioned France, which {f['past']} {t} last week, in its statement.",
            asserted,
        ),
        "participial_adjunct": (f"After {f['ing']} {t}, France said it wanted calm.", asserted),
        "headline_present": (f"France {f['third']} {t}", asserted),
        "headline_to_future": (f"France to {f['base']} {t}", {"modality": "intended", "negated": False}),
        "coord_objects": (
            f"France {f['past']} {tail(row, 'Germany and Japan')}.",
            {**asserted, "also": "JPN"},
        ),
        "organ_subject": (f"The French government {f['past']} {t}.", asserted),
        "demonym_sides": (
            f"French {who} {f['past']} "
            f"{tail(row, 'German positions' if armed else 'the German government')}.",
            asserted,
        ),
    }
    part = f" {row.particle}" if row.particle else ""
    if not row.prep:
        out["passive_by"] = (f"Germany was {f['pp']}{part} by France.", asserted)
        out["passive_no_by"] = (f"Germany was {f['pp']}{part} on Monday.", {"no_source": True})
        out["reduced_relative"] = (
            f"Germany, {f['pp']}{part} by France on Monday, said it would respond.",
            asserted,
        )
        out["reduced_relative_on_object"] = (
            f"Japan mentioned Germany, {f['pp']}{part} by France on Monday, in its statement.",
            {"stray_only": True},  # the parser may hang the participle on "mentioned": only no stray party
        )
        out["object_relative"] = (
            f"Germany, which France {f['past']}{part} last week, wanted calm.",
            asserted,
        )
        out["coord_verbs_row_second"] = (f"France criticised and {f['past']}{part} Germany.", asserted)
        out["coord_verbs_row_first"] = (f"France {f['past']}{part} and criticised Germany.", asserted)
    elif row.noun:
        subj = row.noun[0].upper() + row.noun[1:]
        be = "were" if row.noun.endswith("s") and not row.noun.endswith("ss") else "was"
        pw = PREP_WORD.get(row.prep, row.prep)
        out["passive_by"] = (f"{subj} {be} {f['pp']}{part} {pw} Germany by France.", asserted)
        out["passive_no_by"] = (f"{subj} {be} {f['pp']}{part} {pw} Germany on Monday.", {"no_source": True})
        out["reduced_relative"] = (
            f"The {row.noun.removeprefix('the ')}, {f['pp']}{part} {pw} Germany by France on Monday,"
            " drew little comment.",
            asserted,
        )
    return out


def judge(records: list[dict[str, Any]], typ: str, want: dict[str, Any]) -> str:
    """'ok', or the failure: missing, modality, negation, overfire (a row-type record with a stray party)."""
    typ = want.get("type", typ)
    mine = [r for r in records if r["type"] == typ]
    allowed = {"FRA", "DEU"} | ({"JPN"} if want.get("also") else set())
    for r in mine:
        if set(r["source"]) - allowed or set(r["target"]) - allowed:
            return "overfire"
        if "DEU" in r["source"] and "FRA" in r["target"] and not r["symmetric"]:
            return "overfire"
    if want.get("stray_only"):
        return "ok"
    if want.get("no_source"):
        return "ok" if all(not r["source"] for r in mine) else "sourced"

    def joins(r: dict[str, Any]) -> bool:
        s, t = set(r["source"]), set(r["target"])
        return ("FRA" in s and "DEU" in t) or (r["symmetric"] and "DEU" in s and "FRA" in t)

    hits = [r for r in mine if joins(r)]
    if not hits:
        return "missing"
    if want.get("also") and not any("JPN" in r["target"] or "JPN" in r["source"] for r in mine):
        return "missing_second_object"
    if "negated" in want and not any(r["negated"] == want["negated"] for r in hits):
        return "negation"
    if "modality" in want and not any(r["modality"] == want["modality"] for r in hits):
        return "modality:" + ",".join(sorted({r["modality"] for r in hits}))
    return "ok"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--forms", default="")
    ap.add_argument("--show", default="", help="print the failing sentences of this form")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    classes = json.loads(CUES.read_text(encoding="utf-8"))["object_classes"]
    ex = extractors.create("rules", lang="en")
    seen: set[tuple[str, str]] = set()
    base_fail: list[str] = []
    table: dict[str, Counter[str]] = defaultdict(Counter)
    by_type: dict[str, Counter[str]] = defaultdict(Counter)
    dump: list[dict[str, Any]] = []
    shown: list[str] = []
    todo = rows(classes)
    if args.limit:
        todo = todo[: args.limit]
    wanted = set(args.forms.split(",")) if args.forms else None
    n = 0

    def run(text: str) -> list[dict[str, Any]]:
        nonlocal n
        n += 1
        doc = Document("audit", f"a{n}", text, text, None, "en", "2023-05-10")
        return [e.to_record() for e in ex.extract(doc).events]

    for row in todo:
        fs = forms(row)
        base_text = fs["active_past"][0]
        if (base_text, row.type) in seen:
            continue
        seen.add((base_text, row.type))
        base = judge(run(base_text), row.type, fs["active_past"][1])
        if base != "ok":
            base_fail.append(f"{row.line}\t{row.lemma}\t{row.type}\t{base}\t{base_text}")
            continue
        for name, (text, want) in fs.items():
            if name == "active_past" or (wanted and name not in wanted):
                continue
            recs = run(text)
            verdict = judge(recs, row.type, want)
            table[name][verdict.split(":")[0]] += 1
            by_type[row.type][verdict == "ok"] += 1
            dump.append(
                {
                    "line": row.line,
                    "lemma": row.lemma,
                    "type": row.type,
                    "form": name,
                    "text": text,
                    "verdict": verdict,
                }
            )
            if args.show == name and verdict != "ok":
                got = [(r["type"], r["source"], r["target"], r["modality"], r["negated"]) for r in recs]
                shown.append(f"{verdict}\t{row.lemma}/{row.type}\t{text}\t{got}")
    print(f"rows audited: {len(seen) - len(base_fail)}; active past itself failing: {len(base_fail)}")
    kinds = sorted({k for c in table.values() for k in c})
    print(f"{'form':26}" + "".join(f"{k:>22}" for k in kinds))
    for name in sorted(table, key=lambda x: -table[x]["ok"] / max(1, sum(table[x].values()))):
        c = table[name]
        print(f"{name:26}" + "".join(f"{c[k]:>22}" for k in kinds))
    print("per type ok/all:", {t: f"{c[True]}/{c[True] + c[False]}" for t, c in sorted(by_type.items())})
    for line in shown:
        print(line)
    if args.json:
        args.json.write_text(json.dumps({"base_fail": base_fail, "cases": dump}, indent=0), encoding="utf-8")


if __name__ == "__main__":
    main()
