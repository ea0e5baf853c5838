"""The rule engine for one parsed sentence: trigger rows, argument frames, roles, flags and dates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from allymap.extract.args import Item, SentenceView, is_reflexive, lemma
from allymap.extract.coref import Entry, Salience
from allymap.extract.flags import (
    Flags,
    attribution_tokens,
    control_chain,
    flags_for,
    is_finite,
    is_gerund,
    own_negation,
)
from allymap.extract.langdata import Trigger

if TYPE_CHECKING:
    from spacy.tokens import Token

Actors = list[tuple[str, str]]  # (code, text as written)


@dataclass
class Candidate:
    """An event or relation found in a sentence, before document-level clean-up."""

    trigger: Token
    row: Trigger
    source: Actors
    target: Actors
    symmetric: bool
    flags: Flags
    claimed_by: list[str]
    mode: str | None
    confidence: float
    nominal: bool
    definite: bool
    anchor_token: Token
    target_kinds: set[str] = field(default_factory=set)
    predicative: bool = False  # "l'Iran est le principal fournisseur": a statement, not a reference


def _dedupe(actors: Actors) -> Actors:
    seen: set[str] = set()
    out: Actors = []
    for code, text in actors:
        if code not in seen:
            seen.add(code)
            out.append((code, text))
    return out


class SentenceExtractor:
    """Builds candidates for one sentence; `speaker` gives quote speakers by offset."""

    def __init__(self, view: SentenceView, salience: Salience, index: int,
                 speaker: Callable[[int], list[str]]) -> None:
        self.view = view
        self.data = view.data
        self.salience = salience
        self.index = index
        self.speaker = speaker
        self.items = view.items()
        self.built: dict[int, Candidate | None] = {}
        self.agents: dict[int, Actors] = {}  # the source found for each predicate, even without a target
        self._resolved: dict[int, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self._repair()

    # -- attachment repairs for common parser slips -------------------------------------------------------
    def _repair(self) -> None:
        doc = self.view.doc
        ordered = sorted(self.items, key=lambda it: min(it.tokens))
        last_of = {max(it.tokens): it for it in ordered}
        first_of = {min(it.tokens): it for it in ordered}
        for b in ordered:
            j = min(b.tokens) - 1
            while j >= 0 and doc[j].pos_ == "DET":
                j -= 1
            if j < 1 or doc[j].text not in (",", "et", "ou"):
                continue
            a = last_of.get(j - 1)
            if a is not None and a.pred is None and b.pred is not None and b.marker in ("subj", "subj_pass"):
                a.pred, a.role_node, a.marker, a.nested = b.pred, b.role_node, b.marker, b.nested
                continue
            if a is None or a.pred is None or b.marker in ("subj", "subj_pass"):
                continue
            if b.pred is None or b.marker in (None, "obj") or b.pred.i == a.pred.i:
                b.pred, b.role_node, b.marker, b.nested = a.pred, a.role_node, a.marker, a.nested
        for a in ordered:  # "lui et le président chinois ont souligné": the pronoun shares the subject
            if a.via != "pronoun" or a.head.dep_ != "conj":
                continue
            j = max(a.tokens) + 1
            if j < len(doc) and doc[j].text in ("et", ","):
                k = j + 1
                while k < len(doc) and doc[k].pos_ == "DET":
                    k += 1
                nxt = first_of.get(k) or self.item_at(doc[k].head) if k < len(doc) else None
                if nxt is None and k < len(doc):
                    nxt = next((it for it in ordered if min(it.tokens) > j and it.marker == "subj"), None)
                if nxt is not None and nxt.pred is not None:
                    a.pred, a.role_node, a.marker, a.nested = nxt.pred, nxt.role_node, nxt.marker, nxt.nested
        for it in ordered:  # "condamné l'invasion de l'Ukraine par la Russie": the agent of the noun
            if it.marker == "par" and it.pred is not None and it.pred.pos_ == "VERB" and not self._passive(it.pred):
                nouns = [c for c in it.pred.children if c.i in self.view.rows and c.i < min(it.tokens)
                         and self.view.pos_of(c)[1] == "NOUN"]
                if nouns:
                    it.pred, it.nested = nouns[-1], 0

    @staticmethod
    def _passive(pred: Token) -> bool:
        return any(c.dep_ in ("aux:pass", "nsubj:pass") for c in pred.children) or (
            "VerbForm=Part" in str(pred.morph) and "Tense=Past" in str(pred.morph)
            and pred.dep_ in ("acl", "advcl") and any(c.dep_ == "obl:agent" for c in pred.children))

    def _passive_subject(self, pred: Token) -> Actors:
        """A passive without a parsed subject: the phrase just before its auxiliary
        ("La guerre de la Russie en Ukraine est… soutenue par ...")."""
        aux = next((c for c in pred.children if c.dep_ == "aux:pass"), None)
        if aux is None:
            return []
        j = aux.i - 1
        doc = self.view.doc
        while j >= 0 and doc[j].pos_ == "PUNCT":
            j -= 1
        if j < 0:
            return []
        h = doc[j]
        while h.head.i != h.i and h.head.i < aux.i and h.head.pos_ in ("NOUN", "PROPN") and h.head.i < h.i:
            h = h.head
        item = self.item_at(h)
        if item is not None:
            return self.resolve(item)
        if h.i in self.view.rows:
            nested = self.build(h)
            if nested is not None:
                return nested.source
        return []

    # -- resolution of items ----------------------------------------------------------------------------
    def resolve(self, item: Item, exclude: frozenset[str] = frozenset()) -> Actors:
        key = id(item)
        if item.via == "mention":
            return list(zip(item.codes, item.texts, strict=True))
        if key in self._resolved and not exclude:
            codes, texts = self._resolved[key]
        else:
            codes, texts = self._resolve(item, exclude)
            if not exclude:
                self._resolved[key] = (codes, texts)
        return [(c, t) for c, t in zip(codes, texts, strict=False) if c not in exclude]

    def _resolve(self, item: Item, exclude: frozenset[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        if item.via == "relative":
            return self._antecedent(item)
        if item.via == "possessive" and item.pred is not None:
            pred = item.pred
            if pred.dep_ in ("obj", "obl:arg", "obl") and pred.head.pos_ == "VERB":
                found = self.subject_of(pred.head)
                if found:
                    return tuple(c for c, _ in found), tuple(t for _, t in found)
        number = item.number
        codes, texts = self.salience.resolve(
            self.index, item.start, number, exclude,
            prefer_person=number == "sg", subject=item.marker == "subj",
        )
        if codes and item.marker == "subj":
            self.salience.add(Entry(self.index, item.start, codes, texts,
                                    "group" if len(codes) > 1 else "person", subject=True))
        return codes, texts

    def _antecedent(self, item: Item) -> tuple[tuple[str, ...], tuple[str, ...]]:
        clause = item.head.head
        ante = clause.head if clause.dep_ == "acl:relcl" else clause
        found = self.item_at(ante)
        if found is not None and found.via != "relative":
            acts = self.resolve(found)
            return tuple(c for c, _ in acts), tuple(t for _, t in acts)
        copular = self.data.words("anaphora", "copular_verbs")
        gov = ante.head
        if ante.dep_ in ("obj", "xcomp", "nmod") and (lemma(gov) in copular or any(
                c.dep_ == "cop" for c in ante.children)):
            subj = self.subject_of(gov if lemma(gov) in copular else ante)
            return tuple(c for c, _ in subj), tuple(t for _, t in subj)
        return (), ()

    def item_at(self, tok: Token) -> Item | None:
        for item in self.items:
            if tok.i in item.tokens or (item.role_node is not None and item.role_node.i == tok.i):
                return item
        return None

    def args_of(self, pred: Token) -> list[Item]:
        return [it for it in self.items if (it.pred is not None and it.pred.i == pred.i)]

    def subject_of(self, verb: Token, depth: int = 0) -> Actors:
        """The resolved subject of a verb, or the controller of a subject-less infinitive or gerund."""
        found: Actors = []
        markers = ("subj", "subj_pass") if lemma(verb) in self.data.words("anaphora", "copular_verbs") else ("subj",)
        for it in self.args_of(verb):
            if it.marker in markers and it.via != "possessive":
                found.extend(self.resolve(it))
        if not found and verb.dep_ == "parataxis":  # "« ... », a déclaré Zelensky"
            found = [a for it in self.args_of(verb) if it.marker == "obj" and it.head.i > verb.i
                     for a in self.resolve(it)]
        if found or depth > 3:
            return _dedupe(found)
        if verb.dep_ == "conj" and verb.head.pos_ == "VERB" and verb.head.i != verb.i:
            return self.subject_of(verb.head, depth + 1)
        if is_finite(verb):
            return self._left_subject(verb)
        return self.controller(verb, depth)

    def _left_subject(self, verb: Token) -> Actors:
        """A finite verb the parser left without a subject: the actor phrase ending just before it
        ("le secrétaire général de l'OTAN, Jens Stoltenberg, a déclaré")."""
        if any(c.dep_.startswith("nsubj") for c in verb.children):
            return []
        j = verb.i - 1
        doc = self.view.doc
        while j >= 0 and (doc[j].pos_ in ("AUX", "ADV") or doc[j].text == ","):
            j -= 1
        item = self.item_at(doc[j]) if j >= 0 else None
        if item is None or max(item.tokens) != j:
            return []
        return self.resolve(item)

    def controller(self, tok: Token, depth: int = 0) -> Actors:
        obj_control = self.data.words("control", "object_control")
        cur = tok
        gerund = is_gerund(tok, self.data)
        for gov in control_chain(tok):
            if gerund and not is_finite(gov):
                cur = gov
                continue
            if not gerund and lemma(gov) in obj_control:
                objs = [a for it in self.args_of(gov) if it.marker in ("obj", "à") for a in self.resolve(it)]
                if objs:
                    return _dedupe(objs)
            subj = self.subject_of(gov, depth + 1) if is_finite(gov) else [
                a for it in self.args_of(gov) if it.marker == "subj" for a in self.resolve(it)]
            if subj or is_finite(gov):
                return _dedupe(subj)
            cur = gov
        del cur
        return []

    # -- triggers ---------------------------------------------------------------------------------------
    def choose_row(self, pred: Token) -> Trigger | None:
        for row in self.view.rows.get(pred.i, []):
            if self._options_ok(row, pred):
                return row
        return None

    def object_classes(self, pred: Token) -> tuple[set[str], set[str]]:
        """(classes of the object head, classes of the whole object phrase)."""
        head: set[str] = set()
        phrase: set[str] = set()
        for c in pred.children:
            if c.dep_ == "obj" or (c.dep_ in ("obl:arg", "nmod") and self.view.marker_of(c) == "de" and c.i > pred.i):
                if self.item_at(c) is not None:
                    continue
                head |= self.data.object_class(lemma(c))
                for t in c.subtree:
                    if t.i - c.i < 8:
                        phrase |= self.data.object_class(lemma(t))
        return head, phrase | head

    def _options_ok(self, row: Trigger, pred: Token) -> bool:
        opts = row.options
        if "reflexive" in opts and not is_reflexive(pred, self.data):
            return False
        if "obj" in opts:
            want = opts["obj"]
            head, phrase = self.object_classes(pred)
            if want.startswith("!"):
                if want[1:] in head:
                    return False
            elif want not in phrase:
                return False
        needs = row.needs()
        if needs:
            markers = {it.marker for it in self.args_of(pred)}
            markers |= {self.view.marker_of(c) for c in pred.children}
            if any(c.dep_ == "xcomp" for c in pred.children):
                markers.add("xcomp")
            if not markers & set(needs):
                return False
        return True

    def light_verb(self, pred: Token) -> Token | None:
        """The support verb of a nominal trigger ("imposer des sanctions", "ordonner l'invasion")."""
        if self.view.pos_of(pred)[1] == "VERB":
            return None
        head = pred.head
        if pred.dep_ in ("obj", "obl:arg", "obl", "nsubj:pass") and head.pos_ == "VERB":
            if lemma(head) in self.data.words("light_verbs"):
                return head
        return None

    def build(self, pred: Token) -> Candidate | None:
        """The candidate of one predicate (memoised: nested events are built once)."""
        if pred.i in self.built:
            return self.built[pred.i]
        self.built[pred.i] = None
        row = self.choose_row(pred)
        cand = self._build(pred, row) if row is not None else None
        self.built[pred.i] = cand
        return cand

    def _build(self, pred: Token, row: Trigger) -> Candidate | None:
        view = self.view
        is_verb = view.pos_of(pred)[1] == "VERB"
        passive = is_verb and self._passive(pred)
        frame = dict(row.frame)
        if not is_verb:
            frame.setdefault("subj", "source")
        source: Actors = []
        target: Actors = []
        both: Actors = []
        target_kinds: set[str] = set()
        confidence = 0.85 if is_verb else 0.75
        slots: list[tuple[str, Item]] = []
        for it in self.args_of(pred):
            marker = self._role_marker(it.marker, passive, is_verb, frame)
            if marker is None or marker not in frame:
                continue
            if it.nested and (marker in ("de", "subj", "obj", "par") and (is_verb or it.nested > 1)):
                continue
            if marker == "par" and is_verb and not passive:
                continue
            slots.append((frame[marker], it))
        # named actors first, then pronouns and groups, which must not corefer with the other role
        slots.sort(key=lambda ri: ri[1].via != "mention")
        for role, it in slots:
            other = target if role == "source" else source
            acts = self.resolve(it, frozenset(c for c, _ in other))
            if not acts:
                continue
            confidence = min(confidence, confidence * it.confidence + (1 - it.confidence) * 0.5)
            if role == "source":
                source.extend(acts)
            elif role in ("target", "event"):
                target.extend(acts)
                target_kinds |= set(it.kinds)
            elif role == "both":
                both.extend(acts)
        for c in self._nested_predicates(pred):
            marker = self._role_marker(view.marker_of(c), passive, is_verb, frame)
            if marker in frame and frame[marker] in ("event", "target") and marker != "de":
                self.build(c)
                target.extend(self.agents.get(c.i, []))
        if passive and not target:
            target = self._passive_subject(pred)
        light = self.light_verb(pred)
        anchor = light if light is not None else pred
        chain = control_chain(anchor) if anchor.pos_ == "VERB" else []
        if not source and not both:
            if is_verb:
                source = self.subject_of(pred)
                if source and not any(it.marker == "subj" for it in self.args_of(pred)):
                    confidence -= 0.1
            elif light is not None:
                source = self.subject_of(light)
                if not target:
                    target = [a for it in self.args_of(light) if it.marker == "à" for a in self.resolve(it)]
            if not source and not is_verb:
                source = self._attribute_subject(pred)
            if not source and row.kind == "relation":
                source = self._relation_subject(pred)
            if not source and not is_verb and self.view.marker_of(pred) == "lors_de":
                gov = next((t for t in pred.ancestors if t.pos_ == "VERB"), None)
                if gov is not None:
                    source = self.subject_of(gov)
        symmetric = row.symmetric
        both = _dedupe(both)
        if len(both) >= 2:
            source, target, symmetric = both[:1], both[1:], True
        elif both:
            target.extend(both)
        source, target = _dedupe(source), _dedupe(target)
        if not target and len(source) >= 2 and (symmetric or is_reflexive(pred, self.data)):
            source, target, symmetric = source[:1], source[1:], True
        src_codes = {c for c, _ in source}
        target = [(c, t) for c, t in target if c not in src_codes]
        self.agents[pred.i] = source
        if not source or not target:
            return None
        if row.options.get("target") == "org" and not (target_kinds & {"org"}):
            return None
        flags = flags_for(view, anchor, chain)
        if own_negation(pred, self.data) and anchor.i != pred.i:
            flags = Flags(not flags.negated, flags.modality, flags.alleged_speech)
        claimed = self.claimants(anchor)
        participants = src_codes | {c for c, _ in target}
        claimed = [c for c in dict.fromkeys(claimed) if c not in participants]
        mode = row.mode
        if mode == "auto":
            _, classes = self.object_classes(anchor)
            if anchor.i != pred.i:
                classes |= {k for t in pred.subtree for k in self.data.object_class(lemma(t))}
            else:
                classes |= {k for t in pred.children if t.dep_ == "nmod" for k in self.data.object_class(lemma(t))}
            mode = "military" if "military" in classes else "economic" if "economic" in classes else None
        definite = any(c.dep_ == "det" and "Definite=Def" in str(c.morph) for c in pred.children)
        predicative = any(it.marker in ("subj", "subj_pass") for it in self.args_of(pred)) or any(
            c.dep_ == "cop" for c in pred.children)
        return Candidate(pred, row, source, target, symmetric, flags, claimed, mode,
                         max(0.05, min(1.0, confidence)), not is_verb, definite, anchor, target_kinds,
                         predicative)

    @staticmethod
    def _role_marker(marker: str | None, passive: bool, is_verb: bool, frame: dict[str, str]) -> str | None:
        """The frame slot of a marker: a passive's subject is its object, its "par" phrase its subject;
        an adjective ("l'attaque russe") is a noun's agent."""
        if passive:
            return {"subj_pass": "obj", "subj": "obj", "par": "subj"}.get(marker or "", marker)
        if marker == "subj_pass":
            return "subj"
        if marker == "amod" and not is_verb:
            return "amod" if "amod" in frame else "poss" if frame.get("poss") == "source" else "subj"
        return marker

    def _attribute_subject(self, pred: Token) -> Actors:
        """The subject a predicate noun is said of: "X est/reste/devient (l'un des) N"."""
        head = pred.head if lemma(pred.head) in self.data.words("anaphora", "one_of") else pred
        copular = self.data.words("anaphora", "copular_verbs")
        if head.i != pred.i:
            found = [a for it in self.items if it.head.head.i == head.i and it.head.dep_.startswith("nsubj")
                     for a in self.resolve(it)]
            if found:
                return found
        if head.dep_ in ("obj", "xcomp", "obl:arg") and lemma(head.head) in copular:
            return self.subject_of(head.head)
        return []

    def _nested_predicates(self, pred: Token) -> list[Token]:
        """Predicate nouns whose nearest governing predicate is `pred` (through plain nouns)."""
        out = []
        for i in self.view.rows:
            c = self.view.doc[i]
            if i == pred.i or self.item_at(c) is not None or self.view.pos_of(c)[1] != "NOUN":
                continue
            cur = c
            for _ in range(6):
                if cur.head.i == cur.i:
                    break
                cur = cur.head
                if self.view.is_predicate(cur):
                    if cur.i == pred.i:
                        out.append(c)
                    break
        return out

    def _relation_subject(self, pred: Token) -> Actors:
        """"X, allié de Y": an apposition, or just a comma before the relation noun."""
        head = pred.head
        if pred.dep_ in ("appos", "acl", "amod", "nmod") and self.item_at(head) is not None:
            item = self.item_at(head)
            if item is not None:
                return self.resolve(item)
        j = pred.i - 1
        while j >= 0 and self.view.doc[j].pos_ == "DET":
            j -= 1
        if j >= 1 and self.view.doc[j].text == ",":
            item = self.item_at(self.view.doc[j - 1])
            if item is not None and item.via == "mention":
                return self.resolve(item)
        return []

    # -- attribution ------------------------------------------------------------------------------------
    def claimants(self, tok: Token) -> list[str]:
        out: list[str] = []
        for kind, node in attribution_tokens(self.view, tok):
            if kind == "speech":
                found = [c for c, _ in self.subject_of(node)]
                if not found:
                    subj = next((c for c in node.children if c.dep_ == "nsubj"), None)
                    found = self.claimant_of(subj) if subj is not None else []
                out.extend(found)
            else:
                out.extend(self.claimant_of(node))
            if out:
                break
        if not out:
            out.extend(self.speaker(self.view.base + tok.idx))
        return out

    def claimant_of(self, tok: Token) -> list[str]:
        """Codes (or an outlet's name as written) for the noun a claim is attributed to."""
        relatives = self.data.words("anaphora", "relatives")
        if tok.text.lower() in relatives and tok.head.dep_ == "acl:relcl":
            tok = tok.head.head
        item = self.item_at(tok)
        if item is not None and item.via != "relative":
            return [c for c, _ in self.resolve(item)]
        for t in tok.subtree:
            it = self.item_at(t)
            if it is not None and it.via == "mention" and abs(t.i - tok.i) < 8:
                return [c for c, _ in self.resolve(it)]
        names = [t for t in tok.subtree if t.pos_ in ("PROPN", "X") or (t.text[:1].isupper() and t.i != tok.i
                                                                         and t.pos_ != "DET")]
        if names:
            first, last = min(t.i for t in names), max(t.i for t in names)
            doc = self.view.doc
            while first < last and doc[first].pos_ in ("ADP", "DET"):
                first += 1
            span = doc[first : last + 1]
            if all(t.text[:1].isupper() or t.pos_ in ("ADP", "DET", "PROPN") for t in span) and last - first < 6:
                return [span.text]
        return []
