"""Tense, mood and condition of a clause: conditional and future forms, "if" clauses and cases."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allymap.extract.args import lemma
from allymap.extract.langdata import LangData

if TYPE_CHECKING:
    from spacy.tokens import Token


def _stem_matches(stem: str, inf: str, stems: frozenset[str]) -> bool:
    return stem.endswith("r") and (stem in stems or stem == inf or stem == inf[:-1])


def is_conditional(tok: Token, data: LangData) -> bool:
    """Conditional mood from the morphology, or the form: future stem + imperfect ending."""
    if "Mood=Cnd" in str(tok.morph):
        return True
    form, inf = tok.text.lower(), lemma(tok)
    stems = data.words("modality", "irregular_stems")
    for end in sorted(data.words("modality", "conditional_endings"), key=len, reverse=True):
        if form.endswith(end) and _stem_matches(form[: -len(end)], inf, stems):
            return True
    return False


def is_future(tok: Token, data: LangData) -> bool:
    """Future tense from the morphology, or the form: infinitive stem + future ending."""
    if "Tense=Fut" in str(tok.morph):
        return True
    if "VerbForm=Fin" not in str(tok.morph):
        return False
    form, inf = tok.text.lower(), lemma(tok)
    stems = data.words("modality", "irregular_stems")
    for end in sorted(data.words("modality", "future_endings"), key=len, reverse=True):
        if form.endswith(end) and _stem_matches(form[: -len(end)] + "r", inf, stems):
            return True
    return False


def mood_of(tok: Token, data: LangData) -> str | None:
    """ "cond", "fut" or None for a finite clause, looking at its auxiliaries first."""
    for v in [c for c in tok.children if c.dep_.startswith("aux")] + [tok]:
        if is_conditional(v, data):
            return "cond"
        if is_future(v, data):
            return "fut"
    return None


def _opens_with(tok: Token, phrases: frozenset[str]) -> bool:
    first = min(t.i for t in tok.subtree)
    words = " ".join(t.text.lower().replace("’", "'") for t in tok.doc[first : first + 3])
    return any(words.startswith(p) for p in phrases)


def hypothetical(tok: Token, data: LangData) -> bool:
    """Inside a "si" clause, or the consequence of one ("X n'adhérerait pas si Y ..."), or under
    "en cas de" / "au cas où"."""
    marks = data.words("modality", "hypothetical_marks")
    phrases = data.words("modality", "hypothetical_phrases")
    sentence = tok.doc.text.strip().lower().replace("’", "'")
    if sentence.endswith("?") and sentence.startswith(tuple(data.words("modality", "rhetorical_openers"))):
        return False  # "Et si les sanctions ... parvenaient au but inverse ?": a question, not a condition
    nouns = data.words("modality", "hypothetical_nouns")
    cur = tok
    for depth in range(8):
        if lemma(cur.head) in nouns and _case_clause(cur, data):
            return True  # "au cas où X attaquerait", "un scénario dans lequel X serait envahi"
        for c in cur.children:
            if c.dep_ == "mark" and (c.text.lower().replace("’", "'") in marks or _mark_phrase(c, data)):
                return True  # "if", "unless", "provided that Y ..."
            if c.dep_.startswith("nsubj") and any(
                m.dep_ in ("mark", "case") and m.text.lower().replace("’", "'") in marks and m.i < c.i
                for m in c.children
            ):
                return True  # "si les soldats ... étaient tués": the parser hung "si" on the subject
            if (
                depth == 0
                and c.dep_ == "advcl"
                and any(m.dep_ == "mark" and m.text.lower().replace("’", "'") in marks for m in c.children)
                and is_conditional_clause(cur, data)
            ):
                return True
            if c.dep_.startswith("obl") and phrases and _opens_with(c, phrases):
                return True
        if cur.head.i == cur.i or cur.dep_ in ("ccomp", "parataxis", "acl:relcl"):
            break
        cur = cur.head
    return False


def _mark_phrase(mark: Token, data: LangData) -> bool:
    """Does a complementizer close a conditional phrase ("provided that", "on condition that"; cues
    "modality" "hypothetical_mark_phrases")?"""
    phrases = data.words("modality", "hypothetical_mark_phrases")
    words = " ".join(t.text.lower() for t in mark.doc[max(0, mark.i - 2) : mark.i + 1])
    return any(words == p or words.endswith(" " + p) for p in phrases)


def _case_clause(tok: Token, data: LangData) -> bool:
    """Is `tok` the clause of a noun of cases ("le cas où", "un scénario dans lequel", "l'hypothèse que"),
    opened by one of the cues "modality" "case_relatives" (a relative, or a complementizer for "acl")?"""
    words = data.words("modality", "case_relatives")
    near = [t for c in tok.children for t in (c, *c.children) if t.i < tok.i]
    if tok.dep_ == "acl:relcl":
        return any(t.text.lower() in words and t.pos_ == "PRON" for t in near)
    return tok.dep_ == "acl" and any(t.dep_ == "mark" and t.text.lower() in words for t in near)


def is_conditional_clause(tok: Token, data: LangData) -> bool:
    """The clause's verb (or its auxiliary) is in the conditional or future: an apodosis."""
    return mood_of(tok, data) in ("cond", "fut")


