"""Event deduplication across articles: reports of one act become one RealEvent; copies count once."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence

from datasketch import MinHash, MinHashLSH

from allymap.graph.model import DedupConfig, RealEvent, Report

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    """Casefolded, accent-free text with punctuation collapsed to single spaces."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", text).split())


def shingles(text: str, size: int = 4) -> set[str]:
    """Character shingles of the normalised text (the whole text when shorter than `size`)."""
    norm = normalise(text)
    if len(norm) <= size:
        return {norm} if norm else set()
    return {norm[i : i + size] for i in range(len(norm) - size + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def word_shingles(text: str, size: int = 3) -> set[str]:
    """Runs of `size` words of the normalised text."""
    words = normalise(text).split()
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def minhash(text: str, size: int = 3, num_perm: int = 128) -> MinHash:
    """MinHash of a text's word shingles."""
    m = MinHash(num_perm=num_perm, seed=1)
    m.update_batch([s.encode("utf-8") for s in word_shingles(text, size)])
    return m


def near_duplicate_articles(
    texts: Mapping[str, str] | Sequence[str], threshold: float = 0.6, size: int = 3, num_perm: int = 128
) -> dict[str, str]:
    """Map every article to the representative of its copy cluster (itself when it has no copy).
    Copies are found by MinHash-LSH over word shingles (`size` words): a republished copy, or another
    machine translation of the same story into the same language, shares most of them. The
    representative is the smallest key of the cluster. A sequence of texts is keyed by position."""
    items = dict(texts) if isinstance(texts, Mapping) else {str(i): t for i, t in enumerate(texts)}
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    hashes: dict[str, MinHash] = {}
    first_of: dict[str, str] = {}  # text -> the first key holding it: verbatim copies are hashed once
    twins: list[tuple[str, str]] = []
    for key in sorted(items):
        text = items[key]
        if not text.strip():
            continue
        if text in first_of:
            twins.append((key, first_of[text]))  # the same MinHash: Jaccard 1, in every LSH band
            continue
        first_of[text] = key
        hashes[key] = minhash(text, size, num_perm)
        lsh.insert(key, hashes[key])
    parent = {key: key for key in items}
    for key, first in twins:
        _union(parent, key, first)
    for key, h in hashes.items():
        for other in lsh.query(h):
            if (
                other != key
                and _find(parent, key) != _find(parent, other)
                and h.jaccard(hashes[other]) >= threshold
            ):
                _union(parent, key, other)
    return {key: _find(parent, key) for key in items}


def _find(parent: dict[str, str], key: str) -> str:
    while parent[key] != key:
        parent[key] = parent[parent[key]]
        key = parent[key]
    return key


def _union(parent: dict[str, str], a: str, b: str) -> None:
    ra, rb = _find(parent, a), _find(parent, b)
    if ra != rb:
        low, high = sorted((ra, rb))
        parent[high] = low


def block_key(report: Report) -> tuple[object, ...]:
    """Reports that may describe one act share kind, type, negation and the set of actors involved."""
    e = report.event
    return (e.kind, e.type, e.negated, frozenset(e.source) | frozenset(e.target))


def same_direction(a: Report, b: Report) -> bool:
    ea, eb = a.event, b.event
    if ea.symmetric or eb.symmetric:
        return True
    return set(ea.source) == set(eb.source) and set(ea.target) == set(eb.target)


def same_act(a: Report, b: Report, sims: tuple[set[str], set[str]], cfg: DedupConfig) -> bool:
    """Whether two reports of one block describe the same act (see DedupConfig)."""
    if not same_direction(a, b):
        return False
    ma, mb = a.event.mode, b.event.mode
    if ma and mb and ma != mb:
        return False
    if a.span is not None and b.span is not None and a.span.distance(b.span) > cfg.window_days:
        return False
    if cfg.same_article and a.cluster == b.cluster:
        return True
    if a.dated_by == b.dated_by == "event" and a.span and b.span and a.span.precise and b.span.precise:
        return True
    if cfg.restatements and a.dated_by != "event" and b.dated_by != "event":
        return True
    return jaccard(*sims) >= cfg.threshold


def candidate_pairs(block: Sequence[Report], window_days: int) -> Iterator[tuple[int, int]]:
    """The dated pairs (i < j) of a block that `same_act` may join: those at most `window_days` apart (a
    sweep over the reports in start order, so a block of n reports spread over years costs about n x the
    reports of a window, not n^2). Undated reports are paired by `merge_reports` itself. Union-find makes
    the groups the same whatever the order the pairs come in."""
    spans = sorted((r.span.start, r.span.end, i) for i, r in enumerate(block) if r.span is not None)
    for n, (_, end, i) in enumerate(spans):
        for m in range(n + 1, len(spans)):
            start, _, j = spans[m]
            if (start - end).days > window_days:
                break  # later starts are further still
            yield min(i, j), max(i, j)


def _attach_undated(
    block: Sequence[Report], grams: Sequence[set[str]], parent: dict[str, str], cfg: DedupConfig
) -> None:
    """Reports with no date at all (neither their own nor their article's): those judged the same act join
    each other, then each such group joins at most ONE dated group — the one with the most similar
    evidence, then the earliest — so an undated report never chains dated acts years apart into one."""
    undated = [i for i, r in enumerate(block) if r.span is None]
    dated = [i for i, r in enumerate(block) if r.span is not None]
    for n, i in enumerate(undated):
        for j in undated[n + 1 :]:
            if _find(parent, str(i)) != _find(parent, str(j)) and same_act(
                block[i], block[j], (grams[i], grams[j]), cfg
            ):
                _union(parent, str(i), str(j))
    best: dict[str, tuple[tuple[float, object, int], str]] = {}
    for i in undated:
        group = _find(parent, str(i))
        for j in dated:
            if same_act(block[i], block[j], (grams[i], grams[j]), cfg):
                span = block[j].span
                key = (-jaccard(grams[i], grams[j]), span.start if span else None, j)
                if group not in best or key < best[group][0]:
                    best[group] = (key, _find(parent, str(j)))
    for group, (_, target) in best.items():
        _union(parent, group, target)


def merge_reports(reports: Iterable[Report], cfg: DedupConfig) -> list[RealEvent]:
    """Group reports into real events (union of every pair judged the same act within a block),
    in date order, then by first report."""
    blocks: dict[tuple[object, ...], list[Report]] = defaultdict(list)
    for report in reports:
        blocks[block_key(report)].append(report)
    merged: list[RealEvent] = []
    for block in blocks.values():
        block.sort(key=lambda r: (r.event.doc, r.event.start, r.event.id))
        known: dict[str, set[str]] = {}  # evidence -> its shingles (a sentence restated verbatim)
        grams = [
            known[ev]
            if (ev := r.event.evidence) in known
            else known.setdefault(ev, shingles(ev, cfg.shingle))
            for r in block
        ]
        parent = {str(i): str(i) for i in range(len(block))}
        for i, j in candidate_pairs(block, cfg.window_days):
            if _find(parent, str(i)) == _find(parent, str(j)):
                continue
            if same_act(block[i], block[j], (grams[i], grams[j]), cfg):
                _union(parent, str(i), str(j))
        _attach_undated(block, grams, parent, cfg)
        groups: dict[str, list[Report]] = defaultdict(list)
        for i, report in enumerate(block):
            groups[_find(parent, str(i))].append(report)
        merged.extend(RealEvent(tuple(g)) for g in groups.values())
    merged.sort(key=lambda r: (r.day is None, r.day or 0, r.best.event.doc, r.best.event.start))
    return merged
