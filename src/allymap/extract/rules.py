"""The document-level rule extractor: gazetteer pass, selective parsing, salience, clean-up, Events."""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

from allymap.errors import AllymapError
from allymap.extract.anaphors import state_anaphors
from allymap.extract.args import LEMMA_FALLBACK, SentenceView, lemma
from allymap.extract.blockers import private_phrase, subject_blockers
from allymap.extract.colon import colon_speaker
from allymap.extract.coref import Entry, Salience
from allymap.extract.dates import DateMention, DateResolver, dated_spans
from allymap.extract.engine import Candidate, SentenceExtractor
from allymap.extract.flags import asks_question, denied_content
from allymap.extract.gate import Gate, load_gate
from allymap.extract.items import final_parse
from allymap.extract.langdata import LangData, load_lang
from allymap.extract.learned import guess
from allymap.extract.nonstate import nonstate_party
from allymap.extract.select import Selection, quote_spans, select_sentences, sport_report
from allymap.extract.statements import disowned, statement_only
from allymap.nlp import Parsed, Sentence, parse_sentences, split_sentences
from allymap.records import Document, Event, Mention
from allymap.registry import extractors

MentionFinder = Callable[..., list[Mention]]


@dataclass(frozen=True)
class Extraction:
    """What the extractor made of one document, and how much of it was parsed."""

    doc: str
    events: tuple[Event, ...]
    mentions: tuple[Mention, ...]
    sentences: int
    parsed: int


def default_finder() -> MentionFinder:
    """allymap.actors.find_mentions (imported when first needed)."""
    module = importlib.import_module("allymap.actors")
    finder: MentionFinder | None = getattr(module, "find_mentions", None)
    if finder is None:
        raise AllymapError("no actor resolver installed (allymap.actors.find_mentions is missing)")
    return finder


def _takes_dates(finder: MentionFinder) -> bool:
    """Does the mention finder take `dates`, the dated spans of the text (allymap.actors.find_mentions)?"""
    try:
        params = inspect.signature(finder).parameters.values()
    except (TypeError, ValueError):
        return False
    return any(p.name == "dates" or p.kind is p.VAR_KEYWORD for p in params)


@dataclass(frozen=True)
class _Plan:
    """A document before its parse: mentions, sentences, and the sentences chosen for parsing."""

    document: Document
    found: list[Mention]
    sentences: list[Sentence]
    selection: Selection
    chosen: tuple[Sentence, ...]


