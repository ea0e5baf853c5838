"""Records and settings of the graph layer: article info, reports, real events, dates and configs."""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from types import MappingProxyType

from allymap.ids import digest
from allymap.records import Event

RELATION_TYPES: tuple[str, ...] = ("ALLY", "PARTNER", "MEMBER", "ADVERSARY")


# -- dates ----------------------------------------------------------------------------------------------
@dataclass(frozen=True, order=True)
class Span:
    """A date known to a day, a month or a year: the closed interval [start, end]."""

    start: date
    end: date

    @property
    def precise(self) -> bool:
        return self.start == self.end

    def distance(self, other: Span) -> int:
        """Days between two spans (0 when they overlap)."""
        if self.end < other.start:
            return (other.start - self.end).days
        if other.end < self.start:
            return (self.start - other.end).days
        return 0

    def label(self) -> str:
        if self.precise:
            return self.start.isoformat()
        if self.start.month == 1 and self.end.month == 12 and self.end.day == 31:
            return f"{self.start.year:04d}"
        return f"{self.start.year:04d}-{self.start.month:02d}"


_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def parse_span(value: str | date | None) -> Span | None:
    """A Span of an ISO date, `YYYY-MM` or `YYYY` (None when absent or unreadable)."""
    if value is None:
        return None
    if isinstance(value, date):
        return Span(value, value)
    m = _DATE.match(str(value).strip())
    if not m:
        return None
    year = int(m.group(1))
    try:
        if m.group(3):
            day = date(year, int(m.group(2)), int(m.group(3)))
            return Span(day, day)
        if m.group(2):
            month = int(m.group(2))
            last = calendar.monthrange(year, month)[1]
            return Span(date(year, month, 1), date(year, month, last))
        return Span(date(year, 1, 1), date(year, 12, 31))
    except ValueError:
        return None


def window_of(day: date, window: str) -> str:
    """The label of the time window holding a day: `year` (2024), `quarter` (2024-Q2), `month` (2024-06)."""
    if window == "year":
        return f"{day.year:04d}"
    if window == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if window == "month":
        return f"{day.year:04d}-{day.month:02d}"
    raise ValueError(f"unknown window {window!r} (use year, quarter or month)")


def window_start(label: str) -> date:
    """The first day of a window label made by `window_of`."""
    if "-Q" in label:
        year, quarter = label.split("-Q")
        return date(int(year), 3 * (int(quarter) - 1) + 1, 1)
    span = parse_span(label)
    if span is None:
        raise ValueError(f"not a window label: {label!r}")
    return span.start


