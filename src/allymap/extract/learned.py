"""The "learned" extractor's guess: one event for a sentence whose trigger the rules could not frame.

The rule engine (extract/engine.py) emits an event only when a trigger row's frame finds its parties.
Where it found none in a sentence that has a trigger row and a named actor, the extractor named
"learned" asks the language's sentence gate (extract/gate.py) whether the sentence reports an act of the
trigger's quad class at all, and only then builds one candidate from the parse, by position:
  - the source: the trigger's grammatical subject as the engine reads it (`subject_of`: control
    chains, coordination, relatives), else the nearest named actor before the trigger;
  - the target: the nearest named actor after the trigger inside its own phrase, else after it in the
    sentence, else none (a one-sided act);
  - negation, modality and claimants as for any rule candidate (extract/flags.py, roles.claimants);
  - a low confidence (the gate's probability times GUESS) and `found_by="learned"`.
A sentence gets at most one guess, from the trigger whose class the gate believes most. Never a
relation (ALLY, PARTNER...): relations need their frame. Never a source from a pronoun, a private person
or a group: named actors only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from allymap.extract.args import lemma
from allymap.extract.engine import Candidate
from allymap.extract.flags import control_chain, flags_for, noun_governors
from allymap.extract.gate import QUAD
from allymap.extract.roles import dedupe_actors

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.engine import SentenceExtractor
    from allymap.extract.gate import Gate
    from allymap.extract.items import Item
    from allymap.extract.langdata import Trigger
    from allymap.extract.roles import Actors

# markers (cues "markers" values) of phrases that say where or when, or who says: never a party
CIRCUMSTANCE = frozenset({"in", "during", "since", "according", "without"})
MAIN_LINKS = frozenset({"conj", "xcomp"})  # clause links that keep a predicate the sentence's assertion
NOUN_LINKS = frozenset({"obj", "nsubj", "nsubj:pass", "obl", "obl:arg", "iobj"})  # a noun trigger's link
SUBJ = frozenset({"subj", "subj_pass"})
GUESS = 0.4  # confidence of a guess = GUESS x the gate's probability of its class (rule events: 0.6-0.85)


def _prepositional(ex: SentenceExtractor) -> frozenset[str]:
    return frozenset(ex.view.data.cue("markers").values())


def named_items(ex: SentenceExtractor) -> list[Item]:
    """The sentence's named actor phrases (gazetteer mentions with codes), in text order."""
    out = [
        it
        for it in ex.items
        if it.via == "mention" and it.codes and not (it.private or it.company or it.domestic)
    ]
    return sorted(out, key=lambda it: min(it.tokens))


def guess(ex: SentenceExtractor, gate: Gate) -> Candidate | None:
    """The one guessed candidate of a sentence with no rule candidate, or None."""
    items = named_items(ex)
    if not items:
        return None
    options: list[tuple[Token, Trigger]] = []
    speech = ex.view.data.words("attribution", "speech_verbs")
    for i in sorted(ex.view.rows):
        pred = ex.view.doc[i]
        rows = ex.choose_rows(pred)
        if not rows or "skip" in rows[0].options or not main_clause(pred, speech):
            continue
        row = next((r for r in rows if r.kind == "event" and r.type in QUAD), None)
        if row is not None:
            options.append((pred, row))
    if not options:
        return None
    probs = gate.probabilities([ex.view.parsed.sentence.text])[0]
    scored = [(gate.accepts(probs, row.type), -k, pred, row) for k, (pred, row) in enumerate(options)]
    best = max(scored, key=lambda s: (s[0], s[1]))
    score, _, pred, row = best
    if score <= 0.0:
        return None
    source = _source(ex, pred, items)
    if not source:
        return None
    own = {c for c, _ in source}
    target = [(c, t) for c, t in _target(ex, pred, items, own) if c not in own]
    if not target:
        return None  # one-sided guesses were right 4 times in 66 on unseen news (issue5-learned-precision.md)
    return _candidate(ex, pred, row, source, target, score)


