"""The partner of a cooperation act named in its purpose clause: "a mediation effort to resolve the rift
between X and Y", "signed an agreement to promote trade with X", "held talks to improve ties with X"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allymap.extract.roles import dedupe_actors

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.engine import SentenceExtractor
    from allymap.extract.langdata import Trigger
    from allymap.extract.roles import Actors

# A language-neutral reading over Universal Dependencies relations. A verbal or material cooperation act
# (an agreement, talks, a mediation, cooperation) whose own phrase names no other party, with a
# to-infinitive purpose clause (an adnominal clause of the trigger noun or of the noun it qualifies, "a
# mediation effort to ...", or an adverbial clause of the trigger verb or of its support verb) whose verb
# is no trigger itself ("resolve", "promote", "end", "improve"): the actors of the purpose verb's phrase
# that the trigger's own frame reads as its target — its "with" or "between" phrase, on the verb or on its
# object noun — are the act's partners ("to promote trade with X": the agreement is with X; "to resolve
# the rift between X and Y": the mediation is between X and Y).
#  - Only the markers the row's frame maps to "target" (a "between=both" row names no mediator: "signed
#    an accord to end the war between X and Y" says nothing of who signed with whom).
#  - A purpose verb that is a trigger states its own act ("to discuss the crisis with X"); nothing here.
#  - Named actors only (no pronoun, no place), at most one noun below the purpose verb ("the rift between
#    X and Y"), none of the source's own.
# A mediation verb (a row whose frame reads "between" as its target: "broker") whose object is a mutual
# act between two named sides ("brokered a deal between X and Y", "brokered a truce between X and Y")
# mediates between those sides.
TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})
MARKERS = ("with", "between")
INFINITIVE_DEPS = frozenset({"acl", "advcl"})


def _aims(ex: SentenceExtractor, heads: list[Token]) -> list[Token]:
    """The to-infinitive purpose clauses of the given heads, whose verb states no act of its own."""
    out = []
    for head in heads:
        for c in head.children:
            if c.dep_ not in INFINITIVE_DEPS or c.i < head.i or c.pos_ != "VERB":
                continue
            if "VerbForm=Inf" not in str(c.morph) or c.i in ex.view.rows:
                continue
            if any(m.dep_ in ("aux", "mark") and m.i < c.i for m in c.children):
                out.append(c)
    return out


def aim_partner(
    ex: SentenceExtractor, pred: Token, anchor: Token, row: Trigger, frame: dict[str, str], source: Actors
) -> Actors:
    """The partners a purpose clause names for a cooperation act with a source and no target, else []."""
    wanted = {m for m in MARKERS if frame.get(m) == "target"}
    if row.type not in TYPES or not wanted:
        return []
    heads = [pred]
    if pred.dep_ == "compound" and pred.head.i not in ex.view.rows:
        heads.append(pred.head)  # "a mediation effort to resolve ...": the clause hangs on the effort
    heads += [c for c in pred.children if c.i in ex.view.consumed]  # "signed an agreement to ..."
    if anchor.i != pred.i:
        heads.append(anchor)  # "held talks to ...": the support verb of the trigger noun
    taken = {c for c, _ in source}
    out: Actors = []
    if frame.get("between") == "target":  # "brokered a deal between X and Y": the mutual act's sides
        for noun in (c for c in pred.children if c.dep_ == "obj" and c.i in ex.view.rows):
            cand = ex.build(noun)
            if cand is not None and cand.symmetric:
                out.extend((c, t) for c, t in cand.source + cand.target if c not in taken)
    for aim in _aims(ex, heads):
        for it in ex.args_of(aim):
            if it.via != "mention" or it.nested > 1 or it.marker not in wanted:
                continue
            out.extend((c, t) for c, t in ex.resolve(it) if c not in taken)
    return dedupe_actors(out)
