"""The server's caches: the store's alliance graph, built once per store state, and encoded answers (LRU)."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from allymap.server.queries import StoreGraph, load_store_graph
from allymap.store import Store


def encode(payload: Any) -> bytes:
    """Compact UTF-8 JSON (dates and other values as strings)."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")


def size_of(value: Any) -> int:
    """About how many bytes a cached value holds (encoded answers and numpy arrays exactly)."""
    if isinstance(value, bytes | bytearray):
        return len(value) + 100
    nbytes = getattr(value, "nbytes", None)
    return int(nbytes) + 200 if isinstance(nbytes, int) else 1_000


class _Flight:
    """One computation in progress, which the other requests for the same key wait for."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: Any = None
        self.error: BaseException | None = None

    def result(self) -> Any:
        self.done.wait()
        if self.error is not None:
            raise self.error
        return self.value


class LRU:
    """A thread-safe least-recently-used map holding at most `max_bytes` bytes of values (see `size_of`).

    `get_or_make(key, make)` is single-flight: when several threads ask for the same missing key at once,
    one calls `make` and the others wait for its value (or its exception)."""

    def __init__(self, max_bytes: int = 256_000_000) -> None:
        self.max_bytes = max_bytes
        self.bytes = 0
        self._items: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._flights: dict[Hashable, _Flight] = {}
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0
        self.made = 0

    def get(self, key: Hashable) -> Any:
        with self._lock:
            return self._lookup(key)

    def _lookup(self, key: Hashable) -> Any:
        """The kept value of `key` (now the most recently used) or None, counted; the lock is held."""
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
            self.hits += 1
            return found[0]
        self.misses += 1
        return None

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._put(key, value)

    def _put(self, key: Hashable, value: Any) -> None:
        size = size_of(value)
        if size > self.max_bytes:
            return
        old = self._items.pop(key, None)
        if old is not None:
            self.bytes -= old[1]
        self._items[key] = (value, size)
        self.bytes += size
        while self.bytes > self.max_bytes:
            _, (_, dropped) = self._items.popitem(last=False)
            self.bytes -= dropped

    def get_or_make(self, key: Hashable, make: Callable[[], Any]) -> Any:
        """The value of `key`, made by `make()` (once for all concurrent askers) and kept when missing.
        A None from `make` is returned and not kept."""
        with self._lock:
            if (found := self._lookup(key)) is not None:
                return found
            flight = self._flights.get(key)
            owner = flight is None
            if flight is None:
                flight = self._flights[key] = _Flight()
        if not owner:
            return flight.result()
        try:
            flight.value = make()
            self.made += 1
        except BaseException as exc:
            flight.error = exc
            raise
        finally:
            with self._lock:
                if flight.error is None and flight.value is not None:
                    self._put(key, flight.value)
                del self._flights[key]
            flight.done.set()
        return flight.value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.bytes = 0

    def __len__(self) -> int:
        return len(self._items)


@dataclass(frozen=True)
class Snapshot:
    """What the graph endpoints read for one store state: its fingerprint, graph and actor event counts."""

    fingerprint: tuple[Any, ...]
    graph: StoreGraph
    counts: dict[str, int]


class GraphCache:
    """The store's graph, built once per store state (its fingerprint: counts and largest ids), and the
    encoded answers of graph, explain and alerts requests for that state.

    A build runs in its own thread on its own cursor (`open_cursor()`). The first request waits for the
    first build; concurrent requests wait for the same build, never start their own. After a write,
    `invalidate()` makes the next request start a rebuild (when the fingerprint changed) and wait up to
    `patience` seconds for it; past that it gets the previous graph, until the new one is ready (a store
    of 100k events takes minutes to build)."""

    def __init__(
        self, open_cursor: Callable[[], Store], max_bytes: int = 256_000_000, patience: float = 5.0
    ) -> None:
        self.answers = LRU(max_bytes)
        self.open_cursor = open_cursor
        self.patience = patience
        self.generation = 0  # bumped by every invalidate()
        self.error: BaseException | None = None
        self._snapshot: Snapshot | None = None
        self._stale = True
        self._building = False
        self._lock = threading.Lock()
        self._done = threading.Condition(self._lock)

    @property
    def status(self) -> str:
        """ready | building | pending (no graph asked for yet, or a write since the last one)."""
        if self._building:
            return "building"
        return "ready" if self._snapshot is not None and not self._stale else "pending"

    def invalidate(self) -> None:
        with self._lock:
            self._stale = True
            self.generation += 1

    def ready(self) -> Snapshot | None:
        """The current snapshot when it is built and no write came since (never waits), else None."""
        snap = self._snapshot
        return snap if snap is not None and not self._stale else None

    def peek(self, key: Hashable) -> bytes | None:
        """The kept answer for `key` in the current store state, without waiting or computing (None when
        the graph is not ready or the answer not kept)."""
        snap = self.ready()
        return None if snap is None else self.answers.get((snap.fingerprint, key))  # type: ignore[no-any-return]

    def snapshot(self) -> Snapshot:
        """The current store state's snapshot (see the class for when it waits)."""
        with self._lock:
            if self._snapshot is not None and not self._stale:
                return self._snapshot
            if self._stale and not self._building:
                self._stale, self._building = False, True
                threading.Thread(target=self._build, name="allymap-graph", daemon=True).start()
            if self._snapshot is None:
                while self._building:
                    self._done.wait()
            else:
                self._done.wait_for(lambda: not self._building, timeout=self.patience)
            if self._snapshot is None:
                raise RuntimeError("the graph could not be built") from self.error
            return self._snapshot

    def _build(self) -> None:
        try:
            store = self.open_cursor()
            try:
                fingerprint = store.fingerprint()
                current = self._snapshot
                if current is None or current.fingerprint != fingerprint:
                    current = Snapshot(fingerprint, load_store_graph(store), store.actor_counts())
            finally:
                store.close()
            with self._lock:
                if current is not self._snapshot:
                    self._snapshot = current
                    self.answers.clear()
                self.error = None
        except BaseException as exc:  # noqa: BLE001 - reported to the requests waiting for this build
            with self._lock:
                self.error, self._stale = exc, True
        finally:
            with self._lock:
                self._building = False
                self._done.notify_all()

    def answer(self, key: Hashable, make: Callable[[Snapshot], Any]) -> bytes | None:
        """The encoded answer for `key` in the current store state, made (and kept) when missing. `make`
        returns a JSON-ready value, or None (then None is returned and nothing kept)."""
        snap = self.snapshot()

        def made() -> bytes | None:
            payload = make(snap)
            return None if payload is None else encode(payload)

        return self.answers.get_or_make((snap.fingerprint, key), made)  # type: ignore[no-any-return]
