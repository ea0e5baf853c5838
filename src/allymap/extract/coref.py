"""A small salience-based resolver for pronouns and "les deux pays" against recent actor mentions."""

from __future__ import annotations

from dataclasses import dataclass, field

# Kinds of mentions that stand for a person acting for a state (preferred by "il", "elle", "lui").
PERSON_KINDS = frozenset({"person", "title"})
# Kinds that can be counted as one of "les deux pays".
STATE_KINDS = frozenset({"state", "capital", "seat", "demonym", "party", "person", "title", "group"})


@dataclass
class Entry:
    """An actor mention (or a resolved group) that a later pronoun may refer to."""

    sentence: int
    offset: int
    codes: tuple[str, ...]
    texts: tuple[str, ...]
    kind: str
    subject: bool = False
    claimant: bool = False
    locative: bool = False
    modifier: bool = False  # "la présidentielle portugaise": an adjective, not a referent
    placed: bool = False  # written after a word of cues "anaphora" "earlier_places" ("in Tokyo")
    nonstate: bool = False  # names a company or private people (extract/nonstate.py): a pronoun's end
    blocker: bool = False  # a subject that names no actor ("Heineken said it"): a pronoun's end (blockers.py)
    plural: bool = False  # a blocker's number


@dataclass
class Salience:
    """Recent actors of one document, in reading order; `resolve` picks the most salient antecedent."""

    window: int = 2
    entries: list[Entry] = field(default_factory=list)
    # kinds a person pronoun never refers to (cues "anaphora" "person_never"): English "he" is no city or
    # organisation (a state may stand for its unnamed leader: "the UK ... he"); none where "il" is a state
    person_never: frozenset[str] = frozenset()
    # a place named in an earlier sentence ("a hotel in Tokyo", "lives in Israel") is no antecedent of a
    # later sentence's "it" or "they" (cues "anaphora" "earlier_places"; past "place_articles": "in the US")
    earlier_places: frozenset[str] = frozenset()

    def add(self, entry: Entry) -> None:
        self.entries.append(entry)

    def mark(
        self,
        sentence: int,
        offset: int,
        *,
        subject: bool = False,
        claimant: bool = False,
        locative: bool = False,
        modifier: bool = False,
        nonstate: bool = False,
        texts: tuple[str, ...] = (),
    ) -> None:
        """Record the grammatical role a parse found for the mention starting at `offset` (and, for a
        sub-state actor, the words of its phrase: "Iraqi militias", not "Iraqi")."""
        for e in self.entries:
            if e.sentence == sentence and e.offset == offset:
                if texts and len(texts) == len(e.codes):
                    e.texts = texts
                e.subject = e.subject or subject
                e.claimant = e.claimant or claimant
                e.locative = e.locative or locative
                e.modifier = e.modifier or modifier
                e.nonstate = e.nonstate or nonstate

    def _candidates(self, sentence: int, offset: int) -> list[Entry]:
        out = [
            e
            for e in self.entries
            if sentence - self.window <= e.sentence <= sentence
            and (e.sentence < sentence or e.offset < offset)
        ]
        out.sort(key=lambda e: (e.sentence, e.offset))
        return out

    def resolve(
        self,
        sentence: int,
        offset: int,
        number: str | int,
        exclude: frozenset[str] = frozenset(),
        prefer_person: bool = False,
        subject: bool = False,
        no_orgs: bool = False,
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Codes and texts of the antecedent of a pronoun (number "sg"/"pl") or of a counted group
        ("les deux pays": number 2) at `offset` of `sentence`; empty when nothing fits. `no_orgs`: an
        organisation is none ("its troops" are a state's)."""
        cands = self._candidates(sentence, offset)
        if isinstance(number, int):  # "the two presidents": persons and titles only
            return self._group(cands, number, PERSON_KINDS if prefer_person else STATE_KINDS)
        best: Entry | None = None
        best_score = 1e9
        n = len(cands)
        for rank, e in enumerate(cands):
            codes = tuple(c for c in e.codes if c not in exclude)
            if e.blocker and not fits(e, number, prefer_person, e.sentence == sentence):
                continue
            if (not codes and not e.blocker) or e.modifier:
                continue
            if (prefer_person and e.kind in self.person_never) or (no_orgs and e.kind == "org"):
                continue
            if e.placed and (e.sentence < sentence or e.kind == "capital") and not prefer_person:
                continue  # "he" may still be someone acting there ("politics in Britain ... he urged");
                # a city is where things are ("the embassy in London said it"), in its own sentence too
            distance = n - rank
            score = float(distance) + 6.0 * (sentence - e.sentence)
            if e.claimant:  # who speaks is rarely who acts in the clause they report
                score += 25.0 if e.sentence == sentence else 2.0
            if e.locative:
                score += 6.0
            if prefer_person and e.kind in PERSON_KINDS:
                score -= 6.0
            if subject and (e.subject or (e.claimant and e.sentence < sentence)):
                score -= 5.0
            if number == "pl" and len(e.codes) > 1:
                score -= 4.0
            if number == "sg" and len(e.codes) > 1:
                score += 10.0
            if score < best_score:
                best, best_score = e, score
        if best is None or best.nonstate or best.blocker:  # "the US company ... it": the company, no state
            return (), ()
        codes = tuple(c for c in best.codes if c not in exclude)
        texts = tuple(t for c, t in zip(best.codes, best.texts, strict=False) if c not in exclude)
        return codes, texts or best.texts[:1]

    def _group(
        self, cands: list[Entry], count: int, kinds: frozenset[str]
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        codes: list[str] = []
        texts: list[str] = []
        for e in reversed(cands):
            if e.kind not in kinds or e.nonstate or (e.placed and e.kind == "capital"):
                continue  # "the embassy in London": a city where it is, no one of "the two countries"
            for code, text in zip(e.codes, e.texts, strict=False):
                if code not in codes:
                    codes.append(code)
                    texts.append(text)
            if len(codes) >= count:
                break
        if len(codes) < count:
            return (), ()
        return tuple(codes[:count]), tuple(texts[:count])


def fits(e: Entry, number: str | int, person: bool, same: bool) -> bool:
    """May a blocker be what the pronoun refers to: a thing for "it"/"they" of its number; a person for
    "he"/"she" in the blocker's own sentence (`same`)?"""
    if e.kind == "person":
        return person and same
    return not person and e.plural == (number == "pl")