class RuleExtractor:
    """French (or any language with a `lang/<iso>/` folder) rule extraction over spaCy parses."""

    def __init__(
        self, lang: str = "fr", finder: MentionFinder | None = None, kb: Any = None, gate: Gate | None = None
    ) -> None:
        self.lang = lang
        self.data: LangData = load_lang(lang)
        self._finder = finder
        self.kb = kb
        self.gate = gate  # the "learned" extractor's sentence gate (extract/learned.py); None: rules only

    @property
    def name(self) -> str:
        return self.data.extractor + ("+learned" if self.gate is not None else "")

    def finder(self) -> MentionFinder:
        if self._finder is None:
            self._finder = default_finder()
        return self._finder

    def find_mentions(self, document: Document, sentences: Sequence[Sentence] = ()) -> list[Mention]:
        """The document's mentions as of its publication date; an office-holder named in a sentence with
        an absolute date ("On 5 March 2010", "In 2010") may resolve as of that date (extract/dates.py)."""
        kwargs: dict[str, Any] = {"doc": document.doc, "lang": self.lang, "on": document.published}
        if self.kb is not None:
            kwargs["kb"] = self.kb
        finder = self.finder()
        if sentences and _takes_dates(finder):  # a finder of another make may not take them
            resolver = DateResolver(self.lang, self.data.cue("dates"), document.published)
            kwargs["dates"] = dated_spans([(s.start, s.end, s.text) for s in sentences], resolver)
        return list(finder(document.text, **kwargs))

    def __call__(self, document: Document) -> list[Event]:
        return list(self.extract(document).events)

    def extract(self, document: Document, mentions: Sequence[Mention] | None = None) -> Extraction:
        plan = self._plan(document, mentions)
        return self._finish(plan, self._parse([plan]))

    def extract_many(self, documents: Sequence[Document]) -> list[Extraction]:
        """Extract several documents with one parse call for all their selected sentences (the model
        runs on full batches instead of a few sentences per document); same result as `extract`."""
        plans = [self._plan(d) for d in documents]
        parsed = iter(self._parse(plans))
        return [self._finish(p, [next(parsed) for _ in p.chosen]) for p in plans]

    def _plan(self, document: Document, mentions: Sequence[Mention] | None = None) -> _Plan:
        data = self.data
        sentences = split_sentences(document.text, data.cue("sentences", "abbreviations"))
        found = list(mentions) if mentions is not None else self.find_mentions(document, sentences)
        selection = select_sentences(sentences, found, data)
        sport = sport_report(document.text, data)  # teams, not states: no event is read
        chosen = () if sport else tuple(sentences[i] for i in selection.chosen)
        return _Plan(document, found, sentences, selection, chosen)

    def _parse(self, plans: Sequence[_Plan]) -> list[Parsed]:
        data = self.data
        names = None
        if data.cue("sentences", "headline_recase"):  # "Russia Attacks Ukrainian Ports" (nlp/casing.py)
            names = [
                [(m.start - s.start, m.end - s.start) for m in p.found if m.start < s.end and s.start < m.end]
                for p in plans
                for s in p.chosen
            ]
        actors = None
        if data.cue("sentences", "comma_coordination"):  # "Russia, China veto ..." (nlp/coordination.py)
            kinds = set(data.cue("sentences", "comma_coordination"))
            actors = [
                [
                    (m.start - s.start, m.end - s.start, m.code)
                    for m in p.found
                    if m.code and m.kind in kinds and s.start <= m.start < s.end
                ]
                for p in plans
                for s in p.chosen
            ]
        return parse_sentences(
            [s for p in plans for s in p.chosen],
            data.model,
            data.cue("sentences", "parse_replace"),
            scare_quotes=data.cue("sentences", "scare_quotes") or (),
            names=names,
            actors=actors,
        )

    def _finish(self, plan: _Plan, parsed: list[Parsed]) -> Extraction:
        data = self.data
        document, found, sentences, selection = plan.document, plan.found, plan.sentences, plan.selection
        text = document.text
        fallback = data.cue("lemma_fallback")
        hook = data.parse_hook()
        for one in parsed:
            one.doc.user_data[LEMMA_FALLBACK] = fallback
            if hook is not None:
                hook(one.doc, data.cues)
            final_parse(one.doc)
        by_index = {p.sentence.index: p for p in parsed}
        run = _DocumentRun(document, data, sentences, self.gate)
        articles = data.words("anaphora", "place_articles")
        earlier: set[str] = set()  # the actors named in the sentences before
        for s in sentences:
            for m in selection.mentions[s.index]:
                if m.kind == "place":
                    continue  # a place is never an antecedent ("Kharkiv ... it said")
                modifier = (
                    m.kind == "demonym" and m.text[:1].islower() and not self._after_proxy(text, m.start)
                )
                before = [w.lower() for w in text[max(0, m.start - 20) : m.start].split()[-3:]]
                while before and before[-1] in articles:
                    before.pop()  # "in the US" is placed too
                placed = bool(before) and before[-1] in run.salience.earlier_places
                run.salience.add(
                    Entry(
                        s.index, m.start, (str(m.code),), (m.text,), m.kind, modifier=modifier, placed=placed
                    )
                )
            p = by_index.get(s.index)
            colon = data.cue("attribution", "colon_speakers")  # "Iran: US sanctions 'terrorism'" (colon.py)
            said = (
                colon_speaker(text, s, selection.mentions[s.index], colon)
                if p is not None and colon
                else None
            )
            if said is not None:
                run.speakers[said[0]] = said[1]
            if p is not None:
                own = list(selection.mentions[s.index])
                own += state_anaphors(p.doc, s.start, own, data, earlier)  # "the country's rebels"
                run.sentence(SentenceView(p, own, data))
            earlier |= {str(m.code) for m in selection.mentions[s.index] if m.code}
        return Extraction(document.doc, tuple(run.finish()), tuple(found), selection.total, selection.parsed)

    def _after_proxy(self, text: str, start: int) -> bool:
        """Does an adjective such as "russe" follow a noun that stands for its state ("le président
        russe", "les forces armées maliennes")? Otherwise it names no one a pronoun could refer to."""
        words = text[max(0, start - 40) : start].lower().replace("’", "'").split()[-2:]
        proxy = self.data.words("proxy_heads")
        return any(w.strip(",;:()«»\"'").split("'")[-1] in proxy for w in words)


