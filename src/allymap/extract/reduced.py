"""Voice: the frame slot of a marker under the passive; reduced passive relatives ("X, attacked by Y")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from allymap.extract.items import lemma

if TYPE_CHECKING:
    from spacy.tokens import Token

    from allymap.extract.langdata import LangData


def reduced_passive(tok: Token, data: LangData) -> bool:
    """A participle qualifying the noun before it, passive by its form or by its agent phrase (a tagger may
    read "the sanctions, lifted by X" as a past tense); only in a language whose cues have
    "reduced_relatives". Its noun is then its object ("the ties, restored with X": args.py)."""
    if tok.dep_ != "acl" or tok.head.i >= tok.i or data.cue("reduced_relatives") is None:
        return False
    return {"VerbForm=Part", "Tense=Past"} <= set(str(tok.morph).split("|")) or any(
        c.dep_ == "obl:agent" for c in tok.children
    )


def reduced_patient(ex: Any, pred: Token) -> list[tuple[str, str]]:
    """The actors of the noun a reduced passive participle qualifies, set off by a comma ("Germany,
    attacked by France on Monday, ..."): a restrictive one picks out whom it names ("forces backed by X")
    and so does a participle of allegiance (cues "reduced_relatives" "allegiance": "rebels, backed by X").
    Nothing when that noun is the verb's support noun ("the ties, restored with X by Y")."""
    data: LangData = ex.data
    first = pred.left_edge.i  # "Germany, reportedly attacked by France": the phrase's first word
    if not reduced_passive(pred, data) or pred.head.i in ex.view.consumed or first == 0:
        return []
    if pred.doc[first - 1].text != "," or lemma(pred) in data.words("reduced_relatives", "allegiance"):
        return []
    item = ex.item_at(pred.head)
    return list(ex.resolve(item)) if item is not None else []


def role_marker(marker: str | None, passive: bool, is_verb: bool, frame: dict[str, str]) -> str | None:
    """The frame slot of a marker: a passive's subject is its object, its "par" phrase its subject;
    an adjective ("l'attaque russe") is a noun's agent."""
    if passive:
        return {"subj_pass": "obj", "subj": "obj", "by": "subj"}.get(marker or "", marker)
    if marker == "subj_pass":
        return "subj"
    if marker == "amod" and not is_verb:
        return "amod" if "amod" in frame else "poss" if frame.get("poss") == "source" else "subj"
    return marker
