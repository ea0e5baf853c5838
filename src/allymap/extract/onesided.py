"""One-sided acts (row options alone=domestic|none, place=target): the target when no other party is named."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from allymap.extract.items import lemma

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.args import SentenceView
    from allymap.extract.items import Item
    from allymap.extract.langdata import LangData, Trigger

Actors = list[tuple[str, str]]
PLACE_KINDS = frozenset({"state", "capital", "demonym", "place"})


@functools.cache
def is_state(code: str) -> bool:
    import pycountry

    return code == "XKX" or pycountry.countries.get(alpha_3=code) is not None


class OneSidedActs:
    """Mixin of the sentence extractor: records for acts whose one actor is the only one named."""

    view: SentenceView
    data: LangData
    items: list[Item]

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
        others = {
            str(m.code)
            for i, m in enumerate(mentions)
            if m.code and m.kind != "place" and i not in home and i not in places
        }  # a place elsewhere in the sentence is no other party
        if others - codes:
            return None
        abroad = {str(self.view.mentions[i].code) for i in places} - codes
        alone = row.options.get("alone")
        if "place" in row.options and len(abroad) <= 1 and places:
            where = next((i for i in places if str(self.view.mentions[i].code) in (abroad or codes)), None)
            if where is not None and is_state(str(self.view.mentions[where].code)):
                return [(str(self.view.mentions[where].code), places[where])]  # at home: a domestic record
        if abroad:
            return [] if alone == "none" else None  # a curfew abroad is a dyad (frame in=target), not this
        if alone == "none":
            return []
        if alone != "domestic" or not is_state(code):
            return None
        for tok in (pred, anchor):
            for c in tok.children:
                if c.i == pred.i or c.pos_ not in ("NOUN", "PROPN"):
                    continue
                marker = self.view.marker_of(c)
                if marker in ("in", "on", "against", "to") or (c.dep_ == "obj" and tok.i == pred.i):
                    phrase = self._phrase(c)
                    if not any(re.search(p, phrase) for p in self.data.cue("dates", "patterns") or ()):
                        return [(code, phrase)]  # "on Sunday" is no place
        return [(code, pred.text)]

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
                while view.marker_of(node) != "in" and node.head.i != node.i:
                    node = node.head
                out[mi] = self._phrase(node)
        return out

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
