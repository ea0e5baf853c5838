"""Source credibility and event weights: score, outlet and signal tables (graph/data/*.tsv), article
credibility, report weights (modality, attribution, source) and negation-aware scores."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from allymap.errors import InputError
from allymap.graph.model import RELATION_TYPES, ArticleInfo, Credibility, WeightConfig
from allymap.records import COOCCURRENCE_TYPE, Event


# -- tables ---------------------------------------------------------------------------------------------
def _rows(text: str, origin: str) -> Iterator[tuple[int, dict[str, str]]]:
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    lines = [(n, line) for n, line in lines if not line.startswith("#")]
    if not lines:
        return
    header = lines[0][1].split("\t")
    for number, line in lines[1:]:
        cells = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
        if len(cells) < len(header):
            cells += [""] * (len(header) - len(cells))
        yield number, dict(zip(header, (c.strip() for c in cells), strict=False))
    del origin


def _shipped(name: str) -> str:
    return resources.files("allymap.graph").joinpath("data", name).read_text(encoding="utf-8")


@dataclass(frozen=True)
class TypeScore:
    """The score (-10..+10) and quad class of an event type (in a mode)."""

    type: str
    mode: str | None
    score: float
    quad: int


class ScoreTable:
    """Scores of PLOVER types and stated relations, with mode overrides (data/scores.tsv)."""

    def __init__(self, rows: dict[tuple[str, str | None], TypeScore]) -> None:
        self._rows = rows

    @classmethod
    def load(cls, path: str | Path | None = None) -> ScoreTable:
        text = Path(path).read_text(encoding="utf-8") if path else _shipped("scores.tsv")
        origin = str(path or "graph/data/scores.tsv")
        rows: dict[tuple[str, str | None], TypeScore] = {}
        for number, row in _rows(text, origin):
            try:
                mode = None if row["mode"] in ("", "*") else row["mode"]
                rows[(row["type"], mode)] = TypeScore(
                    row["type"], mode, float(row["score"]), int(row["quad"])
                )
            except (KeyError, ValueError):
                raise InputError("a score row needs type, mode, score and quad", origin, number) from None
        return cls(rows)

    def get(self, type_: str, mode: str | None = None) -> TypeScore | None:
        return self._rows.get((type_, mode)) or self._rows.get((type_, None))

    def score(self, type_: str, mode: str | None = None) -> float:
        found = self.get(type_, mode)
        return found.score if found else 0.0

    def quad(self, type_: str) -> int:
        found = self.get(type_)
        return found.quad if found else 0

    def quads(self) -> dict[str, int]:
        """Each PLOVER event type's quad class: 1 verbal and 2 material cooperation, 3 verbal and 4 material
        conflict (stated relations, quad 0, left out)."""
        return {t: row.quad for (t, mode), row in self._rows.items() if mode is None and row.quad}

    def relation_type(self, type_: str) -> str:
        """The stated relation a relation record stands for: its own type when it is one of ALLY,
        PARTNER, MEMBER, ADVERSARY (or COOCCUR, kept only on request, scoring 0), else PARTNER for a
        cooperative type and ADVERSARY for a hostile one."""
        if type_ in RELATION_TYPES or type_ == COOCCURRENCE_TYPE:
            return type_
        return "PARTNER" if self.score(type_) >= 0 else "ADVERSARY"


@dataclass(frozen=True)
class Outlet:
    domain: str
    name: str
    rating: float
    aliases: tuple[str, ...] = ()
    note: str = ""


class OutletTable:
    """Outlet ratings by domain (data/outlets.tsv, then an optional user file overriding it)."""

    def __init__(self, outlets: dict[str, Outlet]) -> None:
        self._by_domain = outlets
        self._by_name: dict[str, Outlet] = {}
        for outlet in outlets.values():
            for name in (outlet.name, *outlet.aliases):
                self._by_name.setdefault(name.casefold(), outlet)

    @classmethod
    def load(cls, override: str | Path | None = None) -> OutletTable:
        outlets = cls._parse(_shipped("outlets.tsv"), "graph/data/outlets.tsv")
        if override is not None:
            path = Path(override)
            if not path.is_file():
                raise InputError("no such outlet file", str(path))
            outlets.update(cls._parse(path.read_text(encoding="utf-8"), str(path)))
        return cls(outlets)

    @staticmethod
    def _parse(text: str, origin: str) -> dict[str, Outlet]:
        out: dict[str, Outlet] = {}
        for number, row in _rows(text, origin):
            try:
                domain = normalise_domain(row["domain"])
                rating = float(row["rating"])
            except (KeyError, ValueError):
                raise InputError("an outlet row needs domain and a rating", origin, number) from None
            if not 0.0 <= rating <= 1.0:
                raise InputError(f"rating {rating} is outside 0..1", origin, number)
            aliases = tuple(a for a in row.get("aliases", "").split("|") if a)
            out[domain] = Outlet(domain, row.get("name") or domain, rating, aliases, row.get("note", ""))
        return out

    def by_domain(self, domain: str | None) -> Outlet | None:
        """The outlet of a domain or of its nearest rated parent domain (news.bbc.co.uk → bbc.co.uk)."""
        if not domain:
            return None
        parts = normalise_domain(domain).split(".")
        for i in range(len(parts) - 1):
            found = self._by_domain.get(".".join(parts[i:]))
            if found:
                return found
        return None

    def by_name(self, name: str) -> Outlet | None:
        return self._by_name.get(name.strip().casefold())


def normalise_domain(domain: str) -> str:
    domain = domain.strip().lower()
    domain = re.sub(r"^[a-z]+://", "", domain).split("/")[0].split(":")[0]
    return domain[4:] if domain.startswith("www.") else domain


@dataclass(frozen=True)
class Cue:
    signal: str
    how: str  # cue | removed
    pattern: re.Pattern[str] | None
    reason: str


class SignalTable:
    """Cues of article-level credibility signals (data/signals.tsv)."""

    def __init__(self, cues: list[Cue]) -> None:
        self.cues = cues
        self._seen: dict[tuple[str, tuple[str, ...]], frozenset[str]] = {}  # verbatim copies match once

    @classmethod
    def load(cls, path: str | Path | None = None) -> SignalTable:
        text = Path(path).read_text(encoding="utf-8") if path else _shipped("signals.tsv")
        origin = str(path or "graph/data/signals.tsv")
        cues: list[Cue] = []
        for number, row in _rows(text, origin):
            how = row.get("how", "")
            if how == "removed":
                cues.append(Cue(row["signal"], how, None, row["pattern"]))
            elif how == "cue":
                try:
                    pattern = re.compile(row["pattern"], re.IGNORECASE)
                except re.error as exc:
                    raise InputError(f"bad regex ({exc})", origin, number) from None
                cues.append(Cue(row["signal"], how, pattern, ""))
            else:
                raise InputError("`how` must be cue or removed", origin, number)
        return cls(cues)

    def signals(self, text: str, removed: tuple[str, ...] = ()) -> set[str]:
        """The signals an article shows (`no_named_source` when no named-source cue matches)."""
        key = (text, tuple(removed))
        if key not in self._seen:
            if len(self._seen) > 100_000:
                self._seen.clear()
            self._seen[key] = frozenset(self._signals(text, removed))
        return set(self._seen[key])

    def _signals(self, text: str, removed: tuple[str, ...]) -> set[str]:
        found: set[str] = set()
        reasons = set(removed)
        for cue in self.cues:
            if cue.signal in found:
                continue
            if cue.how == "removed" and cue.reason in reasons:
                found.add(cue.signal)
            elif cue.pattern is not None and text and cue.pattern.search(text):
                found.add(cue.signal)
        if text and "named_source" not in found:
            found.add("no_named_source")
        found.discard("named_source")
        return found


# -- credibility and weights -----------------------------------------------------------------------------
def article_credibility(
    article: ArticleInfo | None, outlets: OutletTable, signals: SignalTable, cfg: WeightConfig
) -> Credibility:
    """An article's credibility: its outlet's rating (or `cfg.unknown_outlet`) lowered by each signal it
    shows (promotional text, machine-translation artefacts, no named source, aggregator copy)."""
    if article is None:
        return Credibility(cfg.unknown_outlet)
    outlet = outlets.by_domain(article.domain)
    score = outlet.rating if outlet else cfg.unknown_outlet
    found = tuple(sorted(signals.signals(article.text, article.removed)))
    for signal in found:
        score *= cfg.signal_penalty.get(signal, 1.0)
    return Credibility(
        max(cfg.floor, min(1.0, score)),
        outlet.name if outlet else article.domain,
        outlet.rating if outlet else None,
        found,
    )


def attribution_factor(event: Event, outlets: OutletTable, cfg: WeightConfig) -> tuple[float, str]:
    """How far the text stands behind a report: stated by the outlet, or claimed by a quoted outlet,
    by one of the actors, or by a third party. Returns the factor and a label."""
    if not event.claimed_by:
        return cfg.stated, "stated"
    parties = set(event.source) | set(event.target)
    best = (0.0, "")
    for claimant in event.claimed_by:
        if outlets.by_name(claimant) is not None:
            option = (cfg.claimed_by_outlet, "outlet")
        elif claimant in parties:
            option = (cfg.claimed_by_party, "party")
        else:
            option = (cfg.claimed_by_other, "third party")
        best = max(best, option)
    return best


def cited_outlet_rating(event: Event, outlets: OutletTable) -> float | None:
    """The best rating among the news outlets a report quotes, if it quotes any."""
    ratings = [o.rating for c in event.claimed_by or () if (o := outlets.by_name(c)) is not None]
    return max(ratings) if ratings else None


def report_weight(event: Event, credibility: Credibility, outlets: OutletTable, cfg: WeightConfig) -> float:
    """confidence x modality x attribution x source credibility (a quoted outlet's rating is averaged
    with the article's own credibility: the article vouches for the quote, the outlet for the fact)."""
    confidence = event.confidence if event.confidence > 0 else cfg.missing_confidence
    modality = cfg.modality.get(event.modality, cfg.modality.get("hypothetical", 0.1))
    attribution, _ = attribution_factor(event, outlets, cfg)
    source = credibility.score
    cited = cited_outlet_rating(event, outlets)
    if cited is not None:
        source = max(source, (source + cited) / 2)
    return round(min(1.0, confidence) * modality * attribution * source, 6)


def signed_score(event: Event, scores: ScoreTable, cfg: WeightConfig) -> float:
    """The event's score on the -10..+10 scale after negation: negated cooperation scores 0 (it is not
    cooperation, nor evidence of conflict); a negated conflict act ("did not condemn") is a weak positive
    signal, `cfg.negated_conflict` of its magnitude, at most `cfg.negated_conflict_cap`."""
    score = scores.score(event.type, event.mode)
    if not event.negated:
        return score
    if score >= 0:
        return 0.0
    return min(cfg.negated_conflict_cap, -score * cfg.negated_conflict)


def polarity(score: float) -> tuple[float, float]:
    """(cooperation, conflict) parts of a signed score, both non-negative."""
    return (score, 0.0) if score >= 0 else (0.0, -score)
