"""Headline grammar for the English parse hook: the to-infinitive of a headline is its future ("France to
send troops": will send), and a participle with no auxiliary is its passive ("German envoy expelled by
France", "Aid sent to Egypt by Japan": was expelled, was sent)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_AUX = ("aux", "auxpass", "aux:pass")
_NOUNS = ("NOUN", "PROPN")


def _set(tok: Token, morph: str) -> None:
    tok.set_morph(morph)  # type: ignore[attr-defined]  # missing from spaCy's stubs


def headline_future(doc: Doc, marks: set[str], intent_nouns: set[str]) -> None:
    """ "France to send troops to Mali": the sentence's root infinitive, with its own subject before its
    infinitive mark (cues "parse_hook_words" "headline_future_marks") and no finite verb governing it,
    is a headline's future; the mark reads as a future auxiliary ("will send"). The parser may hang the
    infinitive on the name before it ("Turkey to attack Brazil": a relative) or read the name as an
    adverbial noun; either is the subject. Not a noun of intent ("plans to attack": already intended)."""
    for v in doc:
        kids = list(v.children)
        mark = next((c for c in kids if c.dep_ == "aux" and c.lower_ in marks and c.i < v.i), None)
        if v.tag_ != "VB" or mark is None or any(c.dep_ in _AUX and c.i != mark.i for c in kids):
            continue
        n = v.head
        between = doc[n.i + 1 : mark.i]
        if v.dep_ in ("acl", "relcl") and n.dep_ == "ROOT" and n.i < mark.i and not _verbal(between):
            if n.pos_ not in ("NOUN", "PROPN") or n.lemma_.lower() in intent_nouns:
                continue
            if any(c.dep_ in ("nsubj", "nsubjpass") for c in kids):
                continue
            for c in [c for c in n.children if c.i > v.i]:
                c.head = v
            v.head, v.dep_, n.head, n.dep_ = v, "ROOT", v, "nsubj"
            kids = list(v.children)
        if v.dep_ != "ROOT":
            continue
        before = [c for c in kids if c.i < mark.i and c.dep_ in ("nsubj", "nsubjpass", "npadvmod", "dep")]
        if len(before) == 1 and before[0].dep_ in ("npadvmod", "dep") and before[0].pos_ in ("NOUN", "PROPN"):
            before[0].dep_ = "nsubj"  # "Turkey to expel Brazilian diplomats"
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in before):
            _set(mark, "Tense=Fut|VerbForm=Fin")


def headline_passive(doc: Doc) -> None:
    """A past participle with no auxiliary is a headline's passive: the root noun it qualifies ("German
    diplomats expelled by France", "Sanctions on X lifted by Y") or the subject the parser gave it
    ("Germany praised by France", "Aid sent to Egypt by Japan") is its passive subject, when a by-phrase
    names its agent ("troops attacked in Syria" may be active: "the troops attacked"). Runs before
    prepositions are rewritten (reads ClearNLP's `agent`)."""
    for r in doc:
        if r.dep_ != "ROOT":
            continue
        kids = list(r.children)
        if any(c.dep_ in _AUX or c.dep_ == "dobj" for c in kids):
            continue
        agent = any(c.dep_ == "agent" for c in kids) or _trailing_by(r)
        if r.pos_ == "VERB" and r.tag_ in ("VBD", "VBN") and agent:
            subj = [c for c in kids if c.dep_ == "nsubj" and c.i < r.i]
            if len(subj) == 1:
                _as_noun(subj[0])
                subj[0].dep_ = "nsubjpass"
                _participle(r)
            continue
        if not (r.pos_ in ("NOUN", "PROPN") or _bare_noun(r, kids)):
            continue
        for v in kids:
            vk = list(v.children)
            if v.i <= r.i or v.dep_ not in ("acl", "advcl") or v.tag_ not in ("VBN", "VBD"):
                continue
            if any(c.dep_ in _AUX or c.dep_ in ("dobj", "nsubj", "nsubjpass") for c in vk):
                continue
            if not any(c.dep_ == "agent" for c in vk) and not _trailing_by(v):
                continue
            _as_noun(r)
            for c in [c for c in kids if c.i > v.i]:
                c.head = v
            v.head, v.dep_ = v, "ROOT"
            r.head, r.dep_ = v, "nsubjpass"
            _participle(v)
            break


def headline_present(doc: Doc) -> None:
    """ "Turkey attacks Brazil", "EU sanctions Iran": a parse with no finite verb whose root is a plural
    noun between two names (a compound before, a name after), or with a name compounded before it and a
    direct object of its own ("Turkey shells Syrian posts"), is a headline's present tense verb, subject
    and object. A noun the parser hangs on a verb as an apposition is its object."""
    for v in doc:  # "Turkey shells X": a name compounded with a finite verb that has no subject
        subjects = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj")]
        names = [c for c in v.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < v.i]
        if v.tag_ in ("VBZ", "VBD", "VBP") and v.pos_ == "VERB" and names and not subjects:
            names[-1].dep_ = "nsubj"
        if v.pos_ == "VERB" and not any(c.dep_ == "dobj" for c in v.children):  # "X rams Philippine vessel"
            apposed = [c for c in v.children if c.dep_ == "appos" and c.i > v.i and c.pos_ in _NOUNS]
            if apposed:  # a verb has no apposition: the noun after it is its object
                apposed[0].dep_ = "dobj"
    if any(t.tag_ in ("VBZ", "VBP", "VBD", "MD") for t in doc):
        return
    for r in doc:
        if r.dep_ != "ROOT" or r.tag_ != "NNS" or r.i == 0 or r.i + 1 >= len(doc):
            continue
        subj, obj = doc[r.i - 1], doc[r.i + 1]
        objs = [c for c in r.children if c.dep_ == "dobj" and c.i > r.i]  # only a verb takes one
        subject = subj.dep_ == "compound" or (subj.dep_ == "nsubj" and bool(objs))  # "U.S. expels X"
        if subj.head.i != r.i or not subject or subj.pos_ != "PROPN":
            continue
        if objs:
            obj = objs[0]
        elif obj.head.i != r.i or obj.pos_ != "PROPN" or obj.dep_ not in ("npadvmod", "appos"):
            continue
        for c in [c for c in r.children if c.i < subj.i]:
            c.head = subj  # "The EU": its determiner
        subj.dep_, obj.dep_ = "nsubj", "dobj"
        r.pos_, r.tag_ = "VERB", "VBZ"
        _set(r, "Number=Sing|Person=3|Tense=Pres|VerbForm=Fin")


def headline_adjective(doc: Doc) -> None:
    """ "Russia willing to talk to Ukraine": a headline drops the copula of its adjective with an
    infinitive; the parser then hangs the adjective after the root name as its modifier. With no finite
    verb in the sentence, the adjective is the root and the name its subject, as in "Russia ready to talk"."""
    if any(t.tag_ in ("VBZ", "VBP", "VBD", "MD") for t in doc):
        return
    for r in doc:
        if r.dep_ != "ROOT" or r.pos_ not in ("NOUN", "PROPN"):
            continue
        for a in [a for a in r.children if a.dep_ == "amod" and a.pos_ == "ADJ" and a.i > r.i]:
            if any(c.dep_ == "xcomp" and any(x.dep_ == "aux" for x in c.children) for c in a.children):
                for c in [c for c in r.children if c.i > a.i]:
                    c.head = a
                a.head, a.dep_, r.head, r.dep_ = a, "ROOT", a, "nsubj"
                return


def _trailing_by(v: Token) -> bool:
    """ "Germany accused of spying by France", "Troops massed on X border by France": the parser hangs the
    headline's closing "by" + name on the nearest noun; it becomes the participle's agent. Only a name
    that closes the sentence, in a participle with no object."""
    doc = v.doc
    last = max((t.i for t in doc if not t.is_punct), default=-1)
    for p in v.subtree:
        objs = [c for c in p.children if c.dep_ == "pobj"]
        if p.lower_ != "by" or p.dep_ != "prep" or p.head.i == v.i or len(objs) != 1:
            continue
        if objs[0].pos_ == "PROPN" and objs[0].right_edge.i == last:
            p.head, p.dep_ = v, "agent"
            return True
    return False


def _verbal(span: Span) -> bool:
    return any(t.pos_ in ("VERB", "AUX") or t.dep_ in ("punct", "cc") for t in span)


def _bare_noun(r: Token, kids: list[Token]) -> bool:
    """ "Aid to Germany cut by France": a first word tagged as a bare verb with no subject nor object."""
    return r.i == 0 and r.tag_ == "VB" and not any(c.dep_ in ("nsubj", "dobj", "aux") for c in kids)


def _as_noun(t: Token) -> None:
    if t.pos_ == "VERB":
        t.pos_, t.tag_ = "NOUN", "NN"
        _set(t, "Number=Sing")


def _participle(v: Token) -> None:
    v.tag_ = "VBN"
    _set(v, "Aspect=Perf|Tense=Past|VerbForm=Part")


def headline_stack_done(doc: Doc, supports: set[str]) -> None:
    """ "EU-Turkey migrant deal signed", "US-China talks held in Geneva": a headline's noun stack whose
    names are the parties, with the support verb of its noun (cues "light_verbs") as a bare participle
    right after it that names no agent nor object, states the act of the noun itself; the participle only
    says it is done ("the EU-Turkey deal was signed"). The noun becomes the root and the participle an
    aside, so the noun keeps its pair of names (a support verb would take the noun as its own object, with
    no subject)."""
    for v in doc:
        if v.pos_ != "VERB" or v.tag_ not in ("VBD", "VBN") or v.lemma_.lower() not in supports:
            continue
        kids = list(v.children)
        if any(c.dep_ in _AUX or c.dep_ in ("dobj", "agent", "dative", "nsubj", "nsubjpass") for c in kids):
            n = next((c for c in kids if c.dep_ in ("nsubj", "nsubjpass") and c.i < v.i), None)
            if (
                v.dep_ != "ROOT"
                or n is None
                or any(c.dep_ in _AUX or c.dep_ in ("dobj", "agent", "dative") for c in kids)
            ):
                continue
            if sum(c.dep_ in ("nsubj", "nsubjpass") for c in kids) != 1:
                continue
        elif v.dep_ == "acl" and v.head.dep_ == "ROOT" and v.head.i < v.i:
            n = v.head
        else:
            continue
        if _trailing_by(v) or n.pos_ != "NOUN" or n.right_edge.i != v.i - 1 and v.dep_ != "acl":
            continue
        if v.dep_ == "acl" and v.left_edge.i != n.i + 1:
            continue
        names = [c for c in n.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if not any(c.dep_ == "compound" and c.pos_ == "PROPN" for m in names for c in m.children):
            continue  # a pair of names: "EU-Turkey", "EU Turkey" ("EU sanctions imposed on X" is no pair)
        if v.dep_ == "ROOT":
            for c in [c for c in kids if c.i != n.i and c.dep_ == "punct"]:
                c.head = n
            n.head, n.dep_ = n, "ROOT"
        v.head, v.dep_ = n, "dep"
        _participle(v)
        return


def headline_plural(doc: Doc, supports: set[str]) -> None:
    """ "US and UK attack Iran", "UK and France expel Russian diplomats": after a coordination of names
    (the comma of "US, UK attack Iran" reads as one: nlp/coordination.py) the plural verb has the form of
    a noun, and the parser reads the headline as one noun phrase: a root word with a direct object of its
    own (only a verb takes one), or a present-tense verb tagged as such (or a support verb of the language,
    cues "light_verbs": "Russia, Ukraine sign trade deal") but hung on the root noun as its modifier, is
    the sentence's verb, the coordination its subject, the root noun its object."""
    if any(t.tag_ in ("VBZ", "VBD", "MD") or (t.tag_ == "VBP" and t.dep_ == "ROOT") for t in doc):
        return
    for w in doc:
        if w.i == 0 or w.pos_ == "VERB" and w.dep_ == "ROOT":
            continue
        s = doc[w.i - 1]
        while s.dep_ == "conj" and s.head.i < s.i:
            s = s.head
        coordinated = any(c.dep_ == "cc" for c in s.children) and any(c.dep_ == "conj" for c in s.children)
        if not coordinated or s.pos_ != "PROPN" or s.dep_ not in ("compound", "nsubj", "nmod", "poss"):
            continue
        if w.dep_ == "ROOT" and s.head.i == w.i and any(c.dep_ == "dobj" and c.i > w.i for c in w.children):
            obj = None
        elif (
            (w.tag_ == "VBP" or (w.tag_ == "NN" and w.lemma_.lower() in supports))
            and w.dep_ in ("amod", "compound")
            and w.head.dep_ == "ROOT"
            and s.head.i in (w.i, w.head.i)
        ):
            obj = w.head
        else:
            continue
        if obj is not None:
            for c in [c for c in obj.children if c.i > obj.i]:
                c.head = w
            w.head, w.dep_, obj.head, obj.dep_ = w, "ROOT", w, "dobj"
        for c in [c for c in doc if c.head.i == w.i and c.i < s.i]:
            c.head = s  # "The US and the UK": the first name's determiner
        s.head, s.dep_ = w, "nsubj"
        w.pos_, w.tag_ = "VERB", "VBP"
        _set(w, "Tense=Pres|VerbForm=Fin")
        return


def headline_support_verb(doc: Doc, supports: set[str]) -> None:
    """ "US lifts travel ban on Iran", "UK signs trade deal with Russia": with no finite verb, a support
    verb of the language (cues "light_verbs") in -s between a name and the root noun, read as a plural
    noun of the stack, is the present tense verb; the name is its subject and the root noun its object."""
    if any(t.tag_ in ("VBZ", "VBP", "VBD", "MD") for t in doc):
        return
    for w in doc:
        r, name = w.head, doc[w.i - 1] if w.i > 0 else None
        if w.tag_ != "NNS" or w.dep_ != "compound" or r.dep_ != "ROOT" or r.i <= w.i + 1 or name is None:
            continue
        if w.lemma_.lower() not in supports or name.pos_ != "PROPN" or name.head.i != w.i:
            continue
        for c in [c for c in r.children if c.i < w.i]:
            c.head = name  # "The US": its determiner
        w.head, w.dep_, r.head, r.dep_ = w, "ROOT", w, "dobj"
        name.head, name.dep_ = w, "nsubj"
        w.pos_, w.tag_ = "VERB", "VBZ"
        _set(w, "Number=Sing|Person=3|Tense=Pres|VerbForm=Fin")
        return
