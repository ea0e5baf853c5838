"""Who fills each role of a sentence's predicates: parser-slip repairs, pronoun and relative
resolution, subjects and controllers, the subject of predicate nouns, and who makes a claim."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from allymap.extract.args import Item, SentenceView, lemma, prefers_person
from allymap.extract.coref import Entry, Salience
from allymap.extract.flags import attribution_tokens, control_chain, is_gerund, prevented, reported_verb
from allymap.extract.instruments import instrument_agent
from allymap.extract.mood import is_finite
from allymap.extract.outlets import may_claim
from allymap.extract.reduced import reduced_patient

if TYPE_CHECKING:
    from spacy.tokens import Token

Actors = list[tuple[str, str]]  # (code, text as written)


def dedupe_actors(actors: Actors) -> Actors:
    """Each code once, first mention kept."""
    seen: set[str] = set()
    out: Actors = []
    for code, text in actors:
        if code not in seen:
            seen.add(code)
            out.append((code, text))
    return out


class Roles:
    """The actor phrases of one parsed sentence and the questions the engine asks about them."""

    def __init__(
        self, view: SentenceView, salience: Salience, index: int, speaker: Callable[[int], list[str]]
    ) -> None:
        self.view = view
        self.data = view.data
        self.salience = salience
        self.index = index
        self.speaker = speaker
        self.items = view.items()
        self.agents: dict[int, Actors] = {}  # the source found for each predicate, even without a target
        self._resolved: dict[int, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self._repair()

    def build_agent(self, pred: Token) -> Actors:
        """The source of a nested predicate (the engine overrides this to build it)."""
        return self.agents.get(pred.i, [])

    # -- attachment repairs for common parser slips -------------------------------------------------------
    def _enumeration_continues(self, b: Item, last_of: dict[int, Item], first_of: dict[int, Item]) -> bool:
        """Is `b` followed by "," or "et"/"ou" and another actor phrase ("A, B et C")?"""
        doc = self.view.doc
        k = max(b.tokens) + 1
        if k >= len(doc) or not self.view.coordinator(doc[k]):
            return False
        k += 1
        while k < len(doc) and doc[k].pos_ == "DET":
            k += 1
        return k in first_of

    def _repair(self) -> None:
        doc = self.view.doc
        ordered = sorted(self.items, key=lambda it: min(it.tokens))
        last_of = {max(it.tokens): it for it in ordered}
        first_of = {min(it.tokens): it for it in ordered}
        for b in ordered:
            j = min(b.tokens) - 1
            while j >= 0 and doc[j].pos_ == "DET":
                j -= 1
            if j < 1 or not self.view.coordinator(doc[j]):
                continue
            if doc[j].text == "," and not self._enumeration_continues(b, last_of, first_of):
                continue  # "Avant l'invasion par la Russie, Macron était ...": not a list
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
            if j < len(doc) and self.view.coordinator(doc[j]):
                k = j + 1
                while k < len(doc) and doc[k].pos_ == "DET":
                    k += 1
                nxt = first_of.get(k) or self.item_at(doc[k].head) if k < len(doc) else None
                if nxt is None and k < len(doc):
                    nxt = next((it for it in ordered if min(it.tokens) > j and it.marker == "subj"), None)
                if nxt is not None and nxt.pred is not None:
                    a.pred, a.role_node, a.marker, a.nested = nxt.pred, nxt.role_node, nxt.marker, nxt.nested
        for it in ordered:  # "Selon l'agence Reuters, la Corée du Nord a livré": the appositive subject
            if it.marker == "according" and it.head.dep_ == "appos" and it.pred is not None:
                it.marker, it.role_node, it.nested = "subj", it.head, 0
        for it in ordered:  # "condamné l'invasion de l'Ukraine par la Russie": the agent of the noun
            if (
                it.marker == "by"
                and it.pred is not None
                and it.pred.pos_ == "VERB"
                and not self._passive(it.pred)
            ):
                nouns = [
                    c
                    for c in it.pred.children
                    if c.i in self.view.rows and c.i < min(it.tokens) and self.view.pos_of(c)[1] == "NOUN"
                ]
                if nouns:
                    it.pred, it.nested = nouns[-1], 0

    @staticmethod
    def _passive(pred: Token) -> bool:
        # a participle with an agent, whatever tense the tagger gave it ("the sanctions, lifted by X")
        return any(c.dep_ in ("aux:pass", "nsubj:pass") for c in pred.children) or (
            pred.dep_ in ("acl", "advcl") and any(c.dep_ == "obl:agent" for c in pred.children)
        )

    def _passive_subject(self, pred: Token) -> Actors:
        """A passive without a parsed subject: the phrase just before its auxiliary
        ("La guerre de la Russie en Ukraine est… soutenue par ...")."""
        aux = next((c for c in pred.children if c.dep_ == "aux:pass"), None)
        if aux is None:
            return reduced_patient(self, pred)  # "Germany, attacked by France"
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
            return self.build_agent(h)
        return []

    # -- resolution of items ----------------------------------------------------------------------------
    def resolve(self, item: Item, exclude: frozenset[str] = frozenset()) -> Actors:
        key = id(item)
        if item.via in ("mention", "place"):
            return list(zip(item.codes, item.texts, strict=True))
        if item.via == "substate":  # no country of its own: only the engine's other-side rule gives one
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
            if self.view.is_during(pred):
                gov = next((t for t in pred.ancestors if t.pos_ == "VERB"), None)
                found = self.subject_of(gov) if gov is not None else []
                if found:  # "lors de sa visite à Kiev, Mario Draghi a déclaré": the main subject
                    return tuple(c for c, _ in found), tuple(t for _, t in found)
            if pred.dep_ in ("obj", "obl:arg", "obl") and pred.head.pos_ == "VERB":
                found = self.subject_of(pred.head)
                if found:
                    return tuple(c for c, _ in found), tuple(t for _, t in found)
        topic = self._topic(item)
        if topic is not None:
            return topic
        speaker = self._speaker_pronoun(item, exclude)
        if speaker:
            return tuple(c for c, _ in speaker), tuple(t for _, t in speaker)
        number = item.number
        codes, texts = self.salience.resolve(
            self.index,
            item.start,
            number,
            exclude,
            prefer_person=prefers_person(item, self.data),
            no_orgs=item.forces,
            subject=item.marker == "subj",
        )
        if codes and item.marker == "subj":
            self.salience.add(
                Entry(
                    self.index,
                    item.start,
                    codes,
                    texts,
                    "group" if len(codes) > 1 else "person",
                    subject=True,
                )
            )
        return codes, texts

    def _speaker_pronoun(self, item: Item, exclude: frozenset[str]) -> Actors:
        """ "La Finlande a déclaré qu'elle n'adhérerait pas": the subject pronoun of the clause a speech
        verb reports is the speaker ("X said it cannot go": the modal heading that clause)."""
        pred = reported_verb(item.pred)
        if item.via != "pronoun" or item.marker != "subj" or pred is None or pred.dep_ != "ccomp":
            return []
        gov = pred.head
        if lemma(gov) not in self.data.words("attribution", "speech_verbs"):
            return []
        speakers = [it for it in self.args_of(gov) if it.marker == "subj" and it.via != "pronoun"]
        plural = item.number == "pl"
        if not speakers or (len(speakers) > 1) != plural and not any(it.number == "pl" for it in speakers):
            return []
        return [a for it in speakers for a in self.resolve(it) if a[0] not in exclude]

    def _topic(self, item: Item) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
        """ "Quant au Conseil de l'Europe, il collabore ...": a subject pronoun after a fronted topic
        refers to that topic (and to nothing else when the topic is not an actor)."""
        if item.via != "pronoun" or item.marker != "subj":
            return None
        doc = self.view.doc
        text = doc[: item.head.i].text.lower().replace("’", "'")
        for marker in self.data.words("anaphora", "topic_markers"):
            if text.startswith(marker) and "," in text:
                inside = [it for it in self.items if it.via == "mention" and max(it.tokens) < item.head.i]
                if inside:
                    acts = self.resolve(inside[0])
                    return tuple(c for c, _ in acts), tuple(t for _, t in acts)
                return (), ()
        return None

    def _antecedent(self, item: Item) -> tuple[tuple[str, ...], tuple[str, ...]]:
        clause = item.head.head
        ante = clause.head if clause.dep_ == "acl:relcl" else clause
        found = self.item_at(ante)
        if found is not None and found.via != "relative":
            acts = self.resolve(found)
            return tuple(c for c, _ in acts), tuple(t for _, t in acts)
        copular = self.data.words("anaphora", "copular_verbs")
        gov = ante.head
        if ante.dep_ in ("obj", "xcomp", "nmod") and (
            lemma(gov) in copular or any(c.dep_ == "cop" for c in ante.children)
        ):
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
        markers = (
            ("subj", "subj_pass")
            if lemma(verb) in self.data.words("anaphora", "copular_verbs")
            else ("subj",)
        )
        for it in self.args_of(verb):
            if it.marker in markers and it.via != "possessive" and not it.nested:
                found.extend(self.resolve(it))
        if not found and verb.dep_ == "parataxis":  # "« ... », a déclaré Zelensky"
            found = [
                a
                for it in self.args_of(verb)
                if it.marker == "obj" and it.head.i > verb.i
                for a in self.resolve(it)
            ]
        if not found and not depth:
            found = instrument_agent(self, verb)  # "U.S. airstrikes killed X", "Israeli missiles hit X"
        if found or depth > 3:
            return dedupe_actors(found)
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
        doc = self.view.doc
        j = verb.i - 1
        while j >= 0 and (doc[j].pos_ in ("AUX", "ADV") or doc[j].text == ","):
            j -= 1
        item = self.item_at(doc[j]) if j >= 0 else None
        if item is not None and max(item.tokens) == j and not self._in_relative(item.head, verb):
            return self.resolve(item)
        # "le Premier ministre italien, Mario Draghi, a déclaré": an apposition the resolver missed;
        # "Le G7, auquel se sont joints cinq pays, dont l'Inde, a condamné": not inside the relative
        prepositional = {m for m in self.data.cue("markers").values()} - {"of"}
        for k in range(verb.i - 1, max(-1, verb.i - 25), -1):
            t = doc[k]
            if t.text in (";", ":") or (t.pos_ in ("VERB", "SCONJ") and not self._in_relative(t, verb)):
                break
            item = self.item_at(t)
            if (
                item is not None
                and item.via == "mention"
                and item.marker not in prepositional
                and not self._in_relative(item.head, verb)
            ):
                return self.resolve(item)
        return []

    def _in_relative(self, tok: Token, verb: Token) -> bool:
        """Is `tok` inside a relative clause or a "dont X" aside that `verb` does not belong to?"""
        governing = {a.i for a in verb.ancestors} | {verb.i}
        relatives = self.data.words("anaphora", "relatives")
        node = tok
        for _ in range(12):
            if node.i in governing:
                return False
            first = min(t.i for t in node.subtree)
            if node.dep_ == "acl:relcl" or (first > 0 and node.doc[first - 1].text.lower() in relatives):
                return True
            if node.head.i == node.i:
                return False
            node = node.head
        return False

    def _stranded_noun(self, verb: Token) -> Token | None:
        """The object noun an infinitive clause was parsed away from: "renforcé la capacité du régime à
        mener des frappes" read with "à mener" on the verb; the noun, no actor itself, ends just before it."""
        if verb.dep_ not in ("advcl", "xcomp") or verb.head.i == verb.i:
            return None
        begin = min(t.i for t in verb.subtree)
        for c in verb.head.children:
            if c.dep_ == "obj" and c.pos_ == "NOUN" and self.item_at(c) is None:
                if max(t.i for t in c.subtree) == begin - 1:
                    return c
        return None

    def controller(self, tok: Token, depth: int = 0) -> Actors:
        obj_control = self.data.words("control", "object_control")
        asked = self.data.words("modality", "question_words")
        if any(c.i < tok.i and c.dep_ in ("advmod", "mark") and c.text.lower() in asked for c in tok.lefts):
            return []  # "lui demande comment livrer des armes": a question, not an act asked of X
        first = tok
        while first.dep_ == "conj" and first.head.pos_ == "VERB" and first.head.i != first.i:
            first = first.head  # "la capacité du régime à survivre et à mener cette guerre"
        noun = first.head if first.dep_ == "acl" and first.head.pos_ == "NOUN" else self._stranded_noun(first)
        if noun is not None and noun.i not in self.view.rows:
            owners = [
                it
                for it in self.items
                if it.role_node is not None
                and it.role_node.head.i == noun.i
                and it.marker in ("of", "poss", "amod")
                and it.role_node.i != first.i
            ]
            if owners:  # "la capacité du régime saoudien à bombarder", "sa décision d'envahir"
                return dedupe_actors([a for it in owners for a in self.resolve(it)])
        cur = tok
        gerund = is_gerund(tok, self.data)
        opposed = any(  # "warned against attacking X": only an object controls it ("warned Y against")
            c.dep_ in ("mark", "case") and c.text.lower() in self.data.words("control", "opposed_marks")
            for c in tok.children
        )
        for gov in control_chain(tok):
            if gerund and not is_finite(gov):
                cur = gov
                continue
            if opposed and lemma(gov) not in obj_control:
                return []
            if (not gerund and lemma(gov) in obj_control) or prevented(gov, tok, self.data):
                objs = [
                    a
                    for it in self.args_of(gov)
                    if it.marker in ("obj", "to", "on")
                    for a in self.resolve(it)
                ]  # "urged X to", "called on X to"
                if objs:
                    return dedupe_actors(objs)
                if opposed:
                    return []
                if any(c.dep_ == "obj" and c.pos_ in ("NOUN", "PROPN") for c in gov.children):
                    return []  # "persuade Biden to lift ...": the object acts, even when it has no code
            subj = (
                [  # "X is willing to provide", "X est en droit d'envahir": the subject of the copular clause
                    a
                    for it in self.items
                    if it.head.head.i == gov.i and it.head.dep_.startswith("nsubj")
                    for a in self.resolve(it)
                ]
                if gov.pos_ == "ADJ" or (gov.pos_ == "NOUN" and any(c.dep_ == "cop" for c in gov.children))
                else self.subject_of(gov, depth + 1)
                if is_finite(gov)
                else [
                    a
                    for it in self.args_of(gov)
                    if it.marker == "subj" and not it.nested
                    for a in self.resolve(it)
                ]
            )
            if not subj and self._passive(gov):  # "X is expected / was asked to V": the passive's subject
                subj = [a for it in self.args_of(gov) if it.marker == "subj_pass" and not it.nested
                        for a in self.resolve(it)]  # fmt: skip
            if subj or is_finite(gov):
                return dedupe_actors(subj)
            cur = gov
        del cur
        return []

    def _attribute_subject(self, pred: Token) -> Actors:
        """The subject a predicate noun is said of: "X est/reste/devient (l'un des) N", "the X-ian government
        is one of the N" (the noun a demonym qualifies)."""
        head = pred.head if lemma(pred.head) in self.data.words("anaphora", "one_of") else pred
        copular = self.data.words("anaphora", "copular_verbs")
        if head.i != pred.i:
            found = [
                a
                for it in self.items
                for node in {it.role_node or it.head, it.head.head if it.head.dep_ == "amod" else it.head}
                if node.head.i == head.i and node.dep_.startswith("nsubj")
                for a in self.resolve(it)
            ]
            if found:
                return found
        if head.dep_ in ("obj", "xcomp", "obl:arg") and lemma(head.head) in copular:
            return self.subject_of(head.head)
        return []

    def _relation_subject(self, pred: Token) -> Actors:
        """ "X, allié de Y": an apposition, or just a comma before the relation noun."""
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
        acting = {i for it in self.items if it.marker in ("subj", "subj_pass", "obj") for i in it.tokens}
        own = [t for t in tok.subtree if t.i not in acting and not (t.dep_ == "appos" and t.i > tok.i + 1)]
        for t in own:
            it = self.item_at(t)
            if it is not None and it.via == "mention" and abs(t.i - tok.i) < 8:
                return [c for c, _ in self.resolve(it)]
        # an outlet or a person the knowledge base does not know: the first run of capitalised words
        run: list[Token] = []
        for t in sorted(own, key=lambda x: x.i):
            capital = t.pos_ in ("PROPN", "X") or (
                t.text[:1].isupper() and t.i != tok.i and t.pos_ not in ("DET", "ADP")
            )
            if capital and (
                not run
                or t.i == run[-1].i + 1
                or (t.i == run[-1].i + 2 and t.i - 1 not in acting and self.view.doc[t.i - 1].pos_ == "ADP")
            ):
                run.append(t)
            elif run:
                break
        ok = run and len(run) < 6 and may_claim(run, self.data)
        return [self.view.doc[run[0].i : run[-1].i + 1].text] if ok else []
