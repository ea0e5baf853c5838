"""The server's caches: a byte-sized single-flight LRU, the event table against the store's SQL, workers."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from allymap import api
from allymap.server.cache import LRU
from allymap.server.eventtable import EventPages, EventTable, event_filter
from allymap.store import Store
from allymap.store.search import EventFilter

SEEDS = Path(__file__).resolve().parents[1] / "src" / "allymap" / "examples" / "seeds"
CLI = Path(sys.executable).parent / "allymap"


# -- the LRU ----------------------------------------------------------------------------------------------
def test_lru_is_sized_in_bytes_and_drops_the_least_recently_used() -> None:
    cache = LRU(max_bytes=3_500)
    for key in "abc":
        cache.put(key, b"x" * 1_000)  # 1,100 bytes each with the entry's overhead
    assert cache.get("a") is not None  # a is now the most recently used
    cache.put("d", b"y" * 1_000)
    assert cache.bytes <= 3_500 and len(cache) == 3
    assert cache.get("b") is None and cache.get("a") is not None and cache.get("d") is not None
    cache.put("huge", b"z" * 10_000)  # larger than the whole budget: not kept, nothing dropped
    assert cache.get("huge") is None and len(cache) == 3


def test_concurrent_askers_of_a_missing_key_make_it_once() -> None:
    cache = LRU()
    calls: list[int] = []
    start = threading.Barrier(8)

    def make() -> bytes:
        calls.append(1)
        time.sleep(0.3)
        return b"answer"

    got: list[Any] = []

    def ask() -> None:
        start.wait()
        got.append(cache.get_or_make("k", make))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert got == [b"answer"] * 8 and len(calls) == 1
    assert cache.get_or_make("k", make) == b"answer" and len(calls) == 1


def test_a_failed_make_reaches_every_waiter_and_is_not_kept() -> None:
    cache = LRU()
    start = threading.Barrier(4)
    calls: list[int] = []

    def fail() -> bytes:
        calls.append(1)
        time.sleep(0.2)
        raise ValueError("boom")

    errors: list[BaseException] = []

    def ask() -> None:
        start.wait()
        try:
            cache.get_or_make("k", fail)
        except ValueError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert len(errors) == 4 and len(calls) == 1
    assert cache.get_or_make("k", lambda: b"later") == b"later"  # the next asker makes it again


# -- the event table --------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def varied_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds, plus copies of their events dated by year only, by month only, undated (on an undated
    article), with negation unknown and modality unknown, so that every filter meets its edge cases."""
    db = tmp_path_factory.mktemp("cache") / "varied.duckdb"
    assert api.ingest(SEEDS, db).events > 10
    with Store(db) as store:
        con = store.con
        con.execute(
            "INSERT INTO articles SELECT * REPLACE (id || '#u' AS id, doc || '#u' AS doc, NULL AS published, "
            "NULL AS domain) FROM articles"
        )
        for suffix, date_sql, extra in (
            ("y", "'2021'", ""),
            ("m", "'2023-02'", ", NULL AS negated"),
            ("u", "NULL", ", NULL AS modality"),
        ):
            article = "article_id || '#u'" if suffix == "u" else "article_id"
            con.execute(
                f"INSERT INTO events SELECT * REPLACE (id || '#{suffix}' AS id, {article} AS article_id, "
                f"{date_sql} AS date{extra}) FROM events WHERE id NOT LIKE '%#%'"
            )
    return db


def filters(store: Store) -> list[EventFilter]:
    outlet = store.con.execute("SELECT domain FROM articles WHERE domain IS NOT NULL LIMIT 1").fetchone()
    codes = sorted(store.actor_counts(), key=lambda c: -store.actor_counts()[c])[:3]
    first, second = codes[0], codes[1]
    out = [
        EventFilter(),
        EventFilter(actor=first),
        EventFilter(actor=first, partner=second),
        EventFilter(actor="NOBODY"),
        EventFilter(types=("AGREE", "ACCUSE")),
        EventFilter(types=("-",)),
        EventFilter(kind="relation"),
        EventFilter(since="2023-01-01"),
        EventFilter(until="2023-06-30"),
        EventFilter(since="2021-01-01", until="2021-12-31"),
        EventFilter(modality="asserted"),
        EventFilter(negated=True),
        EventFilter(negated=False, actor=first),
        EventFilter(outlet="https://www." + outlet[0] if outlet and outlet[0] else "x.example"),
        EventFilter(outlet="nowhere.example"),
    ]
    out.append(event_filter(first, None, (), "verbal_coop", None, None, None, None, None, None))
    out.append(event_filter(None, None, ("AGREE",), "material_conflict", None, None, None, None, None, None))
    return out


