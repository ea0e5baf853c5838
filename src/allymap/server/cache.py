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


class LRU:
    """A thread-safe least-recently-used map of at most `size` entries."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> Any:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                self.hits += 1
                return self._items[key]
            self.misses += 1
            return None

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

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

    def __init__(self, open_cursor: Callable[[], Store], size: int = 256, patience: float = 5.0) -> None:
        self.answers = LRU(size)
        self.open_cursor = open_cursor
        self.patience = patience
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
        full_key = (snap.fingerprint, key)
        found = self.answers.get(full_key)
        if found is not None:
            return found  # type: ignore[no-any-return]
        payload = make(snap)
        if payload is None:
            return None
        body = encode(payload)
        self.answers.put(full_key, body)
        return body
