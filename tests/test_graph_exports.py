"""Exports round-trip (GraphML and GEXF through networkx, Parquet through pyarrow), api and CLI inputs."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pyarrow.parquet as pq
import pytest
from test_graph import actors, ev
from typer.testing import CliRunner

from allymap import api
from allymap.cli.main import app
from allymap.graph import build_graph
from allymap.graph.export import FORMATS, export
from allymap.records import Document, Event


def small_events() -> list[Event]:
    return [
        ev("d1", "AGREE", ("AAA",), ("BBB",), "AAA et BBB signent un accord", "2023-05-02", symmetric=True),
        ev("d2", "AID", ("AAA",), ("BBB",), "AAA livre des armes à BBB", "2024-02-01", mode="military"),
        ev("d2", "ASSAULT", ("AAA",), ("CCC",), "AAA bombarde CCC", "2024-02-03", start=40, end=60),
        ev("d3", "SANCTION", ("NATO",), ("AAA",), "L'OTAN sanctionne AAA", "2024-03-01"),
        ev(
            "d3",
            "ALLY",
            ("CCC",),
            ("DDD",),
            "CCC, alliée de DDD",
            kind="relation",
            symmetric=True,
            start=70,
            end=90,
        ),
    ]


@pytest.fixture
def g() -> Any:
    return build_graph(small_events(), {}, None, actors({"NATO": {"DDD": ("1949-01-01", None)}}))


def test_graphml_and_gexf_round_trip(g: Any, tmp_path: Path) -> None:
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        path = export(g, fmt, tmp_path / f"g.{fmt}")
        back = reader(path)
        assert set(back.nodes) == {"AAA", "BBB", "CCC", "DDD", "NATO"}
        assert back.has_edge("AAA", "BBB") and back.has_edge("CCC", "DDD")
        edge = back.edges["AAA", "BBB"]
        assert float(edge["coop"]) > 0 and float(edge["net"]) > 0
        assert back.edges["CCC", "DDD"]["relations"] == "ALLY"
        assert back.nodes["NATO"]["kind"] == "organisation"


def test_dyad_years(g: Any) -> None:
    years = g.dyad_years()
    assert {(r["year"], r["iso3_a"], r["iso3_b"]) for r in years} >= {
        (2023, "AAA", "BBB"),
        (2024, "AAA", "BBB"),
    }
    assert not any(r["organisation"] or "NATO" in (r["iso3_a"], r["iso3_b"]) for r in years)
    assert any(
        r["iso3_a"] == "DDD" and r["iso3_b"] == "NATO" or r["iso3_a"] == "AAA" and r["iso3_b"] == "NATO"
        for r in g.dyad_years(include_orgs=True)
    )


def test_parquet_csv_json_plover(g: Any, tmp_path: Path) -> None:
    table = pq.read_table(export(g, "parquet", tmp_path / "g.parquet"))
    rows = table.to_pylist()
    assert {(r["a"], r["b"]) for r in rows} >= {("AAA", "BBB"), ("AAA", "CCC"), ("CCC", "DDD")}
    assert table.schema.field("net").type.bit_width == 64
    with (export(g, "csv", tmp_path / "g.csv")).open() as handle:
        assert len(list(csv.DictReader(handle))) == len(rows)
    data = json.loads(export(g, "json", tmp_path / "g.json").read_text())
    assert {"nodes", "edges", "events", "blocs", "alerts"} <= set(data)
    assert all(e["reports"][0]["evidence"] for e in data["events"])
    plover = [json.loads(line) for line in export(g, "plover", tmp_path / "g.jsonl").read_text().splitlines()]
    aid = next(r for r in plover if r["event"] == ["AID"])
    assert aid["source"][0]["code"] == "AAA" and aid["recipient"][0]["code"] == "BBB"
    assert aid["quad_code"] == 2 and aid["event_scale"] > 0 and aid["date"] == "2024-02-01"
    assert sorted(FORMATS) == sorted(["graphml", "gexf", "json", "csv", "parquet", "plover"])


def test_api_accepts_records_jsonl_and_store(tmp_path: Path) -> None:
    records = [e.to_record() for e in small_events()]
    members = {"NATO": ["DDD"]}
    from_records = api.graph(records, members=members)
    jsonl = tmp_path / "events.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in records))
    from_file = api.graph(jsonl, members=members)
    assert from_file.rows() == from_records.rows()

    from allymap.store import Store

    db = tmp_path / "t.duckdb"
    docs = {e.doc for e in small_events()}
    with Store(db) as store:
        for doc in sorted(docs):
            text = f"Texte de {doc}, selon un porte-parole."
            document = Document(f"id-{doc}", doc, text, text, None, "fr", "2024-03-05", domain="reuters.com")
            store.write_batch([(document, [], [e for e in small_events() if e.doc == doc])])
    from_store = api.graph(db, members=members)
    assert {r["dyad"] for r in from_store.rows()} == {r["dyad"] for r in from_records.rows()}
    assert from_store.credibility["d1"].outlet == "Reuters"
    assert api.explain("BBB", "AAA", db, members=members)[0]["reports"][0]["outlet"] == "Reuters"
    assert api.dyad_years(db, members=members) == []  # AAA, BBB... are no ISO states
    flagged = api.dyad_years(db, members=members, include_orgs=True)
    assert flagged and all(r["organisation"] for r in flagged)
    assert api.export("graphml", tmp_path / "x.graphml", db, members=members).is_file()
    assert (api.report(tmp_path / "rep", records, members=members)).name == "index.html"


def test_cli_errors_are_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(app, ["graph", "--db", str(tmp_path / "none.duckdb")])
    assert out.exit_code == 1 and "no such database" in out.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc": "x", "type": "AID"}\nnot json\n')
    out = runner.invoke(app, ["graph", "--events", str(bad)])
    assert out.exit_code == 1 and "bad.jsonl:2" in out.output
    good = tmp_path / "good.jsonl"
    good.write_text("".join(json.dumps(e.to_record()) + "\n" for e in small_events()))
    out = runner.invoke(
        app, ["export", "--format", "svg", "--out", str(tmp_path / "x"), "--events", str(good)]
    )
    assert out.exit_code == 2 and "unknown format" in out.output
    out = runner.invoke(app, ["explain", "AAA", "ZZZ", "--events", str(good)])
    assert out.exit_code == 1 and "no event or relation" in out.output
    out = runner.invoke(app, ["export", "-f", "gexf", "-o", str(tmp_path / "o.gexf"), "--events", str(good)])
    assert out.exit_code == 0 and (tmp_path / "o.gexf").is_file()
    out = runner.invoke(app, ["graph", "--events", str(good), "--since", "2024-01-01", "-f", "csv"])
    assert out.exit_code == 0 and "AAA–CCC" in out.output and "CCC–DDD" not in out.output