def test_event_table_pages_equal_the_store_query(varied_db: Path) -> None:
    with Store(varied_db, read_only=True) as store:
        table = EventTable(store)
        assert table.size == store.counts()["events"]
        assert table.dated.sum() < table.size  # the undated copies are there
        pages = EventPages(store.cursor)
        for where in filters(store):
            total, expected = store.find_events(where, 500, 0)
            rows = table.select(where)
            assert len(rows) == total, where
            assert table.page(store, rows, 500, 0) == expected, where
            for limit, offset in ((3, 0), (3, 3), (7, 5), (5, total), (4, max(0, total - 2))):
                want_total, want = store.find_events(where, limit, offset)
                body = json.loads(pages.answer(store, where, limit, offset))
                assert body["total"] == want_total and body["limit"] == limit and body["offset"] == offset
                assert body["items"] == json.loads(json.dumps(want, default=str)), (where, limit, offset)
        assert any(len(table.select(w)) for w in filters(store)[1:])  # not every filter is empty


def test_event_pages_follow_a_write(varied_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.duckdb"
    db.write_bytes(varied_db.read_bytes())
    with Store(db) as store:
        pages = EventPages(store.cursor)
        before = json.loads(pages.answer(store, EventFilter(), 5, 0))["total"]
        assert pages.peek(EventFilter(), 5, 0) is not None
        store.con.execute("DELETE FROM events WHERE id LIKE '%#y'")
        pages.invalidate()  # what the server does after a POST
        assert pages.peek(EventFilter(), 5, 0) is None
        after = json.loads(pages.answer(store, EventFilter(), 5, 0))["total"]
        assert after == store.counts()["events"] < before


# -- serve --workers ----------------------------------------------------------------------------------------
def test_serve_refuses_workers_for_a_writable_server(varied_db: Path) -> None:
    run = subprocess.run(
        [str(CLI), "serve", "--db", str(varied_db), "--workers", "2", "--write-token", "t"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2 and "--workers" in run.stderr + run.stdout
    run = subprocess.run(
        [str(CLI), "serve", "--db", str(varied_db), "--workers", "0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2


def test_serve_with_two_workers_answers(varied_db: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k != "ALLYMAP_WRITE_TOKEN"}
    proc = subprocess.Popen(
        [str(CLI), "serve", "--db", str(varied_db), "--port", str(port), "--workers", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=5)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise AssertionError("the server did not start") from None
                time.sleep(0.2)
        assert health.status_code == 200 and health.json()["writable"] is False
        with Store(varied_db, read_only=True) as store:
            total = store.counts()["events"]
        assert health.json()["events"] == total
        page = httpx.get(f"http://127.0.0.1:{port}/api/events?limit=2", timeout=60).json()
        assert page["total"] == total and len(page["items"]) == 2
        children = subprocess.run(
            ["pgrep", "-P", str(proc.pid)], capture_output=True, text=True
        ).stdout.split()
        assert len(children) >= 2  # uvicorn's worker processes (and its process watcher, maybe)
    finally:
        proc.terminate()
        proc.wait(30)


# -- graph windows ------------------------------------------------------------------------------------------
def test_window_index_scores_ranges_as_the_graph_layer_does(varied_db: Path) -> None:
    from datetime import date

    from allymap.graph.window import restrict
    from allymap.server.queries import load_store_graph

    with Store(varied_db, read_only=True) as store:
        full = load_store_graph(store)
    assert full.index is not None
    ranges = [(date(2023, 1, 1), None), (None, date(2022, 12, 31)), (date(2021, 1, 1), date(2021, 12, 31))]
    ranges += [(date(2024, 6, 1), date(2024, 6, 30)), (date(1900, 1, 1), date(1900, 12, 31))]
    compared = 0
    for since, until in ranges:
        fast = full.index.restrict(since, until)
        assert full.index.restrict(since, until) is fast  # kept for the next view of the same range
        slow = restrict(full.graph, since, until)
        assert set(fast.dyads) == set(slow.dyads), (since, until)
        for key, d in slow.dyads.items():
            mine = fast.dyads[key]
            assert (mine.coop, mine.conflict, mine.net) == (d.coop, d.conflict, d.net), (key, since, until)
            assert [c.event.id for c in mine.contributions] == [c.event.id for c in d.contributions]
            compared += 1
        assert fast.blocs.of == slow.blocs.of
    assert compared > 5
