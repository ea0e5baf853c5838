"""Unit tests of the graph layer's pure functions on small records written for them."""

from __future__ import annotations

from datetime import date
from typing import Any

import networkx as nx
import pytest

from allymap.graph import (
    AlertConfig,
    ArticleInfo,
    GraphConfig,
    build_graph,
    detect_blocs,
    near_duplicate_articles,
    signed_modularity,
)
from allymap.graph.credibility import (
    OutletTable,
    ScoreTable,
    SignalTable,
    article_credibility,
    report_weight,
    signed_score,
)
from allymap.graph.dyads import Actors, expand_pairs
from allymap.graph.model import ScoreConfig, Span, WeightConfig, parse_span, window_of
from allymap.graph.trends import Point, Series, alerts
from allymap.records import Event

STATES = frozenset(
    {"AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "RUS", "PRK", "USA", "FRA", "DEU", "FIN", "UKR"}
)


def ev(
    doc: str,
    type_: str,
    source: tuple[str, ...],
    target: tuple[str, ...],
    evidence: str = "",
    date_: str | None = None,
    **kw: Any,
) -> Event:
    values: dict[str, Any] = {
        "doc": doc,
        "kind": "event",
        "type": type_,
        "mode": None,
        "source": source,
        "target": target,
        "source_text": (),
        "target_text": (),
        "symmetric": False,
        "negated": False,
        "modality": "asserted",
        "claimed_by": None,
        "date": date_,
        "evidence": evidence or f"{source} {type_} {target} in {doc}",
        "start": kw.pop("start", 0),
        "end": kw.pop("end", 10),
        "confidence": 0.8,
    }
    values.update(kw)
    return Event(**values)


def actors(members: dict[str, dict[str, tuple[str, str | None]]] | None = None) -> Actors:
    """Test actors: `members` maps org -> member -> (joined, left)."""
    table = members or {}

    def of(org: str, on: date | None) -> set[str]:
        out = set()
        for member, (start, end) in table.get(org, {}).items():
            if on is None or (
                date.fromisoformat(start) <= on and (end is None or on < date.fromisoformat(end))
            ):
                out.add(member)
        return out

    return Actors(of, STATES, frozenset(table))


def graph(events: list[Event], articles: dict[str, ArticleInfo] | None = None, **kw: Any) -> Any:
    return build_graph(events, articles or {}, kw.pop("config", None), actors(kw.pop("members", None)))


# -- dates ----------------------------------------------------------------------------------------------
def test_spans_and_windows() -> None:
    assert parse_span("2024-06-19") == Span(date(2024, 6, 19), date(2024, 6, 19))
    assert parse_span("2022-11") == Span(date(2022, 11, 1), date(2022, 11, 30))
    assert parse_span("2022") == Span(date(2022, 1, 1), date(2022, 12, 31))
    assert parse_span(None) is None and parse_span("soon") is None
    assert parse_span("2022-11").distance(parse_span("2022-12-05")) == 5  # type: ignore[union-attr,arg-type]
    assert window_of(date(2024, 5, 2), "quarter") == "2024-Q2"
    assert window_of(date(2024, 5, 2), "month") == "2024-05"


# -- dedup ----------------------------------------------------------------------------------------------
def test_same_act_from_two_outlets_merges() -> None:
    a = ev(
        "le-monde",
        "AGREE",
        ("AAA",),
        ("BBB",),
        "AAA et BBB ont signé mardi un traité de défense mutuelle",
        "2024-06-18",
    )
    b = ev(
        "figaro",
        "AGREE",
        ("BBB",),
        ("AAA",),
        "Le traité de défense mutuelle signé par AAA et BBB",
        "2024-06-19",
    )
    b = Event(**{**b.__dict__, "symmetric": True})
    g = graph([a, b])
    assert len(g.events) == 1
    assert g.events[0].independent == 2
    assert g.events[0].docs == ("figaro", "le-monde")


def test_undated_reports_merge_on_article_date_and_similar_evidence() -> None:
    a = ev("x", "AID", ("AAA",), ("BBB",), "AAA a livré des obus d'artillerie à BBB, selon Washington")
    b = ev("y", "AID", ("AAA",), ("BBB",), "AAA a livré des obus d'artillerie à BBB selon les États-Unis")
    arts = {"x": ArticleInfo("x", "2023-03-01"), "y": ArticleInfo("y", "2023-03-04")}
    assert len(graph([a, b], arts).events) == 1


def test_distinct_acts_stay_apart() -> None:
    treaty = ev("x", "AGREE", ("AAA",), ("BBB",), "AAA and BBB signed a treaty", "2022-03-01")
    later = ev("y", "AGREE", ("AAA",), ("BBB",), "AAA and BBB signed a treaty", "2024-06-19")  # two years on
    other = ev("z", "AID", ("AAA",), ("BBB",), "AAA sent grain to BBB", "2024-06-19")  # another type
    unrelated = ev("w", "AID", ("AAA",), ("BBB",), "Des drones de fabrication AAA ont été vus en BBB")
    g = graph([treaty, later, other, unrelated], {"w": ArticleInfo("w", "2024-06-20")})
    assert len(g.events) == 4
    reverse = ev("v", "AID", ("BBB",), ("AAA",), "AAA sent grain to BBB", "2024-06-19")  # other direction
    assert len(graph([other, reverse]).events) == 2


def test_restatement_in_one_article_merges() -> None:
    first = ev("x", "CONSULT", ("AAA",), ("BBB",), "Le président de AAA s'est rendu à BBB", start=0, end=40)
    again = ev(
        "x",
        "CONSULT",
        ("AAA",),
        ("BBB",),
        "Lors de cette visite historique, il a rencontré",
        start=50,
        end=90,
    )
    assert len(graph([first, again], {"x": ArticleInfo("x", "2024-06-24")}).events) == 1


def test_near_duplicate_articles_count_once() -> None:
    story = (
        "Le président a signé un traité de défense mutuelle avec son homologue lors d'une visite historique. "
        "Les deux pays se prêteront assistance en cas d'attaque, a précisé le ministre des affaires "
        "étrangères. "
    ) * 3
    copy = story.replace("historique", "historique,") + " Lire aussi : la météo de demain."
    other = (
        "La banque centrale a relevé ses taux directeurs d'un quart de point pour freiner l'inflation. " * 4
    )
    clusters = near_duplicate_articles({"orig": story, "copy": copy, "other": other})
    assert clusters["copy"] == clusters["orig"] != clusters["other"]
    arts = {
        "orig": ArticleInfo("orig", "2024-06-20", text=story),
        "copy": ArticleInfo("copy", "2024-06-25", text=copy),
    }
    a = ev("orig", "AGREE", ("AAA",), ("BBB",), "treaty of mutual defence")
    b = ev("copy", "AGREE", ("AAA",), ("BBB",), "a mutual-defence pact")
    g = graph([a, b], arts)
    assert len(g.events) == 1 and g.events[0].independent == 1
    assert near_duplicate_articles(["same text here and there", "same text here and there"]) == {
        "0": "0",
        "1": "0",
    }


# -- credibility and weights ----------------------------------------------------------------------------
def test_article_credibility_signals_and_outlets() -> None:
    outlets, signals, cfg = OutletTable.load(), SignalTable.load(), WeightConfig()
    wire = ArticleInfo("a", domain="www.reuters.com", text="Officials said on Monday that the talks ended.")
    promo = ArticleInfo(
        "b", domain="example.org", text="Buy now! Nothing sourced here.", removed=("promotion",)
    )
    assert article_credibility(wire, outlets, signals, cfg).score > 0.85
    low = article_credibility(promo, outlets, signals, cfg)
    assert set(low.signals) == {"promotion", "no_named_source"} and low.score < 0.3
    assert article_credibility(None, outlets, signals, cfg).score == cfg.unknown_outlet


def test_outlet_override_file(tmp_path: Any) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text("domain\tname\trating\naaa-news.example\tAAA News\t0.95\nreuters.com\tReuters\t0.5\n")
    table = OutletTable.load(path)
    assert table.by_domain("fr.aaa-news.example").rating == 0.95  # type: ignore[union-attr]
    assert table.by_domain("reuters.com").rating == 0.5  # type: ignore[union-attr]
    assert table.by_name("AAA News") is not None


def test_report_weight_orders_modality_and_attribution() -> None:
    outlets, cfg = OutletTable.load(), WeightConfig()
    cred = article_credibility(
        ArticleInfo("a", domain="reuters.com", text="said"), outlets, SignalTable.load(), cfg
    )
    weights = [
        report_weight(ev("a", "AID", ("AAA",), ("BBB",), modality=m), cred, outlets, cfg)
        for m in ("asserted", "alleged", "possible", "intended", "hypothetical")
    ]
    assert weights == sorted(weights, reverse=True) and len(set(weights)) == 5
    stated = report_weight(ev("a", "AID", ("AAA",), ("BBB",)), cred, outlets, cfg)
    by_party = report_weight(ev("a", "AID", ("AAA",), ("BBB",), claimed_by=("AAA",)), cred, outlets, cfg)
    by_other = report_weight(ev("a", "AID", ("AAA",), ("BBB",), claimed_by=("CCC",)), cred, outlets, cfg)
    assert stated > by_party > by_other


def test_negation() -> None:
    scores, cfg = ScoreTable.load(), WeightConfig()
    assert signed_score(ev("a", "AID", ("AAA",), ("BBB",), negated=True), scores, cfg) == 0.0
    weak = signed_score(ev("a", "SANCTION", ("AAA",), ("BBB",), negated=True), scores, cfg)
    assert 0 < weak <= cfg.negated_conflict_cap < scores.score("AID")
    g = graph(
        [ev("a", "AID", ("AAA",), ("BBB",), "AAA n'a pas fourni d'armes à BBB", "2024-01-02", negated=True)]
    )
    d = g.dyad("AAA", "BBB")
    assert d is not None and d.coop == 0.0 and d.conflict == 0.0


# -- dyads ----------------------------------------------------------------------------------------------
def test_org_expansion_by_date() -> None:
    members: dict[str, dict[str, tuple[str, str | None]]] = {
        "NATO": {"USA": ("1949-08-24", None), "FRA": ("1949-08-24", None), "FIN": ("2023-04-04", None)}
    }
    a, cfg = actors(members), ScoreConfig()
    before = {p.key for p in expand_pairs(("NATO",), ("RUS",), date(2022, 5, 1), a, cfg)}
    after = {p.key for p in expand_pairs(("NATO",), ("RUS",), date(2024, 5, 1), a, cfg)}
    assert ("NATO", "RUS") in before and ("FRA", "RUS") in before and ("FIN", "RUS") not in before
    assert ("FIN", "RUS") in after
    shares = {p.key: p.share for p in expand_pairs(("NATO",), ("RUS",), date(2024, 5, 1), a, cfg)}
    assert shares[("NATO", "RUS")] == 1.0 and shares[("FIN", "RUS")] == cfg.member_share
    own = {p.key for p in expand_pairs(("USA",), ("NATO",), date(2024, 5, 1), a, cfg)}
    assert ("NATO", "USA") in own and ("USA", "USA") not in own and ("FRA", "USA") in own


def test_multi_actor_records_expand_and_symmetric_counts_once() -> None:
    e = ev("a", "SUPPORT", ("AAA", "BBB", "CCC"), ("RUS",), date_="2024-01-01")
    g = graph([e])
    assert {d.key for d in g.dyads.values()} == {("AAA", "RUS"), ("BBB", "RUS"), ("CCC", "RUS")}
    sym = ev("a", "AGREE", ("AAA",), ("BBB",), date_="2024-01-01", symmetric=True)
    one = graph([sym]).dyad("BBB", "AAA")
    assert one is not None and one.events == 1


def test_relations_are_kept_apart() -> None:
    rel = ev("a", "ALLY", ("AAA",), ("BBB",), "AAA, alliée de BBB", kind="relation", symmetric=True)
    g = graph(
        [rel, ev("a", "MEMBER", ("AAA",), ("NATO",), kind="relation")],
        members={"NATO": {"FRA": ("1949-08-24", None)}},
    )
    d = g.dyad("AAA", "BBB")
    assert d is not None and d.relations and d.coop == 0 and d.conflict == 0 and d.events == 0
    assert g.dyad("AAA", "FRA") is None  # membership is never expanded


def test_net_alignment_and_decay() -> None:
    coop = ev("a", "AID", ("AAA",), ("BBB",), date_="2024-01-01")
    fight = ev("b", "ASSAULT", ("AAA",), ("CCC",), date_="2024-01-01")
    old = ev("c", "AID", ("AAA",), ("DDD",), date_="2020-01-01")
    g = graph([coop, fight, old])
    assert g.dyad("AAA", "BBB").net > 0.5 > -0.5 > g.dyad("AAA", "CCC").net  # type: ignore[union-attr]
    assert g.dyad("AAA", "DDD").coop < g.dyad("AAA", "BBB").coop / 4  # type: ignore[union-attr]


# -- blocs ----------------------------------------------------------------------------------------------
def test_blocs_separate_two_cooperating_groups_in_conflict() -> None:
    west, east = ("AAA", "BBB", "CCC"), ("DDD", "EEE", "FFF")
    events = []
    for group in (west, east):
        for i, x in enumerate(group):
            for y in group[i + 1 :]:
                events.append(ev(f"{x}{y}", "COOPERATE", (x,), (y,), f"{x} {y} coop", "2024-01-01"))
    events.append(ev("bridge", "CONSULT", ("CCC",), ("DDD",), "CCC talks with DDD", "2024-01-01"))
    for x in west:
        for y in east:
            events.append(ev(f"war{x}{y}", "ASSAULT", (x,), (y,), f"{x} attacks {y}", "2024-01-01"))
    g = graph(events)
    of = g.blocs.of
    assert of["AAA"] == of["BBB"] == of["CCC"] != of["DDD"] == of["EEE"] == of["FFF"]


def test_signed_refinement_splits_what_positive_louvain_fuses() -> None:
    g = nx.Graph()
    g.add_weighted_edges_from(
        [("a", "b", 5), ("c", "d", 5), ("b", "c", 0.5), ("a", "d", -6), ("a", "c", -6), ("b", "d", -6)]
    )
    blocs = detect_blocs(g)
    assert blocs.of["a"] == blocs.of["b"] != blocs.of["c"] == blocs.of["d"]
    assert signed_modularity(g, blocs.of) > signed_modularity(g, dict.fromkeys(g.nodes, 0))


def test_attached_by_opposition() -> None:
    g = nx.Graph()
    g.add_weighted_edges_from([("r", "p", 5), ("u", "k", 5), ("u", "p", -3), ("r", "x", -8)])
    blocs = detect_blocs(g)
    assert blocs.of["x"] == blocs.of["u"] and "x" in blocs.attached


# -- alerts ---------------------------------------------------------------------------------------------
def _series(values: dict[str, float]) -> Series:
    points = {w: Point(w, v, 0.0, 1) for w, v in values.items()}
    return Series("year", {("AAA", "BBB"): points}, tuple(sorted(values)), dict.fromkeys(values, 1))


def test_alerts_fire_on_acceleration_not_on_flat() -> None:
    cfg = AlertConfig()
    fired = alerts(_series({"2021": 1.0, "2022": 1.2, "2023": 6.0}), cfg)
    assert [(a.a, a.b, a.kind, a.window) for a in fired] == [("AAA", "BBB", "cooperation", "2023")]
    assert alerts(_series({"2021": 3.0, "2022": 3.0, "2023": 3.0}), cfg) == []
    assert alerts(_series({"2021": 6.0, "2022": 5.0, "2023": 3.0}), cfg) == []
    assert alerts(_series({"2023": 9.0}), cfg) == []  # no baseline, no acceleration


def test_alerts_skip_windows_without_coverage() -> None:
    events = [
        ev("a", "AID", ("AAA",), ("BBB",), "grain for BBB", "2022-03-01"),
        ev("b", "AID", ("AAA",), ("BBB",), "tanks for BBB", "2024-03-01", mode="military"),
        ev("b", "AGREE", ("AAA",), ("BBB",), "treaty", "2024-03-01", mode="military", start=20),
    ]
    g = graph(events, config=GraphConfig(alerts=AlertConfig(baseline_windows=1)))
    assert g.series.covered == ("2022", "2024")
    assert [(a.a, a.b, a.window, a.baseline_windows) for a in g.alerts()] == [
        ("AAA", "BBB", "2024", ("2022",))
    ]


@pytest.mark.parametrize("window", ["year", "quarter", "month"])
def test_series_windows(window: str) -> None:
    g = build_graph(
        [
            ev("a", "AID", ("AAA",), ("BBB",), date_="2024-01-15"),
            ev("b", "AID", ("AAA",), ("BBB",), "x", "2024-05-02"),
        ],
        {},
        GraphConfig(scores=ScoreConfig(window=window)),
        actors(),
    )
    points = g.series.points("BBB", "AAA")
    assert sum(p.events for p in points) == 2 and points[0].coop > 0


# -- domestic records -----------------------------------------------------------------------------------
def test_domestic_records_make_no_dyad_edge_bloc_or_alert() -> None:
    """A domestic record (sub-state actors of one country, source == target, as ICEWS codes "Turkish
    police detained opposition activists") is a valid record, but no actor pair: no dyad, no self-loop
    in the signed graph, no alert; the international event next to it still counts."""
    domestic = [
        ev(f"d{i}", "COERCE", ("AAA",), ("AAA",), f"police detained activists {i}", f"{y}-03-01", start=i)
        for i, y in enumerate(["2021", "2022", "2023", "2023", "2023", "2023", "2023", "2023"])
    ]
    talks = ev("s", "CONSULT", ("BBB",), ("BBB",), "BBB opposition talks", "2023-05-01", symmetric=True)
    domestic.append(talks)
    real = ev("r", "AID", ("AAA",), ("CCC",), "AAA aids CCC", "2023-04-01")
    assert expand_pairs(("AAA",), ("AAA",), date(2023, 3, 1), actors(), ScoreConfig()) == []
    g = graph([*domestic, real], config=GraphConfig(alerts=AlertConfig(baseline_windows=1)))
    assert {d.key for d in g.dyads.values()} == {("AAA", "CCC")}
    assert g.dyad("AAA", "AAA") is None and g.dyad("BBB", "BBB") is None
    signed = g.signed_graph()
    assert not list(nx.selfloop_edges(signed))
    assert "BBB" not in signed.nodes
    assert [(a.a, a.b) for a in g.alerts()] == []


def test_one_sided_records_with_no_target_make_no_dyad_edge_bloc_or_alert() -> None:
    """A one-sided act with no other party ("AAA declared a ceasefire", "AAA's president resigned":
    the English rows with alone=none) is a record with an empty target list; with one source it pairs
    with no one (no dyad, no self-loop, no alert, no error), and it survives the record round trip."""
    lone = [
        ev(f"n{i}", t, ("AAA",), (), f"AAA acts alone {i}", f"{y}-02-01", start=i)
        for i, (t, y) in enumerate(
            [("MOBILIZE", "2021"), ("RETREAT", "2022"), ("CONCEDE", "2023"), ("MOBILIZE", "2023")]
        )
    ]
    real = ev("r", "AID", ("AAA",), ("CCC",), "AAA aids CCC", "2023-04-01")
    assert expand_pairs(("AAA",), (), date(2023, 2, 1), actors(), ScoreConfig()) == []
    assert Event.from_record(lone[0].to_record()).target == ()
    assert lone[0].to_record()["target"] == []
    g = graph([*lone, real], config=GraphConfig(alerts=AlertConfig(baseline_windows=1)))
    assert {d.key for d in g.dyads.values()} == {("AAA", "CCC")}
    assert g.dyad("AAA", "AAA") is None
    signed = g.signed_graph()
    assert not list(nx.selfloop_edges(signed))
    assert [(a.a, a.b) for a in g.alerts()] == []


def test_an_undated_report_never_chains_dated_acts_years_apart() -> None:
    # Three restatements of "the treaty": two articles years apart, and one with no date at all. The
    # undated one may join one of them (the most similar), never both into one act.
    old = ev("x", "AGREE", ("AAA",), ("BBB",), "AAA and BBB signed a defence treaty in the capital")
    new = ev("y", "AGREE", ("AAA",), ("BBB",), "AAA and BBB renewed their partnership at a summit")
    undated = ev("z", "AGREE", ("AAA",), ("BBB",), "AAA and BBB signed a defence treaty, officials said")
    arts = {"x": ArticleInfo("x", "2019-03-01"), "y": ArticleInfo("y", "2024-06-20")}
    g = graph([old, new, undated], arts)
    assert len(g.events) == 2
    assert sorted(e.docs for e in g.events) == [("x", "z"), ("y",)]
    # whatever the order the records come in
    assert sorted(e.docs for e in graph([undated, new, old], arts).events) == [("x", "z"), ("y",)]
