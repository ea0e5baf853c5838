"""Arguments of a parsed sentence: actor phrases (mentions, pronouns, groups, relatives) and the
predicate each one depends on, with the marker (subject, object, preposition) that gives its role."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING

from allymap.extract.carriers import yield_carriers
from allymap.extract.conjuncts import share_conjuncts
from allymap.extract.happenings import happening_host
from allymap.extract.items import COUNTRY_KINDS, LEMMA_FALLBACK, Item, is_reflexive, lemma, prefers_person
from allymap.extract.langdata import LangData, Trigger
from allymap.extract.links import ProxyLinks
from allymap.extract.nonstate import company_phrase
from allymap.extract.reduced import reduced_passive
from allymap.extract.speakers import own_state_items
from allymap.extract.substate import SubStateActors
from allymap.nlp import Parsed
from allymap.records import Mention

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["LEMMA_FALLBACK", "Item", "SentenceView", "is_reflexive", "lemma", "prefers_person"]

NOMINAL_DEPS = frozenset({"nmod", "amod", "appos", "flat:name", "flat", "compound", "nummod", "fixed"})
CORE_SUBJ = frozenset({"nsubj", "nsubj:pass"})


class SentenceView(SubStateActors, ProxyLinks):
    """One parsed sentence with its mentions and the trigger rows of its predicates."""

    def __init__(self, parsed: Parsed, mentions: Sequence[Mention], data: LangData) -> None:
        self.parsed = parsed
        self.doc = parsed.doc
        self.data = data
        self.base = parsed.sentence.start
        self.mentions = list(mentions)
        self.proxy = data.words("proxy_heads")
        self.group_heads = data.words("group_heads")  # stand for a named group only, never for a state
        self.sub_state = data.words("sub_state", "nouns")  # stand for their country (cues "sub_state")
        self.tokens: list[Token] = list(self.doc)  # made once: each `for tok in doc` makes new Tokens
        self._pos: dict[int, tuple[str, str]] = {}  # pos_of memo (the parse is final)
        self.token_mention: dict[int, int] = {}
        starts = [self.base + tok.idx for tok in self.tokens]  # increasing: tokens never overlap
        for mi, m in enumerate(self.mentions):
            # the tokens that start inside the mention, and the one the mention starts inside
            hits = list(range(bisect_left(starts, m.start), bisect_left(starts, m.end)))
            k = bisect_right(starts, m.start) - 1
            if k >= 0 and m.start < starts[k] + len(self.tokens[k].text) and (not hits or k < hits[0]):
                hits.insert(0, k)
            for i in hits:
                prev = self.token_mention.get(i)
                if prev is None or (m.end - m.start) > (self.mentions[prev].end - self.mentions[prev].start):
                    self.token_mention[i] = mi
        self.consumed: set[int] = set()  # support nouns folded into their verb's trigger
        self.carried: dict[int, int] = {}  # a carrier noun -> the act noun it carries (carriers.py)
        self._places: list[Item] | None = None
        self.rows: dict[int, list[Trigger]] = {}
        self._find_predicates()

    # -- predicates -----------------------------------------------------------------------------------
    def pos_of(self, tok: Token) -> tuple[str, str]:
        """(lemma, pos) used for trigger lookup; a participle with a determiner is read as a noun."""
        found = self._pos.get(tok.i)
        if found is None:
            found = self._pos[tok.i] = self._pos_of(tok)
        return found

    def _pos_of(self, tok: Token) -> tuple[str, str]:
        pos = tok.pos_
        if pos == "VERB" and tok.dep_ != "ROOT" and self._nominal_form(tok):
            text = tok.text.lower()
            return (text[:-1] if text.endswith("s") else text), "NOUN"
        return lemma(tok), ("NOUN" if pos == "PROPN" else pos)

    def _nominal_form(self, tok: Token) -> bool:
        """A participle read as a noun: with a determiner ("the shelling"), or a gerund with an adjective
        or possessive and no object ("Indian shelling killed X", "Russia's bombing of Y")."""
        if any(c.dep_ == "det" for c in tok.children):
            return True
        if not tok.text.lower().endswith("ing") or any(c.dep_ in ("obj", "nsubj") for c in tok.children):
            return False
        if any(c.dep_ in ("amod", "poss") and c.i < tok.i for c in tok.children):
            return True
        # a bare gerund with a prepositional frame as a subject or an existential's noun, no clause marks
        # ("Fighting between X and Y erupted", "there was fighting between X and Y")
        if any(c.dep_ in ("aux", "aux:pass", "mark", "advmod") for c in tok.children):
            return False
        there = tok.dep_ == "obj" and any(c.dep_ == "expl" for c in tok.head.children)
        framed = any(c.dep_ in ("nmod", "obl") and c.i > tok.i for c in tok.children)
        return framed and (tok.dep_ in CORE_SUBJ or there)

    def _find_predicates(self) -> None:
        for tok in self.tokens:
            lem, pos = self.pos_of(tok)
            if pos == "VERB":
                rows = []
                for child in self._with_conjuncts(tok) + [tok.head] * reduced_passive(tok, self.data):
                    if child.dep_ == "xcomp" and child.pos_ == "VERB":
                        continue  # "asked X to help Y": the verb "help", not a support noun
                    clem = self.pos_of(child)[0]
                    for row in self.data.supported.get(clem, []) + self.data.supported.get(
                        clem.rstrip("s"), []
                    ):
                        if row.lemma == lem and row.pos == "VERB":
                            rows.append(row)
                            self.consumed.add(child.i)
                rows.extend(self.data.lookup(lem, "VERB"))
                if rows:
                    self.rows[tok.i] = rows
            elif pos in ("NOUN", "ADJ"):
                rows = self.data.lookup(lem, pos) or self.data.lookup(lem.rstrip("s"), pos)
                if rows and tok.i not in self.token_mention:
                    self.rows[tok.i] = rows
        yield_carriers(self)
        for i in list(self.rows):
            tok = self.doc[i]
            if i in self.consumed or self._compound(tok) or self._organ_modifier(tok):
                del self.rows[i]  # "riot police" is no riot

    @staticmethod
    def _with_conjuncts(tok: Token) -> list[Token]:
        """The children of a verb and the conjuncts of its nominal ones ("offered loans and assistance")."""
        kids = list(tok.children)
        return kids + [c for k in kids if k.pos_ == "NOUN" for c in k.children if c.dep_ == "conj"]

    def _compound(self, tok: Token) -> bool:
        """A trigger noun that only qualifies another ("traité de défense et de partenariat")."""
        if self.pos_of(tok)[1] != "NOUN":
            return False
        first = tok
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        if first.dep_ != "nmod" or self.marker_of(first) != "of":
            return False
        head = first.head
        return head.i in self.rows and self.pos_of(head)[1] == "NOUN" and head.i not in self.consumed

    def is_during(self, tok: Token) -> bool:
        """A noun under "lors de" / "pendant": the time of another event."""
        return self.marker_of(tok) in self.data.words("anchors", "preps") or (
            lemma(tok.head) in self.data.words("anchors", "heads")
        )

    def coordinator(self, tok: Token) -> bool:
        return tok.text == "," or tok.text.lower() in self.data.words("coordination")

    def is_predicate(self, tok: Token) -> bool:
        if tok.i in self.rows:
            return True
        return tok.pos_ == "VERB" and self.pos_of(tok)[1] == "VERB" and tok.i not in self.consumed

    # -- markers --------------------------------------------------------------------------------------
    def marker_of(self, tok: Token) -> str | None:
        """The language-neutral marker of `tok`: its preposition mapped by the cues ("to", "of",
        "between", ...) or its core relation ("subj", "obj", "by" for a passive agent)."""
        for child in tok.children:
            if child.dep_ in ("case", "mark") and child.i < tok.i:
                found = self.data.marker(child.text)
                if found:
                    return found
        core: dict[str, str] = self.data.cue("core_deps")
        if tok.dep_ == "iobj" and tok.pos_ == "PRON":
            return "to"
        if tok.dep_ == "obj" and tok.pos_ in ("PROPN", "PRON") and self.first_object(tok):
            return "to"  # "gave X $5 million": the first of two objects, parsed as such, is the recipient
        if tok.dep_ in core:
            return core[tok.dep_]
        if tok.dep_ == "det" and "Poss=Yes" in str(tok.morph):
            return "poss"
        if tok.dep_ == "amod":
            return "amod"
        head = tok.head
        if head.pos_ == "VERB" and head.i != tok.i:
            lo, hi = (head.i + 1, min(t.i for t in tok.subtree)) if tok.i > head.i else (tok.i + 1, head.i)
            between = [self.doc[k] for k in range(lo, hi)]
            if all(t.pos_ in ("ADV", "AUX", "DET", "PART") or t.dep_ == "flat:name" for t in between):
                if tok.i > head.i:
                    return "obj"
                if not any(t.pos_ == "DET" for t in between):
                    return "subj"
        if tok.dep_ == "compound" and tok.i < tok.head.i and self.is_predicate(tok.head):
            return None  # "the cut in U.S. aid": the preposition is the trigger noun's, the name its compound
        # a preposition the parser attached elsewhere: look at the word right before the phrase
        start = min(t.i for t in tok.subtree) if tok.dep_ not in CORE_SUBJ else tok.i
        j = start - 1
        while j >= 0 and (self.doc[j].pos_ in ("DET", "NUM") or self.doc[j].dep_ in ("nummod", "quantmod")):
            j -= 1  # "on some four dozen U.S. banks"
        if j >= 0 and self.doc[j].pos_ == "ADP":
            return self.data.marker(self.doc[j].text)
        return None

    # -- items ----------------------------------------------------------------------------------------
    def items(self) -> list[Item]:
        """Actor phrases: merged mentions, then pronouns, possessives, counted groups and relatives."""
        out: list[Item] = []
        by_mention: dict[int, list[int]] = {}
        for ti, mi in self.token_mention.items():
            by_mention.setdefault(mi, []).append(ti)
        for mi, toks in sorted(by_mention.items(), key=lambda kv: min(kv[1])):
            m = self.mentions[mi]
            if m.code is None or m.kind == "place":  # a place is no actor: `place_items`
                continue
            tokset = frozenset(toks)
            head = self._phrase_head(tokset)
            item = Item(tokset, head, "mention", (m.code,), (m.text,), (m.kind,), "sg", m.start, m.end)
            item.private = self._private_national(head, m)
            item.company = company_phrase(self, head)
            out.append(item)
        out.extend(self._state_agents())
        out.extend(own_state_items(self))  # "X said his country will ...": the speaker's state
        pronouns: dict[str, str] = self.data.cue("anaphora", "pronouns")
        possessives: dict[str, str] = self.data.cue("anaphora", "possessives")
        numbers: dict[str, int] = self.data.cue("anaphora", "numbers")
        groups = self.data.words("anaphora", "group_nouns")
        relatives = self.data.words("anaphora", "relatives")
        for tok in self.tokens:
            if tok.i in self.token_mention:
                continue
            text = tok.text
            low = text.lower().replace("’", "'")
            pos = tok.pos_
            if pos not in ("PRON", "DET", "NOUN") and low not in relatives:
                continue  # none of the branches below
            a = self.base + tok.idx
            span = (a, a + len(text))
            if (
                pos == "PRON"
                and low in pronouns
                and tok.dep_ in ("nsubj", "nsubj:pass", "obj", "iobj", "conj")
            ):
                out.append(
                    Item(
                        frozenset({tok.i}),
                        tok,
                        "pronoun",
                        number=pronouns[low],
                        start=span[0],
                        end=span[1],
                        confidence=0.8,
                    )
                )
            elif pos == "DET" and low in possessives and "Poss=Yes" in str(tok.morph):
                if tok.head.i in self.rows:
                    out.append(
                        Item(
                            frozenset({tok.i}),
                            tok,
                            "possessive",
                            number=possessives[low],
                            start=span[0],
                            end=span[1],
                            confidence=0.75,
                        )
                    )
            elif pos == "NOUN" and lemma(tok) in groups:
                count = next(
                    (numbers[lemma(c)] for c in tok.children if c.dep_ == "nummod" and lemma(c) in numbers),
                    None,
                )
                if count is not None and any(c.dep_ == "det" for c in tok.children):
                    first = min(t.i for t in tok.subtree if t.i <= tok.i)
                    out.append(
                        Item(
                            frozenset({tok.i}),
                            tok,
                            "group",
                            number=count,
                            start=self.base + self.doc[first].idx,
                            end=span[1],
                            confidence=0.8,
                        )
                    )
            elif (
                low in relatives
                and tok.dep_ in ("nsubj", "nsubj:pass", "obj")
                and tok.head.dep_ == "acl:relcl"
            ):
                out.append(Item(frozenset({tok.i}), tok, "relative", start=span[0], end=span[1]))
        for item in out:
            self.attach(item)
        return out + share_conjuncts(self, out)

    def place_items(self) -> list[Item]:
        """Places ("Kharkiv", "Kirkuk"), attached like actor phrases but kept apart from them: a place never
        acts; the engine reads these only for the territory an act on a territory targets ("strikes on
        Kharkiv"), and `_act_places` and the sub-state rules read place mentions for where an act is."""
        if self._places is None:
            self._places = []
            by_mention: dict[int, list[int]] = {}
            for ti, mi in self.token_mention.items():
                if self.mentions[mi].kind == "place" and self.mentions[mi].code:
                    by_mention.setdefault(mi, []).append(ti)
            for mi, toks in sorted(by_mention.items(), key=lambda kv: min(kv[1])):
                m = self.mentions[mi]
                tokset = frozenset(toks)
                item = Item(tokset, self._phrase_head(tokset), "place", (str(m.code),), (m.text,), ("place",),
                            "sg", m.start, m.end)  # fmt: skip
                self.attach(item)
                self._places.append(item)
            self._places.extend(share_conjuncts(self, self._places))
        return self._places

    def _phrase_head(self, toks: frozenset[int]) -> Token:
        best = self.doc[min(toks)]
        for i in sorted(toks):
            if self.doc[i].head.i not in toks or self.doc[i].head.i == i:
                return self.doc[i]
        return best

    def _multiword_marker(self, item: Item) -> str | None:
        """A multiword preposition written just before the phrase ("de la part de", "à l'encontre de")."""
        phrases: dict[str, str] = self.data.cue("multiword_markers")
        if not phrases:
            return None
        first = min(item.tokens)
        while first > 0 and self.doc[first - 1].pos_ == "DET" and self.doc[first - 1].i not in item.tokens:
            first -= 1
        before = self.doc[max(0, first - 5) : first].text.lower().replace("’", "'")
        for phrase, marker in phrases.items():
            if before.endswith(phrase) and self.doc[first - 1].head.dep_ != "poss":  # not the hook's "X's"
                return marker
        return None

    def _to_content_verb(self, item: Item) -> None:
        """ "va livrer des chars à l'Ukraine" parsed with "à l'Ukraine" on "va": move a complement that
        follows a trigger infinitive from its governing non-trigger verb to the infinitive."""
        pred = item.pred
        if pred is None or item.marker in ("subj", "subj_pass", None) or pred.i in self.rows:
            return
        for child in pred.children:
            if child.dep_ == "xcomp" and child.i in self.rows and child.i < min(item.tokens):
                item.pred = child
                return

    def _subject_noun_owner(self, item: Item) -> None:
        """ "Pakistan's cooperation with China deepened", "Russian talks with X resumed": the possessive or
        adjective of a support noun that is its verb's active subject is the verb's subject."""
        node, pred = item.role_node, item.pred
        if item.marker not in ("poss", "amod") or item.nested != 1 or node is None or pred is None:
            return
        noun = node.head
        if noun.i in self.consumed and noun.dep_ == "nsubj" and noun.head.i == pred.i:
            item.marker, item.nested = "subj", 0

    def _proxy_link(self, node: Token) -> bool:
        """May a phrase stand for the noun it hangs from? Yes through an adjective, an apposition or a
        "de" complement ("l'industrie russe", "le gouvernement de Moscou") or a possessive ("Israel's
        military"), not through "à X"."""
        if node.dep_ in NOMINAL_DEPS - {"nmod"} or node.dep_ in ("conj", "poss"):
            return True
        if node.dep_ == "nmod" and self.marker_of(node) == "from" and self._trade_noun(node.head):
            return True  # "a ban on imports from X": X's exports
        if node.dep_ == "nmod" and self.marker_of(node) == "from" and node.i in self.token_mention:
            if lemma(node.head) in self.data.words("envoy_nouns", "words"):
                return True  # "received a delegation from X": X's envoys, wherever they stand
        if node.dep_ == "nmod" and self._banned_trade(node):
            return True  # "a ban on exports to X", "restrictions on contacts between ... and X": a ban on X
        named = node.i in self.token_mention  # "from X" itself, not "from X's bank"
        if node.dep_ == "nmod" and self.marker_of(node) == "from" and self._acting_noun(node.head, named):
            return True  # "soldiers from X arrived": the agent's origin names its country
        return node.dep_ == "nmod" and self.marker_of(node) in ("of", None)

    @staticmethod
    def _acting_noun(tok: Token, named: bool) -> bool:
        """The subject of a verb, or a conjunct of it ("troops and aircraft from X have arrived"); a passive
        one when the from-phrase is the name itself ("soldiers from X were deployed", not "executives from
        X's bank were charged")."""
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head
        passive = named and tok.dep_ == "nsubj:pass"  # "soldiers from X were deployed"
        return (tok.dep_ == "nsubj" or passive) and tok.head.pos_ == "VERB"

    def _proxy_head(self, par: Token, item: Item) -> bool:
        """ "Hamas fighters" are Hamas; "Turkish protesters", "Syrian rebels", "Turkey's opposition" stand
        for their country (sub-state actors, cues "sub_state"); "Syrian fighters" are not Syria."""
        low = lemma(par)
        if self._organ_modifier(par) and COUNTRY_KINDS & set(item.kinds):
            return True  # "Kenyan riot police": through "riot" to the organ
        if self._sub_state_phrase(par) and par.i not in self.rows and COUNTRY_KINDS & set(item.kinds):
            return not self._named_group(par)  # "Somalia's al-Shabaab fighters" are al-Shabaab's
        if "substate" in item.kinds and item.head.dep_ == "compound" and item.head.head.i == par.i:
            return par.pos_ == "PROPN" or self._compound_head(par)  # "rebel group", "journalist X"
        if low in self.group_heads or par.text.lower() in self.group_heads:
            return "org" in item.kinds
        written = par.text.lower() in self.proxy  # "investigators" listed, lemma "investigator"
        if low in self.proxy or written or self._traded_goods(par) or self._title_word(par, item):
            return True
        if self._held(par, item) or self._organ(par):
            return True
        top = item.head  # "troops and aircraft from X": the origin of the last conjunct is the first's
        origin = top.dep_ == "nmod" and top.head.i == par.i and self.marker_of(top) == "from"
        chief = par.head
        return (
            origin and par.dep_ == "conj" and (lemma(chief) in self.proxy or chief.text.lower() in self.proxy)
        )

    def mention_item(self, tok: Token, items: Sequence[Item]) -> Item | None:
        for item in items:
            if tok.i in item.tokens:
                return item
        return None

    def attach(self, item: Item) -> None:
        """Find the predicate `item` depends on, through coordination and proxy heads
        ("le gouvernement de Moscou", "l'industrie militaire russe") and past other nouns."""
        if item.via == "possessive":
            item.pred, item.role_node, item.marker = item.head.head, item.head, "poss"
            return
        node = item.head
        inside = set(item.tokens)
        nested = 0
        role_node: Token | None = None
        steps = 0
        while steps < 40:
            steps += 1
            par = node.head
            if par.i == node.i:
                break
            if par.i in inside:
                node = par
                continue
            if role_node is None and node.dep_ == "conj" and not self.is_predicate(par):
                other = self.token_mention.get(par.i)
                if other is not None:
                    toks = frozenset(i for i, mi in self.token_mention.items() if mi == other)
                    inside |= toks
                    node = self._phrase_head(toks)
                else:
                    node = par
                continue
            if role_node is None and self._inclusive(par, node):
                node = par.head  # "detained 12 people, including two Americans": the Americans are detained
                continue
            if role_node is None and self._members_of(par, node):
                node = par  # "some members of X attacked ...": X acts
                continue
            if role_node is None and self._apposed(par, node):
                node = par  # "met regional rival, X's prime minister": the rival is X
                continue
            if role_node is None and node.dep_ == "nmod" and self._staff_of(node, item):
                node = par  # "inspectors for X", "Republicans in Congress": X's staff, X's members
                continue
            if role_node is None and self._owner_participle(par, node):
                node = par.head  # "the proposal made by X", "bases used by X": X's proposal, X's bases
                continue
            inf = self.copular_infinitive(par, node, item) if role_node is None else None
            if inf is not None:  # "X is to hold talks with Y": the infinitive's subject
                item.pred, item.role_node, item.nested = inf, node, nested
                break
            host = happening_host(self, par, node) if role_node is None else None
            if host is not None:  # "clashes erupted between X and Y": the clashes' parties
                item.pred, item.role_node, item.nested = host, node, nested
                break
            shared = self.shared_conjunct(par, node) if role_node is None else None
            if shared is not None:  # "air and artillery strikes on X": the strikes' target
                item.pred, item.role_node, item.nested = shared, node, nested
                break
            if self.is_predicate(par) or par.i in self.carried:  # "the release of aid to X": the aid's
                item.pred = self.doc[self.carried.get(par.i, par.i)]
                item.role_node = role_node or node
                item.nested = nested
                break
            if (
                role_node is None
                and self._proxy_link(node)
                and (
                    self._proxy_head(par, item)
                    or self._title_link(par, node)
                    or self._name_link(par, node)
                    or self._titled_name(par, node)
                )
                and not self._owned(par, node)
            ):
                if self._sub_state_phrase(par) and COUNTRY_KINDS & set(item.kinds):
                    self._domestic_words(item, par, node)
                node = par
                continue
            if role_node is None:
                role_node = node
            nested += 1
            node = par
        if item.role_node is not None:
            item.marker = self.marker_of(item.role_node)
            phrase = self._multiword_marker(item)
            if phrase is not None:  # "de la part des États-Unis": the phrase decides, not the parse
                item.marker, item.role_node, item.nested = phrase, item.head, 0
            self._to_content_verb(item)
            self._subject_noun_owner(item)
            self._stray_agent(item)
            return
        # a phrase left outside the tree ("[Pyongyang] a fourni"): the subject of the verb right after it
        k = max(item.tokens) + 1
        while k < len(self.doc) and (self.doc[k].pos_ in ("PUNCT", "AUX", "ADV") and self.doc[k].text != ","):
            k += 1
        if k < len(self.doc) and self.is_predicate(self.doc[k]) and self.doc[k].pos_ == "VERB":
            item.pred, item.role_node, item.marker = self.doc[k], item.head, "subj"