def next_window(label: str, window: str) -> str:
    """The window after `label`."""
    start = window_start(label)
    if window == "year":
        return window_of(date(start.year + 1, 1, 1), window)
    months = 3 if window == "quarter" else 1
    month = start.month - 1 + months
    return window_of(date(start.year + month // 12, month % 12 + 1, 1), window)


def windows_between(first: str, last: str, window: str) -> list[str]:
    """Every window label from `first` to `last` inclusive."""
    out = [first]
    while out[-1] < last and len(out) < 10_000:
        out.append(next_window(out[-1], window))
    return out


def shift(day: date, days: int) -> date:
    return day + timedelta(days=days)


# -- articles and reports -------------------------------------------------------------------------------
@dataclass(frozen=True)
class ArticleInfo:
    """What the graph layer knows of an article: where and when it was published, and its text."""

    doc: str
    published: str | None = None
    domain: str | None = None
    title: str | None = None
    text: str = ""
    removed: tuple[str, ...] = ()  # reasons the cleaner gave for the lines it removed
    lang: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Credibility:
    """An article's credibility (0..1), the outlet it is rated as, and the signals that lowered it."""

    score: float
    outlet: str | None = None
    outlet_rating: float | None = None
    signals: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    """One extracted record supporting a real event, with its article credibility and weight."""

    event: Event
    credibility: Credibility
    weight: float  # confidence x modality x attribution x credibility
    span: Span | None  # the event's own date, else its article's publication date
    dated_by: str  # "event", "article" or "none"
    cluster: str  # the article cluster (near-duplicate copies share one)


@dataclass(frozen=True)
class RealEvent:
    """One act in the world: the extracted records (from one or many articles) that report it. Its id,
    best report and date are worked out once (a built graph is read by many windows and requests)."""

    reports: tuple[Report, ...]

    @cached_property
    def best(self) -> Report:
        return max(self.reports, key=lambda r: (r.weight, r.dated_by == "event", r.event.doc))

    @cached_property
    def id(self) -> str:
        return digest(*sorted(r.event.id for r in self.reports))[:16]

    @property
    def kind(self) -> str:
        return self.best.event.kind

    @property
    def type(self) -> str:
        return self.best.event.type

    @property
    def mode(self) -> str | None:
        return next((r.event.mode for r in self.reports if r.event.mode), None)

    @property
    def source(self) -> tuple[str, ...]:
        return self.best.event.source

    @property
    def target(self) -> tuple[str, ...]:
        return self.best.event.target

    @property
    def symmetric(self) -> bool:
        return any(r.event.symmetric for r in self.reports)

    @property
    def negated(self) -> bool:
        return self.best.event.negated

    @property
    def weight(self) -> float:
        """The weight of its best supporting report."""
        return self.best.weight

    @cached_property
    def span(self) -> Span | None:
        """Its own date where any report gives one (the most precise, then earliest), else the
        earliest publication date of its articles."""
        own = [r.span for r in self.reports if r.span is not None and r.dated_by == "event"]
        if own:
            return min(own, key=lambda s: ((s.end - s.start).days, s.start))
        dated = [r.span for r in self.reports if r.span is not None]
        return min(dated) if dated else None

    @cached_property
    def day(self) -> date | None:
        span = self.span
        return span.start if span else None

    @property
    def independent(self) -> int:
        """How many independent articles report it (republished copies count once)."""
        return len({r.cluster for r in self.reports})

    @property
    def docs(self) -> tuple[str, ...]:
        return tuple(sorted({r.event.doc for r in self.reports}))


# -- settings -------------------------------------------------------------------------------------------
def _frozen(values: Mapping[str, float]) -> Mapping[str, float]:
    return MappingProxyType(dict(values))


@dataclass(frozen=True)
class DedupConfig:
    """How reports of one act are recognised: same dyad, direction, type and negation, compatible modes,
    dates within `window_days`, and one of: the same article (or its republished copies); both with their
    own day-precise dates; neither with a date of its own (`restatements`: an undated "the invasion of
    Ukraine" in two articles of one week, or of an undated corpus, is one act restated, not a new one);
    or similar evidence (Jaccard of character shingles at least `threshold`)."""

    window_days: int = 7
    threshold: float = 0.3
    shingle: int = 4
    same_article: bool = True
    restatements: bool = True
    article_threshold: float = 0.6  # MinHash Jaccard above which two articles are copies
    article_shingle: int = 3  # words
    num_perm: int = 128


@dataclass(frozen=True)
class WeightConfig:
    """How much a report counts: modality, attribution and negation factors, and credibility defaults."""

    modality: Mapping[str, float] = field(
        default_factory=lambda: _frozen(
            {"asserted": 1.0, "alleged": 0.7, "possible": 0.45, "intended": 0.35, "hypothetical": 0.15}
        )
    )
    stated: float = 1.0  # no claimant: the outlet states it
    claimed_by_outlet: float = 0.9  # a named news outlet is quoted
    claimed_by_party: float = 0.85  # one of the actors claims it
    claimed_by_other: float = 0.7  # a third state or organisation claims it
    negated_conflict: float = 0.15  # "did not sanction": this share of the act's magnitude, as cooperation
    negated_conflict_cap: float = 1.0
    missing_confidence: float = 1.0  # records without a confidence (gold files)
    unknown_outlet: float = 0.5
    signal_penalty: Mapping[str, float] = field(
        default_factory=lambda: _frozen(
            {"promotion": 0.6, "machine_translation": 0.75, "no_named_source": 0.8, "aggregator": 0.85}
        )
    )
    floor: float = 0.05


@dataclass(frozen=True)
class ScoreConfig:
    """Dyad scores: time windows, decay, organisation expansion and the volume normalisation."""

    window: str = "year"
    half_life_days: float | None = 365.0
    as_of: date | None = None  # default: the latest event date
    member_share: float = 0.5  # a member state's share of an act of its organisation
    max_members: int = 40  # organisations larger than this (UN, WTO) are not expanded
    pseudo: float = 1.0  # net = (coop - conflict) / (coop + conflict + pseudo)
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True)
class BlocConfig:
    """Bloc detection: Louvain on cooperation, signed-modularity refinement, attachment by opposition."""

    resolution: float = 1.0
    seed: int = 7
    attach_by_opposition: bool = True
    relation_factor: float = 1.0  # how much a stated relation weighs against event scores


@dataclass(frozen=True)
class AlertConfig:
    """Acceleration alerts: the latest window against the mean of earlier covered windows."""

    baseline_windows: int = 2
    margin: float = 1.0  # at least this much more (weighted score per article) than the baseline
    ratio: float = 1.25  # and at least this multiple of it
    kinds: tuple[str, ...] = ("cooperation", "conflict")
    per_article: bool = True  # divide by the number of independent articles of the window


@dataclass(frozen=True)
class GraphConfig:
    """Every setting of the graph layer in one value."""

    dedup: DedupConfig = field(default_factory=DedupConfig)
    weights: WeightConfig = field(default_factory=WeightConfig)
    scores: ScoreConfig = field(default_factory=ScoreConfig)
    blocs: BlocConfig = field(default_factory=BlocConfig)
    alerts: AlertConfig = field(default_factory=AlertConfig)
    outlets: str | None = None  # a user TSV overriding or extending the shipped outlet table
    # Co-occurrence records (languages without a parser model: two actors named in one sentence, no act)
    # are left out by default. Kept, they are zero-score COOCCUR relations: shown by `explain` and the
    # dyad table, with no weight in cooperation, conflict, blocs, series or alerts.
    cooccurrence: bool = False
