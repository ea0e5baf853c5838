"""The agent of an agentless passive act on a support noun: its owner ("X's sanctions were lifted")."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.engine import SentenceExtractor
    from allymap.extract.langdata import Trigger
    from allymap.extract.roles import Actors

# A language-neutral reading over Universal Dependencies relations. A verb row with a support noun ("lift"
# + "sanctions", "suspend" + "aid", "ease" + "blockade") written in the passive with no agent, the support
# noun its subject, is the act of the noun's owner, named before it as a compound, an adjective or a
# possessive: "UN sanctions against Iran were lifted", "Israel's blockade of Gaza was eased", "US aid to X
# was suspended": only the party whose measure or aid it is lifts, eases or suspends it (PLOVER RETREAT,
# SANCTION). Other types are left out: "X's ceasefire was violated" (another party violates it), "X's
# talks were held" (a mutual act). An agent named ("were lifted by Y") or a subject found otherwise wins.
OWNED = frozenset({"RETREAT", "SANCTION"})
OWNER_DEPS = frozenset({"compound", "amod", "poss", "nmod:poss"})


def owner_agent(ex: SentenceExtractor, pred: Token, row: Trigger) -> Actors:
    """The owner of the support noun that is the passive subject of `pred`, else nothing."""
    if row.type not in OWNED or not row.support:
        return []
    noun = next((c for c in pred.children if c.dep_ == "nsubj:pass" and c.i in ex.view.consumed), None)
    if noun is None:
        return []
    return [
        a
        for it in ex.args_of(pred)
        if it.nested == 1
        and it.role_node is not None
        and it.role_node.head.i == noun.i
        and it.role_node.i < noun.i
        and it.role_node.dep_ in OWNER_DEPS
        for a in ex.resolve(it)
    ]


def support_participle_target(ex: SentenceExtractor, pred: Token, frame: dict[str, str]) -> Actors:
    """The target of a support noun's participle ("will not lift the ban imposed on X", "eased the
    sanctions placed on X"): its on/against phrase, when the verb's frame takes that marker."""
    out: Actors = []
    for noun in (c for c in pred.children if c.dep_ == "obj"):
        for part in noun.children:
            if part.dep_ != "acl" or "VerbForm=Part" not in str(part.morph):
                continue
            for it in ex.args_of(part):
                if it.marker in ("on", "against") and frame.get(it.marker) == "target" and not it.nested:
                    out.extend(ex.resolve(it))
    return out


def maker_of_unbuilt(ex: SentenceExtractor, noun: Token) -> Actors:
    """The maker of an act noun that made no record because the other party its row needs is not named
    ("rejected Iran's threats", "condemned the UN sanctions"): the possessive actor, or the compound
    organisation, its row reads as the source (a compound state may be the target: "the Russia
    sanctions"). Only rows with a `needs` option (a sanction, a threat, a protest is its maker's
    whatever its target), so that a noun whose qualifier may be its victim ("the Armenian genocide") is
    left out."""
    if ex.built.get(noun.i) is not None or ex.view.pos_of(noun)[1] != "NOUN":
        return []
    rows = [r for r in ex.view.rows.get(noun.i, []) if r.kind == "event" and "needs" in r.options]
    if not rows:
        return []
    out: Actors = []
    for it in ex.args_of(noun):
        node = it.role_node
        if it.nested or node is None or node.head.i != noun.i or node.i > noun.i:
            continue
        marker = "compound" if node.dep_ == "compound" and it.marker is None else it.marker
        if marker == "compound" and not set(it.kinds) <= {"org", "organ"}:
            continue  # "the Russia sanctions" are as often on Russia as "the US sanctions" are the US's
        if marker in ("compound", "poss") and rows[0].frame.get(marker) == "source":
            out.extend(ex.resolve(it))
    return out
