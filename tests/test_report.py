"""The HTML report: self-contained and escaped, and rendered by headless Chromium with the network off."""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from test_graph import actors, ev

from allymap.graph import build_graph
from allymap.graph.report import render, write_report
from allymap.records import Event

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def two_camps() -> list[Event]:
    events = [
        ev("a1", "AGREE", ("RUS",), ("PRK",), "RUS et PRK signent un traité", "2024-06-19", symmetric=True),
        ev("a1", "AID", ("PRK",), ("RUS",), "PRK livre des obus à RUS", "2024-06-19", start=40, end=60),
        ev("a2", "CONSULT", ("RUS",), ("PRK",), "Visite à Pyongyang", "2022-11-03"),
        ev("a3", "ASSAULT", ("RUS",), ("UKR",), "RUS bombarde UKR", "2024-05-01"),
        ev("a3", "AID", ("USA",), ("UKR",), "USA aide UKR <script>alert(1)</script>", "2024-05-02", start=30),
        ev("a4", "ACCUSE", ("USA",), ("PRK",), "USA accuse PRK", "2024-06-20"),
        ev(
            "a4", "ALLY", ("FRA",), ("USA",), "FRA, alliée des USA", kind="relation", symmetric=True, start=50
        ),
        ev("a4", "COOPERATE", ("FRA",), ("DEU",), "FRA et DEU coopèrent", "2024-06-20", start=90),
    ]
    return events


@pytest.fixture
def graph() -> Any:
    return build_graph(two_camps(), {}, None, actors())


def test_report_is_self_contained_and_escaped(graph: Any, tmp_path: Path) -> None:
    html = render(graph)
    assert "<script" not in html  # the evidence's <script> is escaped, and the report has none of its own
    assert "&lt;script&gt;" in html
    assert "<link" not in html and "@import" not in html and "src=" not in html
    assert set(re.findall(r"https?://[^\s\"')]+", html)) <= {"http://www.w3.org/2000/svg"}
    assert html.count('class="node"') == 6 and 'class="relation"' in html and 'class="timeline"' in html
    path = write_report(graph, tmp_path / "out")
    assert path == tmp_path / "out" / "index.html" and path.read_text(encoding="utf-8") == html


def _pixels(png: bytes) -> list[bytes]:
    """Rows of RGB(A) pixels of an 8-bit, non-interlaced PNG (what Chromium writes)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, data, width, height, channels = 8, b"", 0, 0, 4
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind, body = png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            data += body
        pos += 12 + length
    raw, stride, rows, prev = zlib.decompress(data), width * channels, [], bytearray(width * channels)
    for y in range(height):
        ftype, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = prev[i], prev[i - channels] if i >= channels else 0
            if ftype == 1:
                line[i] = (line[i] + left) & 255
            elif ftype == 2:
                line[i] = (line[i] + up) & 255
            elif ftype == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif ftype == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append(bytes(line))
        prev = line
    return [bytes(row[x : x + 3]) for row in rows for x in range(0, stride, channels)]


def test_report_renders_in_headless_chromium_offline(graph: Any, tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')"
    )
    path = write_report(graph, tmp_path / "report")
    requested: list[str] = []

    def guard(route: Any) -> None:
        requested.append(route.request.url)
        route.continue_() if route.request.url.startswith("file:") else route.abort()

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            context = browser.new_context(offline=True, viewport={"width": 1400, "height": 1000})
            context.route("**/*", guard)
            page = context.new_page()
            page.goto(path.as_uri())
            svg = page.locator("#alliance-graph")
            assert page.locator("#alliance-graph g.node").count() == 6
            assert page.locator("#alliance-graph .edge").count() >= 4
            box = svg.bounding_box()
            assert box is not None and box["width"] > 400 and box["height"] > 250
            labels = page.locator("#alliance-graph g.node text").all_text_contents()
            assert {"RUS", "PRK", "UKR", "USA"} <= set(labels)
            shot = tmp_path / "graph.png"
            svg.screenshot(path=str(shot))
            page.screenshot(path=str(tmp_path / "page.png"), full_page=True)
        finally:
            browser.close()
    assert [u for u in requested if not u.startswith("file:")] == []
    pixels = _pixels(shot.read_bytes())
    background = max(set(pixels[::97]), key=pixels[::97].count)
    drawn = sum(1 for px in pixels if px != background) / len(pixels)
    assert 0.02 < drawn < 0.9, drawn  # something is drawn, and it is not a blank or solid block
    assert len(set(pixels)) > 20
