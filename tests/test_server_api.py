"""The web API against a real uvicorn server on loopback, over a real DuckDB store of the bundled seeds."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from allymap import api
from allymap.server import create_app
from allymap.store import Store

SEEDS = Path(__file__).resolve().parents[1] / "src" / "allymap" / "examples" / "seeds"
TOKEN = "s3cret-token"
MAX_BODY = 200_000
# An article written for this test (not a publisher's text).
POSTED = (
    "Moscou et Pyongyang resserrent leurs liens.\n\n"
    "Le 12 mars 2025, la Russie et la Corée du Nord ont signé un accord de coopération militaire à Moscou. "
    "Les États-Unis ont condamné la Corée du Nord."
)


class LiveServer:
    """A uvicorn server running an app in a thread on a free loopback port."""

    def __init__(self, app: Any) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        self.client = httpx.Client(base_url=f"http://127.0.0.1:{self.port}", timeout=120)

    def stop(self) -> None:
        self.client.close()
        self.server.should_exit = True
        self.thread.join(30)


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("server") / "seeds.duckdb"
    report = api.ingest(SEEDS, db)
    assert report.stored == 2 and report.events > 10
    return db


@pytest.fixture(scope="module")
def ro(seeds_db: Path) -> Iterator[LiveServer]:
    """A read-only server over the seeds."""
    live = LiveServer(create_app(seeds_db))
    yield live
    live.stop()


@pytest.fixture(scope="module")
def rw(seeds_db: Path) -> Iterator[tuple[LiveServer, Path]]:
    """A writable server (with a write token and a small body limit) over a copy of the seeds store."""
    db = seeds_db.with_name("writable.duckdb")
    shutil.copy(seeds_db, db)
    live = LiveServer(create_app(db, write_token=TOKEN, max_body=MAX_BODY))
    yield live, db
    live.stop()


def state(db: Path, read_only: bool) -> tuple[Any, ...]:
    """The store's fingerprint (counts and largest ids), read through a connection like the server's."""
    with Store(db, read_only=read_only) as store:
        return store.fingerprint()


def stored_events(db: Path) -> list[dict[str, Any]]:
    with Store(db, read_only=True) as store:
        return list(store.iter_events())


def error_of(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert error["status"] == status and error["code"] == code and error["message"]
    return error  # type: ignore[no-any-return]


# -- reading ---------------------------------------------------------------------------------------------
def test_health_openapi_and_no_cdn_docs(ro: LiveServer, seeds_db: Path) -> None:
    health = ro.client.get("/api/health").json()
    with Store(seeds_db, read_only=True) as store:
        counts = store.counts()
    assert health["status"] == "ok" and health["writable"] is False
    assert (health["articles"], health["events"]) == (counts["articles"], counts["events"])
    spec = ro.client.get("/openapi.json").json()
    for path in ("/api/actors", "/api/actors/{code}", "/api/events", "/api/graph", "/api/dyads/{a}/{b}"):
        assert path in spec["paths"], path
    assert {"get", "post"} <= set(spec["paths"]["/api/articles"]) | set(
        spec["paths"]["/api/articles/{article_id}"]
    )
    assert "limit" in {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    error_of(ro.client.get("/docs"), 404, "not_found")  # Swagger UI would load a CDN
    page = ro.client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")


def test_dyad_prk_rus_has_the_june_2024_treaty_with_its_evidence(ro: LiveServer) -> None:
    body = ro.client.get("/api/dyads/PRK/RUS").json()
    assert (body["a"], body["b"]) == ("PRK", "RUS") and body["dyad"]["sign"] == "cooperation"
    days = [e["day"] for e in body["events"] if e["day"]]
    assert days == sorted(days) and body["total"] == len(body["events"])
    treaty = [e for e in body["events"] if e["type"] == "AGREE" and e["date"] == "2024-06-19"]
    assert treaty, [(e["type"], e["date"]) for e in body["events"]]
    reports = treaty[0]["reports"]
    assert any("traité de défense mutuelle" in r["evidence"] for r in reports)
    for r in reports:  # every evidence sentence stands at its offsets in its article's cleaned text
        article = ro.client.get(f"/api/articles/{r['article_id']}").json()
        assert article["text"][r["start"] : r["end"]] == r["evidence"]
        assert r["outlet"] is not None and 0 < r["credibility"] <= 1 and r["modality"] == "asserted"
    windows = {p["window"]: p for p in body["series"]}
    assert windows["2024"]["coop"] > 0 and windows["2024"]["conflict"] == 0 and windows["2023"]["events"] == 0
    page = ro.client.get("/api/dyads/RUS/PRK?limit=2&offset=1").json()
    assert page["total"] == body["total"] and [e["id"] for e in page["events"]] == [
        e["id"] for e in body["events"][1:3]
    ]


def test_graph_edges_and_blocs(ro: LiveServer) -> None:
    body = ro.client.get("/api/graph").json()
    edges = {e["id"]: e for e in body["edges"]}
    assert edges["PRK|RUS"]["sign"] == "cooperation" and edges["PRK|RUS"]["coop"] > 0
    assert edges["RUS|UKR"]["sign"] == "conflict"
    bloc = {n["id"]: n["bloc"] for n in body["nodes"]}
    assert bloc["RUS"] == bloc["PRK"] == bloc["CHN"] == bloc["IRN"] != -1
    assert bloc["KOR"] == bloc["USA"] != bloc["RUS"]
    assert all(e["source"] in bloc and e["target"] in bloc for e in body["edges"])
    assert body["range"]["first"].startswith("2022") and body["range"]["last"].startswith("2024")


def test_graph_since_2023_drops_the_2022_events_as_the_graph_layer_does(
    ro: LiveServer, seeds_db: Path
) -> None:
    full = ro.client.get("/api/graph").json()
    later = ro.client.get("/api/graph?since=2023-01-01").json()
    assert later["window"]["since"] == "2023-01-01" and later["range"] == full["range"]
    assert 0 < later["events"] < full["events"]
    assert all(e["first"] >= "2023-01-01" for e in later["edges"])
    assert any(e["first"] < "2023-01-01" for e in full["edges"])
    # the same scores as the graph layer built with since= from the start
    copy = seeds_db.with_name("graph-copy.duckdb")  # the served file is open read-only in this process
    shutil.copy(seeds_db, copy)
    built = {
        (r["dyad"].replace("–", "|")): r for r in api.graph(copy, since="2023-01-01").rows(derived=False)
    }
    served = {e["id"]: e for e in later["edges"]}
    assert set(served) == set(built)
    for key, row in built.items():
        assert served[key]["coop"] == pytest.approx(row["coop"], abs=1e-3)
        assert served[key]["conflict"] == pytest.approx(row["conflict"], abs=1e-3)
    early = ro.client.get("/api/graph?until=2022-12-31").json()
    assert early["edges"] and all(e["last"] <= "2022-12-31" for e in early["edges"])


def test_events_filters_and_pages(ro: LiveServer, seeds_db: Path) -> None:
    records = stored_events(seeds_db)
    with_rus = [r for r in records if "RUS" in r["source"] or "RUS" in r["target"]]
    first = ro.client.get("/api/events?actor=RUS&limit=3").json()
    assert first["total"] == len(with_rus) and len(first["items"]) == 3
    ids: list[str] = []
    for offset in range(0, first["total"], 3):
        page = ro.client.get(f"/api/events?actor=rus&limit=3&offset={offset}").json()
        assert page["total"] == first["total"] and page["offset"] == offset
        ids += [e["id"] for e in page["items"]]
    assert sorted(ids) == sorted(r["id"] for r in with_rus)  # pages cover every event once
    beyond = ro.client.get(f"/api/events?actor=RUS&offset={first['total']}").json()
    assert beyond["items"] == [] and beyond["total"] == first["total"]
    both = ro.client.get(
        "/api/events?actor=RUS&partner=PRK&since=2024-01-01&until=2024-12-31&limit=500"
    ).json()
    assert both["total"] > 0
    for e in both["items"]:
        assert {"RUS", "PRK"} <= set(e["source"]) | set(e["target"]) and "2024-01-01" <= e[
            "day"
        ] <= "2024-12-31"
        assert e["article_id"] and "outlet" in e
    coop = ro.client.get("/api/events?quad=verbal_coop&limit=500").json()
    assert coop["total"] > 0 and {e["type"] for e in coop["items"]} <= {
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "REQUEST",
    }
    negated = ro.client.get("/api/events?negated=true&limit=500").json()
    assert negated["total"] == sum(1 for r in records if r["negated"]) > 0
    assert all(e["negated"] for e in negated["items"])
    alleged = ro.client.get("/api/events?modality=alleged&limit=500").json()
    assert alleged["total"] == sum(1 for r in records if r["modality"] == "alleged")
    assert ro.client.get("/api/events?outlet=nowhere.example&limit=5").json()["total"] == 0


def test_actors_search_detail_and_alerts(ro: LiveServer) -> None:
    found = ro.client.get("/api/actors", params={"q": "corée"}).json()
    assert {a["code"] for a in found["items"]} == {"PRK", "KOR"}  # French names from the actors KB
    everyone = ro.client.get("/api/actors?limit=500").json()
    assert everyone["items"][0]["code"] == "RUS" and everyone["total"] == len(everyone["items"])
    rus = ro.client.get("/api/actors/rus").json()
    assert rus["name"] == "Russia" and rus["kind"] == "state" and "Russie" in rus["names"]
    assert {"PRK", "CHN", "IRN", "UKR"} <= {p["code"] for p in rus["partners"]}
    alerts = ro.client.get("/api/alerts").json()
    assert any((a["a"], a["b"], a["kind"]) == ("PRK", "RUS", "cooperation") for a in alerts["items"])
    assert alerts["latest"] == "2024"


def test_article_with_evidence_spans(ro: LiveServer, seeds_db: Path) -> None:
    records = stored_events(seeds_db)
    article_id = records[0]["article_id"]
    view = ro.client.get(f"/api/articles/{article_id}").json()
    assert view["id"] == article_id and view["title"] and view["published"]
    evidence = {r["id"]: r["evidence"] for r in records if r["article_id"] == article_id}
    assert len(view["spans"]) == len(evidence)
    for span in view["spans"]:
        assert view["text"][span["start"] : span["end"]] == evidence[span["event_id"]]
    by_doc = ro.client.get(f"/api/articles/{view['doc']}").json()
    assert by_doc["id"] == article_id


# -- refusals --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/api/events?limit=501", "limit"),
        ("/api/events?limit=0", "limit"),
        ("/api/events?offset=-1", "offset"),
        ("/api/events?since=2024-13-01", "since"),
        ("/api/events?until=yesterday", "until"),
        ("/api/events?since=2024-06-01&until=2024-01-01", "until"),
        ("/api/events?quad=friendly", "quad"),
        ("/api/events?negated=perhaps", "negated"),
        ("/api/events?modality=certain", "modality"),
        ("/api/graph?min_weight=-1", "min_weight"),
        ("/api/graph?window=week", "window"),
        ("/api/graph?since=2024-1-1", "since"),
        ("/api/dyads/PRK/RUS?until=2024-02-30", "until"),
        ("/api/alerts?latest=last", "latest"),
        ("/api/actors?limit=1000", "limit"),
    ],
)
def test_malformed_parameter_gives_422_naming_it(ro: LiveServer, path: str, parameter: str) -> None:
    error = error_of(ro.client.get(path), 422, "invalid_parameter")
    assert error["parameter"] == parameter and error["message"].startswith(f"{parameter}:")


def test_unknown_things_give_404_and_wrong_methods_405(ro: LiveServer) -> None:
    assert error_of(ro.client.get("/api/actors/XQZ"), 404, "not_found")["parameter"] == "code"
    assert error_of(ro.client.get("/api/dyads/PRK/XQZ"), 404, "not_found")["parameter"] == "b"
    assert error_of(ro.client.get("/api/dyads/XQZ/PRK"), 404, "not_found")["parameter"] == "a"
    error_of(ro.client.get("/api/articles/0123456789abcdef"), 404, "not_found")
    error_of(ro.client.get("/api/nothing-here"), 404, "not_found")
    error_of(ro.client.delete("/api/events"), 405, "method_not_allowed")
    error_of(ro.client.put("/api/articles", json={}), 405, "method_not_allowed")


def test_read_only_server_refuses_writes_with_403(ro: LiveServer, seeds_db: Path) -> None:
    before = state(seeds_db, read_only=True)
    body = {"articles": [{"text": POSTED}]}
    error_of(ro.client.post("/api/articles", json=body), 403, "read_only")
    error_of(
        ro.client.post("/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"}),
        403,
        "read_only",
    )
    assert state(seeds_db, read_only=True) == before


def test_refused_writes_leave_the_store_as_it_was(rw: tuple[LiveServer, Path]) -> None:
    live, db = rw
    before = state(db, read_only=False)
    body = {"articles": [{"text": POSTED, "published": "2025-03-14"}]}
    error_of(live.client.post("/api/articles", json=body), 401, "unauthorized")
    error_of(
        live.client.post("/api/articles", json=body, headers={"Authorization": "Bearer wrong"}),
        401,
        "unauthorized",
    )
    error_of(
        live.client.post("/api/articles", json=body, headers={"Authorization": TOKEN}), 401, "unauthorized"
    )
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = {"articles": [{"text": "La Russie soutient la Corée du Nord. " * (MAX_BODY // 30)}]}
    error_of(live.client.post("/api/articles", json=big, headers=auth), 413, "too_large")

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit holds while the body streams in
        yield b'{"articles": [{"text": "'
        for _ in range(MAX_BODY // 10_000 + 2):
            yield b"x" * 10_000
        yield b'"}]}'

    error_of(live.client.post("/api/articles", content=chunks(), headers=auth), 413, "too_large")
    bad_json = live.client.post("/api/articles", content=b'{"articles": [', headers=auth)
    assert error_of(bad_json, 422, "invalid_parameter")["parameter"] == "body"
    no_text = live.client.post("/api/articles", json={"articles": [{"title": "x"}]}, headers=auth)
    assert error_of(no_text, 422, "invalid_parameter")["parameter"] == "articles[0].text"
    empty = live.client.post("/api/articles", json={"articles": []}, headers=auth)
    assert error_of(empty, 422, "invalid_parameter")["parameter"] == "articles"
    assert state(db, read_only=False) == before


def test_post_ingests_an_article_once(rw: tuple[LiveServer, Path]) -> None:
    live, db = rw
    auth = {"Authorization": f"Bearer {TOKEN}"}
    health = live.client.get("/api/health").json()
    assert health["writable"] is True
    body = {"articles": [{"text": POSTED, "title": "Un accord", "published": "2025-03-14", "id": "posted-1"}]}
    first = live.client.post("/api/articles", json=body, headers=auth)
    assert first.status_code == 201, first.text
    result = first.json()
    assert result["stored"] == 1 and result["events"] >= 1 and len(result["ids"]) == 1
    article = live.client.get(f"/api/articles/{result['ids'][0]}").json()
    assert article["doc"] == "posted-1" and "accord de coopération militaire" in article["text"]
    assert article["spans"] and all(
        0 <= s["start"] < s["end"] <= len(article["text"]) for s in article["spans"]
    )
    after = live.client.get("/api/health").json()
    assert (
        after["articles"] == health["articles"] + 1 and after["events"] == health["events"] + result["events"]
    )
    agree = live.client.get("/api/events?actor=RUS&partner=PRK&since=2025-01-01&type=AGREE").json()
    assert agree["total"] == 1 and agree["items"][0]["date"] == "2025-03-12"
    graph = live.client.get("/api/graph?since=2025-01-01").json()  # the graph cache saw the write
    assert "PRK|RUS" in {e["id"] for e in graph["edges"]}
    unchanged = state(db, read_only=False)
    again = live.client.post("/api/articles", json=body, headers=auth)
    assert again.status_code == 201 and again.json()["stored"] == 0 and again.json()["duplicates"] == 1
    assert again.json()["ids"] == result["ids"]
    assert state(db, read_only=False) == unchanged
