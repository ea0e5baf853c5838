"""Negation, modality and where attribution sits (speech verbs, "selon X", quotes) for a trigger."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from allymap.extract import mood as moods
from allymap.extract.args import SentenceView, lemma
from allymap.extract.happenings import happening_verb
from allymap.extract.langdata import LangData
from allymap.extract.mood import adjective_mood, attitude, future_in_past, hypothetical, mood_of, other_doer
from allymap.extract.occasions import is_occasion
from allymap.extract.reduced import reduced_passive
from allymap.extract.ruledout import ruled_out

if TYPE_CHECKING:
    from spacy.tokens import Token

CLAUSE_LINKS = frozenset(
    {
        "ccomp",
        "parataxis",
        "xcomp",
        "advcl",
        "acl",
        "acl:relcl",
        "conj",
        "obl",
        "obl:mod",
        "obl:arg",
        "obj",
        "nmod",
        "csubj",
        "root",
    }
)


def is_gerund(tok: Token, data: LangData) -> bool:
    marks = data.words("control", "gerund_marks")
    return (
        "VerbForm=Part" in str(tok.morph)
        and "Tense=Pres" in str(tok.morph)
        and any(c.dep_ == "mark" and c.text.lower() in marks for c in tok.children)
    )


def _verbal(tok: Token) -> bool:
    """A verb, or an adjective or prepositional noun heading a copular clause with a subject ("X is
    willing to", "X est en droit de"; a copular noun only for a free participle adjunct, `_copular_noun`);
    a headline drops the copula of its root adjective ("X ready to talk to Y")."""
    if tok.pos_ == "VERB":
        return True
    return (
        (tok.pos_ == "ADJ" or (tok.pos_ == "NOUN" and any(c.dep_ == "case" for c in tok.children)))
        and (any(c.dep_ == "cop" for c in tok.children) or (tok.pos_ == "ADJ" and tok.dep_ == "ROOT"))
        and any(c.dep_.startswith("nsubj") for c in tok.children)
    )


def _free_adjunct(tok: Token) -> bool:
    """A present participle set off as an adverbial clause, with no marker of its own ("..., contributing
    $5 million to X"): its subject is the subject of the clause it hangs on."""
    return (
        tok.dep_ == "advcl"
        and {"VerbForm=Part", "Tense=Pres"} <= set(str(tok.morph).split("|"))
        and not any(c.dep_ in ("mark", "aux", "nsubj", "nsubj:pass") for c in tok.children)
        and any(t.text == "," for t in tok.doc[tok.head.i + 1 : tok.i])
    )


def _copular_noun(tok: Token) -> bool:
    """A noun heading a finite copular clause with a subject ("X has been the largest donor")."""
    return (
        tok.pos_ in ("NOUN", "PROPN")
        and any(c.dep_ == "cop" for c in tok.children)
        and any(c.dep_.startswith("nsubj") for c in tok.children)
        and any(c.dep_ in ("cop", "aux") and "VerbForm=Fin" in str(c.morph) for c in tok.children)
    )


def control_chain(tok: Token) -> list[Token]:
    """Verbs that govern a non-finite trigger, nearest first, ending at the first finite one
    ("éviter de fournir": [éviter, agir, semblent]). Nouns in between (a misattached infinitive)
    are passed through."""
    chain: list[Token] = []
    cur = tok
    while not moods.is_finite(cur) and len(chain) < 6:
        par = cur.head
        if _free_adjunct(cur) and _copular_noun(par):
            chain.append(par)  # "X has been the largest donor, contributing $5 million to Y": X contributes
            cur = par
            continue
        hops = 0
        while not _verbal(par) and par.head.i != par.i and hops < 6:
            par = par.head
            hops += 1
        if par.i == cur.i or not _verbal(par):
            break
        chain.append(par)
        cur = par
    return chain


def noun_governors(tok: Token, data: LangData) -> list[Token]:
    """For a nominal trigger that is the object of a verb of request, obligation, intention or possibility
    ("called for a ceasefire between X and Y", "is planning an offensive against X"), or of an infinitive
    such a verb governs ("hopes to become a member", "wants to see a withdrawal"): that verb and the verbs
    that govern it, whose modality the act takes; none for other verbs."""
    head = tok.head
    moods = (
        data.words("modality", "request_verbs")
        | data.words("modality", "obligation")
        | data.words("modality", "intended")
        | data.words("modality", "possible")
    )
    if head.i == tok.i:
        return []
    deps = {c.dep_ for c in head.children}  # "an attack on X would be a disaster"; not "is likely to V"
    copular = "cop" in deps and not deps & {"xcomp", "ccomp"}
    if tok.dep_ == "nsubj" and (copular or happening_verb(head, data)):  # "clashes could erupt"
        return [head, *control_chain(head)]
    if head.pos_ != "VERB":
        return []
    if tok.dep_ not in ("obj", "obl", "obl:arg") or is_occasion(tok, data):  # "despite the attack"
        return []
    chain = control_chain(head)
    if lemma(head) not in moods:  # "hopes to become a member", "wants to see a withdrawal": the wish's
        return [head, *chain] if head.dep_ == "xcomp" and any(lemma(v) in moods for v in chain) else []
    return [head, *chain]


def own_negation(tok: Token, data: LangData) -> bool:
    """Negated by its own adverb ("n'a pas condamné"), a negative determiner ("aucune sanction")
    or "sans" ("sans fournir")."""
    adverbs = data.words("negation", "adverbs")
    particles = data.words("negation", "particles")
    preps = data.words("negation", "preps")
    dets = data.words("negation", "determiners")
    kids = list(tok.children)
    has_ne = any(c.text.lower().replace("’", "'") in particles for c in kids)
    neither = data.words("negation", "coordinators")
    if tok.dep_ == "conj" and any(c.dep_ == "cc" and c.text.lower() in neither for c in kids):
        return True  # "n'a ni attaqué ni envahi": the second of a "ni ... ni" pair
    pronouns = data.words("negation", "pronouns")
    for c in kids:
        if c.text.lower() in neither and has_ne:
            return True
        if (
            c.dep_.startswith("nsubj")
            and has_ne
            and (
                c.text.lower() in pronouns
                or any(d.dep_ == "det" and d.text.lower() in dets for d in c.children)
            )
        ):
            return True  # "rien ne prouve", "aucune preuve ne montre"
        low = c.text.lower()
        if c.dep_ == "advmod" and ("Polarity=Neg" in str(c.morph) and low not in particles):
            return True
        if c.dep_ == "advmod" and low in adverbs and has_ne:
            return True
        if c.dep_ in ("mark", "case") and low in preps:
            return True
        if c.dep_ == "det" and low in dets:
            return True
    return False


@dataclass(frozen=True)
class Flags:
    negated: bool
    modality: str
    alleged_by_speech: bool


def _branch_to(tok: Token, gov: Token) -> Token:
    """The node by which the branch holding `tok` hangs from `gov` (its dependency: the link)."""
    cur = tok
    for _ in range(12):
        if cur.head.i == gov.i or cur.head.i == cur.i:
            break
        cur = cur.head
    return cur


def flags_for(view: SentenceView, tok: Token, chain: list[Token]) -> Flags:
    """Negation and modality of a trigger token, from itself and the verbs that govern it."""
    data = view.data
    reduced = reduced_passive(tok, data)
    if reduced:
        chain = []  # "Y, attacked by X, rejected the charges": the act qualifies Y, nothing governs it
    negated = own_negation(tok, data)
    implicatives = data.words("negation", "implicative_verbs")
    possible = data.words("modality", "possible")
    intended = data.words("modality", "intended")
    requested = data.words("modality", "request_verbs") | data.words("modality", "obligation")
    alleged_verbs = data.words("attribution", "alleged_verbs")
    speech = data.words("attribution", "speech_verbs")
    modality = "hypothetical" if hypothetical(tok, data) else adjective_mood(tok, data)  # "a possible raid"
    right = _right_noun(tok, chain, data)
    if modality is None and right is not None:
        modality = "possible"  # "a le droit de livrer des armes à X", "est en droit d'envahir X": a right
        if own_negation(right, data) or (right.head.i != right.i and own_negation(right.head, data)):
            negated = not negated  # "n'a pas le droit de livrer": no right
    opposed = data.words("control", "opposed_marks")
    if any(c.dep_ in ("mark", "case") and c.text.lower() in opposed for c in tok.children):
        modality = "hypothetical"  # "warned Y against attacking X": an act opposed, not done
    alleged_speech = False
    below = tok
    negating_links = data.words("negation", "governor_links")
    for gov in chain:
        branch = _branch_to(below, gov)
        lem, link, below = _phrasal(gov, implicatives), str(branch.dep_), gov
        if link == "advcl" and prevented(gov, branch, data):
            negated = not negated  # "X prevented Y from attacking Z", "barred Y from sending aid"
            continue
        if lem in implicatives and link == "advcl":
            continue  # "refused talks, demanding to negotiate with X": an adjunct, not what is refused
        if lem in implicatives:
            negated = not negated
            if own_negation(gov, data):
                negated = not negated
        elif lem in possible or lem in intended or lem in requested:
            if own_negation(gov, data):
                negated = not negated
            if modality is None:
                modality = (
                    "possible" if lem in possible else "intended" if lem in intended else "hypothetical"
                )
                if modality == "intended" and _other_agent(tok, gov, data):
                    modality = "possible"  # "ils envisageaient l'invasion de X par Y": Y's act, considered
                elif modality == "intended":
                    modality = other_doer(gov, branch, data) or modality  # "wants Y to return ..."
        elif happening_verb(gov, data) and link == "nsubj":
            negated = negated != own_negation(gov, data)  # "clashes never erupted"
        elif lem in alleged_verbs:
            alleged_speech = True
        elif lem in speech and link == "xcomp" and any(c.dep_ == "aux:pass" for c in gov.children):
            modality = modality or "alleged"  # "X is said to have attacked Y": reported at a distance
        elif lem in data.words("modality", "progressive_intended") and link == "xcomp" and _progressive(gov):
            modality = modality or "intended"  # "X is going to attack Y"
            negated = negated != own_negation(gov, data)
        elif lem in data.words("modality", "alleged_raising") and link == "xcomp":
            modality = modality or "alleged"  # "X appears to have attacked Y": at a distance
            negated = negated != own_negation(gov, data)  # "X does not appear to have attacked Y"
        elif link in negating_links and own_negation(gov, data):
            negated = not negated  # "X did not continue to attack Y", "X has yet to sign it"
    finite = tok if moods.is_finite(tok) else next((g for g in chain if moods.is_finite(g)), None)
    if (
        finite is not None
        and finite.dep_ == "ccomp"
        and lemma(finite.head) in data.words("negation", "denial_verbs")
    ):
        negated = not negated  # "X denied that it had attacked Y": X says the act did not happen
    elif finite is not None and disowned(finite, data):
        negated = not negated  # "rien ne prouve que X a attaqué Y", "il est faux que X ait livré"
    if excluded(tok, data) or called_false(tok, data) or ruled_out(tok, data):
        negated = not negated  # "d'autres projets que d'envahir X"; "ce titre faux : « X envahit Y »"
    if modality is None and finite is not None:
        modality = attitude(finite, data)  # "hopes that Y returns ...", "voiced fears that Y will attack"
    if modality is None and finite is not None and finite.dep_ == "ccomp":
        said = lemma(finite.head)  # "doutent que la Chine fournisse": the verb governing the clause
        if said in possible:
            modality = "possible"
        elif said in data.words("modality", "hypothetical_that"):
            modality = "hypothetical"
    if modality is None:
        # a participle's own mood: "Y, reportedly attacked by X, ..."
        mood = mood_of(finite, data) if finite is not None else mood_of(tok, data) if reduced else None
        if mood == "cond":  # "la Chine fournirait": at a distance; "a annoncé qu'elle livrerait": will
            modality = "intended" if finite is not None and future_in_past(finite, data) else "alleged"
        elif mood == "fut":
            modality = "intended"
    if modality is None and finite is None and tok.dep_ == "xcomp" and tok.head.pos_ == "AUX":
        modality = "intended" if moods.is_finite(tok.head) else None  # "X is to visit Y": a scheduled act
    if finite is None and tok.head.pos_ == "AUX" and link_negates(tok, data):
        negated = not negated  # "X is yet to sign it": the auxiliary's own negation
    if modality is None and finite is None and moods.headline_infinitive(chain[-1] if chain else tok):
        modality = "intended"  # the headline "X to visit Y": a scheduled act, as "X is to visit Y"
    if modality is None and alleged_speech:
        modality = "alleged"
    if modality in (None, "alleged") and _intent_noun(tok, chain, data):
        modality = "intended"  # "announced plans to send tanks to X", "X's offer to mediate"
    return Flags(negated, modality or "asserted", alleged_speech)


def _phrasal(verb: Token, words: frozenset[str]) -> str:
    """The verb's lemma, or with its particle when the pair is one of `words` ("ruled out attacking X":
    "rule out")."""
    lem = lemma(verb)
    for c in verb.children:
        if c.dep_ in ("prt", "compound:prt") and f"{lem} {c.text.lower()}" in words:
            return f"{lem} {c.text.lower()}"
    return lem


def prevented(gov: Token, tok: Token, data: LangData) -> bool:
    """Is the clause of `tok` under `gov` one a verb of prevention keeps from happening (cues "negation"
    "prevent_verbs", opened by one of "prevent_marks": "prevented Y from attacking Z")?"""
    if lemma(gov) not in data.words("negation", "prevent_verbs"):
        return False
    marks, branch = data.words("negation", "prevent_marks"), _branch_to(tok, gov)
    return any(c.dep_ == "mark" and c.text.lower() in marks for c in branch.children)


def _progressive(verb: Token) -> bool:
    """A verb in the progressive: an auxiliary "be" form before it ("is going to")."""
    return "Aspect=Prog" in str(verb.morph) or (
        verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.i < verb.i for c in verb.children)
    )


def link_negates(tok: Token, data: LangData) -> bool:
    """Is `tok` the complement of a governor negated in its own right, by a link of cues "negation"
    "governor_links" ("X is yet to sign it": the auxiliary's "yet", marked negative by the parse hook)?"""
    return tok.dep_ in data.words("negation", "governor_links") and own_negation(tok.head, data)


def disowned(finite: Token, data: LangData) -> bool:
    """Is the clause the content of a word of falsity ("il est faux que", cues "negation" "falsity") or
    of a negated word of proof ("rien ne prouve que", "aucune preuve que", cues "negation" "proof")?"""
    head = finite.head
    if head.i == finite.i or finite.dep_ not in ("ccomp", "csubj", "acl", "advcl"):
        return False
    if lemma(head) in data.words("negation", "falsity") and not own_negation(head, data):
        return True
    return lemma(head) in data.words("negation", "proof") and own_negation(head, data)


def excluded(tok: Token, data: LangData) -> bool:
    """Is the act what an "other than" sets aside ("d'autres projets que d'envahir X", cues "negation"
    "other" and "than")? Not when the other is itself denied ("rien d'autre que", "pas d'autre but que"):
    that says "only"."""
    head = tok.head
    than = data.words("negation", "than")
    if head.i == tok.i or not any(c.dep_ == "mark" and c.text.lower() in than for c in tok.children):
        return False
    other = data.words("negation", "other")
    if lemma(head) not in other and not any(lemma(c) in other for c in head.children):
        return False
    pronouns = data.words("negation", "pronouns")
    return not (head.text.lower() in pronouns or own_negation(head, data) or own_negation(head.head, data))


def called_false(tok: Token, data: LangData) -> bool:
    """Does the trigger follow a colon whose lead-in calls what follows false ("son titre totalement
    faux : « X envahit Y »", "fausse information : ..."; cues "negation" "falsity")?"""
    falsity = data.words("negation", "falsity")
    colon = next((t for t in reversed(tok.doc[: tok.i]) if t.text == ":"), None)
    if colon is None or not falsity:
        return False
    lead = tok.doc[max(0, colon.i - 6) : colon.i]
    return any(lemma(t) in falsity or t.text.lower() in falsity for t in lead)


def asks_question(pred: Token, data: LangData) -> bool:
    """Is a verb of asking used for a question, not a request ("lui demande comment livrer ...",
    "demande si ...", "demande à X, est-ce que ... ?"; cues "modality" "question_words")? Its content
    opens with a question word, or it has no content and a question mark follows it."""
    words = data.words("modality", "question_words")
    if not words:
        return False
    content = [c for c in pred.children if c.dep_ in ("xcomp", "ccomp", "obj", "parataxis", "advcl")]
    for c in content:
        near = [t for t in (c, *c.children) if t.i < c.i or t.i == min(x.i for x in c.subtree)]
        if any(t.text.lower().replace("’", "'") in words and t.dep_ != "det" for t in near):
            return True
    return not content and any(t.text == "?" for t in pred.doc[pred.i :])


def _right_noun(tok: Token, chain: list[Token], data: LangData) -> Token | None:
    """Is the trigger, or a non-finite verb governing it, the infinitive complement of a noun of right or
    capacity (cues "modality" "possible_nouns": "le droit de livrer", "en droit d'envahir")?"""
    nouns = data.words("modality", "possible_nouns")
    for t in [tok, *chain]:
        if (
            t.dep_ == "acl"
            and t.head.pos_ == "NOUN"
            and lemma(t.head) in nouns
            and "VerbForm=Inf" in str(t.morph)
        ):
            return t.head
        if moods.is_finite(t):
            break
    return None


def _other_agent(tok: Token, gov: Token, data: LangData) -> bool:
    """Is a nominal trigger, object of a verb of intention, given its own agent by a "by" phrase, on the
    noun or (misattached) on the verb ("envisageaient l'invasion de X par Y"): another party's act?"""
    if tok.pos_ != "NOUN" or tok.head.i != gov.i:
        return False
    for holder in (tok, gov):
        for c in holder.children:
            if c.dep_ == "obl:agent" and holder.i == gov.i:
                return True
            if holder.i == tok.i and any(
                m.dep_ == "case" and data.marker(m.text) == "by" for m in c.children
            ):
                return True
    return False


def _intent_noun(tok: Token, chain: list[Token], data: LangData) -> bool:
    """Is the trigger, or a non-finite verb governing it, the infinitive of a noun of intention (cues
    "modality" "intended_nouns": "a decision to send", "plans to attack", "an offer to mediate")?"""
    nouns = data.words("modality", "intended_nouns")
    for t in [tok, *chain]:
        head = t.head
        infinitive = any(c.dep_ in ("aux", "mark") and c.text.lower() == "to" for c in t.children)
        if t.dep_ == "acl" and infinitive and head.pos_ == "NOUN" and lemma(head) in nouns:
            return True
        if moods.is_finite(t):
            break
    return False


def attribution_tokens(view: SentenceView, tok: Token) -> list[tuple[str, Token]]:
    """Where a claim comes from: ("speech", verb) for a speech verb governing the trigger's clause
    or set beside it, ("according", noun) for "selon X"/"d'après X" on the trigger or a governing clause."""
    data = view.data
    speech = data.words("attribution", "speech_verbs")
    preps = data.words("attribution", "preps")
    attitudes = data.words("modality", "wish_that") | data.words("modality", "fear_that")
    out: list[tuple[str, Token]] = []
    cur = tok
    path = [tok]
    for _ in range(12):
        if cur.head.i == cur.i:
            break
        path.append(cur.head)
        cur = cur.head
    for i, node in enumerate(path):
        for c in node.children:
            if c in path:
                continue
            first = min(t.i for t in c.subtree)
            words = [t.text.lower().replace("’", "'") for t in c.doc[first : first + 2]]
            opening = {words[0], "".join(words)} if words else set()
            if opening & preps and c.i != first:
                out.append(("according", c))
            if (
                c.dep_ == "parataxis"
                and lemma(c) in speech
                and i > 0
                or (c.dep_ == "parataxis" and lemma(c) in speech and node.i == tok.i)
            ):
                out.append(("speech", c))
        if i > 0 and path[i - 1].dep_ in ("ccomp", "acl") and lemma(node) in attitudes:
            holder = node.head if node.pos_ == "NOUN" and node.dep_ == "obj" else node
            if holder.pos_ in ("VERB", "ADJ"):  # "X fears that ...", "X voiced hope that ...": X's view
                out.append(("speech", holder))
                break
        if i > 0 and lemma(node) in speech and node.pos_ == "VERB":
            via = path[i - 1]
            # the reported clause ("estiment que ..."), or the act someone is accused of ("accusé X de ...");
            # not an aim ("ont insisté pour préserver l'Acte sur la coopération ...")
            reported = via.dep_ in ("ccomp", "parataxis") or (
                via.dep_ in ("xcomp", "acl", "advcl", "obl:arg")
                and lemma(node) in data.words("attribution", "alleged_verbs")
            )
            if reported or (via.dep_ == "obj" and via.pos_ in ("VERB", "AUX")):
                out.append(("speech", node))
                break
    return out


def denied_content(tok: Token, data: LangData) -> bool:
    """Is `tok` stated only in the content of a claim that its clause denies ("X rejected accusations
    that it had armed Y", "denied reports of an attack on Y"; cues "denied_claims")? Nobody in the
    sentence asserts such an act: the denial is the event, not what it denies."""
    verbs, nouns = data.words("denied_claims", "verbs"), data.words("denied_claims", "nouns")
    if not verbs or not nouns:
        return False
    cur = tok
    for _ in range(8):
        head = cur.head
        if head.i == cur.i:
            return False
        content = cur.dep_ in ("acl", "ccomp", "acl:relcl") or (
            cur.dep_ == "nmod"
            and any(
                c.dep_ == "case" and (c.text.lower() in ("of", "about") or data.marker(c.text) == "of")
                for c in cur.children
            )
        )  # "rejected reports that ...", "a démenti l'information selon laquelle ..."
        if content and head.pos_ == "NOUN" and lemma(head) in nouns and head.dep_ == "obj":
            return lemma(head.head) in verbs
        cur = head
    return False


def reported_verb(pred: Token | None) -> Token | None:
    """The verb heading the clause a speech verb reports: the modal the English parse hook puts over the
    content verb ("X said it cannot accept": "can"), else the verb itself."""
    if pred is not None and pred.dep_ == "xcomp" and pred.head.dep_ == "ccomp":
        return pred.head
    return pred
