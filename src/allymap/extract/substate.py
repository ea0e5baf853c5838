"""Sub-state actors and bare state organs ("police", "protesters", "opposition activists"): the country
they belong to or act in, from the clause's place, or left for the engine to take from the other side
(cues "state_agents" and "sub_state"; ICEWS codes such actors at country level)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from allymap.extract.items import COUNTRY_KINDS, Item, lemma

CLAUSAL = frozenset({"conj", "advcl", "ccomp", "xcomp", "csubj", "acl", "acl:relcl", "relcl", "parataxis"})

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from allymap.extract.langdata import LangData, Trigger
    from allymap.nlp import Parsed
    from allymap.records import Mention


class SubStateActors:
    """Mixin of `SentenceView`: the items of state organs and sub-state actors named by bare nouns."""

    doc: Doc
    data: LangData
    parsed: Parsed
    base: int
    mentions: list[Mention]
    token_mention: dict[int, int]
    tokens: list[Token]
    rows: dict[int, list[Trigger]]
    sub_state: frozenset[str]

    def marker_of(self, tok: Token) -> str | None:
        raise NotImplementedError

    def _state_agents(self) -> list[Item]:
        """ "Police in Kenya arrested ...": an organ of a state named by a bare noun (cues "state_agents")
        or a sub-state actor ("protesters", cues "sub_state") acts for the state of the place the clause
        names ("in Kenya", "in the Kenyan town of ..."), when the place is one state; an organ with its own
        modifier ("rebel forces") or owner is left alone. With no place, an item with no codes (via
        "substate") is left for the engine, which may give it the country of the event's other side."""
        cue: dict[str, Any] = self.data.cue("state_agents")
        if not cue and not self.sub_state:
            return []
        nouns, modifiers = set(cue.get("nouns", [])), set(cue.get("modifiers", []))
        qualified: dict[str, list[str]] = cue.get("qualified", {})  # "prison guards", not "guards"
        infer = self.data.words("sub_state", "infer")
        places = [
            (self.doc[ti], self.mentions[mi])
            for ti, mi in self.token_mention.items()
            if self.mentions[mi].code and self.mentions[mi].kind in ("state", "capital", "demonym", "place")
        ]
        out: list[Item] = []
        pronouns = self.data.words("negation", "pronouns")
        generic = self.data.words("sub_state", "generic")
        for tok in self.tokens:
            if tok.i in self.token_mention or tok.i in self.rows:
                continue
            sub = self._sub_state_noun(tok)
            if tok.pos_ not in ("NOUN", "PROPN") and not sub:
                continue
            if self._names_group(tok):
                continue  # "the rebel Free Syrian Army": a word of a named actor
            own_mods = set(qualified.get(lemma(tok), ()))
            if not sub and lemma(tok) not in nouns and not any(lemma(c) in own_mods for c in tok.children):
                continue
            if tok.text.lower() in pronouns and not any(c.dep_ in ("det", "amod") for c in tok.children):
                continue  # "Personne n'a condamné X": nobody, not a person
            mods = [
                c
                for c in tok.children
                if c.dep_ in ("amod", "compound", "det", "appos")
                or (c.dep_ == "nmod" and self.marker_of(c) in ("of", None, "from"))  # "troops from X"
            ]
            tm = self.token_mention
            named = [self.mentions[tm[t.i]] for c in mods for t in c.subtree if t.i in tm]
            own_place = {str(m.code) for m in named if m.kind == "place" and m.code}
            if named and (len(own_place) != 1 or any(m.kind != "place" for m in named)):
                continue  # "Turkish police", "X's army": the proxy's business; "the Lyon court" is placed
            allowed = modifiers | own_mods
            if not sub and any(
                c.dep_ in ("amod", "compound") and lemma(c) not in allowed and not self._place_word(c)
                for c in mods
            ):
                continue  # "rebel forces"; "Sindh police", "the Kirkuk provincial government" are placed
            if any(c.dep_ == "det" and "Poss=Yes" in str(c.morph) for c in mods):
                continue
            if any(c.dep_ in ("poss", "nmod:poss") and c.i in self.token_mention for c in tok.children):
                continue  # "Sudan's government": the name's proxy, no bare organ besides it
            path = [tok]
            while path[-1].head.i != path[-1].i and len(path) < 5 and path[-1].pos_ != "VERB":
                path.append(path[-1].head)
            path_ids = {t.i for t in path}
            codes = set(own_place) if named else self._place_codes(places, path_ids)
            if not codes and sub and lemma(tok) not in generic:  # the one country its clause places things in
                verb = next((t for t in tok.ancestors if t.pos_ in ("VERB", "AUX")), None)
                if verb is not None:  # not the place of a nested act noun ("a pact with X at talks in Y")
                    clause = {t.i for t in verb.subtree if t.head.i == verb.i or t.i not in self.rows}
                    codes = self._place_codes(places, clause)
            elif not codes and not sub and not self._has_owner(tok):
                codes = self._own_clause_places(tok, places)
            a = self.base + tok.idx
            words = self.words(tok)
            if len(codes) == 1:
                out.append(
                    Item(
                        frozenset({tok.i}),
                        tok,
                        "mention",
                        (codes.pop(),),
                        (words,),
                        ("substate" if sub else "organ",),
                        "sg",
                        a,
                        a + len(words),
                        confidence=0.7,
                        domestic=sub,
                    )
                )
            elif not codes and self._may_infer(tok, sub, infer):
                # no country of its own: the engine may give it the other side's (onesided._home_state)
                out.append(
                    Item(frozenset({tok.i}), tok, "substate", (), (), ("substate" if sub else "organ",), "pl",
                         a, a + len(tok.text), confidence=0.7, domestic=sub)
                )  # fmt: skip
        return out

    def _place_word(self, tok: Token) -> bool:
        """Is the modifier the name of a place (a city or subdivision), all its words ("West Bengal")?"""
        mi = self.token_mention.get(tok.i)
        return (
            mi is not None
            and self.mentions[mi].kind == "place"
            and all(self.token_mention.get(t.i) == mi for t in tok.subtree)
        )

    @staticmethod
    def _has_owner(tok: Token) -> bool:
        """Has the noun an owner of its own ("Sudan's government", "its police")?"""
        return any(c.dep_ in ("poss", "nmod:poss") for c in tok.children)

    def _own_clause_places(self, tok: Token, places: list[tuple[Token, Mention]]) -> set[str]:
        """ "Police raided a mosque in Nairobi": a bare organ acts in the one state its own clause places
        things in; the clause's nominal phrases only, never a clause it governs or coordinates."""
        verb = next((t for t in tok.ancestors if t.pos_ in ("VERB", "AUX")), None)
        if verb is None:
            return set()
        seen, todo = {verb.i}, [verb]
        while todo:
            for c in todo.pop().children:
                if c.pos_ not in ("VERB", "AUX") and c.dep_ not in CLAUSAL and c.i not in seen:
                    seen.add(c.i)
                    todo.append(c)
        return self._place_codes([(t, m) for t, m in places if t.i in seen], seen)

    def _names_group(self, tok: Token) -> bool:
        """Is the noun a word of the named organisation or group it qualifies or stands before?"""
        if tok.head.i in self.token_mention and tok.dep_ in ("amod", "compound"):
            return True
        after = self.token_mention.get(tok.i + 1)
        return after is not None and self.mentions[after].kind not in COUNTRY_KINDS | {"person", "place"}

    def _place_codes(self, places: list[tuple[Token, Mention]], path: set[int]) -> set[str]:
        return {
            str(m.code)
            for t, m in places
            if self._locative_of(t, path) and not (m.kind == "demonym" and t.dep_ != "amod")
        }

    def _may_infer(self, tok: Token, sub: bool, infer: frozenset[str]) -> bool:
        """May a bare organ or sub-state noun with no place take the country of the event's other side?
        Not a modifier of another noun ("government forces") nor a noun with its own "of" complement."""
        armed = self.data.words("sub_state", "infer_armed")
        if sub and not ({lemma(tok), tok.text.lower()} & (infer | armed)):
            return False
        if tok.dep_ in ("compound", "amod") and tok.head.pos_ == "NOUN" and not self._compound_head(tok.head):
            return False
        return not sub or not any(c.dep_ == "nmod" and self.marker_of(c) == "of" for c in tok.children)

    def words(self, tok: Token) -> str:
        """The words of a bare noun phrase, through the head it qualifies ("rebel forces", "journalist
        Mahmoud Hussein"), as written in the document."""
        last = tok
        while (last.dep_ in ("compound", "flat", "flat:name") or self._tagged_adjective(last)) and (
            0 < last.head.i - last.i <= 3
        ):
            last = last.head
        return self.parsed.sentence.text[tok.idx : last.idx + len(last.text)]

    def _named_group(self, head: Token) -> bool:
        """Does a named organisation or group qualify the noun ("al-Shabaab fighters")?"""
        for c in head.children:
            mi = self.token_mention.get(c.i)
            if mi is not None and self.mentions[mi].kind not in COUNTRY_KINDS | {"person", "place"}:
                return True
        return False

    def _compound_head(self, tok: Token) -> bool:
        heads = self.data.words("sub_state", "compound_heads")
        return lemma(tok) in heads or tok.text.lower() in heads

    def _sub_state_noun(self, tok: Token) -> bool:
        return (tok.pos_ in ("NOUN", "PROPN") or self._tagged_adjective(tok)) and (
            lemma(tok) in self.sub_state or tok.text.lower() in self.sub_state
        )

    def _tagged_adjective(self, tok: Token) -> bool:
        """A sub-state noun the tagger read as an adjective of one of its compound heads ("rebel groups",
        "the rebel commander") or of an act noun ("a rebel attack"): the noun all the same."""
        head = tok.head
        heads = (head.i in self.rows and head.pos_ == "NOUN") or self._compound_head(head)
        if tok.pos_ != "ADJ" or tok.dep_ not in ("amod", "compound") or not heads:
            return False
        words = self.data.words("sub_state", "adjective_nouns")
        return bool({lemma(tok), tok.text.lower()} & words) and not self._named_group(tok.head)

    def _locative_of(self, tok: Token, path: set[int]) -> bool:
        """Is the place `tok` (or the noun its adjective qualifies) an "in X" phrase of the path?"""
        node = tok.head if tok.dep_ == "amod" else tok
        while node.dep_ == "conj" and node.head.i != node.i:  # "in Turkey and Syria"
            node = node.head
        for _ in range(3):
            if node.dep_ != "compound" and self.in_marker(node):  # "in Borno state": the head's
                return node.head.i in path
            if node.dep_ not in ("nmod", "compound", "flat", "flat:name", "poss") or node.head.i == node.i:
                return False
            node = node.head  # "in the town of Gjilan", "in Saudi Arabia's Jizan region"
        return False

    def in_marker(self, node: Token) -> bool:
        """Does the phrase of `node` place something: an "in" phrase, or a phrase whose preposition cues
        "place_markers" make locative for the kinds of mention its head names (French "à Paris", "aux
        Pays-Bas": "à" and "aux" are the marker "to", a recipient for "à la France")?"""
        if self.marker_of(node) == "in":
            return True
        mi = self.token_mention.get(node.i)
        if mi is None:
            return False
        kinds: dict[str, list[str]] = self.data.cue("place_markers")
        return any(
            c.dep_ == "case" and c.i < node.i and self.mentions[mi].kind in kinds.get(c.text.lower(), [])
            for c in node.children
        )

    def _domestic_words(self, item: Item, head: Token, node: Token) -> None:
        """ "Turkish protesters": the item is a sub-state actor; its words run to the head noun."""
        item.domestic = True
        lo, hi = min(min(item.tokens), head.i, node.i), max(max(item.tokens), head.i, node.i)
        first, last = self.doc[lo], self.doc[hi]
        text = self.parsed.sentence.text[first.idx : last.idx + len(last.text)]
        if len(item.codes) == 1 and len(text) < 80:
            item.texts = (text,)
