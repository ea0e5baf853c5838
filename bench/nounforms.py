"""Noun-form matrix audit: act-noun trigger rows in invented noun-phrase forms, failures tabulated by form."""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

import allymap.extract  # noqa: F401  (registers the rule extractor)
from allymap.records import Document
from allymap.registry import extractors

TRIGGERS = Path(__file__).resolve().parents[1] / "src" / "allymap" / "lang" / "en" / "triggers.tsv"
PAIRS = [
    ("France", "French", "FRA", "Germany", "German", "DEU"),
    ("Japan", "Japanese", "JPN", "Brazil", "Brazilian", "BRA"),
    ("Egypt", "Egyptian", "EGY", "Turkey", "Turkish", "TUR"),
    ("Germany", "German", "DEU", "Japan", "Japanese", "JPN"),
    ("Brazil", "Brazilian", "BRA", "Egypt", "Egyptian", "EGY"),
    ("Turkey", "Turkish", "TUR", "France", "French", "FRA"),
]
THIRD = ("Canada", "CAN")
RELATIONS = {"ALLY", "PARTNER", "ADVERSARY", "MEMBER"}
PLURAL = {
    "sanction": "sanctions",
    "talk": "talks",
    "negotiation": "negotiations",
    "consultation": "consultations",
}
MOD = {
    "mod=armed": "military",
    "mod=captives": "prisoner",
    "mod=military": "missile",
    "mod=operation": "military",
}
# light verb per type; per lemma overrides
LIGHT_TYPE = {
    "ASSAULT": "launched",
    "COERCE": "imposed",
    "SANCTION": "imposed",
    "CONSULT": "held",
    "AGREE": "signed",
    "AID": "sent",
    "ACCUSE": "made",
    "REQUEST": "made",
    "SUPPORT": "expressed",
    "PROTEST": "lodged",
    "THREATEN": "issued",
    "RETREAT": "announced",
    "MOBILIZE": "announced",
    "COOPERATE": "expanded",
    "REJECT": "issued",
    "CONCEDE": "made",
}
LIGHT_LEMMA = {
    "visit": "paid",
    "trip": "made",
    "tour": "made",
    "call": "made",
    "letter": "sent",
    "offer": "made",
    "pledge": "made",
    "invitation": "sent",
    "appeal": "issued",
    "investigation": "opened",
    "probe": "opened",
    "inquiry": "opened",
    "enquiry": "opened",
    "lawsuit": "filed",
    "complaint": "filed",
    "charge": "brought",
    "loan": "granted",
    "grant": "gave",
    "contribution": "made",
    "airlift": "began",
    "invasion": "launched",
    "war": "waged",
    "clash": "had",
    "fighting": "began",
    "battle": "fought",
    "ceasefire": "agreed",
    "truce": "declared",
    "armistice": "signed",
    "blockade": "imposed",
    "siege": "laid",
    "occupation": "began",
    "annexation": "completed",
    "deal": "reached",
    "agreement": "signed",
    "sanction": "imposed",
    "embargo": "imposed",
    "ban": "imposed",
    "boycott": "announced",
    "crackdown": "launched",
    "protest": "lodged",
    "apology": "offered",
    "recognition": "extended",
    "threat": "issued",
    "ultimatum": "issued",
    "meeting": "held",
    "summit": "held",
    "conference": "held",
    "dialogue": "held",
    "conversation": "had",
    "discussion": "held",
    "negotiation": "held",
    "consultation": "held",
    "mediation": "offered",
    "exercise": "held",
    "drill": "held",
    "wargame": "held",
    "cooperation": "expanded",
    "partnership": "formed",
    "shelling": "began",
    "bombing": "began",
    "bombardment": "began",
    "murder": "committed",
    "massacre": "committed",
    "genocide": "committed",
    "assassination": "carried out",
    "killing": "carried out",
    "execution": "carried out",
    "concession": "made",
    "withdrawal": "announced",
    "veto": "cast",
}