def main_clause(pred: Token, speech: frozenset[str]) -> bool:
    """Is the trigger the sentence's own assertion: the verb of the main clause (reached from the root
    through coordinations and bare infinitives only), or a noun that is its subject, object or oblique?
    Never the content of a statement or claim ("said he would not tolerate attacks"), a relative,
    adverbial or adnominal clause: the rules read those with their attribution; a guess would not."""
    cur = pred
    if pred.pos_ != "VERB" and pred.head.i != pred.i:
        if pred.dep_ not in NOUN_LINKS or pred.head.pos_ not in ("VERB", "AUX"):
            return False
        cur = pred.head
    elif pred.dep_ in ("ccomp", "parataxis") and lemma(pred.head) in speech:
        cur = pred.head  # "X fired at Y, the ministry said": the report itself (claimed_by says who)
    while cur.head.i != cur.i:
        if cur.dep_ not in MAIN_LINKS:
            return False
        cur = cur.head
    return True


def passive_like(ex: SentenceExtractor, pred: Token) -> bool:
    """A passive verb or a bare past participle ("Britons freed from custody"): its subject or the noun
    it qualifies is the patient, never the doer."""
    if pred.pos_ != "VERB":
        return False
    morph = str(pred.morph)
    bare = pred.dep_ in ("acl", "advcl", "amod") and "VerbForm=Part" in morph and "Tense=Past" in morph
    return bare or ex._passive(pred)


def _source(ex: SentenceExtractor, pred: Token, items: list[Item]) -> Actors:
    """The trigger's subject (as the engine reads it), else the nearest named actor before it; in the
    passive, only its agent ("by X")."""
    if passive_like(ex, pred):
        agents = [it for it in items if it.pred is not None and it.pred.i == pred.i and it.marker == "by"]
        return dedupe_actors([(c, t) for it in agents for c, t in zip(it.codes, it.texts, strict=False)])
    if pred.pos_ in ("VERB", "AUX"):
        found = [(c, t) for c, t in ex.subject_of(pred) if c]
        if found:
            return dedupe_actors(found)
    preps = _prepositional(ex)  # "in Kabul", "with X": circumstances or other roles, never the doer
    before = [it for it in items if max(it.tokens) < pred.i and it.marker not in preps]
    if not before:
        return []
    nearest = before[-1]
    return dedupe_actors(list(zip(nearest.codes, nearest.texts, strict=False)))


def _target(ex: SentenceExtractor, pred: Token, items: list[Item], own: set[str]) -> Actors:
    """The nearest named actor after the trigger: first inside the trigger's phrase, then anywhere after;
    in the passive, its subject (the patient)."""
    if passive_like(ex, pred):
        subjects = [it for it in items if it.pred is not None and it.pred.i == pred.i and it.marker in SUBJ]
        found = [(c, t) for it in subjects for c, t in zip(it.codes, it.texts, strict=False) if c not in own]
        if found:
            return dedupe_actors(found)
    after = [
        it
        for it in items
        if min(it.tokens) > pred.i and not set(it.codes) <= own and it.marker not in CIRCUMSTANCE
    ]
    inside = {t.i for t in pred.subtree}
    for pool in ([it for it in after if it.head.i in inside], after):
        if pool:
            it = pool[0]
            return dedupe_actors(list(zip(it.codes, it.texts, strict=False)))
    return []


def _candidate(
    ex: SentenceExtractor, pred: Token, row: Trigger, source: Actors, target: Actors, score: float
) -> Candidate:
    view = ex.view
    is_verb = pred.pos_ == "VERB"
    chain = control_chain(pred) if is_verb else noun_governors(pred, view.data)
    flags = flags_for(view, pred, chain)
    participants = {c for c, _ in source} | {c for c, _ in target}
    claimed = [c for c in dict.fromkeys(ex.claimants(pred)) if c not in participants]
    mode = None if row.mode == "auto" else row.mode
    return Candidate(
        pred,
        row,
        source,
        target,
        row.symmetric and bool(target),
        flags,
        claimed,
        mode,
        round(max(0.05, GUESS * score), 3),
        not is_verb,
        False,
        pred,
        set(),
        False,
        "learned",
    )
