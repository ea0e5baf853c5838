"""Who fires a weapon or carries out an attack named as an attack verb's subject ("X airstrikes killed Y")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allymap.extract.claims import adjunct_claim, claimed_source
from allymap.extract.items import lemma

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.roles import Actors, Roles


def instrument_agent(roles: Roles, verb: Token) -> Actors:
    """The source of an attack verb (a row of type ASSAULT) whose subject is no actor but an attack noun
    ("U.S. airstrikes killed X": the noun's own agent) or a weapon (cues "instruments": "Israeli missiles
    struck X", "rockets fired by X hit Y"): whoever carried out the attack or fired the weapon; with no
    subject actor, whom the attack the verb's act is part of is claimed by ("in an attack claimed by X")."""
    view = roles.view
    if not any(r.type == "ASSAULT" for r in view.rows.get(verb.i, [])):
        return []
    if claimed := adjunct_claim(roles, verb)[0]:
        return claimed  # "gunmen stormed a school, in an attack claimed by X" (blamed on X: alleged)
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or roles.item_at(subj) is not None:
        return []
    if subj.i in view.rows and view.pos_of(subj)[1] == "NOUN":
        if any(r.type == "ASSAULT" for r in view.rows[subj.i]) and not claimed_source(roles, subj)[1]:
            return roles.build_agent(subj)  # not "an attack blamed on X killed Y": only alleged
        return []
    if lemma(subj) not in view.data.words("instruments", "words"):
        return []
    claimed, blamed = claimed_source(roles, subj)
    if claimed and not blamed:
        return claimed  # "a Taliban-claimed car bomb struck X", "a bomb claimed by X"
    out: Actors = []
    for it in roles.items:
        node = it.role_node
        if it.pred is None or node is None or it.via != "mention":
            continue
        if it.pred.i == verb.i and node.head.i == subj.i and node.dep_ in ("amod", "compound", "poss"):
            out.extend(roles.resolve(it))  # "Israeli missiles", "Hamas rockets", "Iran's drones"
        elif it.pred.dep_ == "acl" and it.pred.head.i == subj.i and it.marker == "by" and not it.nested:
            if lemma(it.pred) in view.data.words("instruments", "fired_by"):
                out.extend(roles.resolve(it))  # "missiles fired by X", not "missiles supplied by X"
    return out
