"""English parse hook, marker phrases: "sanctions targeting X", "aimed at X", "with regard to X",
"X-related sanctions" and "put pressure on X" re-hung in the shape the engine reads (cues
"parse_hook_words": "marker_phrases", "hyphen_topic", "noun_verbs")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NOMINAL = ("NOUN", "PROPN", "PRON")


def marker_phrases(doc: Doc, hook: dict[str, Any]) -> None:
    """Run the three rewrites of this module on one UD-shaped sentence."""
    phrases: dict[str, str] = hook.get("marker_phrases", {})
    if phrases:
        _phrase_objects(doc, phrases, hook.get("marker_phrase_heads", {}))
    _hyphen_topics(doc, set(hook.get("hyphen_topic", [])))
    for spec in hook.get("noun_verbs", []):
        _noun_verb(doc, spec)
    aim = hook.get("aim_verbs", {})
    if aim:
        _aimed_object(doc, set(aim.get("verbs", [])), str(aim.get("prep")), str(aim.get("marker")))


def _aimed_object(doc: Doc, verbs: set[str], prep: str, marker: str) -> None:
    """ "directed criticism at X", "leveled accusations at X": the verb's at-phrase names whom its object
    noun is aimed at; it hangs on that noun as `nmod:toward` ("criticism towards X")."""
    for v in list(doc):
        if v.pos_ != "VERB" or v.lemma_.lower() not in verbs:
            continue
        objs = [c for c in v.children if c.dep_ == "obj" and c.pos_ == "NOUN"]
        if len(objs) != 1:
            continue
        phrases = list(v.children) + list(objs[0].children)  # "at X" on the verb or on its noun
        for x in [c for c in phrases if c.dep_ in ("obl", "nmod") and c.pos_ in NOMINAL]:
            cases = [c for c in x.children if c.dep_ == "case" and c.text.lower() == prep and c.i < x.i]
            if cases and objs[0].i < x.i:
                x.head, x.dep_ = objs[0], f"nmod:{marker}"
                cases[0].dep_ = "fixed"


def _phrase_objects(doc: Doc, phrases: dict[str, str], heads: dict[str, list[str]]) -> None:
    """ "imposed sanctions targeting X", "criticism aimed at X", "sanctions with regard to X": the phrase's
    noun (X) hangs on the word the phrase qualifies, as `nmod:MARKER` (`obl:MARKER` on a verb), the phrase's
    words `fixed` under it; the participle no longer stands between X and the act. Not a clause ("aimed at
    easing shortages"): the phrase's object must be a noun; nor a clause set off by a comma ("carried out a
    raid, targeting X": the raid's own aim, read by the act's rows). A phrase listed in `heads` qualifies only
    those nouns ("sanctions targeting X"; "a bomb targeting X" keeps its participle, an act of its own)."""
    keys = {phrase.replace(" ", "").lower(): marker for phrase, marker in phrases.items()}
    longest = max(len(p.split()) for p in phrases) + 4  # "vis-à-vis" is five tokens
    k = 0
    while k < len(doc):
        found = None
        for n in range(min(longest, len(doc) - k - 1), 0, -1):
            marker = keys.get("".join(t.text for t in doc[k : k + n]).lower())
            if marker is not None and k > 0 and doc[k - 1].whitespace_ and doc[k - 1].text != ",":
                found = (n, marker)
                break
        if found is None:
            k += 1
            continue
        n, marker = found
        only = heads.get(" ".join(t.text.lower() for t in doc[k : k + n]))
        _rehang(doc, list(doc[k : k + n]), marker, set(only) if only else None)
        k += n


def _rehang(doc: Doc, words: list[Token], marker: str, only: set[str] | None) -> None:
    inside = {t.i for t in words}
    after = words[-1].i + 1
    if after >= len(doc):
        return
    obj = doc[after]
    while obj.head.i not in inside and obj.head.i > after and obj.head.i != obj.i:
        obj = obj.head  # "targeting the Iranian regime": up to the phrase's head noun
    tops = [t for t in words if (t.head.i not in inside and t.head.i != obj.i) or t.head.i == t.i]
    if obj.head.i not in inside or obj.pos_ not in NOMINAL or len(tops) != 1:
        return
    gov = tops[0].head
    if gov.i == tops[0].i or gov.i in inside or (only is not None and gov.lemma_.lower() not in only):
        return
    obj.head = gov
    obj.dep_ = f"{'nmod' if gov.pos_ in NOMINAL else 'obl'}:{marker}"
    for t in words:
        t.head, t.dep_ = obj, "fixed"
        for c in list(t.children):
            if c.i not in inside and c.dep_ == "case":  # "at", "to" the parser gave the noun: now fixed
                c.head, c.dep_ = obj, "fixed"
    for c in list(obj.children):
        if c.dep_ == "case":
            c.dep_ = "fixed"


def _hyphen_topics(doc: Doc, words: set[str]) -> None:
    """ "Iran-related sanctions", "Hezbollah-linked banks": the name before the hyphen is the noun's
    `nmod:about` (what the sanctions are about), not the participle's own dependent."""
    for p in list(doc):
        if p.i < 2 or p.text.lower() not in words or doc[p.i - 1].text != "-":
            continue
        x = doc[p.i - 2]
        while x.head.i != p.i and x.head.i < p.i - 1 and x.head.i != x.i:
            x = x.head
        noun = p.head
        if x.head.i != p.i or noun.i <= p.i or noun.pos_ not in ("NOUN", "PROPN") or x.pos_ != "PROPN":
            continue
        x.head, x.dep_ = noun, "nmod:about"
        p.dep_, p.pos_ = "amod", "ADJ"


def _noun_verb(doc: Doc, spec: dict[str, Any]) -> None:
    """ "put pressure on X to release", "stepped up pressure on X": the support verb takes the noun's verb
    lemma ("pressure") and the preposition's noun (X) as its object, as "pressured X to release"."""
    noun_word, prep, verbs = spec.get("noun"), spec.get("prep"), set(spec.get("verbs", []))
    for noun in list(doc):
        v = noun.head
        if noun.lemma_.lower() != noun_word or noun.dep_ != "obj" or v.pos_ != "VERB":
            continue
        if v.lemma_.lower() not in verbs:
            continue
        for x in [c for c in list(v.children) + list(noun.children) if c.dep_ in ("obl", "nmod")]:
            cases = [c for c in x.children if c.dep_ == "case" and c.text.lower() == prep and c.i < x.i]
            if not cases or x.pos_ not in NOMINAL or x.i < noun.i:
                continue
            v.lemma_ = str(spec.get("lemma"))
            x.head, x.dep_ = v, "obj"
            cases[0].head, cases[0].dep_ = v, "dep"
            noun.dep_ = "dep"
            for comp in list(v.children) + list(noun.children):  # "to recognise X": the verb's complement
                to = any(c.dep_ == "aux" and c.text.lower() == "to" for c in comp.children)
                if (
                    comp.dep_ in ("advcl", "acl")
                    and comp.i > x.i
                    and to
                    and "VerbForm=Inf" in str(comp.morph)
                ):
                    comp.head, comp.dep_ = v, "xcomp"
            break
