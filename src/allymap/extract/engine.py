"""The rule engine for one parsed sentence: trigger rows, argument frames, roles, flags and dates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from allymap.extract.access import permits_access
from allymap.extract.aimpartner import aim_partner
from allymap.extract.aims import serves
from allymap.extract.args import Item, SentenceView, is_reflexive, lemma
from allymap.extract.claims import adjunct_claim, blamed_flags, claimed_source
from allymap.extract.clauses import clause_subjects
from allymap.extract.complements import complement_fits, complement_target, one_sided_complement
from allymap.extract.coref import Salience
from allymap.extract.flags import Flags, control_chain, flags_for, noun_governors, own_negation
from allymap.extract.governed import governed_markers, governed_source, verb_target
from allymap.extract.intents import stated_row
from allymap.extract.items import agent_has, compounded, has_thing, qualified_patients
from allymap.extract.journeys import journey_verb
from allymap.extract.langdata import Trigger
from allymap.extract.occasions import is_occasion
from allymap.extract.onesided import OneSidedActs
from allymap.extract.organpairs import organ_home, same_state_targets
from allymap.extract.owners import maker_of_unbuilt, owner_agent, support_participle_target
from allymap.extract.purpose import purpose_destination
from allymap.extract.recipients import aim_verb, named_recipient
from allymap.extract.reduced import role_marker
from allymap.extract.refusals import refused_flags
from allymap.extract.roles import Actors, Roles, dedupe_actors
from allymap.extract.subtree import FACTOR, fallback
from allymap.extract.topics import light_target, nested_role, owned_topic, phrase_marker, topic_slots

if TYPE_CHECKING:
    from spacy.tokens import Token


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
    found_by: str | None = None  # how a side was found when not by the row's frame (extract/subtree.py)


class SentenceExtractor(Roles, OneSidedActs):
    """Builds the candidates of one sentence from its trigger rows and argument frames."""

    def __init__(
        self, view: SentenceView, salience: Salience, index: int, speaker: Callable[[int], list[str]]
    ) -> None:
        super().__init__(view, salience, index, speaker)
        self.built: dict[int, Candidate | None] = {}
        self.inferred: set[tuple[str, str]] = set()  # sub-state actors given the other side's country
        self.partners: dict[int, Actors] = {}  # the named side of a mutual act with no agent ("talks with X")
        self.deep: dict[int, str] = {}  # predicates with a side from the fallback of extract/subtree.py

    def domestic_actors(self) -> set[tuple[str, str]]:
        own = {(c, t) for it in self.items if it.domestic for c, t in zip(it.codes, it.texts, strict=False)}
        return own | self.inferred

    def territory_of(self, pred: Token, row: Trigger) -> list[Item]:
        """The places that depend on `pred` when its row is an act on a territory (ASSAULT, or the row
        options place=target or territory: seize, occupy, blockade): "strikes on Kharkiv", "La Russie a
        bombardé Odessa" target the place's state, as a capital does; a place is never an actor."""
        if row.type != "ASSAULT" and "place" not in row.options and "territory" not in row.options:
            return []
        return [it for it in self.view.place_items() if it.pred is not None and it.pred.i == pred.i]

    def build_agent(self, pred: Token) -> Actors:
        self.build(pred)
        return self.agents.get(pred.i, [])

    # -- triggers ---------------------------------------------------------------------------------------
    def choose_row(self, pred: Token) -> Trigger | None:
        """The row used for a predicate (the first whose options hold)."""
        rows = self.choose_rows(pred)
        return rows[0] if rows else None

    def choose_rows(self, pred: Token) -> list[Trigger]:
        """The rows whose options hold, in file order: the first is used, and the next one only after
        a `solo` row (a row for one-sided acts only: "banned an opposition member" is COERCE at home,
        "banned Russian newspapers" the next row's SANCTION) that made no record."""
        rows = [row for row in self.view.rows.get(pred.i, []) if self._options_ok(row, pred)]
        for k, row in enumerate(rows):
            if "solo" not in row.options:
                return rows[: k + 1]
        return rows

    def object_classes(self, pred: Token) -> tuple[set[str], set[str]]:
        """(classes of the object head, classes of the whole object phrase)."""
        head: set[str] = set()
        phrase: set[str] = set()
        kids = list(pred.children)
        if pred.dep_ == "xcomp" and any(c.dep_ == "aux:pass" for c in kids):  # "X is going to be released"
            kids += [c for c in pred.head.children if c.dep_ == "nsubj"]
        for c in kids:
            if (
                c.dep_ in ("obj", "nsubj:pass")
                or (c.dep_ == "nsubj" and c.head.i != pred.i)
                or (  # patient
                    c.dep_ in ("obl:arg", "nmod") and self.view.marker_of(c) == "of" and c.i > pred.i
                )
            ):
                if (it := self.item_at(c)) is not None:
                    if c.i not in it.tokens:  # "the Lisbon targets": a name qualifying the object
                        head |= self.data.object_class(lemma(c))
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
        if "without" in opts and any(  # "called X a liar" is no phone call ("called X to discuss" is)
            c.dep_ in opts["without"].split("|") and c.pos_ not in ("VERB", "AUX") for c in pred.children
        ):
            return False
        if "obj" in opts:
            want = opts["obj"]
            head, phrase = self.object_classes(pred)
            if want.startswith("!"):
                if set(want[1:].split("|")) & head:
                    return False
            elif want not in phrase:
                return False
        if "thing" in opts and not has_thing(self.view, pred, opts["thing"]):
            return False  # "deployed troops": the object's words, actors included
        if "agent" in opts and not agent_has(pred, self.data, opts["agent"]):
            return False  # "the U.S. military is hitting X": an attack by its doer's words
        if "mod" in opts and not self._mod_ok(opts["mod"], pred):
            return False
        if "access" in opts and not permits_access(self, pred, opts["access"]):
            return False  # "allowed X to enter Y", not "allowed prices to rise"
        if "venue" in opts and self.view.marker_of(pred) in opts["venue"].split("|"):
            return False  # "met X at the G7 summit": where they met, not with whom
        if "purpose_of" in opts and not serves(self, pred, set(opts["purpose_of"].split("|"))):
            return False  # "sent aid to support X", "carried out a raid, targeting X": the aim of such an act
        if "any" in opts:  # "deployed troops to the peacekeeping mission": outside the (active) subject
            subject = {t.i for c in pred.children if c.dep_ == "nsubj" for t in c.subtree}
            if not any(
                opts["any"] in self.data.object_class(lemma(t)) for t in pred.subtree if t.i not in subject
            ):
                return False
        needs = row.needs()
        if needs:
            markers = {it.marker for it in self.args_of(pred)}
            markers |= {self.view.marker_of(c) for c in pred.children}
            if complement_fits(self, pred, row):  # "vowed to attack X" or "to meet X"
                markers.add("xcomp")
            for part in (c for c in pred.children if c.dep_ == "acl" and self._reduced_support(c)):
                markers |= {it.marker for it in self.args_of(part)}  # "the threats made against X"
            if (light := self.light_verb(pred)) is not None:  # "a eu un appel avec X", "a lancé un appel à X"
                markers |= {it.marker for it in self.args_of(light)} - {"subj", "obj"}
                markers |= {
                    view_marker for c in light.children if (view_marker := phrase_marker(self.view, c))
                }
            markers |= governed_markers(self, pred, row)  # "X authorised aid to Y": "to Y" on the verb
            markers |= {"aim"} if aim_verb(self, pred, row) is not None else set()  # "aid aimed at Y"
            if "subj_pass" in markers and self._passive(pred):
                markers.add("obj")  # "was returned to X by Y": a passive's subject is its object
            subjects = [
                it for v in (pred, light) if v is not None for it in self.args_of(v) if it.marker == "subj"
            ]
            if len(subjects) > 1 or any(it.via == "group" or it.number == "pl" for it in subjects):
                markers.add("plural")
            if not markers & set(needs):
                return False
        return True

    def _mod_ok(self, want: str, pred: Token) -> bool:
        """Row option mod=CLASS (or mod=!CLASS): a word before the noun — the trigger noun itself, or a
        verb's object or support noun — is (is not) of that object class ("a hunger strike", "ended the
        strike" but not "ended the air strikes")."""
        noun: Token | None = pred
        if self.view.pos_of(pred)[1] == "VERB":
            noun = next((c for c in pred.children if c.dep_ == "obj" or c.i in self.view.consumed), None)
        words = [t for t in noun.subtree if t.i < noun.i] if noun is not None else []
        found = any(want.lstrip("!") in self.data.object_class(lemma(t)) for t in words)
        return found != want.startswith("!")

    def light_verb(self, pred: Token) -> Token | None:
        """The support verb of a nominal trigger ("imposer des sanctions", "ordonner l'invasion")."""
        if self.view.pos_of(pred)[1] == "VERB":
            return None
        found, first = self._light_verb(pred) or journey_verb(self, pred), pred  # "X, on a visit to Y,"
        while first.dep_ == "conj" and first.head.pos_ in ("NOUN", "PROPN") and first.head.i < first.i:
            first = first.head  # "launched air and artillery strikes": the coordination's verb
        return found if found is not None or first is pred else self._light_verb(first)

    def _light_verb(self, pred: Token) -> Token | None:
        head = pred.head
        if pred.dep_ == "nmod" and head.dep_ == "obj" and self.view.marker_of(pred) == "in":
            if head.pos_ == "NUM" or any(c.dep_ == "nummod" for c in head.children):
                head = head.head  # "gave $5 million in aid to X": the amount is the object, the noun its kind
                pred = pred.head
        if self.view.carried.get(head.i) == pred.i:  # "approved the delivery of aid to X": the carrier's verb
            pred, head = head, head.head
        if pred.dep_ in ("obj", "obl:arg", "obl", "nsubj:pass") and head.pos_ == "VERB":
            if is_occasion(pred, self.data):
                return None  # "sent condolences to Y after the attack": the occasion, not the act
            if lemma(head) in self.data.words("light_verbs"):
                return head
        return next(  # "the sanctions imposed by X on Y": the support verb as a participle of the noun
            (c for c in pred.children if c.dep_ == "acl" and c.i > pred.i and self._reduced_support(c)), None
        )

    def _reduced_support(self, part: Token) -> bool:
        return "VerbForm=Part" in str(part.morph) and lemma(part) in self.data.words("light_verbs")

    def build(self, pred: Token) -> Candidate | None:
        """The candidate of one predicate (memoised: nested events are built once)."""
        if pred.i in self.built:
            return self.built[pred.i]
        self.built[pred.i] = None
        cand = None
        for row in self.choose_rows(pred):
            if "skip" in row.options:  # the row's sense is no event ("sent condolences")
                break
            cand = self._build(pred, stated_row(self, pred, row))  # "will not lift it until Y"
            if cand is not None:
                break
        self.built[pred.i] = cand
        return cand

    def _build(self, pred: Token, row: Trigger) -> Candidate | None:
        view = self.view
        is_verb = view.pos_of(pred)[1] == "VERB"
        passive = is_verb and self._passive(pred)
        frame = {  # a "pass:" key holds in the passive only ("were expelled from X": X expelled them)
            k.removeprefix("pass:"): v for k, v in row.frame.items() if passive or not k.startswith("pass:")
        }
        if not is_verb:
            frame.setdefault("subj", "source")
        source: Actors = []
        target: Actors = []
        both: Actors = []
        target_kinds: set[str] = set()
        confidence = 0.85 if is_verb else 0.75
        slots: list[tuple[str, Item]] = []
        markers: set[str] = set()
        for it in self.args_of(pred) + self.territory_of(pred, row) + qualified_patients(self, pred, row):
            # "an EU request"; "the Berlin blockade": a place; "complained about X's practices": a topic
            compound = owned_topic(self, it, frame) or compounded(it, pred, frame)
            marker = role_marker(compound or it.marker, passive, is_verb, frame)
            if it.via == "place":  # only the territory attacked, never the attacker ("the shelling of X")
                if marker == "of" and not is_verb and not it.nested:
                    slots.append(("target", it))
                    continue
                if marker not in frame or frame[marker] != "target":
                    continue
            if marker is None or marker not in frame:
                continue
            if it.nested and marker in ("subj", "obj", "by", "poss") and not self._support_owner(it):
                continue  # "aid to Turkey in Syria's Idlib region": Syria owns the region, not the aid
            if it.nested and marker == "of" and (is_verb or it.nested > 1) and "nested_of" not in row.options:
                continue
            if marker == "by" and is_verb and not passive:
                continue
            slots.append((frame[marker], it))
            markers.add(marker)
        if is_verb and "obj" not in markers:
            for conj in (c for c in pred.children if c.dep_ == "conj" and c.pos_ in ("VERB", "ADJ")):
                if any(d.dep_.startswith("nsubj") for d in conj.children):
                    continue  # "X rejected the plan and Y's parties opposed it": a clause of its own
                for it in self.args_of(conj):  # "n'a ni condamné ni sanctionné la Russie": shared object
                    if it.marker == "obj" and "obj" in frame and it.head.i > conj.i:
                        slots.append((frame["obj"], it))
        slots = topic_slots(
            self, pred, slots
        )  # "sanctions regarding X": a target when no other phrase names one
        # named actors first, then pronouns and groups, which must not corefer with the other role
        slots.sort(key=lambda ri: ri[1].via != "mention")
        sides: dict[str, list[Item]] = {"source": [], "target": []}
        pending: list[tuple[str, Item]] = []
        for role, it in slots:
            other = target if role == "source" else source
            acts = self.resolve(it, frozenset(c for c, _ in other) if not it.domestic else frozenset())
            if it.via == "substate" and not acts and role in ("source", "target", "event"):
                pending.append(("target" if role == "event" else role, it))  # "criticized the government"
            if not acts:
                continue
            sides.setdefault("target" if role == "event" else role, []).append(it)
            confidence = min(confidence, confidence * it.confidence + (1 - it.confidence) * 0.5)
            if role == "source":
                source.extend(acts)
            elif role in ("target", "event"):
                target.extend(acts)
                target_kinds |= set(it.kinds)
            elif role == "both":
                both.extend(acts)
        if frame.keys() & {"for_subj", "that_subj", "until_subj"} and not target:
            target = clause_subjects(self, pred, frame)  # "X's call for Y to withdraw": Y is asked
        if is_verb and row.support and not target:
            target = support_participle_target(self, pred, frame)  # "lift the ban imposed on X"
        if is_verb and sides["source"] and all(it.domestic for it in sides["source"]):
            source = adjunct_claim(self, pred)[0] or source  # "gunmen stormed X, in an attack claimed by Y"
        self.infer_home(pending, source, target, sides)  # "Turkish police detained activists": TUR, TUR
        organ_home(self, pred, row, pending, source, target, sides)  # "parliament rejected the government's"
        for c in self._nested_predicates(pred):
            marker = role_marker(view.marker_of(c), passive, is_verb, frame)
            if nested_role(frame, marker, bool(target)):  # "protested over the arrest of ... by X": a topic
                agent = self.build_agent(c) or maker_of_unbuilt(self, c)  # "condemned X's sanctions"
                if not agent and "partner" in row.options:  # "refused talks with X": X, the other side
                    agent = self.partners.get(c.i, [])
                target.extend(a for a in agent if a not in source)  # "a judge approved its own act"
        if passive and not target:
            target = self._passive_subject(pred)
        light = self.light_verb(pred)
        anchor = light if light is not None else pred
        chain = control_chain(anchor) if anchor.pos_ in ("VERB", "ADJ") else noun_governors(anchor, self.data)
        if not source and not both:
            bare_participle = pred.dep_ in ("acl", "advcl") and {"VerbForm=Part", "Tense=Past"} <= set(
                str(pred.morph).split("|")
            )  # "the flour delivered to Gaza": whoever delivered it is not said
            if is_verb and not (row.kind == "relation" and "VerbForm=Part" in str(pred.morph)):
                source = [] if bare_participle else self.subject_of(pred)
                if source and not any(it.marker == "subj" for it in self.args_of(pred)):
                    confidence -= 0.1
            elif light is not None:
                source = [] if light.head.i == pred.i else self.subject_of(light)  # a participle: its agent
                if not source and self._passive(light):  # "the exercise was staged by X and Y"
                    source = [a for it in self.args_of(light) if it.marker == "by" for a in self.resolve(it)]
                if source and not target and pending:  # "police launched raids on rebels": the noun's own
                    self.infer_home(pending, source, target, {"source": self.subjects(light), "target": []})
                if not target:  # "launched cyber warfare against X", "held talks with X": the noun's markers
                    target = self._light_target(light, row, frame)
            if not source and passive:  # "UN sanctions on X were lifted": their owner lifts them
                source = owner_agent(self, pred, row)
            if not source and not is_verb:
                source = self._attribute_subject(pred) or governed_source(self, pred, row, target)
                source = source or claimed_source(self, pred)[0]  # "an attack claimed by X"
            if not source and row.kind == "relation":
                source = self._relation_subject(pred)
            if not source and not is_verb and self.view.is_during(pred):
                gov = next((t for t in pred.ancestors if t.pos_ == "VERB"), None)
                if gov is not None:
                    source = self.subject_of(gov)
        if source and not target and not both:  # "X a exprimé sa solidarité à Y"; "condemned X's raid on Y"
            target = verb_target(self, pred, row, (light, markers, frame), source)
        if light is not None and row.symmetric and source and not target and not both:  # "joined X's drills"
            joined = [a for a in self.subject_of(light) if a[0] not in {c for c, _ in source}]
            source, target = (joined, source) if joined else (source, target)
        if not is_verb and not target and pred.dep_ in ("obj", "obl:arg", "obl"):
            if lemma(pred.head) in self.data.words("receive_verbs") and pred.head.dep_ != "acl":
                target = self.subject_of(
                    pred.head
                )  # "Kiev a reçu le soutien de Paris" (not "the day of X receiving")
        symmetric = row.symmetric
        both = dedupe_actors(both)
        if len(both) >= 2:
            source, target, symmetric = both[:1], both[1:], True
        elif both:
            target.extend(both)
        source, target = dedupe_actors(source), dedupe_actors(target)
        if source and not target and frame.get("xcomp") == "target":
            # "X and Y agreed to lift tariffs on Z": against Z, not a mutual act of X and Y
            target = complement_target(self, pred, row, {c for c, _ in source})
            symmetric = symmetric and not target
        if not target and len(source) >= 2 and (symmetric or is_reflexive(pred, self.data)):
            source, target, symmetric = source[:1], source[1:], True
        src_codes = {c for c, _ in source}
        target = same_state_targets(self, pred, row, sides, source, target)  # domestic records keep both
        if source and not target and frame.get("xcomp") == "target":
            target = complement_target(self, pred, row, src_codes)  # "threatened to shell X"
            symmetric = False  # "agreed to lift sanctions on X" is one-sided, whatever the row says
        self.agents[pred.i] = source
        if symmetric and not source:
            self.partners[pred.i] = target
        if not source and not both and "passive" in row.options and (passive or self._passive(anchor)):
            found = self._unsaid_agent(pred, anchor, row, target)  # "three journalists were arrested in X"
            if found is None:
                return None
            (source, target), symmetric, src_codes = found, False, {c for c, _ in found[0]}
        if "solo" in row.options and {c for c, _ in target} - src_codes:
            return None  # another state's people or goods: the next row's reading
        lone: Actors | None = None
        if source and not target and frame.get("xcomp") == "target" and one_sided_complement(self, pred, row):
            lone = []  # "refused to step down": the refusal has no other party either
        if source and not target and ("alone" in row.options or "place" in row.options):
            lone = self._one_sided(pred, anchor, row, source)  # "imposed a curfew", "bombed a town in X"
            if lone is not None:
                target, symmetric = lone, False
        flags = flags_for(view, anchor, chain)
        if own_negation(pred, self.data) and anchor.i != pred.i:
            flags = Flags(not flags.negated, flags.modality, flags.alleged_by_speech)
        flags = refused_flags(flags, row)  # "will not lift it until Y acts": a refusal, asserted
        flags = blamed_flags(self, pred, source, flags)  # "an attack officials blamed on X": alleged
        if source and not target and lone is None and "solo" not in row.options:
            target = purpose_destination(self, pred, row, source)  # "arrived in X to deliver aid"
            target = target or named_recipient(self, pred, row, source)  # "aid aimed at Y", "gave Y aid"
            target = target or aim_partner(self, pred, anchor, row, frame, source)  # "a deal to trade with X"
        if source and not target and lone is None and "solo" not in row.options:
            target = fallback(self, pred, anchor, row, frame, source, flags)  # deeper in the phrase
        if not source or (not target and lone is None):
            return None
        found_by = self.deep.get(pred.i)
        confidence *= FACTOR if found_by else 1.0
        if row.options.get("target") == "org" and not (target_kinds & {"org"}):
            return None
        if row.mode == "visit" and {c for c, _ in source} == {c for c, _ in target}:
            return None  # travelling at home ("protesters went to the capital") is no visit between parties
        claimed = self.claimants(anchor)
        participants = src_codes | {c for c, _ in target}
        claimed = [c for c in dict.fromkeys(claimed) if c not in participants]
        mode = row.mode
        if mode == "auto":
            _, classes = self.object_classes(anchor)
            if anchor.i != pred.i:
                classes |= {k for t in pred.subtree for k in self.data.object_class(lemma(t))}
            else:
                classes |= {
                    k for t in pred.children if t.dep_ == "nmod" for k in self.data.object_class(lemma(t))
                }
            classes |= {k for t in pred.subtree for k in self.data.object_class(lemma(t)) if k == "phone"}
            mode = next((m for m in ("phone", "military", "economic") if m in classes), None)
        definite = any(c.dep_ == "det" and "Definite=Def" in str(c.morph) for c in pred.children)
        predicative = any(it.marker in ("subj", "subj_pass") for it in self.args_of(pred)) or any(
            c.dep_ == "cop" for c in pred.children
        )
        return Candidate(
            pred,
            row,
            source,
            target,
            symmetric,
            flags,
            claimed,
            mode,
            max(0.05, min(1.0, confidence)),
            not is_verb,
            definite,
            anchor,
            target_kinds,
            predicative,
            found_by,
        )

    def _support_owner(self, it: Item) -> bool:
        """ "violated X's ceasefire": the possessive of a support noun folded into its verb's trigger."""
        node = it.role_node
        if it.marker != "poss" or it.nested != 1 or node is None:
            return False
        return node.head.i in self.view.consumed

    def _light_target(self, light: Token, row: Trigger, frame: dict[str, str]) -> Actors:
        """The target a support verb's own phrases give its noun (topics.py)."""
        return light_target(self, light, row, frame)

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
