"""Proxy links of `SentenceView`: when a noun above a mention stands for it ("members of X", "imports
of X's beef", "the Ministry of Health of X", "an X-held town", "Iraqi militia groups", "including X"),
and the names and titles that stand for their actor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allymap.extract.items import Item, lemma

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from allymap.extract.langdata import LangData, Trigger
    from allymap.records import Mention


class ProxyLinks:
    """Mixin of `SentenceView`: tests on the noun a mention hangs from."""

    doc: Doc
    data: LangData
    rows: dict[int, list[Trigger]]
    proxy: frozenset[str]
    mentions: list[Mention]
    token_mention: dict[int, int]

    def marker_of(self, tok: Token) -> str | None:
        raise NotImplementedError

    def _sub_state_noun(self, tok: Token) -> bool:
        raise NotImplementedError

    def _compound_head(self, tok: Token) -> bool:
        raise NotImplementedError

    def _private_national(self, head: Token, m: Mention) -> bool:
        """Does a people's name stand for private persons, not their state (cues "sub_state"
        "private_determiners", "national_homographs")? A demonym noun with a singular, indefinite or
        counting determiner ("un Américain", "l'Américain X", "des Russes", "trois Américains",
        "plusieurs Français"); a state name that is also its demonym, with a masculine determiner ("un
        Suisse"). "Les Russes" stays the Russian side."""
        dets = self.data.words("sub_state", "private_determiners")
        if not dets or head.pos_ not in ("NOUN", "PROPN") or not m.text[:1].isupper():
            return False
        kids = [c for c in head.children if c.dep_ in ("det", "nummod")]
        if m.kind == "state":
            homographs = self.data.words("sub_state", "national_homographs")
            return m.text.lower() in homographs and any("Gender=Masc" in str(c.morph) for c in kids)
        if m.kind != "demonym" or head.dep_ == "amod":
            return False
        collective = m.text.lower().endswith(tuple(self.data.words("sub_state", "collective_endings")))
        if "Number=Sing" in str(head.morph) and not collective:  # "the Spaniard"; "the French" are all
            dets = dets | self.data.words("sub_state", "private_singular_determiners")
        return any(c.dep_ == "nummod" or c.text.lower().replace("’", "'") in dets for c in kids)

    @staticmethod
    def first_object(tok: Token) -> bool:
        """Is `tok` the first of two objects of its verb, the second starting right after its own phrase
        ("gave X $5 million")?"""
        end = max(t.i for t in tok.subtree)
        return any(c.dep_ == "obj" and min(t.i for t in c.subtree) == end + 1 for c in tok.head.children)

    def _inclusive(self, par: Token, node: Token) -> bool:
        """Is `node` a part named by an inclusive link (cues "inclusive_links") of the noun above it?"""
        words = self.data.words("inclusive_links", "words")
        if not words or par.text.lower() not in words or node.dep_ not in ("obj", "pobj", "nmod"):
            return False
        return par.head.i != par.i and par.head.pos_ in ("NOUN", "PROPN") and par.head.i < par.i

    def is_predicate(self, tok: Token) -> bool:
        raise NotImplementedError

    def pos_of(self, tok: Token) -> tuple[str, str]:
        raise NotImplementedError

    def shared_conjunct(self, par: Token, node: Token) -> Token | None:
        """ "launched air and artillery strikes on X" parsed with "on X" on "air": a complement of a first
        conjunct that follows the whole coordination is shared by its conjuncts (UD attaches shared
        dependents to the first); when the first is no predicate, the predicate conjunct takes it. So does
        a modifier before the first when the first only qualifies the predicate's head as its parallel
        compound does ("Israeli air and artillery strikes": "air" and "artillery" both qualify "strikes")."""
        before = node.dep_ in ("amod", "compound", "poss", "nmod:poss") and node.i < par.i
        if not (node.dep_ == "nmod" or before) or par.pos_ not in ("NOUN", "PROPN") or self.is_predicate(par):
            return None
        start = len(self.doc) if before else min(t.i for t in node.subtree)
        conjuncts = [c for c in par.children if c.dep_ == "conj" and par.i < c.i < start]
        preds = [c for c in conjuncts if c.pos_ == "NOUN" and self.is_predicate(c)]
        if not preds or max(c.i for c in conjuncts) != preds[-1].i:
            return None
        if before and not self._parallel_compound(par, preds[-1]):
            return None
        return preds[-1]

    def _parallel_compound(self, par: Token, pred: Token) -> bool:
        """ "air and artillery strikes": the first conjunct, a bare noun right before the coordinator, and
        a compound of the predicate right after it."""
        if par.i + 2 >= len(self.doc) or not self.coordinator(self.doc[par.i + 1]):
            return False
        after = self.doc[par.i + 2]
        own = any(c.dep_ == "det" for c in par.children)
        return not own and after.dep_ == "compound" and after.head.i == pred.i

    def coordinator(self, tok: Token) -> bool:
        raise NotImplementedError

    def _stray_agent(self, item: Item) -> None:
        """ "the arrest of a journalist by X" parsed with "by X" on "journalist": an agent phrase hung on the
        of-complement of an act noun is the act noun's own (a person or a ship has no agent)."""
        node, pred = item.role_node, item.pred
        if item.marker != "by" or item.nested != 1 or node is None or pred is None:
            return
        par = node.head
        if par.head.i == pred.i and par.dep_ == "nmod" and self.marker_of(par) == "of" and par.i < node.i:
            if not self.is_predicate(par) and self.pos_of(pred)[1] == "NOUN":
                item.nested = 0

    def _title_word(self, par: Token, item: Item) -> bool:
        """Is `par` a word of the office title the actor finder read over the mention ("the Speaker of the
        Parliament of X", "X's parliament speaker", "the Attorney General of X")? The title stands for the
        mention's actor (actors/data/titles.tsv), whether or not the language's proxy heads list its noun;
        a former holder's title gives the mention no actor, so nothing stands for it."""
        if par.i in self.rows or par.pos_ not in ("NOUN", "PROPN"):
            return False
        for i in item.tokens:
            mi = self.token_mention.get(i)
            title = self.mentions[mi].title if mi is not None else None
            if title and par.text.lower() in title.lower().split():
                return True
        return False

    def _organ_modifier(self, par: Token) -> bool:
        """Is the noun a compound modifier of a state organ noun, one of cues "state_agents" "modifiers"
        ("Kenyan riot police", "Turkish border guards": the parse hangs the people's name from "riot")?"""
        head = par.head
        if par.dep_ != "compound" or head.i <= par.i or head.i == par.i:
            return False
        mods = self.data.cue("state_agents").get("modifiers", [])
        return lemma(par) in mods and (lemma(head) in self.proxy or head.text.lower() in self.proxy)

    def _sub_state_phrase(self, par: Token) -> bool:
        """A sub-state noun, or a compound head it qualifies ("Iraqi militia groups", "Turkish opposition
        parties": the country's sub-state actor, as "Iraqi militias")."""
        return self._sub_state_noun(par) or (
            self._compound_head(par)
            and any(c.dep_ in ("compound", "amod") and self._sub_state_noun(c) for c in par.children)
        )

    def _organ(self, par: Token) -> bool:
        """ "the Ministry of Health of X": a capitalised of-complement of a proxy head is part of the organ's
        name, and an of-phrase below it names the organ's state."""
        head = par.head
        if par.pos_ != "PROPN" or par.dep_ != "nmod" or head.i == par.i or self.marker_of(par) != "of":
            return False
        return lemma(head) in self.proxy or head.text.lower() in self.proxy

    def _held(self, par: Token, item: Item) -> bool:
        """ "an ISIS-held town", "a Houthi-controlled port": a place held by X (cues "parse_hook_words"
        "holder_participles", after a hyphen) stands for X, whoever else it belongs to."""
        holders = self.data.words("parse_hook_words", "holder_participles")
        k = max(item.tokens) + 2
        return (
            k < len(self.doc)
            and self.doc[k - 1].text == "-"
            and self.doc[k].head.i == par.i
            and (self.doc[k].text.lower() in holders)
        )

    def _traded_goods(self, par: Token) -> bool:
        """ "a ban on imports of X's beef": the goods a trade noun (cues "trade_heads") counts stand for
        their owner, as the trade noun itself does ("X's imports"); so do the goods (object class
        "economic") a trade ban (cues "trade_bans") falls on ("un embargo sur le pétrole russe")."""
        if par.dep_ != "nmod" or par.head.i == par.i:
            return False
        if self.marker_of(par) == "on" and lemma(par.head) in self.data.words("trade_bans"):
            return "economic" in self.data.object_class(lemma(par)) or self._trade_noun(par)
        return self.marker_of(par) == "of" and self._trade_noun(par.head)

    def _trade_noun(self, tok: Token) -> bool:
        trade = self.data.words("trade_heads")
        return lemma(tok) in trade or tok.text.lower() in trade

    def _banned_trade(self, node: Token) -> bool:
        """The partner phrase (to, with, between) of a trade noun (cues "trade_heads") in the on-phrase of a
        trade ban (cues "trade_bans"): "a ban on exports to X", "restrictions on trade with X", "on contacts
        between our officials and X's": whom the ban falls on (the source's own side is dropped later)."""
        tok = node.head
        if self.marker_of(node) not in ("to", "with", "between") or tok.dep_ != "nmod" or tok.head.i == tok.i:
            return False
        if self.marker_of(tok) != "on":
            return False
        return self._trade_noun(tok) and lemma(tok.head) in self.data.words("trade_bans")

    def _members_of(self, par: Token, node: Token) -> bool:
        """A relation noun that is also a proxy head ("members") as a verb's subject, object or agent: its
        "of" or compound actor is who acts or is acted on ("members of X attacked", "arrested ten X
        members"); as an apposition or a predicate ("a member of NATO") it states the relation."""
        rows = self.rows.get(par.i)
        if not rows or any(r.kind != "relation" for r in rows):
            return False
        if lemma(par) not in self.proxy and par.text.lower() not in self.proxy:
            return False
        top = par  # "killed dozens of X members": the count stands for the members
        while top.dep_ == "nmod" and self.marker_of(top) == "of" and lemma(top.head) in self.proxy:
            top = top.head
        if top.dep_ not in ("nsubj", "nsubj:pass", "obj", "obl:agent") or top.head.pos_ != "VERB":
            return False
        return node.dep_ == "compound" or (node.dep_ == "nmod" and self.marker_of(node) == "of")

    def _apposed(self, par: Token, node: Token) -> bool:
        """A common noun that is an event verb's object or oblique, with a named person (or titled office
        holder) in apposition after it, is that person ("met regional rival, X's prime minister Y"): the
        apposition names the same party. Only for a verb of the sentence's own clause (reaching the root
        through coordinations and bare infinitives), never a subject ("the spokesman, X, said")."""
        if node.dep_ != "appos" or node.i <= par.i or par.pos_ != "NOUN":
            return False
        if par.dep_ not in ("obj", "obl", "iobj") or par.head.pos_ != "VERB":
            return False
        if par.head.i not in self.rows or not any(r.kind == "event" for r in self.rows[par.head.i]):
            return False
        cur = par.head  # not inside what a statement, claim or condition governs
        while cur.head.i != cur.i:
            if cur.dep_ not in ("conj", "xcomp"):
                return False
            cur = cur.head
        named = (self.token_mention.get(t.i) for t in node.subtree)
        kinds = {self.mentions[mi].kind for mi in named if mi is not None}
        return bool(kinds & {"person", "title"})

    def _title_link(self, par: Token, node: Token) -> bool:
        """ "le président Macron", "Kim Jong Un, dirigeant nord-coréen": a phrase inside a person's name
        or title stands for it; "la Russie du G20" does not."""
        mi = self.token_mention.get(par.i)
        if mi is None:
            return False
        return self.mentions[mi].kind in ("person", "title") or node.dep_ in (
            "amod",
            "appos",
            "flat:name",
            "flat",
        )

    def _name_link(self, par: Token, node: Token) -> bool:
        """ "Turkish journalist Ahmet Yilmaz": a sub-state noun before a name the knowledge base does not
        know stands for that person (a title such as "leader" or "President" does not: the person may
        hold it elsewhere, and a known office holder is resolved by the knowledge base). So does an
        apposition after the name that already stands for an actor ("Ahmet Yilmaz, a Turkish official"),
        unless it names a former office."""
        if par.pos_ != "PROPN" or par.i in self.token_mention:
            return False
        if node.dep_ == "appos" and node.i > par.i:  # "X, an Afghan defence spokesperson, said": the
            former = self.data.words("name_titles", "former")  # office the phrase already stands for
            return not any(t.text.lower() in former for t in node.subtree)
        return node.dep_ in ("compound", "flat") and self._sub_state_noun(node)

    def _titled_name(self, par: Token, node: Token) -> bool:
        """ "Japan's Crown Prince Naruhito", "President X of Ukraine": a name the knowledge base does not
        know, written after a title (cues "name_titles"), stands for the actor its possessive or of-phrase
        names; not a former holder's."""
        if par.pos_ != "PROPN" or par.i in self.token_mention:
            return False
        of_phrase = node.dep_ == "nmod" and node.i > par.i and self.marker_of(node) == "of"
        if node.dep_ != "poss" and not of_phrase:
            return False
        titles, former = self.data.words("name_titles", "words"), self.data.words("name_titles", "former")
        before = [c for c in par.children if c.i < par.i and c.dep_ in ("compound", "amod", "flat")]
        if any(t.text.lower() in former for c in before for t in c.subtree):
            return False
        return any(c.text.lower() in titles for c in before)

    def _owner_participle(self, par: Token, node: Token) -> bool:
        """A by-agent of a reduced participle (cues "owner_participles") that owns or authors the proxy
        noun it qualifies ("the proposal made by X", "bases used by X"); not "separatists backed by X". So
        does the to-phrase of a participle of belonging (cues "owner_participles" "to": "a vessel belonging
        to X")."""
        if par.dep_ != "acl" or "VerbForm=Part" not in str(par.morph):
            return False
        if node.dep_ == "obl:agent":
            lemmas = self.data.words("owner_participles", "lemmas")
        elif node.dep_ == "obl" and self.marker_of(node) == "to":
            lemmas = self.data.words("owner_participles", "to")
        else:
            return False
        noun = par.head
        if noun.i >= par.i or lemma(par) not in lemmas:
            return False
        return lemma(noun) in self.proxy or noun.text.lower() in self.proxy

    def _staff_of(self, node: Token, item: Item | None = None) -> bool:
        """ "inspectors for X", "Republicans in Congress": people who work for an organisation or sit in a
        legislature act for it (cues "staff_of": rows of nouns, markers and the mention's kinds or roles);
        the phrase may be a mention or an item resolved through it ("inspectors for the UN agency")."""
        mi = self.token_mention.get(node.i)
        if mi is None and item is not None:
            mi = self.token_mention.get(item.head.i)
        if mi is None:
            return False
        m, marker, head = self.mentions[mi], self.marker_of(node), node.head
        kinds = {m.kind} if item is None or node.i in self.token_mention else set(item.kinds)
        for row in self.data.cue("staff_of", "rows") or []:
            if marker not in row["markers"] or not (head.text in row["nouns"] or lemma(head) in row["nouns"]):
                continue
            if (kinds and kinds <= set(row.get("kinds", []))) or m.role in row.get("roles", []):
                return True
        return False

    def _owned(self, head: Token, node: Token) -> bool:
        """ "ses troupes d'Ukraine": a possessive already names the owner, so "de X" is a place; "Iraqi
        militias loyal to Iran" (the parse hook's "Iran's militias"): a group named by its own country is
        that country's, whoever it is loyal to (cues "parse_hook_words" "allegiance_adjectives"); "Iraqi
        hackers working for Iran" ("Iran's hackers"): whom an agent acts for names it, not its country."""
        loyal = set(self.data.cue("parse_hook_words", "allegiance_adjectives") or ())
        allegiance = any(c.dep_ == "amod" and c.text.lower() in loyal for c in head.children)
        kids = [c for c in head.children if c.i < head.i]
        own = any(c.dep_ in ("amod", "compound") and c.i in self.token_mention for c in kids)
        if node.dep_ == "poss" and node.i > head.i:
            return own and allegiance
        after = [
            c
            for c in head.children
            if c.dep_ == "poss" and c.i > head.i and any(t.i in self.token_mention for t in c.subtree)
        ]
        if node.dep_ in ("amod", "compound") and node.i < head.i and after and not allegiance:
            return True
        return node.dep_ == "nmod" and any(
            c.dep_ == "det" and "Poss=Yes" in str(c.morph) for c in head.children
        )

    def copular_infinitive(self, par: Token, node: Token, item: Item) -> Token | None:
        """The predicate infinitive of a bare auxiliary whose subject is `node`, a named actor ("X is to
        hold talks with Y", "X's president is to visit Y": a scheduled act, the auxiliary no predicate of
        its own); not when the auxiliary has another complement ("it is impossible not to ask him")."""
        if par.pos_ != "AUX" or node.dep_ != "nsubj" or node.head.i != par.i or item.via != "mention":
            return None
        comps = [c for c in par.children if c.dep_ in ("xcomp", "acomp", "attr", "ccomp")]
        if len(comps) != 1 or not self.is_predicate(comps[0]) or comps[0].pos_ != "VERB":
            return None
        return comps[0] if any(c.dep_ in ("aux", "mark") for c in comps[0].children) else None
