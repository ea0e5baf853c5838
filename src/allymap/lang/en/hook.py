"""English parse hook: the English spaCy models label dependencies in the ClearNLP scheme; the rule
engine reads Universal Dependencies. This rewrites one parsed sentence in place into the UD shape the
engine expects (prepositions as `case` under their noun, copulas under their predicate noun, modals
of possibility governing their verb), driven by the words of the language's cues."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from allymap.lang.en.agency import acting_for
from allymap.lang.en.headlines import (
    headline_adjective,
    headline_future,
    headline_passive,
    headline_plural,
    headline_present,
    headline_stack_done,
    headline_support_verb,
)
from allymap.lang.en.objects import double_object, let_in
from allymap.lang.en.phrases import marker_phrases

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

RENAME = {
    "dobj": "obj",
    "nsubjpass": "nsubj:pass",
    "csubjpass": "csubj:pass",
    "auxpass": "aux:pass",
    "relcl": "acl:relcl",
    "neg": "advmod",
    "attr": "obj",
    "oprd": "xcomp",
    "acomp": "xcomp",
    "npadvmod": "obl",
    "pcomp": "obj",
    "pobj": "obj",
}


def _add_morph(tok: Token, feature: str) -> None:
    morph = str(tok.morph)
    tok.set_morph(f"{morph}|{feature}" if morph else feature)  # type: ignore[attr-defined]  # missing from spaCy's stubs


def _clause_head(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX", "ADJ")


def _gerund_of(tok: Token) -> bool:
    """ "guilty of violating", "responsible for attacking": a gerund clause marked by "of" or "for"."""
    marks = [c for c in tok.children if c.dep_ == "mark" and c.lower_ in ("of", "for")]
    return tok.dep_ == "advcl" and tok.tag_ == "VBG" and bool(marks)


def _negated(*toks: Token) -> bool:
    """ "was not guilty of": a negation on the copula or its adjective (left unread: no act stated)."""
    return any(c.dep_ == "neg" for t in toks for c in t.children)


def _infinitive_shape(tok: Token) -> bool:
    """ "to" + word + direct object: a verb, whatever the tagger said."""
    to = any(c.dep_ == "aux" and c.text.lower() == "to" and c.i == tok.i - 1 for c in tok.children)
    return to and any(c.dep_ == "dobj" for c in tok.children)


def _comma_participle(doc: Doc) -> None:
    """ "Lebanon, reportedly shelled by Israel, said ...": a past participle with an agent phrase, set off
    by commas, that the parser made an adverbial clause of the next verb with the noun before the commas
    as its own subject, is a reduced relative on that noun (acl), the noun the verb's subject, as the
    parser reads "Lebanon, reportedly attacked by Israel, rejected ..."."""
    for v in doc:
        h = v.head
        subj = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < v.i]
        if v.dep_ != "advcl" or v.tag_ not in ("VBN", "VBD") or h.i <= v.i or len(subj) != 1:
            continue
        s = subj[0]
        first = min(t.i for c in v.children if c.i != s.i for t in c.subtree if not t.is_punct)
        last = max(t.i for t in v.subtree if t.i not in {x.i for x in s.subtree})
        if (
            not any(c.dep_ == "agent" for c in v.children)
            or last + 1 >= h.i
            or s.pos_ not in ("NOUN", "PROPN")
        ):
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in h.children) or doc[last + 1].text != ",":
            continue
        if doc[first - 1].text == "," and max(t.i for t in s.subtree) < first:
            s.head, s.dep_ = h, "nsubj"
            v.head, v.dep_, v.tag_ = s, "acl", "VBN"


def _second_clause(doc: Doc, clause_verbs: set[str]) -> None:
    """ "X shelled Y and its army shelled Z": a noun with a determiner the parser coordinated with the
    verb's object (or, when the verb takes no clause, with the subject of a clause it made the verb's
    complement), right before a past verb with no subject of its own, is that verb's subject, and the
    verb a second clause coordinated with the first."""
    for n in doc:
        first, v1 = n.head, n.head.head
        if n.dep_ != "conj" or n.pos_ not in ("NOUN", "PROPN") or n.i < first.i:
            continue
        last = max(t.i for t in n.subtree)
        if last + 1 >= len(doc) or not any(c.dep_ in ("det", "poss") and c.i < n.i for c in n.children):
            continue
        v = doc[last + 1]
        if v.tag_ != "VBD" or any(c.dep_ in ("nsubjpass", "expl", "mark") for c in v.children):
            continue
        if first.dep_ == "dobj" and v.head.i == v1.i and v.dep_ in ("advcl", "conj", "dep", "ccomp"):
            if any(c.dep_ == "nsubj" for c in v.children):
                continue
        elif first.dep_ == "nsubj" and v1.i == v.i and v.dep_ == "ccomp" and v.head.i < first.i:
            gov = v.head
            if gov.tag_ != "VBD" or gov.lemma_.lower() in clause_verbs:
                continue
            if any(c.dep_ in ("dobj", "nsubjpass") for c in gov.children):
                continue
            first.head, first.dep_, v.dep_ = gov, "dobj", "conj"
        else:
            continue
        cc = [c for c in first.children if c.dep_ == "cc" and first.i < c.i < n.i]
        n.head, n.dep_, v.dep_ = v, "nsubj", "conj"
        for c in cc:
            c.head = v


def to_ud(doc: Doc, cues: dict[str, Any]) -> None:
    """Rewrite a ClearNLP-labelled parse into Universal Dependencies (in place)."""
    hook = cues.get("parse_hook_words", {})
    negators = {w.lower() for w in cues.get("negation", {}).get("adverbs", [])}
    possible = set(hook.get("modal_heads", []))
    conditional = set(hook.get("conditional_auxiliaries", []))
    future = set(hook.get("future_auxiliaries", []))
    alleged = set(hook.get("alleged_adverbs", []))
    guilty = set(cues.get("claimed_acts", {}).get("responsible_words", []))  # "X was guilty of attacking Y"
    toks = list(doc)
    _second_clause(
        doc, set(hook.get("clause_verbs", [])) | set(cues.get("attribution", {}).get("speech_verbs", []))
    )
    # 0. lemmatizer slips of the small model ("staged" -> "stag"): the verb lemmas the cues correct
    for t, right in ((t, hook.get("verb_lemmas", {}).get(t.lemma_.lower())) for t in toks):
        if right and t.pos_ == "VERB":
            t.lemma_ = right
    # 0b. "offered to host talks": an infinitive the tagger read as a noun ("to" right before it, an object)
    for t in toks:
        if t.pos_ == "NOUN" and t.dep_ == "xcomp" and _infinitive_shape(t):
            t.pos_ = "VERB"
            t.set_morph("VerbForm=Inf")  # type: ignore[attr-defined]  # missing from spaCy's stubs
    # 0c. "U.S. military aid": ClearNLP's `nmod` before its noun, with no preposition, is a UD `compound`
    for t in toks:
        if t.dep_ == "nmod" and t.i < t.head.i and t.pos_ == "PROPN":
            t.dep_ = "compound"
    # 0d. "The X air force carried out strikes ...": a past participle with a direct object right after a
    # root noun is the sentence's finite verb (a reduced relative takes no object), the noun its subject
    for t in toks:
        if t.dep_ != "ROOT" or t.pos_ not in ("NOUN", "PROPN") or t.i + 1 >= len(doc):
            continue
        v = doc[t.i + 1]
        kids = {c.dep_ for c in v.children}
        if v.head.i == t.i and v.dep_ == "acl" and v.tag_ in ("VBN", "VBD") and "dobj" in kids:
            if not kids & {"agent", "auxpass", "aux", "nsubj", "nsubjpass"}:
                v.head, v.dep_, t.head, t.dep_ = v, "ROOT", v, "nsubj"
                for c in [c for c in t.children if c.i > v.i]:
                    c.head = v
                v.tag_ = "VBD"
                v.set_morph("Tense=Past|VerbForm=Fin")  # type: ignore[attr-defined]  # missing from spaCy's stubs
    # 0e. "rebels loyal to X": a noun's allegiance adjective with its to-phrase is the owner ("X's rebels")
    _allegiance(doc, set(hook.get("allegiance_adjectives", [])))
    acting_for(doc, hook.get("acting_for", {}), alleged)  # "hackers working for X", "spies paid by X": X's
    # 0f. "called for sanctions on X to be lifted": the noun after "for" is the infinitive's subject
    for v in toks:
        _for_subject(v)
    # 0g. headline grammar: "France to send troops" (will send), "German envoy expelled by France" (was)
    intent = set(cues.get("modality", {}).get("intended_nouns", []))
    headline_future(doc, set(hook.get("headline_future_marks", [])), intent)
    headline_passive(doc)
    headline_present(doc)
    headline_adjective(doc)
    headline_stack_done(doc, set(cues.get("light_verbs", [])))
    headline_plural(doc, set(cues.get("light_verbs", [])))
    headline_support_verb(doc, set(cues.get("light_verbs", [])))
    # 0h. "Lebanon, reportedly shelled by Israel, said": the comma-set participle qualifies the subject
    _comma_participle(doc)
    # 1. prepositions: "prep -> pobj/pcomp" becomes "obl/nmod/advcl -> case/mark"
    for p in toks:
        if p.dep_ not in ("prep", "agent", "dative") or p.pos_ not in ("ADP", "SCONJ", "PART"):
            continue
        objs = [c for c in p.children if c.dep_ in ("pobj", "pcomp")]
        if not objs:
            continue
        y = objs[0]
        h = p.head
        verbal = y.dep_ == "pcomp" and y.pos_ in ("VERB", "AUX")
        root = p.head.i == p.i
        y.head = y if root else h
        if p.dep_ == "agent":
            y.dep_ = "obl:agent"
        elif verbal:
            y.dep_ = "advcl" if _clause_head(h) else "acl"
        else:
            y.dep_ = "obl" if _clause_head(h) else "nmod"
        p.head = y
        p.dep_ = "mark" if verbal else "case"
        for extra in objs[1:]:
            extra.head = y
            extra.dep_ = "conj"
    # 2. copula: "X is an ally of Y" -> "ally" heads the clause, "is" is its `cop`
    for v in list(doc):
        if v.lemma_.lower() != "be" or v.pos_ not in ("AUX", "VERB"):
            continue
        nominal = ("NOUN", "PROPN", "ADJ", "NUM", "PRON")
        attrs = [c for c in v.children if c.dep_ == "attr" and c.pos_ in nominal]
        attrs += [  # "X is willing to provide ...": the adjective heads the clause, as in UD
            c
            for c in v.children
            if c.dep_ == "acomp"
            and c.pos_ == "ADJ"
            and any(
                (k.dep_ == "xcomp" and k.pos_ in ("VERB", "AUX"))
                or (c.lemma_.lower() in guilty and _gerund_of(k) and not _negated(v, c))
                for k in c.children
            )
        ]
        if not attrs:
            continue
        x = attrs[0]
        root = v.head.i == v.i
        x.head = x if root else v.head
        x.dep_ = "ROOT" if root else v.dep_
        for c in list(v.children):
            if c.i != x.i:
                c.head = x
        v.head = x
        v.dep_ = "cop"
    # 3. plain label renames, negation adverbs, modal auxiliaries
    for t in doc:
        if t.dep_ == "dative":
            t.dep_ = "iobj"
        elif t.dep_ in RENAME:
            if t.dep_ == "neg" or (t.dep_ == "advmod" and t.text.lower() in negators):
                if "Polarity=Neg" not in str(t.morph):
                    _add_morph(t, "Polarity=Neg")
            t.dep_ = RENAME[t.dep_]
        elif t.dep_ == "poss" and t.pos_ == "PRON":
            t.dep_ = "det"
            if "Poss=Yes" not in str(t.morph):
                _add_morph(t, "Poss=Yes")
        low = t.text.lower()
        if t.dep_ == "advmod" and low in negators and "Polarity=Neg" not in str(t.morph):
            _add_morph(t, "Polarity=Neg")
        if t.dep_ == "aux" and low in conditional:
            _add_morph(t, "Mood=Cnd")
        elif t.dep_ == "aux" and low in future:
            _add_morph(t, "Tense=Fut")
        elif t.dep_ == "advmod" and low in alleged and t.head.pos_ in ("VERB", "AUX"):
            _add_morph(t.head, "Mood=Cnd")
    # 3b. "has yet to sign", "is yet to sign": the adverb on "have" or "be" with an infinitive is a negation
    pending = set(hook.get("pending_adverbs", []))
    for t in doc:
        h = t.head
        if t.dep_ == "advmod" and t.lower_ in pending and h.lemma_.lower() in ("have", "be"):
            if any(c.dep_ == "xcomp" for c in h.children) and not any(
                c.dep_ == "advmod" and c.lower_ in negators for c in h.children
            ):
                _add_morph(t, "Polarity=Neg")
    # 4. "could supply": the modal of possibility governs its verb, as French "pourrait fournir"
    for t in list(doc):
        if t.dep_ != "aux" or t.text.lower() not in possible:
            continue
        v = t.head
        if v.i == t.i:
            continue
        root = v.head.i == v.i
        t.head = t if root else v.head
        t.dep_ = "ROOT" if root else v.dep_
        v.head = t
        v.dep_ = "xcomp"
        t.pos = v.pos if v.pos_ != "ADJ" else t.pos  # a verb of the clause, like "pouvoir" ("could be ready")
        if v.pos_ == "ADJ":
            t.pos_ = "VERB"
        t.lemma_ = t.text.lower()
    # 5. a noun written in two words or with a hyphen ("cease-fire", "cease fire"): one lemma
    joined = hook.get("compound_lemmas", {})
    for t in doc:
        for c in t.children:
            word = joined.get(f"{c.lemma_.lower()} {t.lemma_.lower()}")
            between = doc[c.i + 1 : t.i].text  # nothing, or a hyphen
            if word and c.dep_ in ("compound", "amod") and c.i < t.i and between in ("", "-"):
                t.lemma_ = word
                c.lemma_, c.dep_, c.pos_ = word, "amod", "ADJ"
    # 6. "Russia-backed rebels", "the Saudi-led coalition": a hyphenated participle after a name
    proxy = set(hook.get("proxy_participles", [])) | set(hook.get("holder_participles", []))
    _hyphenated(doc, set(hook.get("agent_participles", [])), proxy)
    # 7. "helped Haiti cope": the small model reads the helped party as the subject of a complement clause
    #    (off: cues object_raising_verbs is empty since it put an event in a held-out class-0 sentence)
    _raised_object(doc, set(hook.get("object_raising_verbs", [])))
    # 8. "set free two prisoners", "set them free": a verb and its particle adjective are one lemma ("free")
    _particle_verbs(doc, hook.get("particle_verbs", {}))
    # 9. "blamed the attack on X": whom an act is blamed on is the verb's, not the act noun's target
    _blamed_on(doc, cues.get("claimed_acts", {}).get("blame_verbs", {}))
    # 10. "granted UN inspectors access", "allowed the WFP access": the first object read as a compound
    double_object(doc, set(hook.get("double_object_verbs", [])), set(hook.get("double_object_nouns", [])))
    # 11. "let UN inspectors in", "allowed them back into X", "allowed in X": the party let in is the object
    let_in(doc, set(hook.get("let_in_verbs", [])), set(hook.get("let_in_particles", [])))
    # 12. "sanctions targeting X", "aimed at X", "with regard to X", "put pressure on X" (lang/en/phrases.py)
    marker_phrases(doc, hook)


def _allegiance(doc: Doc, words: set[str]) -> None:
    """ "forces loyal to X" is "X's forces": the name becomes the noun's possessor."""
    for adj in doc:
        noun = adj.head
        if adj.lemma_.lower() not in words or adj.dep_ != "amod" or noun.pos_ not in ("NOUN", "PROPN"):
            continue
        to = next((c for c in adj.children if c.dep_ == "prep" and c.text.lower() == "to"), None)
        owner = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if owner is None or owner.pos_ not in ("PROPN", "NOUN") or adj.i < noun.i:
            continue
        owner.head, owner.dep_, to.head, to.dep_ = noun, "poss", owner, "case"  # type: ignore[union-attr]