def future_in_past(finite: Token, data: LangData) -> bool:
    """Is a simple conditional the future of a past speech verb ("a annoncé que la France livrerait",
    "a prévenu qu'ils imposeraient")? The sequence of tenses, not distance; "aurait livré" stays alleged."""
    head = finite.head
    if finite.dep_ != "ccomp" or lemma(head) not in data.words("attribution", "speech_verbs"):
        return False
    if any(c.dep_.startswith("aux") and is_conditional(c, data) for c in finite.children):
        return False
    return (
        "Tense=Past" in str(head.morph)
        or any(c.dep_.startswith("aux") and "Tense=Imp" in str(c.morph) for c in head.children)
        or "Tense=Imp" in str(head.morph)
    )


def done_before(finite: Token, data: LangData) -> bool:
    """Is the clause past or perfect, neither conditional nor future ("attacked", "had attacked",
    "a attaqué", "ait attaqué")? With the cue "modality" "attitude_past" "perfect", only a compound
    past counts (French: the simple past is literary, and the tagger reads a subjunctive as one)."""
    if mood_of(finite, data) is not None:
        return False
    aux = [c for c in finite.children if c.dep_.startswith("aux")]
    if data.words("modality", "attitude_past") == {"perfect"}:
        return "Tense=Past" in str(finite.morph) and "VerbForm=Part" in str(finite.morph) and bool(aux)
    return any("Tense=Past" in str(v.morph) for v in [finite, *aux])


def attitude(finite: Token, data: LangData) -> str | None:
    """The modality a finite clause takes from the word of attitude that governs it, verb, noun or
    adjective (cues "modality" "wish_that": "hopes that Y returns ...", "voiced hope that ...", "souhaite
    que ..."; "fear_that": "fears that Y will attack", "expressed concern that ...", "is worried that
    ...", "craint que ..."). A wished act is `hypothetical` (not done, and not the holder's own to intend:
    as a request's content); a feared or expected one `possible`. A past or perfect clause is another
    matter: "expressed concern that Y attacked Z" reports the act as done, its holder the claimant, as
    "said that" does (None: the clause's own modality); a hope about the past ("hopes that Y has
    released them") does not know whether it happened: `possible`."""
    if finite.dep_ not in ("ccomp", "acl") or finite.head.i == finite.i:
        return None  # "acl": a noun's complement clause ("the hope that ..."), never a relative clause
    wish, fear = data.words("modality", "wish_that"), data.words("modality", "fear_that")
    start = min(t.i for t in finite.subtree)
    head = lemma(finite.head)
    if head not in wish | fear and finite.dep_ == "ccomp":
        for noun in (c for c in finite.head.children if c.dep_ == "obj" and lemma(c) in wish | fear):
            if max(t.i for t in noun.subtree) + 1 == start:
                head = lemma(noun)  # "a exprimé sa crainte que ...": the clause hung on the verb
    wished = head in wish
    if not wished and head not in fear:
        return None
    if done_before(finite, data):
        return "possible" if wished else None
    return "hypothetical" if wished else "possible"


def other_doer(gov: Token, comp: Token, data: LangData) -> str | None:
    """The modality of an infinitive with its own subject under a verb of intention ("wants Y to
    return ...", "expects Y to impose ..."): another party's act, which the subject of `gov` cannot
    intend; wished (cues "modality" "wish_that") it is `hypothetical`, else `possible`. None when the
    infinitive has no subject of its own ("wants to sign": the holder's own intention)."""
    if comp.head.i != gov.i or not any(c.dep_.startswith("nsubj") for c in comp.children):
        return None
    if "VerbForm=Inf" not in str(comp.morph):
        return None
    return "hypothetical" if lemma(gov) in data.words("modality", "wish_that") else "possible"


def adjective_mood(tok: Token, data: LangData) -> str | None:
    """The modality an adjective qualifying a trigger noun gives it (cues "modality" "noun_adjectives",
    a modality -> adjectives table): "a possible attack" is possible, "the planned visit" intended, "the
    alleged attack" alleged; None for a verb or an unqualified noun."""
    table = data.cue("modality", "noun_adjectives")
    if not isinstance(table, dict) or tok.pos_ not in ("NOUN", "PROPN"):
        return None
    for child in tok.children:
        if child.dep_ != "amod":
            continue
        words = {lemma(child), child.text.lower()}
        found = next((mood for mood, listed in table.items() if words & set(listed)), None)
        if found is not None and not found.startswith("_"):
            return found
    return None


def is_finite(tok: Token) -> bool:
    """A finite verb, or one with a finite auxiliary."""
    if "VerbForm=Fin" in str(tok.morph):
        return True
    return any(c.dep_.startswith("aux") and "VerbForm=Fin" in str(c.morph) for c in tok.children)


def headline_infinitive(top: Token) -> bool:
    """A sentence whose main verb is an infinitive with its own subject and its infinitive particle ("X to
    visit Y", "Y to be visited by X"), no finite word over it (not a past tense the tagger read as a base
    form)."""
    if top.dep_ != "ROOT" or not any(c.dep_ in ("nsubj", "nsubj:pass") for c in top.children):
        return False
    verbs = [top] + [c for c in top.children if c.dep_ in ("aux", "aux:pass", "cop")]
    marked = any(c.dep_ in ("aux", "mark") and c.pos_ == "PART" and c.i < top.i for c in top.children)
    return marked and not is_finite(top) and any("VerbForm=Inf" in str(v.morph) for v in verbs)