class _DocumentRun:
    """State carried across the sentences of one document."""

    def __init__(
        self, document: Document, data: LangData, sentences: Sequence[Sentence], gate: Gate | None = None
    ) -> None:
        self.document = document
        self.gate = gate
        self.data = data
        self.sentences = sentences
        self.salience = Salience(
            person_never=frozenset(data.words("anaphora", "person_never")),
            earlier_places=frozenset(data.words("anaphora", "earlier_places")),
        )
        self.dates = DateResolver(data.lang, data.cue("dates"), document.published)
        self.quotes = quote_spans(document.text, data.cue("attribution", "quotes"))
        self.speakers: dict[tuple[int, int], list[str]] = {}
        self.last_date: dict[str, str] = {}
        self.events: list[tuple[Event, Candidate]] = []
        self.sentence_of: dict[int, int] = {}

    def speaker(self, offset: int) -> list[str]:
        for span, codes in self.speakers.items():
            if span[0] <= offset < span[1]:
                return codes
        return []

    def _find_speakers(self, ex: SentenceExtractor) -> None:
        view = ex.view
        speech = self.data.words("attribution", "speech_verbs")
        text = self.document.text
        s = view.parsed.sentence
        spans = [q for q in self.quotes if q[0] < s.end and s.start < q[1]]
        for tok in view.tokens:
            if tok.pos_ != "VERB" or lemma(tok) not in speech:
                continue
            a = view.base + tok.idx
            b = a + len(tok.text)
            for q in spans:
                if q[0] <= a < q[1] or q in self.speakers:
                    continue
                gap = text[b : q[0]] if b <= q[0] else text[q[1] : a]
                if len(gap.strip(" :,-–—\u00a0")) > 12:
                    continue
                codes = [c for c, _ in ex.subject_of(tok)]
                if not codes:
                    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
                    codes = ex.claimant_of(subj) if subj is not None else []
                if codes:
                    self.speakers[q] = codes
                    for it in ex.args_of(tok):
                        if it.marker == "subj":
                            self.salience.mark(s.index, it.start, claimant=True)

    def _names_thing(self, tok: Any) -> bool:
        """Does a name only qualify a common noun that is no actor ("the Iraq war", "the Lisbon targets";
        not "the US government", "US officials", "UK troops", cues "proxy_heads" and "sub_state")?"""
        head = tok.head
        if tok.dep_ != "compound" or head.i == tok.i or head.pos_ != "NOUN":
            return False
        actors = self.data.words("proxy_heads") | self.data.words("anaphora", "group_nouns")
        for key in ("nouns", "domestic_organs", "organ_forces", "compound_heads", "private"):
            actors = actors | self.data.words("sub_state", key)
        return lemma(head) not in actors and head.text.lower() not in actors

    def sentence(self, view: SentenceView) -> None:
        s = view.parsed.sentence
        for entry in subject_blockers(view, self.data, s.index):  # "Heineken said it ...": no actor
            self.salience.add(entry)
        ex = SentenceExtractor(view, self.salience, s.index, self.speaker)
        speech = self.data.words("attribution", "speech_verbs")
        for it in ex.items:
            if it.via == "mention" and it.nested and it.marker == "of":  # "la veuve du maire de Moscou"
                self.salience.mark(s.index, it.start, locative=True)
            if it.via == "mention" and it.nested and it.marker == "amod":  # "la présidentielle portugaise"
                self.salience.mark(s.index, it.start, modifier=True)
            if it.via == "mention" and self._names_thing(it.head):  # "the Iraq war ... they"
                self.salience.mark(s.index, it.start, modifier=True)
            if it.via == "mention" and (
                it.company or it.private or private_phrase(it, self.data)
            ):  # "the US company ... it"
                self.salience.mark(s.index, it.start, nonstate=True)
            if it.via == "mention" and it.domestic:  # "Iraqi militias said they would ...": still sub-state
                self.salience.mark(s.index, it.start, texts=it.texts)
            if it.via == "mention" and it.pred is not None:
                if it.marker == "subj":
                    claimant = lemma(it.pred) in speech and it.pred.pos_ == "VERB"
                    self.salience.mark(s.index, it.start, subject=not claimant, claimant=claimant)
        self._find_speakers(ex)
        for pred in {it.pred.i for it in ex.items if it.pred is not None and it.marker == "subj"}:
            subjects = [
                it for it in ex.items if it.pred is not None and it.pred.i == pred and it.marker == "subj"
            ]
            acts = [a for it in subjects for a in ex.resolve(it)]
            codes = tuple(dict.fromkeys(c for c, _ in acts))
            if len(codes) > 1:  # "lui et Xi Jinping ont souligné": a group "ils" may refer to
                texts = tuple(next(t for c2, t in acts if c2 == c) for c in codes)
                start = min(it.start for it in subjects)
                said = lemma(view.doc[pred]) in speech
                self.salience.add(
                    Entry(s.index, start, codes, texts, "group", subject=not said, claimant=said)
                )
        cands = [c for c in (ex.build(view.doc[i]) for i in sorted(view.rows)) if c is not None]
        if not cands and self.gate is not None:
            cands = [c for c in (guess(ex, self.gate),) if c is not None]
        cands = [c for c in cands if not denied_content(c.trigger, self.data)]
        cands = [c for c in cands if not statement_only(c, self.data)]  # CAMEO 01: "rejected the charges"
        cands = [disowned(c, self.data) for c in cands]  # "has no plans to attack Y": negated
        cands = [c for c in cands if not ex.private_source(c.source, c.target)]  # "un Suisse"
        cands = [c for c in cands if not nonstate_party(ex.items, self.data, c.row.type, c.source, c.target)]
        cands = [c for c in cands if c.row.type != "REQUEST" or not asks_question(c.trigger, self.data)]
        # one mention is both sides only in a domestic act on a place ("a curfew was imposed in Kyiv"), not
        # in a passive with no agent ("X's people are to be urged to ...": no act of X on X)
        cands = [c for c in cands if "passive" in c.row.options or list(c.source) != list(c.target)]
        if not cands:
            return
        cands = self._absorb(cands)
        cands = self._dedupe(cands)
        found_dates = self.dates.find(s.text, s.start)
        anchor = self._anchor(view)
        for cand in cands:
            event = self._event(cand, s, found_dates, anchor)
            if event.date is None and event.kind == "event":
                event = self._continued(event, s.index)
            self.events.append((event, cand))
            self.sentence_of[id(event)] = s.index
            if event.date:
                self.last_date[lemma(cand.trigger)] = event.date

    def _continued(self, event: Event, index: int) -> Event:
        """ "Poutine a signé un traité ... mercredi. Les deux pays sont parvenus à un accord ...": the same
        act restated in the next sentence (same type, same actors) keeps the date already found."""
        actors = {frozenset(event.source), frozenset(event.target)}
        for prev, _ in reversed(self.events):
            if self.sentence_of.get(id(prev), -9) < index - 1:
                break
            if (
                prev.date
                and prev.type == event.type
                and {frozenset(prev.source), frozenset(prev.target)} == actors
            ):
                return replace(event, date=prev.date)
        return event

    def _anchor(self, view: SentenceView) -> str | None:
        """ "Lors de sa visite": the date of the last event with that trigger noun."""
        dets = self.data.words("anchors", "determiners")
        for i in view.rows:
            tok = view.doc[i]
            if view.is_during(tok):
                if any(c.dep_ == "det" and c.text.lower().replace("’", "'") in dets for c in tok.children):
                    return self.last_date.get(lemma(tok))
        return None

    def _absorb(self, cands: list[Candidate]) -> list[Candidate]:
        keep: list[Candidate] = []
        for c in cands:
            parts = {a for a, _ in c.source} | {a for a, _ in c.target}
            absorbed = False
            for a in cands:
                if a is c or not a.row.absorbs:
                    continue
                over = {a.anchor_token.i, a.trigger.i}
                if any(t.i in over for t in c.anchor_token.ancestors) or any(
                    t.i in over for t in c.trigger.ancestors
                ):
                    a_parts = {x for x, _ in a.source} | {x for x, _ in a.target}
                    if parts <= a_parts:
                        absorbed = True
                        break
            if not absorbed:
                keep.append(c)
        return keep

    @staticmethod
    def _same_act(a: Candidate, b: Candidate) -> bool:
        if (a.row.kind, a.row.type, a.flags.negated) != (b.row.kind, b.row.type, b.flags.negated):
            return False
        sa, ta = {x for x, _ in a.source}, {x for x, _ in a.target}
        sb, tb = {x for x, _ in b.source}, {x for x, _ in b.target}
        return (sa == sb and ta == tb) or ((a.symmetric or b.symmetric) and sa == tb and ta == sb)

    def _dedupe(self, cands: list[Candidate]) -> list[Candidate]:
        """The same act stated twice in one sentence is one record (the most specific one)."""
        kept: list[Candidate] = []
        for c in cands:
            twin = next((k for k in kept if self._same_act(k, c)), None)
            if twin is None:
                kept.append(c)
            elif (c.mode and not twin.mode) or (
                bool(c.mode) == bool(twin.mode) and c.confidence > twin.confidence
            ):
                kept[kept.index(twin)] = c
        return kept

    def _event(self, cand: Candidate, s: Sentence, dates: list[DateMention], anchor: str | None) -> Event:
        offset = s.start + cand.trigger.idx
        usable = [d for d in dates if d.value]
        date = min(usable, key=lambda d: abs(d.start - offset)).value if usable else anchor
        return Event(
            doc=self.document.doc,
            kind=cand.row.kind,
            type=cand.row.type,
            mode=cand.mode,
            source=tuple(a for a, _ in cand.source),
            target=tuple(a for a, _ in cand.target),
            source_text=tuple(t for _, t in cand.source),
            target_text=tuple(t for _, t in cand.target),
            symmetric=cand.symmetric,
            negated=cand.flags.negated,
            modality=cand.flags.modality,
            claimed_by=tuple(cand.claimed_by) if cand.claimed_by else None,
            date=date if cand.row.kind == "event" else None,
            evidence=s.text,
            start=s.start,
            end=s.end,
            confidence=round(cand.confidence, 3),
            extractor=self.data.extractor + ("+learned" if cand.found_by == "learned" else ""),
            extra={"trigger": cand.trigger.text, "trigger_start": offset, "nominal": cand.nominal}
            | ({"found_by": cand.found_by} if cand.found_by else {}),
        )

    def finish(self) -> list[Event]:
        """Drop a definite nominal mention ("l'invasion de l'Ukraine par la Russie") of an act the
        document already reported: it names the same event again."""
        out: list[Event] = []
        seen: set[tuple[Any, ...]] = set()
        for event, cand in self.events:
            key = (event.kind, event.type, frozenset(event.source), frozenset(event.target))
            if cand.nominal and cand.definite and not cand.predicative and key in seen:
                continue
            seen.add(key)
            out.append(event)
        return out


@extractors.register("rules")
def rules_extractor(lang: str = "fr", **kwargs: Any) -> RuleExtractor:
    """The registry's factory: `extractors.create("rules", lang="fr")`."""
    return RuleExtractor(lang, **kwargs)


@extractors.register("learned")
def learned_extractor(lang: str = "fr", **kwargs: Any) -> RuleExtractor:
    """The rules, plus one guessed event where a sentence has a trigger and a named actor but no rule
    event, accepted by the language's learned sentence gate (cues "learned_gate"; extract/learned.py).
    A language with no gate (French so far) is read by its rules alone."""
    name = load_lang(lang).cues.get("learned_gate")
    if not name:
        return RuleExtractor(lang, **kwargs)
    gate = load_gate(str(resources.files("allymap.lang").joinpath(lang, str(name))))
    return RuleExtractor(lang, gate=gate, **kwargs)