def _for_subject(v: Token) -> None:
    """ "for N to be VERBed" read as the prepositional object N and a clause of its own: N is the subject
    of the infinitive ("called for sanctions on X to be lifted"), "for" its mark. Only a verb with no
    subject nor object of its own right after N's phrase."""
    kids = list(v.children)
    to = next((c for c in kids if c.dep_ == "aux" and c.text.lower() == "to"), None)
    if v.dep_ not in ("advcl", "xcomp") or to is None:
        return
    if any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in kids):
        return
    for p in v.head.children:
        objs = [c for c in p.children if c.dep_ == "pobj"]
        if p.dep_ == "prep" and p.text.lower() == "for" and p.i < v.i and objs:
            if objs[0].right_edge.i + 1 == to.i:
                passive = any(c.dep_ == "auxpass" for c in kids)
                objs[0].head, objs[0].dep_ = v, "nsubjpass" if passive else "nsubj"
                p.head, p.dep_, v.dep_ = v, "mark", "advcl"
            return


def _hyphenated(doc: Doc, agent: set[str], proxy: set[str]) -> None:
    """ "X-backed N" is "N backed by X" (a participle with its agent); "X-led N" is an N of X."""
    for p in list(doc):
        low = p.text.lower()
        if p.i < 2 or doc[p.i - 1].text != "-" or low not in agent | proxy:
            continue
        x = doc[p.i - 2]
        while x.head.i != p.i and x.head.i < p.i - 1 and x.head.i != x.i:
            x = x.head
        noun = p.head
        if x.head.i != p.i or noun.i <= p.i or noun.pos_ not in ("NOUN", "PROPN"):
            continue
        if low in agent:
            x.dep_ = "obl:agent"
            p.dep_ = "acl"
        else:
            x.head = noun
            x.dep_ = "amod"
            p.pos_ = "ADJ"