def an(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def rows() -> list[dict]:
    out, seen = [], set()
    for line in TRIGGERS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 6 or cols[1] != "NOUN" or cols[2] != "event" or cols[3] in RELATIONS:
            continue
        lemma, ptype, frame = cols[0], cols[3], cols[5]
        opts = cols[6] if len(cols) > 6 else ""
        if "skip" in opts.split(",") or "copular" in opts or "solo" in opts.split(","):
            continue
        marks = dict(x.split("=", 1) for x in frame.split() if "=" in x)
        order = ("on", "against", "to", "with", "for", "of", "in", "from")
        tgt = next((m for m in order if marks.get(m) in ("target", "both")), None)
        if tgt is None:
            continue
        key = (lemma, ptype)
        if key in seen:
            continue
        seen.add(key)
        mod = next((MOD[o] for o in opts.split(",") if o in MOD), "")
        if "mod=labour" in opts:
            continue
        out.append(
            {
                "lemma": lemma,
                "type": ptype,
                "marks": marks,
                "opts": opts,
                "tgt": tgt,
                "mod": mod,
                "sym": "sym" in opts.split(","),
            }
        )
    return out


def forms(r: dict, pair: tuple) -> list[tuple[str, str, dict]]:
    """(form, sentence, expectation) triples for one row."""
    a, ad, ac, b, bd, bc = pair
    lemma = r["lemma"]
    n = PLURAL.get(lemma, lemma)
    nm = (r["mod"] + " " + n).strip()
    p = r["tgt"]
    pl = n != lemma
    art = "" if pl else an(nm) + " "
    the = "the "
    pos = {"type": r["type"], "source": [ac], "target": [bc], "modality": "asserted", "negated": False}
    pos["sym"] = r["sym"]
    out = []
    tp = f"{p} {b}"
    out.append(("poss", f"{a}'s {nm} {tp} came on Monday.", pos))
    out.append(("by-front", f"The {nm} by {a} {tp} came on Monday.", pos))
    out.append(("by-back", f"The {nm} {tp} by {a} came on Monday.", pos))
    out.append(("demonym", f"{(art or 'The ').capitalize()}{ad} {nm} {tp} came on Monday.", pos))
    out.append(("name-compound", f"The {a} {nm} {tp} came on Monday.", pos))
    if r["sym"]:
        out.append(("hyphen-dem", f"The {ad}-{bd} {nm} came on Monday.", pos))
        out.append(("hyphen-name", f"The {a}-{b} {nm} came on Monday.", pos))
        out.append(("between", f"The {nm} between {a} and {b} came on Monday.", pos))
    lv = LIGHT_LEMMA.get(lemma, LIGHT_TYPE[r["type"]])
    out.append(("light-verb", f"{a} {lv} {art}{nm} {tp} on Monday.", pos))
    verbs = {"ASSAULT": "killed five people", "SANCTION": "hurt the economy", "CONSULT": "ended on Monday"}
    subj_verb = verbs.get(r["type"], "drew attention on Monday")
    out.append(("subject", f"{a}'s {nm} {tp} {subj_verb}.", pos))
    out.append(("pp-after", f"After {a}'s {nm} {tp}, markets fell.", pos))
    out.append(("pp-response", f"In response to {the}{ad} {nm} {tp}, markets fell.", pos))
    rep = dict(pos)
    rep["also"] = {"type": "ACCUSE", "source": [THIRD[1]], "target": [ac]}
    out.append(("report-obj", f"{THIRD[0]} condemned {a}'s {nm} {tp}.", rep))
    modal = dict(pos, modality="not-asserted")
    lead = "Possible" if pl else "A possible"
    out.append(("possible", f"{lead} {ad} {nm} {tp} worried markets.", modal))
    ruled = {"type": "*ruled", "source": [ac], "target": [bc]}
    out.append(("ruled-out", f"{a} ruled out {art}{nm} {tp}.", ruled))
    out.append(("lv-negated", f"{a} did not {lv_base(lv)} {art}{nm} {tp}.", dict(pos, negated=True)))
    return out


def lv_base(lv: str) -> str:
    irregular = {
        "paid": "pay",
        "made": "make",
        "sent": "send",
        "held": "hold",
        "had": "have",
        "fought": "fight",
        "laid": "lay",
        "brought": "bring",
        "gave": "give",
        "cast": "cast",
        "carried out": "carry out",
        "began": "begin",
        "waged": "wage",
        "imposed": "impose",
        "signed": "sign",
        "launched": "launch",
        "issued": "issue",
        "lodged": "lodge",
        "announced": "announce",
        "expanded": "expand",
        "expressed": "express",
        "opened": "open",
        "filed": "file",
        "granted": "grant",
        "agreed": "agree",
        "declared": "declare",
        "reached": "reach",
        "offered": "offer",
        "extended": "extend",
        "formed": "form",
        "committed": "commit",
        "completed": "complete",
    }
    return irregular.get(lv, lv)


def judge(evs: list, want: dict) -> str:
    if want["type"] == "*ruled":
        # ruled out: REJECT towards the other side, or the act negated/not asserted; never an asserted act
        for e in evs:
            if e.type == "REJECT" and set(e.target) & set(want["target"]):
                return "ok"
        for e in evs:
            if set(e.source) == set(want["source"]) and (e.negated or e.modality != "asserted"):
                return "ok"
        if any(not e.negated and e.modality == "asserted" and e.type not in ("REJECT",) for e in evs):
            return "asserted"
        return "none"
    if "also" in want:
        al = want["also"]
        has_also = any(e.type == al["type"] and set(e.source) == set(al["source"]) for e in evs)
        if not has_also:
            return "no-report-event"
    cands = [e for e in evs if e.type == want["type"]]
    if not cands:
        return (
            "wrong-type"
            if [
                e
                for e in evs
                if e.kind == "event" and not ("also" in want and e.type == want["also"]["type"])
            ]
            else "none"
        )

    def roles_ok(e):
        s, t = set(e.source), set(e.target)
        if s == set(want["source"]) and t == set(want["target"]):
            return True
        return want["sym"] and s == set(want["target"]) and t == set(want["source"])

    good = [e for e in cands if roles_ok(e)]
    if not good:
        return "roles"
    e = good[0]
    if want["negated"] != bool(e.negated):
        return "negation"
    if want["modality"] == "asserted" and e.modality != "asserted":
        return "modality"
    if want["modality"] == "not-asserted" and e.modality == "asserted":
        return "modality"
    return "ok"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=Path("/tmp/nounforms.jsonl"))
    ap.add_argument("--lemma", default="")
    args = ap.parse_args()
    ex = extractors.create("rules", lang="en")
    table: dict[str, Counter] = defaultdict(Counter)
    rs = rows()
    if args.lemma:
        rs = [r for r in rs if r["lemma"] in args.lemma.split(",")]
    with args.out.open("w", encoding="utf-8") as f:
        for k, r in enumerate(rs):
            for form, text, want in forms(r, PAIRS[k % len(PAIRS)]):
                doc = Document("nf", f"nf{k}", text, text, None, "en", "2018-01-01")
                evs = [e for e in ex.extract(doc).events if e.kind == "event"]
                verdict = judge(evs, want)
                table[form][verdict] += 1
                got = [(e.type, list(e.source), list(e.target), e.modality, e.negated) for e in evs]
                f.write(
                    json.dumps(
                        {
                            "lemma": r["lemma"],
                            "type": r["type"],
                            "form": form,
                            "text": text,
                            "verdict": verdict,
                            "got": got,
                        }
                    )
                    + "\n"
                )
    print(f"{len(rs)} rows")
    kinds = sorted({v for c in table.values() for v in c})
    print(f"{'form':14}" + "".join(f"{k:>16}" for k in kinds))
    for form, c in table.items():
        print(f"{form:14}" + "".join(f"{c[k]:>16}" for k in kinds))


if __name__ == "__main__":
    main()
