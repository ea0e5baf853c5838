"""Who an attack is claimed by or blamed on ("a bombing claimed by X", "an X-claimed car bomb", "X was
responsible for the attack", "an attack officials blamed on X"): the attack noun's or weapon's source."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allymap.extract.items import ALLEGED_OWNERS, lemma

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.flags import Flags
    from allymap.extract.roles import Actors, Roles

# Cues "claimed_acts": "claim_participles" qualify the noun with its author ("claimed by X", "X-claimed");
# "blame_verbs" map a verb of blaming to the preposition naming whom the act is blamed on ("blamed on X",
# "attributed to X"): an alleged act; "responsible_words" ("X was responsible for the attack"): its subject.
# Not "X claimed (responsibility for) the attack": a statement sentence whose act is the content of a claim
# (the four such sentences of the ConfliBERT development quarters are all labelled statements, class 0).


def claimed_source(roles: Roles, noun: Token) -> tuple[Actors, bool]:
    """The actors an attack noun or weapon is claimed by or blamed on, and whether it is only blamed (an
    alleged act). Nothing for a noun no such phrase qualifies."""
    data = roles.view.data
    participles = data.words("claimed_acts", "claim_participles")
    blame: dict[str, str] = data.cue("claimed_acts", "blame_verbs") or {}
    for verb in noun.children:
        if verb.dep_ not in ("acl", "acl:relcl", "amod") or verb.pos_ != "VERB":
            continue
        word = lemma(verb)
        for it in roles.args_of(verb):
            if it.nested or it.via != "mention":
                continue
            if word in participles and it.marker == "by":
                return roles.resolve(it), False  # "a bombing claimed by X", "a Taliban-claimed car bomb"
            if word in blame and it.marker == blame[word]:
                return roles.resolve(it), True  # "an attack officials blamed on X", "an attack blamed on X"
    gov = noun.head
    if noun.dep_ in ("obl", "nmod") and lemma(gov) in data.words("claimed_acts", "responsible_words"):
        return _responsible(roles, gov), False  # "X was responsible for the attack"
    if noun.dep_ == "obj" and lemma(gov) in blame:  # "officials blamed the attack on X"
        found = [a for it in roles.args_of(gov) if it.marker == blame[lemma(gov)] for a in roles.resolve(it)]
        if found:
            return found, True
    return [], False


def adjunct_claim(roles: Roles, verb: Token) -> tuple[Actors, bool]:
    """Whom the attack an attack verb is said to be part of is claimed by or blamed on ("gunmen stormed a
    school, in an attack officials blamed on X"): the verb's act is that attack."""
    view = roles.view
    verbs = [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    if verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        verbs.append(verb.head)  # "beheaded three men and torched a school, in an attack ...": shared
    for c in (c for v in verbs for c in v.children):
        if (
            c.dep_ == "obl"
            and view.marker_of(c) == "in"
            and any(r.type == "ASSAULT" for r in view.rows.get(c.i, []))
        ):
            return claimed_source(roles, c)
    return [], False


def blamed_flags(roles: Roles, pred: Token, source: Actors, flags: Flags) -> Flags:
    """An attack whose source is only whom it is blamed on is alleged; so is an act whose source is only
    tied to its agent with distance ("hackers linked to X attacked Y")."""
    if not source or flags.modality != "asserted":
        return flags
    if tied_only(roles, source):
        return type(flags)(flags.negated, "alleged", flags.alleged_by_speech)
    is_verb = roles.view.pos_of(pred)[1] == "VERB"
    found, blamed = adjunct_claim(roles, pred) if is_verb else claimed_source(roles, pred)
    if blamed and found == source:
        return type(flags)(flags.negated, "alleged", flags.alleged_by_speech)
    return flags


def _responsible(roles: Roles, adj: Token) -> Actors:
    """The subject of a copular "responsible" ("X was/is responsible for N"), when nothing negates it."""
    clause = [adj] + ([adj.head] if adj.dep_ == "xcomp" and lemma(adj.head) == "be" else [])
    kids = [c for t in clause for c in t.children]
    if any("Polarity=Neg" in str(c.morph) for c in kids):
        return []  # "X was not responsible for the attack"
    subj = next((c for c in kids if c.dep_ == "nsubj"), None)
    item = roles.item_at(subj) if subj is not None else None
    return roles.resolve(item) if item is not None and item.via == "mention" else []


def tied_only(roles: Roles, source: Actors) -> bool:
    """Is every source actor named only as the owner a parse hook read from a tie that alleges agency
    ("hackers linked to X", "gunmen affiliated with X": Doc.user_data[ALLEGED_OWNERS]), the agent noun a
    subject or passive agent?"""
    doc = roles.view.doc
    owners = [doc[k] for k in doc.user_data.get(ALLEGED_OWNERS, ())]
    spans = [doc[o.left_edge.i : o.right_edge.i + 1].text for o in owners if _agent_noun(o.head)]
    if not spans:
        return False
    return all(any(text in span or span in text for span in spans) for _, text in source)


def _agent_noun(noun: Token) -> bool:
    """Is the noun a clause's subject or passive agent, itself, through its coordination or as the
    of-complement of one ("a group of hackers linked to X")?"""
    while noun.dep_ == "conj" or (noun.dep_ == "nmod" and any(c.text.lower() == "of" for c in noun.children)):
        noun = noun.head
    return noun.dep_ in ("nsubj", "nsubj:pass", "nsubjpass", "obl:agent")