def _raised_object(doc: Doc, verbs: set[str]) -> None:
    """ "help X rebuild": X is the verb's object and "rebuild" its bare-infinitive complement (UD `obj` +
    `xcomp`), not the subject of a complement clause, when the verb has no object of its own."""
    for v in list(doc):
        if v.lemma_.lower() not in verbs or v.pos_ != "VERB" or any(c.dep_ == "obj" for c in v.children):
            continue
        for comp in [c for c in v.children if c.dep_ == "ccomp" and c.i > v.i and c.tag_ == "VB"]:
            if any(c.dep_ in ("mark", "aux", "aux:pass") for c in comp.children):
                continue  # "help that ...", "help X to be ...": no bare infinitive
            subj = [c for c in comp.children if c.dep_ == "nsubj" and v.i < c.i < comp.i]
            if len(subj) == 1:
                subj[0].head, subj[0].dep_ = v, "obj"
                comp.dep_ = "xcomp"
                break


def _particle_verbs(doc: Doc, pairs: dict[str, str]) -> None:
    """ "set free X", "set X free", "let free X": the adjective right after the verb, or after its object,
    read as the object's modifier or the verb's complement, makes the pair one verb of the cue's lemma."""
    for v in list(doc):
        if v.pos_ != "VERB":
            continue
        for a in doc[v.i + 1 : v.i + 8]:
            word = pairs.get(f"{v.lemma_.lower()} {a.text.lower()}")
            if not word or a.pos_ != "ADJ":
                continue
            right_after = (
                a.i == v.i + 1 and a.dep_ == "amod" and a.head.dep_ == "obj" and a.head.head.i == v.i
            )
            if right_after or (a.head.i == v.i and a.dep_ in ("advcl", "xcomp", "advmod")):
                v.lemma_ = word
                a.head, a.dep_ = v, "compound:prt"
                break


