"""Stated intentions to yield: "X said it would release Y", "X will lift the curfew" (CAMEO 035, AGREE)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from allymap.extract.flags import own_negation
from allymap.extract.mood import attitude, hypothetical
from allymap.extract.refusals import refusal_row, refused_verb

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.langdata import Trigger
    from allymap.extract.roles import Roles


def intent_row(roles: Roles, pred: Token, row: Trigger) -> Trigger:
    """A row of a type the cues "intent" "types" map (RETREAT: AGREE) whose verb (the trigger, or a trigger
    noun's support verb) has an auxiliary of the future (cues "intent" "auxiliaries": "will", "would") and
    no negation of its own states an intention to yield, not the yielding: CAMEO 035 (0351-0356, "express
    intent to release persons, ease sanctions, allow international involvement, de-escalate"), PLOVER
    AGREE. "decided to lift", "is to lift" keep the row's type (the act, intended); so do a wished or feared
    act and a condition's consequence; "will not lift" stays a negated act, or a refusal
    (extract/refusals.py). Any other row is returned as it is."""
    types = roles.data.cue("intent", "types")
    if row.kind != "event" or not isinstance(types, dict) or row.type not in types:
        return row
    verb = refused_verb(roles, pred)
    if verb is None or own_negation(verb, roles.data):
        return row
    if attitude(verb, roles.data) is not None or hypothetical(verb, roles.data):
        return row  # "hopes that Y would return them", "would withdraw if attacked": no one's stated intent
    auxiliaries = roles.data.words("intent", "auxiliaries")
    if not any(c.dep_ == "aux" and c.text.lower().replace("’", "'") in auxiliaries for c in verb.children):
        return row
    return replace(row, type=str(types[row.type]), mode=None)


def stated_row(roles: Roles, pred: Token, row: Trigger) -> Trigger:
    """The row as the sentence states it: a refusal ("will not lift it until Y acts", extract/refusals.py),
    else an intention to yield ("will lift it"), else the row itself."""
    return intent_row(roles, pred, refusal_row(roles, pred, row))
