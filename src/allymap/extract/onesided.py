"""One-sided acts (row options alone=domestic|none, place=target, passive=place|from): the missing side."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from allymap.extract.detached import detached_mentions
from allymap.extract.flags import control_chain, flags_for, noun_governors
from allymap.extract.items import lemma
from allymap.extract.victims import names_victim, no_person, organ_source, unnamed_ok

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.args import SentenceView
    from allymap.extract.items import Item
    from allymap.extract.langdata import LangData, Trigger

Actors = list[tuple[str, str]]
PLACE_KINDS = frozenset({"state", "capital", "demonym", "place"})
HOME_KINDS = frozenset({"state", "capital", "demonym", "person", "title", "organ"})


@functools.cache
def is_state(code: str) -> bool:
    import pycountry

    return code == "XKX" or pycountry.countries.get(alpha_3=code) is not None


class OneSidedActs:
    """Mixin of the sentence extractor: records for acts whose one actor is the only one named."""

    view: SentenceView
    data: LangData
    items: list[Item]
    inferred: set[tuple[str, str]]

    def infer_home(
        self, pending: list[tuple[str, Item]], source: Actors, target: Actors, sides: dict[str, list[Item]]
    ) -> None:
        """Sub-state nouns with no country of their own ("opposition activists") take the country of the
        other side when it is one state acting at home (_home_state); in place, into source/target."""
        for role, it in pending:
            own, other = (source, target) if role == "source" else (target, source)
            code = self._home_state(it, other, sides["target" if role == "source" else "source"])
            if role == "source" and self._outside_voice(it, sides["target"]):
                code = None  # "a reporter criticized X": a voice on a state may be anyone's
            if code is not None and not own:
                own.append((code, self.view.words(it.head)))
                self.inferred.add((code, self.view.words(it.head)))

    def _outside_voice(self, pending: Item, items: list[Item]) -> bool:
        """Is the source a sub-state noun acting on a state itself (its name or capital, no organ or person
        of it; for an outside voice, no organ named by a demonym)? Such a voice may be anyone's
        ("activists criticized X", "a reporter accused X", "a reporter criticized X's government"), unless a
        word of cues "sub_state" "home_voices" names or qualifies it ("opposition activists accused X": X's
        own opposition) and it is none of the "outside_voices" (reporter, journalist, analyst)."""
        if not items or not all(it.kinds and set(it.kinds) <= {"state", "capital"} for it in items):
            return False
        head = pending.head
        if {lemma(head), head.text.lower()} & self.data.words("sub_state", "outside_voices"):
            return True
        if any(it.role_node is not None and it.role_node.i not in it.tokens for it in items):
            return False  # "stormed Kenya's parliament", "clashed with Kenya's police": an organ of it
        home = self.data.words("sub_state", "home_voices")
        words = [head] + [c for c in head.children if c.dep_ in ("compound", "amod")]
        return not any({lemma(w), w.text.lower()} & home for w in words)

    def _home_state(self, pending: Item, other: Actors, items: list[Item]) -> str | None:
        """The country of an event's other side, when that side is one state acting at home (the state
        itself, a person acting for it or one of its domestic organs, cues "sub_state" "domestic_organs")
        or, for a bare organ ("clashed with police"), a sub-state actor of one country; and the sentence
        names no other actor. Forces named by an organ ("government forces") are that organ."""
        codes = {c for c, _ in other}
        if len(codes) != 1 or not items:
            return None
        if not pending.domestic and not all(it.domestic for it in items):
            return None
        armed = {lemma(pending.head), pending.head.text.lower()} & self.data.words("sub_state", "infer_armed")
        for it in items:
            if not pending.domestic:
                continue
            node = it.role_node if it.role_node is not None else it.head
            climbed = node.i not in it.tokens
            if it.domestic or not set(it.kinds) <= HOME_KINDS:
                return None
            if climbed and not (self.domestic_organ(node) or self._organ_installation(node)):
                return None
            if not climbed and it.kinds and (armed or it.kinds[0] in ("demonym", "title")):
                return None
        code = next(iter(codes))
        if not is_state(code):
            return None
        aside = detached_mentions(self.view, (pending.pred,))  # named in a clause of its own
        named = {
            str(m.code)
            for i, m in enumerate(self.view.mentions)
            if m.code and m.kind != "place" and i not in aside
        }
        return code if named <= {code} else None  # another actor named: whose side is unsaid

    def subjects(self, verb: Token) -> list[Item]:
        """The items that are the verb's subject."""
        return [
            it for it in self.items if it.pred is not None and it.pred.i == verb.i and it.marker == "subj"
        ]

    def _one_sided(self, pred: Token, anchor: Token, row: Trigger, source: Actors) -> Actors | None:
        """The target of an act with no other party, or None for no record. One actor acts and the
        sentence names no other one (whose side it is would be unsaid), apart from the source's own
        country qualifying it ("Afghan Taliban") and the place of the act itself ("in eastern X"):
        `place=target` — an act on a territory ("bombed a hospital in X"): the place's state is the
        target (the source's own state: a domestic record); `alone=domestic` — a state acts on its own
        population or territory ("imposed a curfew in X"): target the same state, with the place,
        population or object words as its text; `alone=none` — an act with no other party at all
        ("declared a ceasefire", "resigned", "put troops on alert"): an empty target, even when the act
        is placed in another country ("agreed to a ceasefire in X")."""
        codes = {c for c, _ in source}
        if len(codes) != 1:
            return None
        if anchor.dep_ == "acl" and anchor.head.pos_ in ("NOUN", "PROPN"):
            return None  # "a request to step down", "calls to declare a ceasefire": not done
        if anchor.dep_.startswith("csubj"):
            return None  # "lifting the ban is out of the question": talked about, not done
        if not self._named_doer(anchor):
            return None  # "a month after she intended to investigate": whose act it is is a guess
        code = next(iter(codes))
        texts = {t for _, t in source}
        places = {
            i: p for i, p in self._act_places(pred, anchor).items() if self.view.mentions[i].text not in texts
        }  # the source's own words are no place of its act ("attacks in X's south" with X as source)
        home = self._source_home(codes)
        mentions = self.view.mentions
        aside = home | set(places) | self._sponsors() | detached_mentions(self.view, (pred, anchor))
        others = {
            str(m.code) for i, m in enumerate(mentions) if m.code and m.kind != "place" and i not in aside
        }  # a place elsewhere in the sentence is no other party, nor a backer or broker of a phrase
        if others - codes:
            return None
        if "unplaced" in row.options and any(
            m.code and str(m.code) not in codes
            for i, m in enumerate(mentions)
            if i not in home and i not in detached_mentions(self.view, (pred, anchor))
        ):
            return None  # "sent aid to a city in X": X's part is unsaid, and a place is no actor
        abroad = {str(self.view.mentions[i].code) for i in places} - codes
        alone = row.options.get("alone")
        if "place" in row.options and len(abroad) <= 1 and places:
            where = next((i for i in places if str(self.view.mentions[i].code) in (abroad or codes)), None)
            if where is not None and is_state(str(self.view.mentions[where].code)):
                return [(str(self.view.mentions[where].code), places[where])]  # at home: a domestic record
        if row.options.get("group") == "none" and not is_state(code) and self._group_source(source):
            if self._stated_done(anchor):
                return []  # "X's fighters released ten hostages": a group's act on people no actor names
            return None
        if "main" in row.options and not self._stated_done(anchor):
            return None  # "denied that it broke the truce", "would break it": a violation not stated as done
        if abroad:
            return [] if alone == "none" else None  # a curfew abroad is a dyad (frame in=target), not this
        if alone == "none":
            return []
        if alone not in ("domestic", "home", "organ") or not is_state(code):
            return None
        if alone == "domestic" and row.type in self.data.words("sub_state", "private_types"):
            if self._private_people(source):
                return None  # "a US woman is suing a firm": private people do not act for their state
        if alone == "organ" and not self._home_source(source):
            return None  # "X stormed a camp": a state, its army or forces may act abroad; its police do not
        if alone == "home" and not self._citizens(source):
            return None  # "China protested": a state's word, not its people in the street
        organ = organ_source(self.items, source, self.domestic_organ)
        for tok in (pred, anchor):
            for c in tok.children:
                if c.i == pred.i or c.pos_ not in ("NOUN", "PROPN"):
                    continue
                marker = self.view.marker_of(c)
                if marker in ("in", "on", "against", "to") or (c.dep_ == "obj" and tok.i == pred.i):
                    phrase = self._phrase(c)
                    if names_victim(c, row, self.data, organ) and not any(
                        re.search(p, phrase) for p in self.data.cue("dates", "patterns") or ()
                    ):
                        return [(code, phrase)]  # "on Sunday" is no place
        return [(code, pred.text)] if unnamed_ok(row, organ, (pred, anchor), self.data) else None

    def _unsaid_agent(
        self, pred: Token, verb: Token, row: Trigger, target: Actors
    ) -> tuple[Actors, Actors] | None:
        """(source, target) of an act only a state's authorities perform, written in the passive with no
        agent (row option passive=place|from; cues "unsaid_agent"), or None. The source is the state of the
        one place the act names ("three journalists were arrested in X", "a curfew was imposed in X's
        capital"; `from`: the state a person is expelled or deported from); with `place` and no place, the
        own country of a sub-state victim ("X-ian activists were jailed"). The target is the victim's
        country, or the source's own (a domestic record, with the victim's or the place's words). Nothing
        when the sentence names another actor that could be the agent (another state, a group, an armed or
        captor noun: "rebels", "hostages"), when the victim is a state itself ("X was banned") or when
        the act is only talked about as a noun's complement or a clause subject."""
        view = self.view
        how = row.options["passive"]
        if how not in ("place", "from") or verb.dep_.startswith("csubj"):
            return None
        if any(c.dep_ == "obl:agent" or view.marker_of(c) == "by" for c in verb.children):
            return None  # an agent is named: the ordinary frame's business
        patient = self._patient(verb)
        if patient is not None and no_person(patient, verb, row, self.data):
            return None  # "it was released in X", "the album that was released in X": no prisoner
        ptoks: set[int] = set()
        if patient is not None:  # the relative clause's own words are not the noun it qualifies
            inner = {t.i for t in verb.subtree} if verb.dep_ == "acl:relcl" else set()
            ptoks = {t.i for t in patient.subtree} - inner
        places = dict(self._act_places(pred, verb))
        if how == "from":
            for c in verb.children:
                mi = view.token_mention.get(c.i)
                if view.marker_of(c) == "from" and mi is not None and view.mentions[mi].kind in PLACE_KINDS:
                    places[mi] = self._phrase(c)
        places = {
            mi: w
            for mi, w in places.items()
            if view.mentions[mi].code
            and mi not in {view.token_mention[t] for t in ptoks if t in view.token_mention}
        }
        if len({str(view.mentions[mi].code) for mi in places}) > 1:
            return None  # two places: whose act it is is unsaid
        place_toks = {ti for ti, mi in view.token_mention.items() if mi in places}
        victims = [it for it in self.items if it.tokens and it.tokens <= ptoks]
        if patient is not None and any(
            it.head.i == patient.i and it.kinds and it.kinds[0] in ("state", "capital") for it in victims
        ):
            return None  # "X was banned": a state is no prisoner; its sanctioner is unsaid
        if places:
            mi = next(iter(places))
            code, words = str(view.mentions[mi].code), view.mentions[mi].text
        else:
            own = [it for it in victims if it.domestic and it.via == "mention" and len(set(it.codes)) == 1]
            if how != "place" or len(own) != 1 or len(victims) != 1:
                return None
            code = own[0].codes[0]
            words = next(
                (
                    view.mentions[view.token_mention[t]].text
                    for t in sorted(own[0].tokens)
                    if t in view.token_mention
                ),
                own[0].texts[0],
            )
        if not is_state(code) or self._other_agent(code, ptoks | place_toks, victims):
            return None
        place_words = {view.mentions[mi].text for mi in places} | set(places.values())
        out = [(c, t) for c, t in dict.fromkeys(target) if t not in place_words]
        if not out:
            if how == "from":
                return None  # a person with no country sent away: no record
            if patient is not None and patient.i != pred.i and patient.i not in view.consumed:
                out = [(code, self._phrase(patient))]  # "he was jailed in X": X's own population
            else:
                out = [(code, next(iter(places.values()), pred.text))]  # "a curfew was imposed in X"
        return [(code, words)], out

    def _patient(self, verb: Token) -> Token | None:
        """The undergoer of a passive verb: its subject, the noun its relative clause qualifies, or the
        subject of the verb whose complement it is ("are expected to be released")."""
        for tok in (verb, verb.head if verb.dep_ == "xcomp" else None):
            if tok is None:
                continue
            subj = next((c for c in tok.children if c.dep_ in ("nsubj:pass", "nsubj")), None)
            if subj is not None and not (verb.dep_ == "acl:relcl" and subj.pos_ == "PRON"):
                return subj
        return verb.head if verb.dep_ == "acl:relcl" else None

    def _other_agent(self, code: str, own: set[int], victims: list[Item]) -> bool:
        """Does the sentence name an actor, outside the victim's and the place's words, that could be the
        agent: another actor's mention, an actor phrase that is no bare organ of the same state, or a
        word of cues "unsaid_agent" "blockers" (captors, hostages) or an armed group noun?"""
        view = self.view
        for ti, mi in view.token_mention.items():
            if ti not in own and view.mentions[mi].code and str(view.mentions[mi].code) != code:
                return True
        for it in self.items:
            if it in victims or it.tokens <= own:
                continue
            if it.codes and set(it.codes) != {code}:
                return True
            if not it.codes and it.kinds != ("organ",):
                return True
        armed = self.data.words("group_heads") | self.data.words("sub_state", "infer_armed")
        blockers = self.data.words("unsaid_agent", "blockers")
        return any(
            {lemma(t), t.text.lower()} & blockers or (t.i not in own and {lemma(t), t.text.lower()} & armed)
            for t in view.doc
        )

    def domestic_organ(self, node: Token) -> bool:
        """Is the noun one of a state's organs at home (cues "sub_state" "domestic_organs": police, courts,
        authorities), or forces or troops named by such an organ ("government forces", "security forces":
        a state's forces in its own country, where "Syrian forces" may be abroad)?"""
        organs = self.data.words("sub_state", "domestic_organs")
        if lemma(node) in organs or node.text.lower() in organs:
            return True
        heads = self.data.words("sub_state", "organ_forces")
        return (lemma(node) in heads or node.text.lower() in heads) and any(
            c.dep_ in ("compound", "amod") and (lemma(c) in organs or c.text.lower() in organs)
            for c in node.children
        )

    def _organ_installation(self, node: Token) -> bool:
        """ "Militants attacked a Kenyan police station": an installation (cues "sub_state"
        "home_installations") of an organ that acts only at home ("home_organs") stands in its own country;
        an army's may be abroad."""
        organs = self.data.words("sub_state", "home_organs")
        return lemma(node) in self.data.words("sub_state", "home_installations") and any(
            c.dep_ in ("compound", "amod") and lemma(c) in organs for c in node.children
        )

    def home_item(self, it: Item) -> bool:
        """Is the item one of a state's organs at home (police, courts, prosecutors: sub-state actors at
        country level, issue 5's decision), which may act on its own state's other organs?"""
        home = self.data.words("sub_state", "home_organs")
        forces = self.data.words("sub_state", "organ_forces")
        for node in (it.head, it.role_node):
            if node is None:
                continue
            if lemma(node) in home or node.text.lower() in home:
                return True
            if (lemma(node) in forces or node.text.lower() in forces) and self.domestic_organ(node):
                return True
        return False

    def _home_source(self, source: Actors) -> bool:
        """Is the one actor an organ that acts only in its own country (cues "sub_state" "home_organs":
        police, courts, authorities; or forces named by a domestic organ, "security forces")?"""
        found = [it for it in self.items if set(zip(it.codes, it.texts, strict=False)) & set(source)]
        return bool(found) and all(self.home_item(it) for it in found)

    def _stated_done(self, anchor: Token) -> bool:
        """Is the act the sentence's main assertion, done or doing: not negated, intended, possible, nor
        inside what a speech or claim verb governs ("X said it will release ...", "X claimed that it had
        kidnapped ...")? A group's one-sided act is recorded only then."""
        chain = control_chain(anchor) if anchor.pos_ in ("VERB", "ADJ") else noun_governors(anchor, self.data)
        flags = flags_for(self.view, anchor, chain)
        if flags.negated or flags.modality not in (None, "asserted") or flags.alleged_by_speech:
            return False
        tok, guilty = anchor, self.data.words("claimed_acts", "responsible_words")
        while (
            tok.dep_ in ("conj", "xcomp")
            or (tok.dep_ == "nmod" and tok.head.pos_ == "NUM")
            or (tok.dep_ == "advcl" and lemma(tok.head) in guilty)  # "X was guilty of violating the truce"
        ) and tok.head.i != tok.i:
            tok = tok.head  # "X is one of the largest donors": the partitive's numeral heads the clause
        if tok.dep_ == "ccomp" and tok.i < tok.head.i and tok.head.head.i == tok.head.i:
            return lemma(tok.head) in self.data.words("attribution", "report_verbs")  # "X did Y, Z said"
        return tok.dep_ == "ROOT" or tok.head.i == tok.i  # not inside what a speech or claim verb governs

    def _group_source(self, source: Actors) -> bool:
        """Is the one actor named as a non-state group itself ("Boko Haram", "Abu Sayyaf fighters"), not
        through a sub-state noun or an organ, whose country the act would leave unsaid?"""
        found = [it for it in self.items if set(zip(it.codes, it.texts, strict=False)) & set(source)]
        return bool(found) and all(not it.domestic and it.via in ("mention", "group") for it in found)

    def _private_people(self, source: Actors) -> bool:
        """Is the one actor only private people of a state, named by a sub-state noun of cues "sub_state"
        "private" ("a US woman", "British tourists"), who hold none of its powers?"""
        private = self.data.words("sub_state", "private")
        found = [it for it in self.items if set(zip(it.codes, it.texts, strict=False)) & set(source)]
        return bool(found) and all(
            it.domestic
            and (
                lemma(it.head) in private or (it.head.i != it.head.head.i and lemma(it.head.head) in private)
            )
            for it in found
        )  # the phrase's noun: "woman" of "a US woman" (the item's head is the name)

    def _citizens(self, source: Actors) -> bool:
        """Is the one actor a state's people: a sub-state actor ("protesters in X", "X-ian workers") or a
        people named by its demonym alone ("thousands of Georgians")?"""
        found = [it for it in self.items if set(zip(it.codes, it.texts, strict=False)) & set(source)]
        return bool(found) and all(
            it.domestic
            or (it.kinds == ("demonym",) and it.head.pos_ in ("NOUN", "PROPN") and it.head.dep_ != "amod")
            for it in found
        )

    def private_source(self, source: Actors, target: Actors) -> bool:
        """Is the source named only by nationals as private people ("un Suisse peut condamner X", "des
        Russes ont fui en Géorgie"; items marked `private`) in an act on another country? They do not act
        for their state; at home they are its people ("des Russes ont manifesté à Moscou")."""
        private = {a for it in self.items if it.private for a in zip(it.codes, it.texts, strict=False)}
        if not source or not all(a in private for a in source):
            return False
        return bool({c for c, _ in target} - {c for c, _ in source})

    def _named_doer(self, anchor: Token) -> bool:
        """Is the act's subject (or its controller's, up the verb's xcomp chain) a named actor or a
        pronoun that a speech verb's named subject gives ("X says it has seized ...")? A pronoun or
        possessive resolved only by salience is not enough for a record with no other side."""
        tok = anchor
        for _ in range(4):
            subj = [
                it for it in self.items if it.pred is not None and it.pred.i == tok.i and it.marker == "subj"
            ]
            if subj:
                return all(
                    it.via in ("mention", "substate", "group") or self._speaker_named(it) for it in subj
                )
            if tok.dep_ not in ("xcomp", "conj") or tok.head.i == tok.i:
                return True
            tok = tok.head
        return True

    def _speaker_named(self, item: Item) -> bool:
        """ "X said it would ...": the subject pronoun of the clause a speech verb reports, whose
        speaker is a named actor."""
        pred = item.pred
        if item.via != "pronoun" or pred is None or pred.dep_ != "ccomp":
            return False
        gov = pred.head
        if lemma(gov) not in self.data.words("attribution", "speech_verbs"):
            return False
        speakers = [
            it for it in self.items if it.pred is not None and it.pred.i == gov.i and it.marker == "subj"
        ]
        return bool(speakers) and all(it.via in ("mention", "substate") for it in speakers)

    def _act_places(self, pred: Token, anchor: Token) -> dict[int, str]:
        """Mentions of states (or their capitals, or a demonym qualifying a place noun) that place the
        act: an in/into/across phrase of the predicate, its support verb, their object, support noun or
        on/against phrase ("stormed a camp in X", "air strikes on a town in X's north"), by mention
        index, with the words of the place phrase."""
        view = self.view
        path = {pred.i, anchor.i}
        for tok in (pred, anchor):
            for c in tok.children:
                if c.dep_ == "obj" or c.i in view.consumed or view.marker_of(c) in ("on", "against"):
                    path |= {c.i} | {k.i for k in c.children if k.dep_ == "conj"}
        inner, named = set(path), set(view.token_mention)
        for _ in range(3):  # "shelled positions across the border in X": a place within the act's place
            inner = {c.i for i in inner for c in view.doc[i].children if view.in_marker(c)} - named
            path |= inner
        out: dict[int, str] = {}
        for ti, mi in view.token_mention.items():
            m = view.mentions[mi]
            tok = view.doc[ti]
            if not m.code or m.kind not in PLACE_KINDS or mi in out:
                continue
            if m.kind == "demonym" and tok.dep_ != "amod":
                continue
            if view._locative_of(tok, path):
                node = tok.head if tok.dep_ == "amod" else tok
                while (node.dep_ == "compound" or not view.in_marker(node)) and node.head.i != node.i:
                    node = node.head
                out[mi] = self._phrase(node)
        return out

    def _sponsors(self) -> set[int]:
        """Mentions that only name who backs or brokers a noun ("Iranian-backed Houthis", "a UN-brokered
        truce"): the agent of a participle qualifying the noun, no party to the noun's act."""
        view = self.view
        return {
            mi
            for ti, mi in view.token_mention.items()
            if view.doc[ti].dep_ == "obl:agent"
            and view.doc[ti].i < view.doc[ti].head.i < view.doc[ti].head.head.i
            and view.doc[ti].head.dep_ in ("acl", "amod")
            and view.doc[ti].head.head.pos_ in ("NOUN", "PROPN")
        }

    def _source_home(self, codes: set[str]) -> set[int]:
        """Mentions that only qualify the source's own phrase ("Afghan Taliban", "Somalia's
        al-Shabaab"): the actor's home, not another party."""
        view = self.view
        out: set[int] = set()
        for it in self.items:
            if not set(it.codes) & codes:
                continue
            heads = {it.head.i} | set(it.tokens)
            for ti, mi in view.token_mention.items():
                tok = view.doc[ti]
                m = view.mentions[mi]
                if m.code and str(m.code) not in codes and m.kind in PLACE_KINDS and tok.head.i in heads:
                    if tok.dep_ in ("amod", "compound", "poss", "nmod:poss") and lemma(tok) != lemma(it.head):
                        out.add(mi)
        return out

    def _phrase(self, tok: Token) -> str:
        """The words of a phrase as written, without its preposition or a clause or apposition that
        follows its head ("in parts of X, where ..." is "parts of X")."""
        cut = {
            t.i
            for c in tok.subtree
            if c.dep_.split(":")[0] in ("relcl", "acl", "appos", "punct", "advcl") and c.i > tok.i
            for t in c.subtree
        }
        words = [t for t in tok.subtree if t.i not in cut and not (t.i < tok.i and t.dep_ in ("case", "det"))]
        first, last = words[0], words[-1]
        return self.view.parsed.sentence.text[first.idx : last.idx + len(last.text)]