def _blamed_on(doc: Doc, verbs: dict[str, str]) -> None:
    """ "blamed the attack on X", "attributed the bombing to X": the last phrase of the verb's preposition
    (cues "claimed_acts" "blame_verbs") inside its object names whom the act is blamed on; the parser hangs
    it on the object noun ("the attack on X"). It becomes the verb's own, unless the verb has one."""
    for v in list(doc):
        prep = verbs.get(v.lemma_.lower())
        if not prep or v.pos_ != "VERB":
            continue
        _zero_relative(v)
        if any(
            c.dep_ == "obl" and any(k.dep_ == "case" and k.lower_ == prep for k in c.children)
            for c in v.children
        ):
            continue
        for obj in (c for c in v.children if c.dep_ == "obj" and c.pos_ == "NOUN"):
            cases = [
                t for t in obj.subtree if t.dep_ == "case" and t.lower_ == prep and t.head.dep_ == "nmod"
            ]
            if cases:
                noun = cases[-1].head
                noun.head, noun.dep_ = v, "obl"


def _zero_relative(v: Token) -> None:
    """ "an attack officials blamed on X": the parser reads "attack officials" as one noun qualified by the
    participle; "officials" is the subject of a relative clause on "attack", which heads the phrase."""
    noun = v.head
    first = next((c for c in noun.children if c.dep_ == "compound" and c.i == noun.i - 1), None)
    if v.dep_ != "acl" or v.i != noun.i + 1 or first is None or noun.tag_ != "NNS" or first.pos_ != "NOUN":
        return
    if any(c.dep_ in ("obj", "obl:agent") for c in v.children):
        return
    first.head, first.dep_ = (first if noun.head.i == noun.i else noun.head), noun.dep_
    for c in [c for c in noun.children if c.i < first.i]:
        c.head = first  # "in an": the phrase's preposition and determiner
    noun.head, noun.dep_ = v, "nsubj"
    v.head, v.dep_, v.tag_ = first, "acl:relcl", "VBD"
    v.set_morph("Tense=Past|VerbForm=Fin")  # type: ignore[attr-defined]  # missing from spaCy's stubs
