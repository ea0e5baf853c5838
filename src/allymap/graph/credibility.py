"""Source credibility and event weights: outlet rating x article signals, modality, attribution, negation."""

from __future__ import annotations

from allymap.graph.model import ArticleInfo, Credibility, WeightConfig
from allymap.graph.tables import OutletTable, ScoreTable, SignalTable
from allymap.records import Event


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
