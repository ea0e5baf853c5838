"""The dashboard in a real browser (Debian's chromium through Playwright) over a real uvicorn server."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from allymap import api

pytest.importorskip("playwright.sync_api")
uvicorn = pytest.importorskip("uvicorn")

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[1]
SCREENSHOT = ROOT / "docs" / "measurements" / "issue8-dashboard.png"
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent")


# -- a real server over a real store ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("dashboard") / "seeds.duckdb"
    report = api.ingest([ROOT / "examples" / "seeds"], db)
    assert report.stored == 2 and report.events > 0
    return db


@pytest.fixture(scope="module")
def treaty(seeds_db: Path) -> str:
    """The seeds' sentence on the June 2024 mutual-defence treaty signed in Pyongyang, read from the store
    before the server opens it."""
    found = [
        r["evidence"]
        for r in api.stored_events(seeds_db)
        if {"PRK", "RUS"} <= set(r["source"]) | set(r["target"])
        and r["type"] == "AGREE"
        and str(r["date"]).startswith("2024-06")
        and "traité" in r["evidence"]
    ]
    assert found, "the seeds lost the treaty record"
    return str(found[0])


@pytest.fixture(scope="module")
def server(seeds_db: Path, treaty: str) -> Iterator[str]:
    from allymap.server.app import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(seeds_db), log_level="warning", lifespan="on")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)
    sock.close()


def get(base: str, path: str) -> Any:
    with urllib.request.urlopen(base + path, timeout=30) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield chromium
        chromium.close()


class Page:
    """A fresh tab on the dashboard, recording every request it makes and every script error."""

    def __init__(self, browser: Any, base: str) -> None:
        self.page = browser.new_page(viewport={"width": 1500, "height": 900})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(base + "/")
        self.page.wait_for_selector("#graph[data-state=ready]", timeout=30_000)

    def edges(self) -> dict[str, dict[str, str]]:
        return self.page.eval_on_selector_all(  # type: ignore[no-any-return]
            "#graph [data-edge]",
            "els => Object.fromEntries(els.map(e => [e.dataset.edge,"
            " {first: e.dataset.first, last: e.dataset.last, sign: e.dataset.sign}]))",
        )

    def loads(self) -> int:
        return int(self.page.get_attribute("#graph", "data-loads") or 0)

    def wait_loaded(self, after: int) -> None:
        """Until the graph has been loaded again (after `after` loads) and drawn."""
        self.page.wait_for_function(
            "n => { const g = document.querySelector('#graph');"
            " return g.dataset.state === 'ready' && +(g.dataset.loads || 0) > n; }",
            arg=after,
        )

    def panel_dates(self) -> list[str]:
        return self.page.eval_on_selector_all(  # type: ignore[no-any-return]
            "#evidence li.event", "els => els.map(e => e.dataset.date)"
        )

    def check_clean(self) -> None:
        outside = [
            u
            for u in self.requests
            if urlparse(u).scheme not in ("data", "blob") and urlparse(u).hostname not in LOOPBACK
        ]
        assert self.requests and not outside, outside
        assert not self.errors, self.errors


@pytest.fixture
def dash(browser: Any, server: str) -> Iterator[Page]:
    page = Page(browser, server)
    yield page
    page.page.close()


# -- the tests ---------------------------------------------------------------------------------------------
def test_dashboard_draws_the_alliance_system(dash: Page, server: str) -> None:
    edges = dash.edges()
    for partner in ("PRK", "CHN", "IRN"):
        assert f"{partner}|RUS" in edges, sorted(edges)
    assert "KOR|USA" in edges
    assert edges["PRK|RUS"]["sign"] == "cooperation" and edges["RUS|UKR"]["sign"] == "conflict"
    graph = get(server, "/api/graph")
    direct = {e["id"] for e in graph["edges"] if not e.get("derived")}
    assert set(edges) == direct  # every link of the API, nothing else
    blocs = dash.page.eval_on_selector_all(
        "#graph [data-node]", "els => Object.fromEntries(els.map(e => [e.dataset.node, e.dataset.bloc]))"
    )
    assert blocs["RUS"] == blocs["PRK"] == blocs["CHN"] == blocs["IRN"] != blocs["USA"] == blocs["KOR"]
    colours = dash.page.eval_on_selector_all(
        "#graph [data-node] .shape", "els => els.map(e => e.getAttribute('fill'))"
    )
    assert len(set(colours)) >= 2
    legend = dash.page.inner_text(".legend")
    assert "Bloc 1" in legend and "Bloc 2" in legend and "conflict" in legend
    dash.check_clean()


def test_clicking_the_rus_prk_edge_shows_the_treaty_sentence(dash: Page, treaty: str) -> None:
    sentence = treaty
    dash.page.click('[data-edge="PRK|RUS"]')
    dash.page.wait_for_selector('#evidence[data-dyad="PRK|RUS"][data-state=ready]')
    item = dash.page.locator("#evidence li.event").filter(has_text=sentence[:60]).first
    marked = dash.page.locator(".ctx[data-context=article] mark", has_text=sentence[:60])
    report = item.locator(".report").filter(has=marked).first
    mark = report.locator("mark")
    mark.wait_for(timeout=15_000)
    assert mark.inner_text().replace("\n", " ") == sentence
    # in its article: the paragraph holds the text around the marked sentence
    assert len(report.locator(".ctx").inner_text()) > len(sentence) + 40
    meta = report.locator("dl.meta").inner_text()
    for field in ("outlet", "claimed by", "modality", "negated", "date", "credibility"):
        assert field in meta
    assert "2024-06" in item.locator("time").inner_text()
    # the dyad's timeline: one bar group per window, 2022 and 2024 with events
    windows = dash.page.eval_on_selector_all(
        "#timeline [data-window]",
        "els => Object.fromEntries(els.map(e => [e.dataset.window, +e.dataset.events]))",
    )
    assert windows.get("2022", 0) > 0 and windows.get("2024", 0) > 0
    dash.check_clean()


def test_moving_the_time_slider_drops_2022(dash: Page) -> None:
    dash.page.click('[data-edge="PRK|RUS"]')
    dash.page.wait_for_selector('#evidence[data-dyad="PRK|RUS"][data-state=ready]')
    before = dash.panel_dates()
    assert any(d.startswith("2022") for d in before) and any(d.startswith("2024") for d in before)
    edges_before = dash.edges()
    assert any(e["first"].startswith("2022") for e in edges_before.values())
    since = dash.page.locator("#since")
    since.focus()
    for _ in range(60):
        if dash.page.inner_text("#since-label") >= "2023-01":
            break
        since.press("ArrowRight")
    assert dash.page.inner_text("#since-label") >= "2023-01"
    dash.page.wait_for_function(
        "() => { const g = document.querySelector('#graph');"
        " return g.dataset.state === 'ready' && g.dataset.since >= '2023'; }"
    )
    dash.wait_loaded(0)
    dash.page.wait_for_function(
        "() => { const p = document.querySelector('#evidence'); const d = [...p.querySelectorAll('li.event')]"
        ".map(e => e.dataset.date); return p.dataset.state === 'ready' && d.length > 0"
        " && !d.some(x => x.startsWith('2022')); }"
    )
    after = dash.panel_dates()
    assert after and all(d >= "2023" for d in after) and any(d.startswith("2024") for d in after)
    edges_after = dash.edges()
    assert all(e["first"] >= "2023" for e in edges_after.values())  # the 2022 events are gone
    for key in ("PRK|RUS", "CHN|RUS", "IRN|RUS", "KOR|USA"):  # the 2024 ones stay
        assert key in edges_after
    dash.check_clean()


def test_actor_search_focuses_a_node(dash: Page) -> None:
    dash.page.fill("#search", "Iran")
    dash.page.press("#search", "Enter")
    dash.page.wait_for_selector('#evidence[data-actor="IRN"][data-state=ready]')
    assert "focus" in (dash.page.get_attribute('[data-node="IRN"]', "class") or "")
    assert dash.page.locator('#evidence [data-partner="RUS"]').count() == 1
    # a name in another language, resolved by the server's actor search
    dash.page.fill("#search", "Corée du Sud")
    dash.page.press("#search", "Enter")
    dash.page.wait_for_selector('#evidence[data-actor="KOR"][data-state=ready]')
    dash.check_clean()


def test_filters_keep_the_links_with_matching_events(dash: Page, server: str) -> None:
    conflict = get(server, "/api/events?quad=material_conflict&limit=500")["items"]
    pairs = {(a, b) for e in conflict for a in e["source"] for b in e["target"] if a != b}
    expected = {"|".join(sorted(p)) for p in pairs}
    assert expected
    loads = dash.loads()
    dash.page.select_option("#quad", "material_conflict")
    dash.wait_loaded(loads)
    shown = set(dash.edges())
    assert shown and shown <= expected and "PRK|RUS" not in shown
    dash.page.click("#reset")
    dash.page.wait_for_selector('#graph [data-edge="PRK|RUS"]')
    dash.check_clean()


def test_screenshot_of_the_dashboard_on_the_seeds(dash: Page, treaty: str) -> None:
    sentence = treaty
    dash.page.set_viewport_size({"width": 1680, "height": 940})
    dash.page.click('[data-edge="PRK|RUS"]')
    marked = dash.page.locator(".ctx[data-context=article] mark", has_text=sentence[:60])
    item = dash.page.locator("#evidence li.event").filter(has=marked).first
    item.wait_for(timeout=15_000)
    dash.page.wait_for_function("() => !document.querySelector('#evidence .ctx[data-context=sentence]')")
    item.evaluate("e => { e.closest('.panel-scroll').scrollTop = e.offsetTop - 8; }")  # the treaty on top
    dash.page.mouse.move(2, 930)  # no hover effect left on the graph where the edge was clicked
    dash.page.wait_for_timeout(500)
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    png = dash.page.screenshot(path=str(SCREENSHOT))
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 50_000
    dash.check_clean()


def test_the_demo_ends_by_telling_how_to_open_the_dashboard(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from allymap.cli.main import app

    db = tmp_path / "demo.duckdb"
    result = CliRunner().invoke(app, ["demo", "--db", str(db), "--out", str(tmp_path / "report")])
    assert result.exit_code == 0, result.output
    last = " ".join(result.output.split()).rsplit("Alliance report written", 1)[-1]
    assert f"Open the dashboard: allymap serve --db {db}" in last and "http://127.0.0.1:8000/" in last
    assert "serve" in {c.name for c in app.registered_commands}  # the command it names exists
