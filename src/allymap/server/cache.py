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
    encoded answers of graph, explain and alerts requests for that state. `invalidate()` after a write
    makes the next request compare fingerprints and rebuild when the store changed; concurrent requests
    wait for one build instead of each building."""

    def __init__(self, size: int = 256) -> None:
        self.answers = LRU(size)
        self._snapshot: Snapshot | None = None
        self._stale = True
        self._lock = threading.Lock()

    def invalidate(self) -> None:
        self._stale = True

    def snapshot(self, store: Store) -> Snapshot:
        current = self._snapshot
        if current is not None and not self._stale:
            return current
        with self._lock:
            if self._snapshot is not None and not self._stale:
                return self._snapshot
            self._stale = False
            fingerprint = store.fingerprint()
            if self._snapshot is None or self._snapshot.fingerprint != fingerprint:
                self._snapshot = Snapshot(fingerprint, load_store_graph(store), store.actor_counts())
                self.answers.clear()
            return self._snapshot

    def answer(self, store: Store, key: Hashable, make: Callable[[Snapshot], Any]) -> bytes | None:
        """The encoded answer for `key` in the current store state, made (and kept) when missing. `make`
        returns a JSON-ready value, or None (then None is returned and nothing kept)."""
        snap = self.snapshot(store)
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
